"""soptool baru: a new SOP file with every field of the form, valid as written, as fmt
writes it, never written over an existing file."""

from __future__ import annotations

import errno
import io
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from soptool.api import load, validate
from soptool.cli import app
from soptool.commands import baru as baru_module
from soptool.commands.baru import (
    DEFAULT_PELAKSANA,
    NAME_CHARS,
    BaruError,
    file_name,
    run_baru,
    skeleton,
)
from soptool.findings import Severity
from soptool.model import DisahkanOleh, Keputusan, Langkah, Sop, Tanggal
from soptool.review.fmt import format_text, is_canonical
from soptool.source.atomic import temporary_name

runner = CliRunner()
TODAY = "2026-01-05"
ODD_NAME = "Izin: Penelitian #2 'Dinas' \"Pemuda\" – Pengesahan Ibu Kota Nusantara (é, ñ)"


def run(*args: str, today: str | None = TODAY, lang: str | None = None
        ) -> tuple[int, str, str]:
    env = {"SOPTOOL_TODAY": today, "SOPTOOL_LANG": lang}
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Path:
    """Run ``soptool baru ARGS`` in ``tmp_path``; the file it made."""
    monkeypatch.chdir(tmp_path)
    code, out, err = run("baru", *args)
    assert code == 0, err
    match = re.match(r"SOP baru dibuat: (\S+) \(", out)
    assert match, out
    return tmp_path / match[1]


def codes(path: Path | str) -> Counter[str]:
    return Counter(f.code for f in validate(path))


def uncommented_example(text: str) -> str:
    """The file with the commented decision example made real (its '# ' removed, as an
    editor's toggle-comment does)."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("  # - id: periksa"))
    end = start
    while lines[end].startswith(("  # - ", "  #   ")):
        end += 1
    assert end - start >= 10
    lines[start:end] = ["  " + line[4:] for line in lines[start:end]]
    return "\n".join(lines)


# --- valid as written, as fmt writes it ------------------------------------------------


def test_the_new_file_validates_with_warnings_only(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = made(tmp_path, monkeypatch, "Pelayanan Surat Masuk")
    assert path == tmp_path / "pelayanan-surat-masuk.yaml"
    findings = validate(path)
    assert {f.severity for f in findings} == {Severity.WARNING}
    # Exactly these: the identity not filled in yet, and the 4 steps without waktu.
    assert Counter(f.code for f in findings) == {"SOP405": 3, "SOP303": 4}
    text = path.read_text("utf-8")
    lines = text.split("\n")
    for finding, key in zip([f for f in findings if f.code == "SOP405"],
                            ["nomor:", "instansi:", "  jabatan:"], strict=True):
        assert lines[finding.line - 1] == key
    code, out, _ = run("validate", str(path))
    assert code == 0
    assert out.splitlines()[-1] == "1 berkas diperiksa: 0 galat, 7 peringatan"
    assert run("validate", "--strict", str(path))[0] == 1


def test_the_new_file_is_as_fmt_writes_it(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    path = made(tmp_path, monkeypatch, "Pelayanan Surat Masuk", "-p", "Kepala Seksi")
    before = path.read_bytes()
    code, _, err = run("fmt", "--check", str(path))
    assert code == 0, err
    assert "0 perlu diformat ulang, 1 sudah rapi" in err
    text = before.decode("utf-8")
    assert is_canonical(text)
    assert format_text(text) == text  # fmt's full path (ruamel) gives it back too
    assert run("fmt", str(path))[0] == 0
    assert path.read_bytes() == before


def test_the_new_file_is_valid_for_the_editors_schema() -> None:
    # VS Code (yaml-language-server, with `soptool schema`) must not mark the empty keys.
    import jsonschema

    from soptool.model import json_schema
    from soptool.source.yamltree import parse_yaml

    text = skeleton(ODD_NAME, ["Kepala Seksi", "no"], today=date(2026, 1, 5))
    for variant in (text, uncommented_example(text)):
        data, _positions, findings = parse_yaml(variant.encode("utf-8"), "baru.yaml")
        assert findings == []
        errors = jsonschema.Draft202012Validator(json_schema()).iter_errors(data)
        assert [f"{list(e.path)}: {e.message}" for e in errors] == []


def test_render_and_duration_take_the_new_file(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = made(tmp_path, monkeypatch, ODD_NAME, "-p", "Kepala Seksi", "-p", "Kepala Dinas")
    code, _, err = run("render", str(path), "-o", str(tmp_path / "sop.html"))
    assert code == 0, err
    html = (tmp_path / "sop.html").read_text("utf-8")
    assert "DRAF" in html
    assert "Izin: Penelitian #2 &#39;Dinas&#39; &#34;Pemuda&#34;" in html
    assert "Mengarsipkan dokumen" in html
    code, _, err = run("render", "-f", "md", str(path), "-o", str(tmp_path / "sop.md"))
    assert code == 0, err
    assert run("duration", str(path))[0] == 0


# --- every field of the form -----------------------------------------------------------


def _key_lines(text: str) -> dict[tuple[str, ...], int]:
    """Each key's 0-based line, by its path (steps by their index)."""
    root = yaml.compose(text)
    found: dict[tuple[str, ...], int] = {}

    def walk(node: yaml.Node, path: tuple[str, ...]) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                found[(*path, key.value)] = key.start_mark.line
                walk(value, (*path, key.value))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, (*path, str(i)))

    walk(root, ())
    return found


