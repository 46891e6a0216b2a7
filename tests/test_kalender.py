"""Projection onto the calendar, across Nyepi and Idul Fitri 2026 and their cuti bersama.

What the `holidays` package (country ID) holds for March 2026, which these tests rely on:
  Wed 18 Cuti Bersama Hari Suci Nyepi (government)   Thu 19 Hari Suci Nyepi (public)
  Fri 20 Cuti Bersama Hari Raya Idul Fitri (gov.)    Sat 21 Hari Raya Idul Fitri (public)
  Sun 22 Hari kedua dari Hari Raya Idul Fitri         Mon 23, Tue 24 Cuti Bersama Idul Fitri
"""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction as F
from pathlib import Path

from typer.testing import CliRunner

from soptool.cli import app
from soptool.timing.calendar import WorkCalendar
from soptool.timing.durations import Calendar

D = dt.date
HARI = 450  # working minutes in a 7.5-hour day
MON_16_MARCH = D(2026, 3, 16)


def test_holidays_package_knows_idul_fitri_2026() -> None:
    work = WorkCalendar()
    assert work.holiday(D(2026, 3, 21)) == "Hari Raya Idul Fitri"
    assert work.holiday(D(2026, 3, 23)) == "Cuti Bersama Hari Raya Idul Fitri"
    assert work.holiday(D(2026, 3, 25)) is None


def test_five_days_across_idul_fitri_with_cuti_bersama() -> None:
    # Working days: Mon 16, Tue 17, then 18-24 are all off (cuti Nyepi, Nyepi, cuti Idul
    # Fitri, the weekend of Idul Fitri, two days of cuti), then Wed 25, Thu 26, Fri 27.
    p = WorkCalendar().project(MON_16_MARCH, F(5 * HARI))
    assert (p.mulai, p.selesai, p.hari_kerja) == (MON_16_MARCH, D(2026, 3, 27), 5)
    assert [(h.tanggal.day, h.kerja) for h in p.libur] == [
        (18, True), (19, True), (20, True), (21, False), (22, False), (23, True), (24, True)]


def test_five_days_across_idul_fitri_without_cuti_bersama() -> None:
    # Only public holidays: Thu 19 Nyepi (Idul Fitri falls on the weekend). Working days:
    # Mon 16, Tue 17, Wed 18, Fri 20, Mon 23.
    p = WorkCalendar(cuti_bersama=False).project(MON_16_MARCH, F(5 * HARI))
    assert p.selesai == D(2026, 3, 23)
    assert [h.nama for h in p.libur] == [
        "Hari Suci Nyepi", "Hari Raya Idul Fitri", "Hari kedua dari Hari Raya Idul Fitri"]


def test_one_minute_more_takes_the_next_working_day() -> None:
    assert WorkCalendar().project(MON_16_MARCH, F(5 * HARI + 1)).selesai == D(2026, 3, 30)
    assert WorkCalendar().project(MON_16_MARCH, F(5 * HARI - 1)).selesai == D(2026, 3, 27)


def test_start_on_a_holiday_moves_to_the_next_working_day() -> None:
    p = WorkCalendar().project(D(2026, 3, 20), F(60))
    assert (p.mulai, p.selesai) == (D(2026, 3, 25), D(2026, 3, 25))
    assert len(p.libur) == 5  # 20 to 24 March
    p = WorkCalendar(cuti_bersama=False).project(D(2026, 3, 20), F(60))
    assert (p.mulai, p.selesai) == (D(2026, 3, 20), D(2026, 3, 20))


def test_start_on_a_weekend() -> None:
    p = WorkCalendar().project(D(2026, 1, 3), F(0))  # Saturday
    assert (p.mulai, p.selesai) == (D(2026, 1, 5), D(2026, 1, 5))


def test_extra_holidays_and_other_calendars() -> None:
    work = WorkCalendar(libur_tambahan=[D(2026, 3, 25)])
    assert work.project(MON_16_MARCH, F(5 * HARI)).selesai == D(2026, 3, 30)
    assert work.holiday(D(2026, 3, 25)) == "Libur tambahan (soptool.yaml)"
    # a six-day week of 8 hours: Saturday is a working day; 3 days of 8 hours from Thu 26
    six = WorkCalendar(Calendar(jam_per_hari=F(8), hari_per_minggu=F(6)))
    assert six.project(D(2026, 3, 26), F(3 * 480)).selesai == D(2026, 3, 28)


def test_cli_range_gives_two_finish_dates(tmp_path: Path) -> None:
    # 1-2 hari from Tue 17 March 2026: the low bound finishes the same day; the high bound's
    # second working day comes after the holidays, on Wed 25 March.
    sop = tmp_path / "rentang.yaml"
    sop.write_text("nama: Rentang\npelaksana: {a: A}\nlangkah:\n"
                   "  - {kegiatan: Satu, pelaksana: a, waktu: 1-2 hari}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["duration", str(sop), "--mulai", "17/03/2026",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    item = json.loads(result.stdout)["files"][0]
    assert item["selesai"] == {"min": "2026-03-17", "max": "2026-03-25"}
    assert item["hari_kerja"] == {"min": 1, "max": 2}
    result = CliRunner().invoke(app, ["duration", str(sop), "--mulai", "2026-03-17"])
    assert ("selesai paling cepat Selasa, 17 Maret 2026 (1 hari kerja), paling lambat Rabu, "
            "25 Maret 2026 (2 hari kerja)") in result.stdout
    assert "Selasa, 24 Maret 2026  Cuti Bersama Hari Raya Idul Fitri" in result.stdout
    assert "Sabtu, 21 Maret 2026   Hari Raya Idul Fitri (jatuh pada akhir pekan)" in (
        result.stdout)


def test_cli_cuti_bersama_switched_off_in_soptool_yaml(tmp_path: Path) -> None:
    sop = tmp_path / "lima.yaml"
    sop.write_text("nama: Lima hari\npelaksana: {a: A}\nlangkah:\n"
                   "  - {kegiatan: Satu, pelaksana: a, waktu: 5 hari}\n", encoding="utf-8")
    config = tmp_path / "soptool.yaml"
    config.write_text("kalender:\n  cuti_bersama: false\n", encoding="utf-8")
    args = ["duration", str(sop), "--mulai", "2026-03-16", "--format", "json"]
    with_cuti = CliRunner().invoke(app, args)
    without = CliRunner().invoke(app, [*args, "--config", str(config)])
    assert json.loads(with_cuti.stdout)["files"][0]["selesai"]["max"] == "2026-03-27"
    assert json.loads(without.stdout)["files"][0]["selesai"]["max"] == "2026-03-23"
