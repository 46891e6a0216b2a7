"""The ``volume`` key: how often an SOP runs, read into a yearly count on the calendar."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from soptool.commands.validate import validate_file
from soptool.timing.durations import Calendar
from soptool.timing.volume import VolumeError, parse_volume, year_factors

SIX_DAYS = Calendar(jam_per_hari=Fraction(8), hari_per_minggu=Fraction(6),
                    hari_per_bulan=Fraction(24))


@pytest.mark.parametrize(("text", "count", "period"), [
    ("1200 per tahun", 1200, "tahun"),
    ("1.200 per tahun", 1200, "tahun"),
    ("12.000 per tahun", 12000, "tahun"),
    ("100 per bulan", 100, "bulan"),
    ("100/bulan", 100, "bulan"),
    ("100 / bln", 100, "bulan"),
    ("5 per minggu", 5, "minggu"),
    ("5 per pekan", 5, "minggu"),
    ("2 per hari", 2, "hari"),
    ("2 kali per hari", 2, "hari"),
    ("2 kali sehari", 2, "hari"),
    ("3 x sebulan", 3, "bulan"),
    ("12 kali setahun", 12, "tahun"),
    ("setiap bulan", 1, "bulan"),
    ("tiap hari", 1, "hari"),
    ("2,5 per minggu", Fraction(5, 2), "minggu"),
    ("1.5 per hari", Fraction(3, 2), "hari"),
    ("  40   PER   Tahun ", 40, "tahun"),
])
def test_a_volume_reads_as_its_count_and_period(text: str, count: Fraction,
                                                period: str) -> None:
    volume = parse_volume(text)
    assert (volume.count, volume.period) == (count, period)


@pytest.mark.parametrize(("text", "reason"), [
    ("", "volume.empty"),
    ("1200", "volume.no_period"),
    ("1.200", "volume.no_period"),
    ("sering", "volume.form"),
    ("4 per triwulan", "volume.period"),
    ("2 kali seminggu sekali", "volume.form"),
    ("per", "volume.form"),
    ("3 kali sesekali", "volume.period"),
])
def test_a_wrong_volume_says_why(text: str, reason: str) -> None:
    with pytest.raises(VolumeError) as info:
        parse_volume(text)
    assert info.value.reason == reason


def test_the_year_follows_the_calendar() -> None:
    assert year_factors() == {"tahun": 1, "bulan": 12, "minggu": 48, "hari": 240}
    assert year_factors(SIX_DAYS) == {"tahun": 1, "bulan": 12, "minggu": 48, "hari": 288}
    assert parse_volume("2 per hari").per_year(SIX_DAYS) == 576
    four_days = Calendar(hari_per_minggu=Fraction(4), hari_per_bulan=Fraction(18))
    assert parse_volume("1 per minggu").per_year(four_days) == 54  # 216 days / 4


def test_validate_locates_a_wrong_volume(tmp_path: Path) -> None:
    path = tmp_path / "sop.yaml"
    path.write_text("nama: Contoh\nvolume: seratus per bulan\npelaksana:\n  a: Staf\n"
                    "langkah:\n  - kegiatan: Menyusun\n    pelaksana: a\n    waktu: 1 jam\n",
                    encoding="utf-8")
    found = [f for f in validate_file(path).findings if f.code == "SOP308"]
    assert [(f.line, f.col) for f in found] == [(2, 9)]


def test_a_volume_written_as_a_yaml_number_needs_its_period(tmp_path: Path) -> None:
    path = tmp_path / "sop.yaml"
    path.write_text("nama: Contoh\nvolume: 1200\npelaksana:\n  a: Staf\n"
                    "langkah:\n  - kegiatan: Menyusun\n    pelaksana: a\n    waktu: 1 jam\n",
                    encoding="utf-8")
    codes = [f.code for f in validate_file(path).findings if f.severity.value == "error"]
    assert codes == ["SOP308"]
