"""Estimates on real SOPs against hand computation, and `soptool duration` end to end.

Default calendar: 1 jam = 60, 1 hari = 7.5 jam = 450, 1 minggu = 5 hari working minutes.
"""

from __future__ import annotations

import json
import re
from fractions import Fraction as F
from pathlib import Path

import pytest
from typer.testing import CliRunner

from soptool.cli import app
from soptool.loading import load_file
from soptool.model import Sop
from soptool.timing.durations import DEFAULT_CALENDAR
from soptool.timing.estimate import Span, estimate

ROOT = Path(__file__).resolve().parent.parent
SOPS = ROOT / "sops"
DATA = Path(__file__).resolve().parent / "data" / "duration"
RKA = SOPS / "rka-balai.yaml"
RKT = SOPS / "rkt-disdikbud-balangan.yaml"
IZIN = DATA / "layanan-izin.yaml"
ATK = DATA / "dua-putaran.yaml"
RUSAK = DATA / "invalid" / "rusak.yaml"

JAM = 60
HARI = F(15, 2) * JAM  # 450
MINGGU = 5 * HARI


def jam(h: float | F) -> F:
    return F(h) * JAM


def load(path: Path) -> Sop:
    doc = load_file(path, str(path))
    assert doc.sop is not None, doc.findings
    return doc.sop


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["duration", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


# --- the seeds ----------------------------------------------------------------------------

RKA_TOTAL = jam(25) + jam(25) + jam(25) + jam(50) + 60 + jam(50) + jam(5) + 3 * jam(7.5) + jam(50)
RKT_TOTAL = (HARI + HARI + HARI + 3 * HARI + 3 * HARI + 3 * HARI + 3 * HARI + 3 * HARI
             + MINGGU + HARI + HARI)


def test_rka_balai_main_path_total() -> None:
    assert RKA_TOTAL == jam(F("253.5"))
    est = estimate(load(RKA))
    assert est.total == Span(RKA_TOTAL, RKA_TOTAL)
    assert est.path == list(range(9))
    assert est.tanpa_waktu == []


def test_rka_balai_per_pelaksana() -> None:
    est = estimate(load(RKA))
    # penelaah: steps 2, 3, 4, 6 (shared with ketua_tim), 8, 9
    assert est.per_pelaksana["penelaah"].low == jam(25 + 25 + 50 + 50) + 3 * HARI + jam(50)
    assert est.per_pelaksana["ketua_tim"].low == jam(50 + 5)
    assert est.per_pelaksana["kasubag"].low == 60
    assert est.per_pelaksana["kepala"].low == jam(25)


def test_rka_balai_rework_adds_the_loop() -> None:
    # Step 5 (periksa-konsep, 60 menit) sends "tidak" back to step 4 (50 jam).
    est = estimate(load(RKA), ulang=2)
    assert est.loops == [(4, 3, [3, 4])]
    assert est.total.low == RKA_TOTAL + 2 * (jam(50) + 60)
    assert est.per_pelaksana["kasubag"].low == 3 * 60


def test_rkt_balangan_total_is_25_days() -> None:
    assert RKT_TOTAL == 25 * HARI
    est = estimate(load(RKT))
    assert est.total == Span(RKT_TOTAL, RKT_TOTAL)
    # per pelaksana: tim = steps 5, 6, 8; kasubbag_program = 2, 3, 7, 11; kabid = 3, 4
    assert est.per_pelaksana["tim"].low == 9 * HARI
    assert est.per_pelaksana["kasubbag_program"].low == (1 + 1 + 3 + 1) * HARI
    assert est.per_pelaksana["kabid"].low == (1 + 3) * HARI
    assert est.per_pelaksana["sekretaris"].low == HARI + MINGGU
    assert est.per_pelaksana["kadis"].low == HARI


# --- fixtures with decisions, ranges, mixed units, loops and early exits ------------------

# layanan-izin.yaml, steps: 1: 15 menit; 2: 30 menit - 1 jam (decision, tidak -> selesai);
# 3: 1-2 hari; 4: 1 hari 4 jam [verifikator, petugas]; 5: 2 x 24 jam (decision, tidak -> 3);
# 6: 1,5 jam; 7: disesuaikan.
IZIN_LOW = 15 + 30 + HARI + (HARI + jam(4)) + 2 * HARI + 90
IZIN_HIGH = 15 + 60 + 2 * HARI + (HARI + jam(4)) + 2 * HARI + 90
IZIN_LOOP = Span(HARI + HARI + jam(4) + 2 * HARI, 2 * HARI + HARI + jam(4) + 2 * HARI)


def test_range_early_exit_and_lower_bound() -> None:
    est = estimate(load(IZIN))
    assert est.path == [0, 1, 2, 3, 4, 5, 6]  # the early exit (tidak -> selesai) is not taken
    assert est.total == Span(IZIN_LOW, IZIN_HIGH)
    assert (IZIN_LOW, IZIN_HIGH) == (2175, 2655)
    assert est.tanpa_waktu == [6]
    assert est.is_lower_bound


def test_per_pelaksana_counts_a_shared_step_for_each_actor() -> None:
    est = estimate(load(IZIN))
    assert est.per_pelaksana == {
        "pemohon": Span(F(15), F(15)),
        "petugas": Span(30 + HARI + jam(4) + 90, 60 + HARI + jam(4) + 90),
        "verifikator": Span(HARI + HARI + jam(4), 2 * HARI + HARI + jam(4)),
        "kabid": Span(2 * HARI, 2 * HARI),
    }


def test_rework_loop_with_a_range() -> None:
    est = estimate(load(IZIN), ulang=2)
    assert est.loops == [(4, 2, [2, 3, 4])]
    assert est.total == Span(IZIN_LOW + 2 * IZIN_LOOP.low, IZIN_HIGH + 2 * IZIN_LOOP.high)
    assert est.per_pelaksana["kabid"] == Span(6 * HARI, 6 * HARI)


# dua-putaran.yaml (satuan_waktu: menit): 1: 10; 2: 20 - 30 (decision, tidak -> 1);
# 3: 1 jam 15 menit; 4: 15 (decision, tidak -> selesai); 5: 45 [staf, kasubag];
# 6: 5 (decision, tidak -> 3); 7: 0,5 jam.
ATK_LOW = 10 + 20 + 75 + 15 + 45 + 5 + 30
ATK_HIGH = 10 + 30 + 75 + 15 + 45 + 5 + 30


def test_two_loops_and_an_early_exit() -> None:
    sop = load(ATK)
    est = estimate(sop)
    assert est.total == Span(F(ATK_LOW), F(ATK_HIGH))
    assert est.loops == [(1, 0, [0, 1]), (5, 2, [2, 3, 4, 5])]
    once = estimate(sop, ulang=1)
    first = Span(F(10 + 20), F(10 + 30))
    second = Span(F(75 + 15 + 45 + 5), F(75 + 15 + 45 + 5))
    assert once.total == Span(ATK_LOW + first.low + second.low, ATK_HIGH + first.high
                              + second.high)
    assert once.per_pelaksana["staf"] == Span(F(2 * 10 + 2 * 75 + 2 * 45 + 30),
                                              F(2 * 10 + 2 * 75 + 2 * 45 + 30))
    assert once.per_pelaksana["kasubag"] == Span(F(2 * 20 + 2 * 45), F(2 * 30 + 2 * 45))


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_back_branch_that_exits_is_not_a_loop(tmp_path: Path) -> None:
    # Step 3's "tidak" goes back to step 2, which leaves the procedure (lanjut: selesai)
    # instead of returning to step 3: that is an exit, so --ulang adds nothing for it.
    path = write(tmp_path, "keluar.yaml", """\
nama: Cabang keluar
pelaksana: {a: A}
langkah:
  - {kegiatan: Satu, pelaksana: a, waktu: 1 jam, lanjut: 3}
  - {kegiatan: Dua, pelaksana: a, waktu: 2 jam, lanjut: selesai}
  - kegiatan: Tiga
    pelaksana: a
    waktu: 4 jam
    keputusan: {ya: 4, tidak: 2}
  - {kegiatan: Empat, pelaksana: a, waktu: 8 jam}
""")
    est = estimate(load(path), ulang=3)
    assert est.path == [0, 2, 3]
    assert est.loops == []
    assert est.total.low == jam(1 + 4 + 8)


def test_main_path_takes_ya_when_both_branches_go_forward(tmp_path: Path) -> None:
    # format.md: where both branches go forward (selesai counts as forward), the main path
    # takes "ya"; here "ya" ends the procedure, so only steps 1-2 are counted.
    path = write(tmp_path, "ya-selesai.yaml", """\
nama: Ya ke selesai
pelaksana: {a: A}
langkah:
  - {kegiatan: Satu, pelaksana: a, waktu: 1 jam}
  - kegiatan: Dua
    pelaksana: a
    waktu: 2 jam
    keputusan: {ya: selesai, tidak: 3}
  - {kegiatan: Tiga, pelaksana: a, waktu: 4 jam}
""")
    est = estimate(load(path))
    assert est.path == [0, 1]
    assert est.total.low == jam(3)


def test_missing_time_in_a_counted_loop_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "tanpa.yaml", """\
nama: Tanpa waktu
pelaksana: {a: A}
langkah:
  - {kegiatan: Satu, pelaksana: a}
  - kegiatan: Dua
    pelaksana: a
    waktu: 1 jam
    keputusan: {ya: selesai, tidak: 1}
""")
    est = estimate(load(path), ulang=1)
    assert est.tanpa_waktu == [0]
    assert est.total.low == jam(2)


