"""What signed SOPs print, kept as printed: month-only dates, English month names, waktu that
is not a duration (Segera, Sesuai kebutuhan, Semesteran), se- words, misspellings (SOP307),
and the tujuan box (docs/format.md sections 3 and 5)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from soptool.cli import app
from soptool.loading import load_file
from soptool.model import (
    MonthDate,
    Sop,
    compare_dates,
    date_json,
    format_date,
    json_schema,
    parse_date,
    parse_sop_date,
)
from soptool.review.diff import compare, revisi_problem
from soptool.review.fmt import TOP_ORDER, format_text
from soptool.timing.durations import DurationError, parse_duration

runner = CliRunner()

PRINTED = """\
nomor: 1/SOP/2014
nama: Pelaporan Kinerja
instansi: [Dinas Contoh]
tanggal:
  pembuatan: Januari 2014
  revisi: 15 Januari 2014
  efektif: 02 June 2025
disahkan_oleh: {jabatan: Kepala Dinas}
tujuan:
  - Sebagai pedoman <pelaporan> & pemantauan
  - Agar laporan tepat waktu
pelaksana:
  staf: Staf
  kepala: Kepala Dinas
langkah:
  - kegiatan: Menyusun laporan
    pelaksana: staf
    waktu: sehari
  - kegiatan: Memeriksa laporan
    pelaksana: kepala
    waktu: Segera
  - kegiatan: Mengirim laporan
    pelaksana: staf
    waktu: Bulanan selama setahun
