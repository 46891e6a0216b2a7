"""soptool diff OLD NEW: what an edit changes in the procedure and its time."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from soptool.cli import app
from soptool.loading import load_file
from soptool.report.markdown import md_escape
from soptool.review.diff import compare, match_steps

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sops" / "rka-balai.yaml"
SEED_TEXT = SEED.read_text(encoding="utf-8")

runner = CliRunner()

# The format.md example, with numeric targets: inserting a step changes what "4" means.
SMALL = """\
nama: Contoh
pelaksana:
  penelaah: Penelaah
  kasubag: Kasubag Umum
langkah:
  - kegiatan: Menyusun konsep rencana aksi
    pelaksana: penelaah
    waktu: 5 jam
  - kegiatan: Memeriksa konsep rencana aksi
    pelaksana: kasubag
    waktu: 60 menit
    keputusan:
      ya: 3
      tidak: 1
  - kegiatan: Membahas rencana aksi dengan unit kerja
    pelaksana: penelaah
    waktu: 1 hari
"""


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def edited(tmp_path: Path, *pairs: tuple[str, str], text: str = SEED_TEXT,
           name: str = "new.yaml") -> Path:
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


STEP5_WAKTU = ("    waktu: 60 menit\n", "    waktu: 2 jam\n")


def test_time_change_of_one_step(tmp_path: Path) -> None:
    new = edited(tmp_path, STEP5_WAKTU)
    code, out, err = run("diff", str(SEED), str(new))
    assert code == 0, err
    assert out == (
        f"{new}: Penyusunan Rencana Aksi Balai: 1 langkah berubah\n"
        "  Waktu kerja total: 33 hari 6 jam -> 33 hari 7 jam (+1 jam)\n"
        "    Kasubag Umum: 1 jam -> 2 jam (+1 jam)\n"
        "  Langkah 5 (Memeriksa konsep rencana aksi Balai): waktu 60 menit -> 2 jam\n"
    )


def test_exit_code_option_fails_only_when_something_changed(tmp_path: Path) -> None:
    new = edited(tmp_path, STEP5_WAKTU)
    assert run("diff", "--exit-code", str(SEED), str(new))[0] == 1
    same = edited(tmp_path, ("# POS Penyusunan", "# Reworded comment: POS Penyusunan"),
                  name="same.yaml")
    code, out, _ = run("diff", "--exit-code", str(SEED), str(same))
    assert code == 0
    assert "tidak ada perubahan isi (hanya tata letak atau komentar)" in out


def test_inserted_step_renumbers_without_reporting_moves(tmp_path: Path) -> None:
    new = edited(tmp_path, (
        "  - id: periksa-konsep\n",
        "  - kegiatan: Mengirim konsep kepada Kasubag Umum\n"
        "    pelaksana: penelaah\n"
        "    waktu: 30 menit\n"
        "  - id: periksa-konsep\n",
    ))
    code, out, _ = run("diff", str(SEED), str(new))
    assert code == 0
    assert "1 langkah baru" in out
    assert ("  Langkah 5 (Mengirim konsep kepada Kasubag Umum) baru (pelaksana Penelaah Teknis "
            "Kebijakan (Penyusun Program dan Anggaran); waktu 30 menit)\n") in out
    assert "33 hari 6 jam -> 33 hari 6 jam 30 menit (+30 menit)" in out
    assert "dipindah" not in out
    assert "alur" not in out  # the ids keep every branch where it was


def test_removed_step(tmp_path: Path) -> None:
    new = edited(tmp_path, (
        "  - kegiatan: Memeriksa rencana aksi kegiatan/program dengan unit kerja terkait\n"
        "    pelaksana: ketua_tim\n"
        "    kelengkapan: dokumen rencana aksi kegiatan/program masing-masing unit kerja\n"
        "    waktu: 5 jam\n"
        "    output: dokumen hasil pembahasan\n", ""))
    code, out, _ = run("diff", str(SEED), str(new))
    assert code == 0
    assert ("  Langkah 7 (Memeriksa rencana aksi kegiatan/program…) dihapus (pelaksana Ketua Tim "
            "Kerja; waktu 5 jam)\n") in out
    assert "Waktu kerja total: 33 hari 6 jam -> 33 hari 1 jam (-5 jam)" in out
    assert "    Ketua Tim Kerja: 7 hari 2 jam 30 menit -> 6 hari 5 jam (-5 jam)\n" in out


def test_swapped_steps_are_one_move(tmp_path: Path) -> None:
    first = (
        "  - kegiatan: Mengumpulkan bahan-bahan rencana aksi\n"
        "    pelaksana: penelaah\n"
        "    kelengkapan: dokumen rencana aksi\n"
        "    waktu: 25 jam\n"
        "    output: dokumen bahan penyusunan laporan\n"
    )
    text = SEED_TEXT.replace(first, "")
    anchor = "  - id: susun-konsep\n"
    new = edited(tmp_path, (anchor, first + anchor), text=text)
    code, out, _ = run("diff", str(SEED), str(new))
    assert code == 0
    assert "Langkah 3, dulu 2 (Mengumpulkan bahan-bahan rencana aksi): dipindah dari urutan 2 " \
           "ke 3" in out
    assert out.count("dipindah") == 1
    assert "Waktu kerja" not in out  # the same steps, the same time


def test_kegiatan_edit_is_matched_by_similarity_and_shown_field_by_field(tmp_path: Path) -> None:
    new = edited(tmp_path, (
        "  - kegiatan: Mengumpulkan bahan-bahan rencana aksi\n    pelaksana: penelaah\n",
        "  - kegiatan: Mengumpulkan bahan rencana aksi Balai\n    pelaksana: ketua_tim\n",
    ))
    code, out, _ = run("diff", str(SEED), str(new))
    assert code == 0
    assert ("  Langkah 2 (Mengumpulkan bahan rencana aksi Balai): kegiatan Mengumpulkan "
            "bahan-bahan rencana aksi -> Mengumpulkan bahan rencana aksi Balai\n") in out
    assert ("  Langkah 2 (Mengumpulkan bahan rencana aksi Balai): pelaksana Penelaah Teknis "
            "Kebijakan (Penyusun Program dan Anggaran) -> Ketua Tim Kerja\n") in out
    assert "baru" not in out and "dihapus" not in out


def test_unrelated_kegiatan_is_a_removal_and_an_addition(tmp_path: Path) -> None:
    new = edited(tmp_path, ("Mengumpulkan bahan-bahan rencana aksi", "Rapat pleno tahunan"))
    code, out, _ = run("diff", str(SEED), str(new))
    assert "1 langkah baru, 1 langkah dihapus" in out
    assert "Langkah 2 (Rapat pleno tahunan) baru" in out
    assert "Langkah 2 (Mengumpulkan bahan-bahan rencana aksi) dihapus" in out


def test_matching_is_one_to_one_and_prefers_ids() -> None:
    old = load_file(SEED).sop
    assert old is not None
    pairs = match_steps(old, old)
    assert pairs == {i: i for i in range(len(old.langkah))}


def test_numeric_branch_that_now_points_elsewhere(tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text(SMALL)
    new = edited(tmp_path, (
        "  - kegiatan: Membahas",
        "  - kegiatan: Menggandakan konsep\n"
        "    pelaksana: penelaah\n"
        "    waktu: 1 jam\n"
        "  - kegiatan: Membahas",
    ), text=SMALL)
    code, out, _ = run("diff", str(old), str(new))
    assert code == 0
    assert ("  Langkah 2 (Memeriksa konsep rencana aksi): alur 'ya' langkah 3 -> langkah 3\n"
            in out)
    assert "Langkah 3 (Menggandakan konsep) baru" in out


def test_lanjut_and_decision_changes(tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text(SMALL)
    new = edited(tmp_path,
                 ("      ya: 3\n      tidak: 1\n", "      ya: 3\n      tidak: selesai\n"),
                 ("    waktu: 5 jam\n", "    waktu: 5 jam\n    lanjut: 3\n"), text=SMALL)
    code, out, err = run("diff", str(old), str(new))
    assert "alur 'tidak' langkah 1 -> selesai" in out
    assert "Langkah 1 (Menyusun konsep rencana aksi): alur 'lanjut' langkah 2 -> langkah 3" in out


def test_step_that_becomes_a_decision(tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text(SMALL)
    new = edited(tmp_path, ("    waktu: 1 hari\n", "    waktu: 1 hari\n    keputusan:\n"
                            "      ya: selesai\n      tidak: 2\n"), text=SMALL)
    code, out, _ = run("diff", str(old), str(new))
    assert code == 0
    assert out.splitlines()[1:] == [
        "  Langkah 3 (Membahas rencana aksi dengan unit kerja): kini menjadi keputusan",
        "  Langkah 3 (Membahas rencana aksi dengan unit kerja): alur 'ya' - -> selesai",
        "  Langkah 3 (Membahas rencana aksi dengan unit kerja): alur 'tidak' - -> langkah 2",
    ]
    code, out, _ = run("diff", "-f", "md", str(old), str(new))
    assert "| Langkah 3 (Membahas rencana aksi dengan unit kerja) | keputusan | bukan " \
           "keputusan | keputusan |\n" in out


def test_pelaksana_renamed_added_removed(tmp_path: Path) -> None:
    new = edited(tmp_path,
                 ("  kasubag: Kasubag Umum\n", "  kasubag: Kepala Subbagian Umum\n"),
                 ("  kepala: Kepala Balai\n", "  ka_balai: Kepala Balai\n  bendahara: "
                  "Bendahara\n"),
                 ("    pelaksana: kepala\n", "    pelaksana: [ka_balai, bendahara]\n"))
    code, out, err = run("diff", str(SEED), str(new))
    assert code == 0, err
    assert "  Pelaksana kasubag berganti nama: Kasubag Umum -> Kepala Subbagian Umum\n" in out
    assert "  Kunci pelaksana Kepala Balai: kepala -> ka_balai\n" in out
    assert "  Pelaksana baru: Bendahara (bendahara)\n" in out
    assert ("  Langkah 1 (Melakukan koordinasi dan konsolidasi re…): pelaksana Kepala Balai -> "
            "Kepala Balai; Bendahara\n") in out
    assert "  Waktu kerja total tetap 33 hari 6 jam; per pelaksana:\n" in out
    assert "    Bendahara: - -> 3 hari 2 jam 30 menit (+3 hari 2 jam 30 menit)\n" in out
    # A renamed column is the same pelaksana: its time did not change, so no time line.
    assert "Kepala Subbagian Umum: " not in out and "Kasubag Umum: " not in out


def test_identity_changes(tmp_path: Path) -> None:
    new = edited(tmp_path,
                 ("  revisi:\n", "  revisi: 2026-01-05\n"),
                 ("  - Komputer\n", "  - Komputer\n  - Printer\n"),
                 ("nama: Penyusunan Rencana Aksi Balai", "nama: Penyusunan Rencana Aksi"))
    code, out, _ = run("diff", str(SEED), str(new))
    assert "  Identitas, tanggal revisi (kosong) -> 5 Januari 2026\n" in out
    assert "  Identitas, peralatan: ditambah: Printer\n" in out
    assert ("  Identitas, nama SOP Penyusunan Rencana Aksi Balai -> Penyusunan Rencana Aksi\n"
            in out)
    assert "langkah tetap" in out


def test_a_changed_volume_is_an_identity_change(tmp_path: Path) -> None:
    old = edited(tmp_path, ("batas_waktu:", "volume: 100 per bulan\nbatas_waktu:"),
                 text=SMALL.replace("pelaksana:", "batas_waktu: 3 hari\npelaksana:", 1),
                 name="old.yaml")
    new = edited(tmp_path, ("volume: 100 per bulan", "volume: 5 per minggu"),
                 text=old.read_text(encoding="utf-8"))
    code, out, _ = run("diff", str(old), str(new))
    assert "  Identitas, volume 100 per bulan -> 5 per minggu\n" in out, out
    assert "langkah tetap" in out


def test_markdown_is_a_pull_request_comment_with_escaped_cells(tmp_path: Path) -> None:
    new = edited(tmp_path, STEP5_WAKTU,
                 ("    output: rencana aksi Balai\n",
                  "    output: rencana | aksi <b>Balai</b> *final*\n"))
    code, out, _ = run("diff", "--format", "md", str(SEED), str(new))
    assert code == 0
    assert out.startswith("## Tinjauan perubahan SOP\n\n1 SOP berubah.\n\n### `")
    assert "**Waktu kerja total:** 33 hari 6 jam → 33 hari 7 jam (\\+1 jam)" not in out
    assert "**Waktu kerja total:** 33 hari 6 jam → 33 hari 7 jam (+1 jam)\n" in out
    assert "| Kasubag Umum | 1 jam | 2 jam | +1 jam |\n" in out
    assert ("| Langkah 5 (Memeriksa konsep rencana aksi Balai) | waktu | 60 menit | 2 jam |\n"
            in out)
    assert ("| output | rencana aksi Balai | rencana \\| aksi &lt;b&gt;Balai&lt;/b&gt; "
            "\\*final\\* |\n") in out
    # Every table row has exactly four cells: no user text breaks a row.
    for line in out.splitlines():
        if line.startswith("| "):
            assert line.replace("\\|", "").count("|") == 5, line


def test_md_escape() -> None:
    assert md_escape("a|b\n<i>`x`</i> & [l](u) _e_") == (
        "a\\|b &lt;i&gt;\\`x\\`&lt;/i&gt; &amp; \\[l\\](u) \\_e\\_"
    )


def test_json_report(tmp_path: Path) -> None:
    new = edited(tmp_path, STEP5_WAKTU)
    code, out, _ = run("diff", "-f", "json", str(SEED), str(new))
    assert code == 0
    doc = json.loads(out)
    (f,) = doc["files"]
    assert f["status"] == "changed"
    assert f["time"]["total"]["old"] == {"min_menit": 15210, "max_menit": 15210,
                                          "teks": "33 hari 6 jam"}
    assert f["time"]["total"]["new"]["min_menit"] == 15270
    assert f["time"]["total"]["delta"] == "+1 jam"
    (step,) = f["steps"]
    assert step["kind"] == "changed"
    assert step["new"] == {"nomor": 5, "id": "periksa-konsep",
                           "kegiatan": "Memeriksa konsep rencana aksi Balai"}
    assert step["fields"] == [{"field": "waktu", "old": "60 menit", "new": "2 jam"}]
    assert doc["revisi_problems"] == []


def test_english(tmp_path: Path) -> None:
    new = edited(tmp_path, STEP5_WAKTU)
    code, out, _ = run("diff", "--lang", "en", str(SEED), str(new))
    assert "1 step(s) changed" in out
    assert "Total working time: 33 hari 6 jam -> 33 hari 7 jam (+1 jam)" in out
    assert "Step 5 (Memeriksa konsep rencana aksi Balai): waktu 60 menit -> 2 jam" in out


def test_invalid_file_shows_findings_and_exits_1(tmp_path: Path) -> None:
    new = edited(tmp_path, ("    pelaksana: kasubag\n", "    pelaksana: kasubbag\n"))
    code, out, err = run("diff", str(SEED), str(new))
    assert code == 1
    assert f"{new}:" in err and "SOP201 galat: pelaksana 'kasubbag' tidak dideklarasikan" in err
    assert "Traceback" not in err
    broken = tmp_path / "broken.yaml"
    broken.write_text("nama: [\n")
    code, out, err = run("diff", str(SEED), str(broken))
    assert code == 1
    assert f"{broken}:2:1: SOP003 galat" in err


def test_usage_errors(tmp_path: Path) -> None:
    code, _, err = run("diff", str(SEED))
    assert code == 2 and "berikan dua berkas" in err
    code, _, err = run("diff", str(SEED), str(tmp_path / "nope.yaml"))
    assert code == 2 and "path tidak ada" in err
    code, _, err = run("diff", "--require-revisi", str(SEED), str(SEED))
    assert code == 2 and "--require-revisi hanya berlaku bersama --git" in err
    code, _, _ = run("diff", "--format", "html", str(SEED), str(SEED))
    assert code == 2


def test_compare_added_and_deleted() -> None:
    sop = load_file(SEED).sop
    added = compare(None, sop, None, "x.yaml")
    assert added.status == "added" and added.steps_count == (0, 9)
    assert added.total is not None and added.total.new is not None
    assert added.total.new.low == 15210
    deleted = compare(sop, None, "x.yaml", None)
    assert deleted.status == "deleted"


def test_a_new_column_order_is_a_change(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from soptool.cli import app

    body = "nama: D\npelaksana: {%s}\nlangkah:\n- {kegiatan: K, pelaksana: [a, b], waktu: 1 jam}\n"
    old, new = tmp_path / "o.yaml", tmp_path / "n.yaml"
    old.write_text(body % "a: Staf A, b: Staf B", encoding="utf-8")
    new.write_text(body % "b: Staf B, a: Staf A", encoding="utf-8")
    result = CliRunner().invoke(app, ["diff", str(old), str(new), "--exit-code"])
    assert result.exit_code == 1
    assert "Urutan kolom pelaksana: Staf A, Staf B -> Staf B, Staf A" in result.stdout