# --- the command --------------------------------------------------------------------------


def test_cli_seeds_text() -> None:
    code, out, err = run(str(SOPS))
    assert code == 0, err
    assert err == ""
    lines = out.splitlines()
    assert lines[0].startswith("Waktu kerja menurut jalur utama (1 hari kerja = 7,5 jam")
    row = next(x for x in lines if x.startswith("Penyusunan Rencana Aksi Balai  "))
    assert re.search(r"\s33 hari 6 jam\s+253,5 jam\s+-\s+-$", row), row
    row = next(x for x in lines if x.startswith("Rencana Kinerja Tahunan (RKT)  "))
    assert re.search(r"\s25 hari\s+187,5 jam\s", row), row
    summary = next(x for x in lines if x.startswith("Jumlah 2 SOP"))
    assert "58 hari 6 jam" in summary and "441 jam" in summary
    # the table (critical numbers) comes before the details
    assert out.index("Jumlah 2 SOP") < out.index("Per pelaksana")
    assert "Penelaah Teknis Kebijakan (Penyusun Program dan Anggaran) (penelaah)" in out
    assert "29 hari 5 jam (222,5 jam)" in out
    assert "\x1b[" not in out  # piped: no colour


def test_cli_json_contract() -> None:
    code, out, _ = run(str(RKA), str(IZIN), "--format", "json")
    assert code == 1  # layanan-izin exceeds its own batas_waktu
    doc = json.loads(out)
    assert list(doc)[:2] == ["versi", "soptool"] and doc["versi"] == 1
    data = doc["files"]
    assert [d["nama"] for d in data] == ["Penyusunan Rencana Aksi Balai", "Pelayanan Izin Usaha"]
    rka, izin = data
    assert rka["file"] == str(RKA)
    assert rka["total"] == {"min_menit": 15210, "max_menit": 15210}
    assert isinstance(rka["total"]["min_menit"], int)
    assert rka["per_pelaksana"]["kasubag"] == {"min_menit": 60, "max_menit": 60}
    assert rka["tanpa_waktu"] == 0
    assert rka["batas_waktu_menit"] is None
    assert rka["melebihi_batas"] is False
    assert "selesai" not in rka
    assert izin["total"] == {"min_menit": 2175, "max_menit": 2655}
    assert izin["tanpa_waktu"] == 1
    assert izin["langkah_tanpa_waktu"] == [7]
    assert izin["batas_waktu_menit"] == 2250
    assert izin["melebihi_batas"] is True
    assert izin["per_pelaksana"]["petugas"] == {"min_menit": 810, "max_menit": 840}