"""


def write(tmp_path: Path, text: str, name: str = "sop.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def model(tmp_path: Path, text: str, name: str = "sop.yaml") -> Sop:
    loaded = load_file(write(tmp_path, text, name))
    assert loaded.sop is not None, [f.code for f in loaded.findings]
    return loaded.sop


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "year", "month"), [
    ("Januari 2014", 2014, 1), ("januari 2014", 2014, 1), ("Jan. 2014", 2014, 1),
    ("Oktober 2018", 2018, 10), ("Okt 2018", 2018, 10), ("October 2018", 2018, 10),
    ("Oct 2018", 2018, 10), ("Nop 2020", 2020, 11), ("Pebruari 2020", 2020, 2),
    ("Agt 2020", 2020, 8), ("2014-01", 2014, 1), ("  Desember   2025 ", 2025, 12),
])
def test_a_month_only_is_kept_at_month_precision(text: str, year: int, month: int) -> None:
    got = parse_sop_date(text)
    assert got == MonthDate(year, month)
    assert not isinstance(got, dt.date)  # never rewritten to a day
    assert date_json(got) == f"{year:04d}-{month:02d}"
    with pytest.raises(ValueError):
        parse_date(text)  # libur_tambahan and --mulai still ask for a day


@pytest.mark.parametrize(("text", "iso"), [
    ("02 June 2025", "2025-06-02"), ("2 Jun 2025", "2025-06-02"),
    ("17 December 2025", "2025-12-17"), ("1 May 2025", "2025-05-01"),
    ("3 March 2024", "2024-03-03"), ("9 Aug. 2024", "2024-08-09"), ("5 oct 2024", "2024-10-05"),
])
def test_english_month_names_are_dates(text: str, iso: str) -> None:
    assert parse_date(text) == dt.date.fromisoformat(iso)
    assert parse_sop_date(text) == dt.date.fromisoformat(iso)


@pytest.mark.parametrize(("text", "reason"), [
    ("Desembr 2025", "date.month"), ("2014-13", "date.month_number"),
    ("17 Decembre 2025", "date.month"), ("2014", "date.shape"),
])
def test_impossible_month_dates_are_errors(text: str, reason: str) -> None:
    with pytest.raises(ValueError) as exc:
        parse_sop_date(text)
    assert exc.value.args[0] == reason


def test_month_dates_print_as_printed() -> None:
    assert format_date(MonthDate(2018, 10)) == "Oktober 2018"
    assert str(parse_sop_date("Okt 2018")) == "Oktober 2018"
    assert format_date(dt.date(2025, 6, 2)) == "2 Juni 2025"


def test_a_month_compares_by_month_with_any_date() -> None:
    jan = MonthDate(2014, 1)
    assert compare_dates(jan, dt.date(2014, 1, 15)) == 0
    assert compare_dates(dt.date(2014, 1, 31), jan) == 0
    assert compare_dates(MonthDate(2013, 12), dt.date(2014, 1, 1)) == -1
    assert compare_dates(dt.date(2014, 2, 1), jan) == 1
    assert compare_dates(dt.date(2014, 1, 2), dt.date(2014, 1, 1)) == 1
    assert compare_dates(MonthDate(2014, 1), MonthDate(2014, 1)) == 0


@pytest.mark.parametrize(("made", "other"), [
    ("Januari 2014", "15 Januari 2014"), ("15 Januari 2014", "Januari 2014"),
    ("31 Januari 2014", "Januari 2014"), ("Januari 2014", "Januari 2014"),
    ("Januari 2014", "Feb 2014"), ("Desember 2013", "1 January 2014"),
])
def test_month_dates_never_give_a_false_sop401(tmp_path: Path, made: str, other: str) -> None:
    text = PRINTED.replace("pembuatan: Januari 2014", f"pembuatan: {made}").replace(
        "revisi: 15 Januari 2014", f"revisi: {other}").replace(
        "efektif: 02 June 2025", f"efektif: {other}")
    code, out, _ = run("validate", "--format", "json", str(write(tmp_path, text)))
    assert code == 0, out
    assert "SOP401" not in {f["code"] for f in json.loads(out)["findings"]}


def test_a_month_before_pembuatan_is_sop401_in_its_printed_form(tmp_path: Path) -> None:
    text = PRINTED.replace("pembuatan: Januari 2014", "pembuatan: 3 Februari 2014")
    path = write(tmp_path, text)
    code, out, _ = run("validate", str(path))
    assert code == 1
    assert (f"{path}:6:11: SOP401 galat: tanggal revisi (15 Januari 2014) lebih awal dari "
            "tanggal pembuatan (3 Februari 2014)") in out
    text = PRINTED.replace("revisi: 15 Januari 2014", "revisi: Des 2013")
    code, out, _ = run("validate", str(write(tmp_path, text)))
    assert code == 1
    assert "tanggal revisi (Desember 2013) lebih awal dari tanggal pembuatan (Januari 2014)" in out


def test_a_bad_month_date_is_sop104_with_its_place(tmp_path: Path) -> None:
    path = write(tmp_path, PRINTED.replace("pembuatan: Januari 2014", "pembuatan: Janury 2014"))
    code, out, _ = run("validate", str(path))
    assert code == 1
    assert f"{path}:5:14: SOP104 galat:" in out and "Janury" in out


def test_libur_tambahan_still_needs_a_day(tmp_path: Path) -> None:
    from soptool.config import ConfigError, read_settings

    path = tmp_path / "soptool.yaml"
    path.write_text("kalender:\n  libur_tambahan: [17 August 2026]\n", encoding="utf-8")
    assert read_settings(path).libur_tambahan == (dt.date(2026, 8, 17),)
    path.write_text("kalender:\n  libur_tambahan: [Agustus 2026]\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        read_settings(path)


# --- waktu -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Segera", "SEGERA", "segera.", "Sesuai kebutuhan", "Sesuai jadwal", "sesuaikan",
    "Semesteran", "Bulanan selama setahun", "Harian", "mingguan", "Triwulanan", "Tahunan",
    "Tergantung jumlah berkas", "Setiap bulan", "tiap triwulan", "Saat dibutuhkan", "setahun",
    "Insidental", "Berkala", "Disesuaikan", "-", "Seketika", "sesaat", "Langsung",
    "Sekali setahun",
])
def test_words_that_are_not_durations_are_not_measurable(text: str) -> None:
    with pytest.raises(DurationError) as exc:
        parse_duration(text)
    assert exc.value.code == "SOP302"


@pytest.mark.parametrize(("text", "minutes"), [
    ("sehari", (450, 450)), ("Sehari kerja", (450, 450)), ("sejam", (60, 60)),
    ("seminggu", (2250, 2250)), ("sepekan", (2250, 2250)), ("sebulan", (9000, 9000)),
    ("semenit", (1, 1)), ("setengah hari", (225, 225)), ("setengah jam - sejam", (30, 60)),
    ("sehari - 2 hari", (450, 900)), ("1 hari", (450, 450)),
])
def test_se_words_are_one_unit(text: str, minutes: tuple[int, int]) -> None:
    assert parse_duration(text).minutes() == minutes


@pytest.mark.parametrize(("text", "suggestion"), [
    ("semingu", "seminggu"), ("sebulam", "sebulan"), ("Segra", "Segera"),
    ("Sesuia kebutuhan", "Sesuai kebutuhan"), ("SEHRI", "SEHARI"), ("disesuikan", "disesuaikan"),
])
def test_a_near_miss_is_sop307_with_the_spelling(text: str, suggestion: str) -> None:
    with pytest.raises(DurationError) as exc:
        parse_duration(text)
    assert (exc.value.code, exc.value.params) == ("SOP307", {"suggestion": suggestion})


@pytest.mark.parametrize("text", ["hari", "jam", "tahun", "5 jem", "2 hari (segera)", "xyz",
                                  "3-1 hari", "selesai", "sekitar 2 jam"])
def test_what_is_still_unreadable(text: str) -> None:
    with pytest.raises(DurationError) as exc:
        parse_duration(text)
    assert exc.value.code == "SOP301"


def test_durations_valid_before_keep_their_meaning() -> None:
    for text, minutes in [("2 hari", 900), ("1 x 24 jam", 450), ("45 mnt", 45),
                          ("1 s.d. 3 hari", 1350), ("2 minggu kerja", 4500)]:
        assert parse_duration(text).minutes()[1] == minutes


def test_validate_and_duration_through_the_cli(tmp_path: Path) -> None:
    path = write(tmp_path, PRINTED)
    code, out, _ = run("validate", str(path))
    assert code == 0, out
    assert f"{path}:21:12: SOP302 peringatan: waktu 'Segera' tidak terukur" in out
    assert "waktu 'Bulanan selama setahun' tidak terukur" in out
    assert out.strip().splitlines()[-1] == "1 berkas diperiksa: 0 galat, 2 peringatan"
    code, out, _ = run("duration", str(path))
    assert code == 0
    assert "1 hari *" in out  # sehari counted; the rest leaves a lower bound
    assert "2 ('Segera'), 3 ('Bulanan selama setahun')" in out
    code, out, _ = run("duration", "--format", "json", str(path))
    doc = json.loads(out)["files"][0]
    assert doc["total"] == {"min_menit": 450, "max_menit": 450}
    assert doc["batas_bawah"] is True and doc["langkah_tanpa_waktu"] == [2, 3]


def test_a_misspelling_warns_in_both_languages_and_is_not_measured(tmp_path: Path) -> None:
    path = write(tmp_path, PRINTED.replace("waktu: sehari", "waktu: semingu"))
    code, out, _ = run("validate", str(path))
    assert code == 0
    assert (f"{path}:18:12: SOP307 peringatan: waktu 'semingu' tidak dikenal (maksud Anda "
            "'seminggu'?); langkah ini tidak ikut dijumlahkan") in out
    code, out, _ = run("validate", "--strict", str(path))
    assert code == 1
    code, out, _ = run("validate", "--lang", "en", str(path))
    assert "SOP307" in out and "did you mean 'seminggu'?" in out
    code, out, _ = run("duration", "--format", "json", str(path))
    assert json.loads(out)["files"][0]["langkah_tanpa_waktu"] == [1, 2, 3]


def test_a_misspelt_or_frequency_batas_waktu_is_sop305(tmp_path: Path) -> None:
    for limit in ("semingu", "Semesteran"):
        path = write(tmp_path, PRINTED.replace("tujuan:", f"batas_waktu: {limit}\ntujuan:"))
        code, out, _ = run("validate", str(path))
        assert code == 1
        assert f"SOP305 galat: batas_waktu '{limit}' tidak terukur" in out
        assert "SOP307" not in out
    path = write(tmp_path, PRINTED.replace("tujuan:", "batas_waktu: sebulan\ntujuan:"))
    assert run("validate", str(path))[0] == 0


# --- tujuan ----------------------------------------------------------------------------------


def test_tujuan_is_text_or_a_list(tmp_path: Path) -> None:
    sop = model(tmp_path, PRINTED)
    assert sop.tujuan == ["Sebagai pedoman <pelaporan> & pemantauan", "Agar laporan tepat waktu"]
    one = model(tmp_path, PRINTED.replace(
        "tujuan:\n  - Sebagai pedoman <pelaporan> & pemantauan\n  - Agar laporan tepat waktu\n",
        "tujuan: Sebagai pedoman\n"))
    assert one.tujuan == ["Sebagai pedoman"]
    path = write(tmp_path, PRINTED.replace("tujuan:\n", "tujuan:\n  - [a, b]\n"))
    code, out, _ = run("validate", str(path))
    assert code == 1 and "SOP103" in out
    path = write(tmp_path, PRINTED.replace("tujuan:", "tujuann:"))
    code, out, _ = run("validate", str(path))
    assert code == 1 and "kunci tidak dikenal 'tujuann' (maksud Anda 'tujuan'?)" in out


def test_tujuan_is_in_the_schema_in_indonesian() -> None:
    prop = json_schema()["properties"]["tujuan"]
    assert "Maksud dan tujuan" in prop["description"]


def test_render_prints_month_dates_and_tujuan_escaped(tmp_path: Path) -> None:
    path = write(tmp_path, PRINTED)
    code, html, _ = run("render", str(path), "-o", "-")
    assert code == 0
    assert "<th>Tanggal Pembuatan</th><td>Januari 2014</td>" in html
    assert "<th>Tanggal Efektif</th><td>2 Juni 2025</td>" in html
    assert "Maksud dan Tujuan:" in html
    assert "<li>Sebagai pedoman &lt;pelaporan&gt; &amp; pemantauan</li>" in html
    assert html.index("Maksud dan Tujuan:") < html.index("Dasar Hukum:")
    assert html == run("render", str(path), "-o", "-")[1]  # deterministic
    code, md, _ = run("render", str(path), "--format", "md", "-o", "-")
    assert "| Tanggal Pembuatan | Januari 2014 |" in md
    assert "**Maksud dan Tujuan**\n\n1. Sebagai pedoman &lt;pelaporan&gt; &amp; pemantauan" in md


def test_render_without_tujuan_has_no_box(tmp_path: Path) -> None:
    text = PRINTED.replace(
        "tujuan:\n  - Sebagai pedoman <pelaporan> & pemantauan\n  - Agar laporan tepat waktu\n", "")
    code, html, _ = run("render", str(write(tmp_path, text)), "-o", "-")
    assert code == 0 and "Maksud dan Tujuan" not in html
    one = PRINTED.replace(
        "tujuan:\n  - Sebagai pedoman <pelaporan> & pemantauan\n  - Agar laporan tepat waktu\n",
        "tujuan: Sebagai pedoman\n")
    code, html, _ = run("render", str(write(tmp_path, one)), "-o", "-")
    assert '<td colspan="2" class="tujuan">Sebagai pedoman</td>' in html


def test_fmt_puts_tujuan_after_disahkan_oleh(tmp_path: Path) -> None:
    assert TOP_ORDER.index("disahkan_oleh") + 1 == TOP_ORDER.index("tujuan")
    messy = "tujuan: Pedoman\n" + PRINTED.replace(
        "tujuan:\n  - Sebagai pedoman <pelaporan> & pemantauan\n  - Agar laporan tepat waktu\n", "")
    out = format_text(messy)
    keys = [line.split(":")[0] for line in out.splitlines() if line[:1].isalpha()]
    assert keys == ["nomor", "nama", "instansi", "tanggal", "disahkan_oleh", "tujuan",
                    "pelaksana", "langkah"]
    assert "pembuatan: Januari 2014" in out and "efektif: 02 June 2025" in out  # as written
    assert "waktu: Bulanan selama setahun" in out


# --- diff -------------------------------------------------------------------------------------


def test_diff_reads_month_dates_and_tujuan(tmp_path: Path) -> None:
    old = write(tmp_path, PRINTED, "old.yaml")
    new = write(tmp_path, PRINTED.replace("pembuatan: Januari 2014", "pembuatan: Jan. 2014")
                .replace("Agar laporan tepat waktu", "Agar laporan tepat waktu dan lengkap"),
                "new.yaml")
    code, out, _ = run("diff", str(old), str(new))
    assert code == 0
    assert "tanggal pembuatan" not in out  # the same month, spelt otherwise
    assert "maksud dan tujuan" in out
    code, out, _ = run("diff", "--format", "json", str(old), str(new))
    doc = json.loads(out)
    assert doc["files"][0]["revisi"] == {"old": "15 Januari 2014", "new": "15 Januari 2014"}
    new = write(tmp_path, PRINTED.replace("revisi: 15 Januari 2014", "revisi: Mei 2015"),
                "new.yaml")
    code, out, _ = run("diff", "--format", "json", str(old), str(new))
    doc = json.loads(out)["files"][0]
    assert doc["revisi"] == {"old": "15 Januari 2014", "new": "Mei 2015"}


@pytest.mark.parametrize(("old", "new", "problem"), [
    ("Januari 2026", "20 Januari 2026", False),  # the same month, now with its day
    ("20 Januari 2026", "Januari 2026", False),  # cannot be said to go back
    ("Januari 2026", "Februari 2026", False),
    ("5 Januari 2026", "Februari 2026", False),
    ("Februari 2026", "Januari 2026", True),
    ("Januari 2026", "Januari 2026", True),
    ("20 Januari 2026", "20 Januari 2026", True),
])
def test_require_revisi_compares_by_month(tmp_path: Path, old: str, new: str,
                                          problem: bool) -> None:
    a = model(tmp_path, PRINTED.replace("revisi: 15 Januari 2014", f"revisi: {old}"), "a.yaml")
    b = model(tmp_path, PRINTED.replace("revisi: 15 Januari 2014", f"revisi: {new}")
              .replace("waktu: sehari", "waktu: 2 hari"), "b.yaml")
    d = compare(a, b, "a.yaml", "b.yaml")
    assert d.changed
    assert (revisi_problem(d, a, b) is not None) is problem


# --- the model as an API -----------------------------------------------------------------------


def test_a_month_date_dumps_as_2014_01_in_json_and_reads_back(tmp_path: Path) -> None:
    import copy
    import pickle

    sop = model(tmp_path, PRINTED)
    assert sop.tanggal.pembuatan == MonthDate(2014, 1)
    assert sop.model_dump(mode="json")["tanggal"] == {
        "pembuatan": "2014-01", "revisi": "2014-01-15", "efektif": "2025-06-02"}
    assert sop.model_dump()["tanggal"]["pembuatan"] == MonthDate(2014, 1)
    assert Sop.model_validate_json(sop.model_dump_json()) == sop
    assert Sop.model_validate(sop.model_dump()) == sop
    assert pickle.loads(pickle.dumps(sop)) == sop == copy.deepcopy(sop)
    with pytest.raises(AttributeError):
        sop.tanggal.pembuatan.year = 2015  # type: ignore[union-attr, misc]
    assert sorted([MonthDate(2020, 3), MonthDate(2019, 5)]) == [MonthDate(2019, 5),
                                                                MonthDate(2020, 3)]
    assert len({MonthDate(2014, 1), MonthDate(2014, 1)}) == 1