def test_every_field_of_the_model_is_there_and_explained() -> None:
    text = skeleton("Pelayanan Surat Masuk", today=date(2026, 1, 5))
    keys = _key_lines(text)
    steps = yaml.safe_load(text)["langkah"]

    def explained(path: tuple[str, ...]) -> None:
        assert path in keys, f"{'.'.join(path)} is missing from soptool baru's file"
        above = _comment_above(text, keys[path])
        assert len(above) >= 30, f"{'.'.join(path)} is not explained"

    for name in Sop.model_fields:
        explained((name,))
    for name in Tanggal.model_fields:
        explained(("tanggal", name))
    for name in DisahkanOleh.model_fields:
        explained(("disahkan_oleh", name))
    # Step 1 holds every key of a step, each under its explanation ('id' shares its line
    # with the step's '- ').
    assert set(steps[0]) == set(Langkah.model_fields)
    for name in Langkah.model_fields:
        explained(("langkah", "0", name))
        assert f"# {name}" in text
    # The decision's keys: in the commented example, which is valid once uncommented.
    example = yaml.safe_load(uncommented_example(text))["langkah"]
    decisions = [s["keputusan"] for s in example if s.get("keputusan")]
    assert len(decisions) == 1
    assert set(decisions[0]) == set(Keputusan.model_fields)


def test_the_commented_decision_example_is_valid_once_uncommented(
        tmp_path: Path) -> None:
    text = skeleton("Pelayanan Surat Masuk", ["Staf Pelayanan", "Kepala Seksi"],
                    today=date(2026, 1, 5))
    path = tmp_path / "contoh.yaml"
    path.write_text(uncommented_example(text), "utf-8")
    # The two example steps come with their waktu: still only the 4 steps' SOP303.
    assert codes(path) == {"SOP405": 3, "SOP303": 4}
    sop = load(path)
    ids = [s.id for s in sop.langkah]
    assert ids == ["terima", None, None, "periksa", "perbaiki", "arsip"]
    decision = sop.langkah[3]
    assert decision.pelaksana == ["kepala_seksi"]
    assert decision.keputusan is not None
    assert (decision.keputusan.ya, decision.keputusan.tidak) == ("arsip", "perbaiki")
    assert sop.langkah[4].lanjut == "periksa"
    assert sop.langkah[4].pelaksana == ["staf_pelayanan"]
    assert run("fmt", "--check", str(path))[0] == 0