def test_cli_json_fraction_minutes_are_rounded_floats(tmp_path: Path) -> None:
    path = write(tmp_path, "detik.yaml", """\
nama: Detik
pelaksana: {a: A}
langkah:
  - {kegiatan: Satu, pelaksana: a, waktu: 20 detik}
""")
    code, out, _ = run(str(path), "--format", "json")
    assert code == 0
    assert json.loads(out)["files"][0]["total"] == {"min_menit": 0.33, "max_menit": 0.33}


def test_batas_waktu_exceeded_fails_with_a_message() -> None:
    code, out, _ = run(str(IZIN))
    assert code == 1
    assert ("GAGAL: 'Pelayanan Izin Usaha' (" + str(IZIN) + ") memerlukan 4 hari 6 jam 15 menit"
            " - 5 hari 6 jam 45 menit (36,25-44,25 jam), melebihi batas_waktu 5 hari kerja "
            "(37,5 jam)") in out
    row = next(x for x in out.splitlines() if x.startswith("Pelayanan Izin Usaha  "))
    assert "MELEBIHI" in row
    assert "36,25-44,25 jam *" in row  # lower bound marker
    assert "* batas bawah" in out
    assert "Langkah tanpa waktu terukur (1, tidak ikut dihitung): 7 ('disesuaikan')" in out


def test_batas_waktu_kept_passes_until_rework_breaks_it() -> None:
    # 1 hari = 450 menit; ATK takes 200-210, with one rework 370-390, with two 540-570.
    code, out, _ = run(str(ATK))
    assert code == 0
    row = next(x for x in out.splitlines() if x.startswith("Pengadaan Alat Tulis Kantor  "))
    assert re.search(r"1 hari\s+OK$", row), row
    assert run(str(ATK), "--ulang", "1")[0] == 0
    code, out, _ = run(str(ATK), "--ulang", "2")
    assert code == 1
    assert "melebihi batas_waktu 1 hari (7,5 jam)" in out


def test_max_limit() -> None:
    # RKA is 253,5 jam: 34 hari is 255 jam (passes), 33 hari is 247,5 jam (fails).
    assert run(str(RKA), "--max", "34 hari")[0] == 0
    code, out, _ = run(str(RKA), "--max", "33 hari")
    assert code == 1
    assert ("GAGAL: 'Penyusunan Rencana Aksi Balai' (" + str(RKA) + ") memerlukan 33 hari 6 jam "
            "(253,5 jam), melebihi --max 33 hari (247,5 jam)") in out
    # the upper bound of a range counts: layanan-izin is 2175-2655 minutes
    assert run(str(IZIN), "--max", "44 jam")[0] == 1


def test_max_uses_the_upper_bound_of_the_total() -> None:
    code, out, _ = run(str(ATK), "--max", "3 jam 25 menit", "--format", "json")  # 205 menit
    assert code == 1
    assert json.loads(out)["files"][0]["melebihi_max"] is True
    assert run(str(ATK), "--max", "3 jam 30 menit")[0] == 0


def test_invalid_file_fails_but_others_are_reported() -> None:
    code, out, err = run(str(RKA), str(RUSAK))
    assert code == 1
    assert f"{RUSAK}:7:12: SOP301 galat: waktu '3 jem' tidak dapat dibaca" in err
    assert "33 hari 6 jam" in out
    assert "1 berkas tidak valid dan tidak dihitung" in out
    code, out, err = run(str(RKA), str(RUSAK), "--format", "json")
    assert code == 1
    assert [d["nama"] for d in json.loads(out)["files"]] == ["Penyusunan Rencana Aksi Balai"]
    assert "SOP301" in err


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (["--max", "lama"], "--max 'lama' bukan durasi yang dapat dibaca"),
        (["--max", "disesuaikan"], "--max 'disesuaikan' bukan durasi"),
        (["--mulai", "31 Februari 2026"], "--mulai '31 Februari 2026' bukan tanggal yang sah: "
                                          "Februari 2026 tidak memiliki tanggal 31"),
        (["--mulai", "besok"], "--mulai 'besok' bukan tanggal yang sah"),
    ],
)
def test_usage_errors_exit_2(args: list[str], text: str) -> None:
    code, out, err = run(str(RKA), *args)
    assert code == 2
    assert text in err
    assert "Traceback" not in err + out