def _comment_above(text: str, key_line: str | int) -> str:
    """The full-line comments right above the line ``key_line`` (its 0-based number, or
    the first line that is this text), joined."""
    lines = text.split("\n")
    at = key_line if isinstance(key_line, int) else lines.index(key_line)
    block: list[str] = []
    while lines[at - 1].lstrip().startswith("#"):
        at -= 1
        block.insert(0, lines[at].lstrip()[1:].strip())
    return " ".join(block)


# What the comments give as examples, key by key: each must be in its comment, and a file
# filled in with them is valid without a single finding.
EXAMPLES = {
    "nomor:": "800/012/SOP/Disdik/2026",
    "  jabatan:": "Kepala Dinas Pendidikan dan Kebudayaan",
    "  nama:": "Dr. Siti Aminah, M.Pd.",
    "  nip:": "19700101 199503 2 001",
    "tujuan:": "Sebagai pedoman agar pelayanan berjalan tertib dan tepat waktu",
    "kualifikasi_pelaksana:": "Mampu mengoperasikan komputer",
    "keterkaitan:": "SOP Pengarsipan Surat",
    "peralatan:": "[Komputer, Printer, ATK]",
    "peringatan:": "Apabila SOP ini tidak dilaksanakan, pelayanan terlambat",
    "pencatatan:": "Dicatat dan didata dalam berkas kearsipan secara elektronik dan/atau "
                   "manual",
    "batas_waktu:": "3 hari kerja",
    "    kelengkapan:": "formulir permohonan",
    "    output:": "berkas yang sudah dicatat",
}
LISTS = {  # examples written as a list under their key, in the comment
    "instansi:": ["Pemerintah Kabupaten Balangan", "Dinas Pendidikan dan Kebudayaan"],
    "dasar_hukum:": [
        "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
        "Peraturan Menteri PAN-RB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP AP"],
}
WAKTU = ["30 menit", "2 jam", "1 hari kerja", "1 jam 30 menit", "1,5 jam", "1 x 24 jam",
         "1-2 jam", "30 menit - 1 jam", "1 s.d. 3 hari"]
NOT_MEASURED = ["disesuaikan", "Segera", "Sesuai kebutuhan"]
BATAS_WAKTU = ["3 hari kerja", "1 x 24 jam", "14 hari"]
DATES = ["17 Desember 2025", "17/12/2025", "2025-12-17", "Januari 2026"]


def test_the_examples_in_the_comments_are_what_the_format_accepts(tmp_path: Path) -> None:
    from soptool.model import parse_sop_date
    from soptool.timing.durations import DurationError, parse_duration

    text = skeleton("Pelayanan Surat Masuk", today=date(2026, 1, 5))
    for key, value in EXAMPLES.items():
        assert f"Contoh: {value}" in _comment_above(text, key), key
    for key, items in LISTS.items():
        block = _comment_above(text, key)
        assert f"{key.strip()} " + " ".join(f"- {item}" for item in items) in block, key
    waktu = _comment_above(text, "    waktu:")
    for example in [*WAKTU, *NOT_MEASURED]:
        assert example in waktu, example
    for example in WAKTU:
        parse_duration(example)
    for example in NOT_MEASURED:
        with pytest.raises(DurationError) as caught:
            parse_duration(example)
        assert caught.value.code == "SOP302"
    assert "Contoh: " + ", ".join(BATAS_WAKTU) in _comment_above(text, "batas_waktu:")
    for example in BATAS_WAKTU:
        assert parse_duration(example).minutes()[0] > 0
    assert ", ".join(DATES[:3]) in _comment_above(text, "tanggal:")
    assert DATES[3] in _comment_above(text, "tanggal:")
    for example in DATES:
        parse_sop_date(example)
    # Filled in with those examples (waktu: the first one), the file has no finding left.
    lines = text.split("\n")
    filled: list[str] = []
    for line in lines:
        if line in EXAMPLES:
            filled.append(f"{line} {EXAMPLES[line]}")  # written as typed, unquoted
        elif line in LISTS:
            filled.append(line)
            filled.extend(f"  - {item}" for item in LISTS[line])
        elif line == "    waktu:":
            filled.append(f"{line} {WAKTU[0]}")
        elif line == "  efektif:":
            filled.append(f"{line} {DATES[3]}")
        else:
            filled.append(line)
    path = tmp_path / "terisi.yaml"
    path.write_text("\n".join(filled), "utf-8")
    assert validate(path) == []
    sop = load(path)
    assert sop.disahkan_oleh.nip == EXAMPLES["  nip:"]
    assert sop.peralatan == ["Komputer", "Printer", "ATK"]
    assert sop.langkah[0].output == [EXAMPLES["    output:"]]