def test_usage_error_for_negative_ulang() -> None:
    assert run(str(RKA), "--ulang", "-1")[0] == 2


def test_mulai_projects_the_finish_date() -> None:
    # RKT: 25 hari from Monday 5 January 2026. Working days: 5-9, 12-15 (16 January is
    # Isra Mikraj), 19-23, 26-30 January, 2-6 February = 5+4+5+5+5 = 24, so day 25 is
    # Monday 9 February 2026.
    code, out, _ = run(str(RKT), "--mulai", "5 Januari 2026", "--format", "json")
    assert code == 0
    item = json.loads(out)["files"][0]
    assert item["mulai"] == "2026-01-05"
    assert item["selesai"] == {"min": "2026-02-09", "max": "2026-02-09"}
    assert item["libur"] == [{"tanggal": "2026-01-16", "nama": "Isra Mikraj Nabi Muhammad",
                              "hari_kerja": True}]
    code, out, _ = run(str(RKT), "--mulai", "2026-01-05")
    assert "Mulai Senin, 5 Januari 2026; selesai Senin, 9 Februari 2026 (25 hari kerja)" in out
    assert "Jumat, 16 Januari 2026  Isra Mikraj Nabi Muhammad" in out


def test_english_output() -> None:
    code, out, _ = run(str(RKA), "--lang", "en", "--max", "33 hari")
    assert code == 1
    assert out.startswith("Working time along the main path (1 working day = 7,5 hours")
    assert "FAILED: 'Penyusunan Rencana Aksi Balai'" in out
    assert "EXCEEDED" in out


def test_subprocess_runs_without_traceback(tmp_path: Path) -> None:
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "soptool", "duration", str(SOPS), "--max", "x y z"],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "soptool: galat: --max 'x y z'" in proc.stderr


def test_long_names_wrap_in_the_table(tmp_path: Path) -> None:
    name = ("Penyusunan Rencana Kerja dan Anggaran Kementerian Negara/Lembaga Tingkat Satuan "
            "Kerja Tahun Anggaran Berikutnya")
    path = write(tmp_path, "panjang.yaml", f"nama: {name}\npelaksana: {{a: A}}\nlangkah:\n"
                 "  - {kegiatan: Satu, pelaksana: a, waktu: 2 jam}\n")
    code, out, _ = run(str(path))
    assert code == 0
    lines = out.splitlines()
    first = next(i for i, x in enumerate(lines) if x.startswith("Penyusunan Rencana Kerja"))
    assert re.search(r"^Penyusunan Rencana Kerja dan Anggaran\s+2 jam\s+2 jam\s+-\s+-$",
                     lines[first]), lines[first]
    assert lines[first + 1] == "Kementerian Negara/Lembaga Tingkat Satuan"
    assert lines[first + 2] == "Kerja Tahun Anggaran Berikutnya"


def test_folder_with_an_invalid_file(tmp_path: Path) -> None:
    code, out, err = run(str(DATA))
    assert code == 1  # rusak.yaml is invalid, layanan-izin exceeds its batas_waktu
    assert "SOP301" in err
    assert "Jumlah 2 SOP" in out


def test_many_files_in_worker_processes_match_one_process(tmp_path: Path) -> None:
    import io
    import shutil

    from soptool.commands.duration import Job, measure_files, write_json
    from soptool.workers import PARALLEL_MIN_FILES, map_in_order

    seeds = sorted((Path(__file__).resolve().parent.parent / "sops").glob("*.yaml"))
    paths = []
    for k in range(PARALLEL_MIN_FILES + 10):
        target = tmp_path / f"sop-{k:03d}.yaml"
        shutil.copy(seeds[k % len(seeds)], target)
        paths.append(target)
    job = Job(DEFAULT_CALENDAR, ulang=1)
    parallel, serial = io.StringIO(), io.StringIO()
    write_json([m for _, m in measure_files(paths, job) if m is not None], parallel)
    write_json([m for _, m in map_in_order(job, paths, jobs=1) if m is not None], serial)
    assert parallel.getvalue() == serial.getvalue()
    assert parallel.getvalue().count('"file"') == len(paths)