# --- pelaksana ---------------------------------------------------------------------------


def test_pelaksana_given_are_the_columns_and_do_the_steps(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    titles = ["Kepala Seksi Pelayanan", "Kasubbag Umum", "Kepala Dinas"]
    args = [arg for t in titles for arg in ("--pelaksana", t)]
    path = made(tmp_path, monkeypatch, "Pelayanan Surat Masuk", *args)
    sop = load(path)
    assert sop.pelaksana == {"kepala_seksi_pelayanan": "Kepala Seksi Pelayanan",
                             "kasubbag_umum": "Kasubbag Umum",
                             "kepala_dinas": "Kepala Dinas"}
    doers = [s.pelaksana for s in sop.langkah]
    # The first step, one per pelaksana in order, the last step.
    assert doers == [["kepala_seksi_pelayanan"], ["kepala_seksi_pelayanan"],
                     ["kasubbag_umum"], ["kepala_dinas"], ["kepala_seksi_pelayanan"]]
    assert "Kasubbag Umum" in sop.langkah[2].kegiatan
    assert sop.langkah[0].kegiatan == "Menerima dan mencatat berkas"
    assert sop.langkah[-1].kegiatan == "Mengarsipkan dokumen"
    assert "SOP202" not in codes(path)  # every pelaksana does a step
    assert path.read_text("utf-8").count("Kasubbag Umum") >= 2


def test_without_pelaksana_the_placeholders_are_used() -> None:
    sop = load(skeleton("Pelayanan Surat Masuk", today=date(2026, 1, 5)))
    assert list(sop.pelaksana.values()) == list(DEFAULT_PELAKSANA) == ["Staf",
                                                                     "Kepala Unit Kerja"]
    assert list(sop.pelaksana) == ["staf", "kepala_unit_kerja"]
    code, out, _ = run("baru", "--help")
    assert code == 0
    assert "Staf dan Kepala Unit Kerja" in " ".join(out.split())


def test_titles_that_need_care_still_give_usable_keys(tmp_path: Path) -> None:
    titles = ["Kepala Sub Bagian: Umum", "Staf", "Staf", "—", "no", "2024", "null",
              "Penelaah Teknis Kebijakan (Penyusun Program dan Anggaran)", "Bendahara #1"]
    text = skeleton("Pengadaan Barang", titles, today=date(2026, 1, 5))
    path = tmp_path / "sop.yaml"
    path.write_text(text, "utf-8")
    sop = load(path)
    assert list(sop.pelaksana.values()) == titles
    assert list(sop.pelaksana) == [
        "kepala_sub_bagian", "staf", "staf_2", "pelaksana_4", "pelaksana_no",
        "pelaksana_2024", "pelaksana_null", "penelaah_teknis_kebijakan", "bendahara_1"]
    assert codes(path) == {"SOP405": 3, "SOP303": len(titles) + 2}
    assert is_canonical(text)


# --- where it is written -----------------------------------------------------------------


def test_default_path_is_in_sops_when_there_is_one(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sops").mkdir()
    monkeypatch.chdir(tmp_path)
    code, out, err = run("baru", "Pelayanan Surat Masuk")
    assert code == 0, err
    assert out.splitlines() == [
        "SOP baru dibuat: sops/pelayanan-surat-masuk.yaml (2 pelaksana, 4 langkah)",
        "Langkah berikutnya: isi berkas itu, lalu: soptool validate "
        "sops/pelayanan-surat-masuk.yaml",
    ]
    assert err == ""
    assert sorted(p.name for p in (tmp_path / "sops").iterdir()) == [
        "pelayanan-surat-masuk.yaml"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sops"]
    text = (tmp_path / "sops" / "pelayanan-surat-masuk.yaml").read_text("utf-8")
    assert "#   soptool validate sops/pelayanan-surat-masuk.yaml\n" in text


def test_default_path_is_here_without_sops(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sops").write_text("not a folder", "utf-8")
    path = made(tmp_path, monkeypatch, "Penyusunan Rencana Kerja", "-p", "Staf")
    assert path == tmp_path / "penyusunan-rencana-kerja.yaml"
    assert load(path).nama == "Penyusunan Rencana Kerja"


def test_output_may_be_a_file_or_a_folder(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "lain").mkdir()
    path = made(tmp_path, monkeypatch, "Pelayanan Surat Masuk", "-o", "lain")
    assert path == tmp_path / "lain" / "pelayanan-surat-masuk.yaml"
    path = made(tmp_path, monkeypatch, "Pelayanan Surat Masuk", "-o", "lain/surat.yaml")
    assert path == tmp_path / "lain" / "surat.yaml"
    code, _, err = run("baru", "Pelayanan Surat Masuk", "-o", "tidak-ada/surat.yaml")
    assert code == 2
    assert err == ("soptool: galat: folder tidak-ada tidak ada (untuk tidak-ada/surat.yaml); "
                   "buat dulu foldernya, atau pilih -o lain\n")
    code, _, err = run("baru", "Pelayanan Surat Masuk", "-o", "baru/")
    assert code == 2
    assert err == ("soptool: galat: folder baru tidak ada (untuk "
                   "baru/pelayanan-surat-masuk.yaml); buat dulu foldernya, atau pilih -o lain\n")
    assert not (tmp_path / "tidak-ada").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lain"]


def test_output_dash_writes_the_sop_to_stdout(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sops").mkdir()
    monkeypatch.chdir(tmp_path)
    code, out, err = run("baru", ODD_NAME, "-p", "Kepala Seksi", "-o", "-")
    assert code == 0
    assert err == ""
    assert list((tmp_path / "sops").iterdir()) == []
    assert out == skeleton(ODD_NAME, ["Kepala Seksi"], today=date(2026, 1, 5))
    assert "#   soptool validate NAMA-BERKAS.yaml\n" in out
    assert load(out.encode("utf-8")).nama == ODD_NAME


def test_never_overwrites_an_existing_file(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sops").mkdir()
    existing = tmp_path / "sops" / "pelayanan-surat-masuk.yaml"
    existing.write_text("nama: punya saya\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run("baru", "Pelayanan Surat Masuk")
    assert code == 2
    assert out == ""
    assert err == ("soptool: galat: sops/pelayanan-surat-masuk.yaml sudah ada; tidak ditimpa "
                   "(hapus atau pindahkan berkas itu dulu, atau pilih nama lain dengan -o "
                   "BERKAS)\n")
    code, _, err = run("baru", "Lain", "-o", "sops/pelayanan-surat-masuk.yaml")
    assert code == 2
    assert "sops/pelayanan-surat-masuk.yaml sudah ada; tidak ditimpa" in err
    assert existing.read_text("utf-8") == "nama: punya saya\n"
    # A dangling symbolic link is a name taken too.
    (tmp_path / "sops" / "tautan.yaml").symlink_to(tmp_path / "ke-mana.yaml")
    assert run("baru", "Tautan", "-o", "sops/tautan.yaml")[0] == 2
    assert not (tmp_path / "ke-mana.yaml").exists()
    assert sorted(p.name for p in (tmp_path / "sops").iterdir()) == [
        "pelayanan-surat-masuk.yaml", "tautan.yaml"]
    assert not list(tmp_path.rglob(temporary_name(existing)))


def test_a_file_made_meanwhile_is_not_overwritten(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "surat.yaml"
    real = baru_module.write_atomic

    def racing(path: Path, data: str, **kwargs: object) -> None:
        target.write_text("nama: lebih dulu\n", "utf-8")  # someone else's, just now
        real(path, data, replace=False)

    monkeypatch.setattr(baru_module, "write_atomic", racing)
    err = io.StringIO()
    code = run_baru("Surat", output=target, stdout=io.StringIO(), stderr=err)
    assert code == 2
    assert "sudah ada; tidak ditimpa" in err.getvalue()
    assert target.read_text("utf-8") == "nama: lebih dulu\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["surat.yaml"]


def test_a_write_that_fails_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(path: Path, data: str, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(baru_module, "write_atomic", full)
    err = io.StringIO()
    out = io.StringIO()
    code = run_baru("Surat", output=tmp_path / "surat.yaml", stdout=out, stderr=err)
    assert code == 1
    assert out.getvalue() == ""
    assert err.getvalue().endswith("surat.yaml tidak dapat ditulis: No space left on device\n")


def test_file_names_from_the_name() -> None:
    assert file_name("Pelayanan Surat Masuk") == "pelayanan-surat-masuk.yaml"
    assert file_name("Izin: Penelitian #2 (Pemuda)") == "izin-penelitian-2-pemuda.yaml"
    assert file_name("Pengesahan Ibu Kota Nusantara – é") == (
        "pengesahan-ibu-kota-nusantara-e.yaml")
    assert file_name("———") == "sop-baru.yaml"
    long = file_name("Penyusunan " * 30)
    assert len(long) <= NAME_CHARS + len(".yaml")
    assert long.startswith("penyusunan-penyusunan") and long.endswith("penyusunan.yaml")


# --- names and dates ---------------------------------------------------------------------


def test_a_name_that_needs_quoting_survives(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = made(tmp_path, monkeypatch, ODD_NAME)
    assert load(path).nama == ODD_NAME
    assert path.name == "izin-penelitian-2-dinas-pemuda-pengesahan-ibu-kota-nusantara-e-n.yaml"
    assert codes(path) == {"SOP405": 3, "SOP303": 4}
    assert run("fmt", "--check", str(path))[0] == 0


@pytest.mark.parametrize("name", ["no", "2024", "null", "~", "- Surat", "[Surat]", "@surat",
                                  "%surat", "Surat #", "Surat:", "'Surat'", "\"Surat\"",
                                  "Surat\u00a0Masuk", "Surat 😀", "Á", "*surat", "!surat",
                                  "? Surat", "`surat`", "| surat", "> surat", "&surat"])
def test_names_yaml_would_misread_are_quoted(name: str) -> None:
    text = skeleton(name, today=date(2026, 1, 5))
    assert load(text.encode("utf-8")).nama == name
    assert is_canonical(text)
    assert yaml.safe_load(text)["nama"] == name  # also for YAML 1.1 readers


_ONE_LINE = st.text(st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl",
                                                        "Zp")), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(name=_ONE_LINE.filter(lambda s: s.strip() != ""),
       titles=st.lists(_ONE_LINE.filter(lambda s: s.strip() != ""), max_size=3))
def test_any_one_line_text_comes_back_as_written(name: str, titles: list[str]) -> None:
    text = skeleton(name, titles, today=date(2026, 1, 5))
    sop = load(text.encode("utf-8"))
    assert sop.nama == name.strip()
    assert list(sop.pelaksana.values()) == ([t.strip() for t in titles] or
                                            list(DEFAULT_PELAKSANA))
    assert is_canonical(text)
    assert not [f for f in validate(text) if f.severity == Severity.ERROR]


def test_tanggal_pembuatan_is_today_as_documents_print_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "  pembuatan: 17 Desember 2025\n" in skeleton("Surat", today=date(2025, 12, 17))
    assert "  pembuatan: 5 Januari 2026\n" in made(tmp_path, monkeypatch, "Surat").read_text()
    monkeypatch.chdir(tmp_path)
    run("baru", "Surat Dua", today=None)
    sop = load(tmp_path / "surat-dua.yaml")
    assert sop.tanggal.pembuatan in (date.today(), date.fromordinal(date.today().toordinal()
                                                                    - 1))


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "today", "expected"), [
    (["baru", ""], TODAY, "soptool: galat: nama SOP tidak boleh kosong; contoh: soptool baru "
     "\"Pelayanan Surat Masuk\""),
    (["baru", "   "], TODAY, "soptool: galat: nama SOP tidak boleh kosong; contoh: soptool "
     "baru \"Pelayanan Surat Masuk\""),
    (["baru", "Surat\nMasuk"], TODAY, "soptool: galat: nama SOP harus satu baris teks, tanpa "
     "baris baru atau karakter kendali (U+000A di 'Surat\\nMasuk')"),
    (["baru", "Surat\tMasuk"], TODAY, "soptool: galat: nama SOP harus satu baris teks, tanpa "
     "baris baru atau karakter kendali (U+0009 di 'Surat\\tMasuk')"),
    (["baru", "Surat", "-p", " "], TODAY, "soptool: galat: --pelaksana tidak boleh kosong; "
     "contoh: --pelaksana \"Kepala Seksi\""),
    (["baru", "Surat", "-p", "Staf\u2028Umum"], TODAY, "soptool: galat: --pelaksana harus satu "
     "baris teks, tanpa baris baru atau karakter kendali (U+2028 di 'Staf\\u2028Umum')"),
    (["baru"], TODAY, "soptool: galat: argumen NAMA wajib diberikan"),
    (["baru", "Surat", "--bogus"], TODAY, "soptool: galat: opsi tidak dikenal: --bogus"),
    (["baru", "Surat", "-p"], TODAY, "soptool: galat: opsi -p memerlukan nilai"),
    (["baru", "Surat", "Lain"], TODAY, "soptool: galat: argumen berlebih: Lain"),
    (["baru", "Surat"], "17-12-2025", "soptool: galat: SOPTOOL_TODAY harus tanggal berbentuk "
     "TTTT-BB-HH (misalnya 2026-01-05), bukan '17-12-2025'"),
])
def test_bad_input_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    args: list[str], today: str, expected: str) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(*args, today=today)
    assert code == 2
    assert err.splitlines()[0] == expected
    assert "Traceback" not in err + out
    assert list(tmp_path.iterdir()) == []


def test_messages_in_english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("baru", "Surat", "--lang", "en")
    assert code == 0
    assert out.splitlines() == ["new SOP made: surat.yaml (2 actors, 4 steps)",
                                "Next: fill in that file, then: soptool validate surat.yaml"]
    code, _, err = run("baru", "Surat", lang="en")
    assert code == 2
    assert err == ("soptool: error: surat.yaml already exists; not overwritten (remove or "
                   "move that file first, or choose another name with -o FILE)\n")
    code, _, err = run("baru", " ", lang="en")
    assert err.startswith("soptool: error: the SOP's name must not be empty")
    # The file itself is an office document: Indonesian whatever the language.
    assert "# Nama SOP: nama prosedur" in (tmp_path / "surat.yaml").read_text("utf-8")


def test_library_errors_name_the_problem() -> None:
    with pytest.raises(BaruError) as caught:
        skeleton(" ")
    assert caught.value.key == "baru.empty_nama"
    with pytest.raises(BaruError) as caught:
        skeleton("Surat", ["Staf", "\x00"])
    assert caught.value.key == "baru.bad_text"
    assert caught.value.params["char"] == "U+0000"


def test_help_is_indonesian_and_clean() -> None:
    code, out, _ = run("baru", "--help")
    assert code == 0
    assert out.startswith("Penggunaan: soptool baru [OPSI] NAMA")
    for word in ("-p, --pelaksana JABATAN", "-o, --output BERKAS", "--lang [id|en]",
                 "SOPTOOL_TODAY", "\nArgumen:\n", "\nOpsi:\n"):
        assert word in out, word
    for word in ("[default:", "[required]", "<text", "TEXT"):
        assert word not in out, word
