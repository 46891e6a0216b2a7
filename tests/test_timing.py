"""The duration grammar of format.md against hand-computed working minutes.

Default calendar: 1 jam = 60, 1 hari = 7.5 jam = 450, 1 minggu = 5 hari = 2250,
1 bulan = 20 hari = 9000 working minutes.
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from soptool.timing.durations import (
    DEFAULT_CALENDAR,
    Calendar,
    DurationError,
    format_hours,
    format_hours_number,
    format_minutes,
    format_number,
    parse_duration,
)

HARI = 450
MINGGU = 5 * HARI
BULAN = 20 * HARI


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        # number and unit, every unit word of format.md
        ("60 menit", 60, 60),
        ("5 jam", 5 * 60, 5 * 60),
        ("3 hari", 3 * HARI, 3 * HARI),
        ("1 Minggu", MINGGU, MINGGU),
        ("1 bulan", BULAN, BULAN),
        ("30 detik", F(1, 2), F(1, 2)),
        ("10 mnt", 10, 10),
        ("2 minutes", 2, 2),
        ("5 min", 5, 5),
        ("2 hours", 120, 120),
        ("2 hr", 2 * HARI, 2 * HARI),  # "hr" is the Indonesian abbreviation of hari
        ("4 days", 4 * HARI, 4 * HARI),
        ("2 mgg", 2 * MINGGU, 2 * MINGGU),
        ("1 pekan", MINGGU, MINGGU),
        ("3 weeks", 3 * MINGGU, 3 * MINGGU),
        ("2 bln", 2 * BULAN, 2 * BULAN),
        ("1 month", BULAN, BULAN),
        ("60menit", 60, 60),
        ("  5   JAM ", 300, 300),
        # decimal comma and point
        ("1,5 jam", 90, 90),
        ("0.5 hari", 225, 225),
        ("2,25 jam", 135, 135),
        # several parts
        ("1 jam 30 menit", 90, 90),
        ("2 hari 4 jam", 2 * HARI + 4 * 60, 2 * HARI + 4 * 60),
        ("1 minggu 2 hari 3 jam 15 menit", MINGGU + 2 * HARI + 3 * 60 + 15,
         MINGGU + 2 * HARI + 3 * 60 + 15),
        ("1 jam dan 30 menit", 90, 90),
        # ranges
        ("1-2 hari", HARI, 2 * HARI),
        ("30 menit - 1 jam", 30, 60),
        ("1 s.d. 3 hari", HARI, 3 * HARI),
        ("1 s.d 3 hari", HARI, 3 * HARI),
        ("1 s/d 3 hari", HARI, 3 * HARI),
        ("2 sampai 3 hari", 2 * HARI, 3 * HARI),
        ("1 hingga 2 jam", 60, 120),
        ("1 \u2013 2 jam", 60, 120),  # en dash
        # ranges whose bounds have several parts
        ("1 jam 30 menit - 2 jam", 90, 120),
        ("1 jam - 1 jam 30 menit", 60, 90),
        ("1 hari 4 jam - 2 hari", HARI + 240, 2 * HARI),
        ("1 hari kerja - 2 hari kerja", HARI, 2 * HARI),
        # "N x 24 jam" means N hari
        ("1 x 24 jam", HARI, HARI),
        ("3 x 24 jam", 3 * HARI, 3 * HARI),
        ("1x24 jam", HARI, HARI),
        ("2 \u00d7 24 jam", 2 * HARI, 2 * HARI),
        ("1 x 24 jam kerja", HARI, HARI),
        ("1-3 x 24 jam", HARI, 3 * HARI),
        ("1 x 24 jam - 3 x 24 jam", HARI, 3 * HARI),
        # working-day words
        ("3 hari kerja", 3 * HARI, 3 * HARI),
        ("2 minggu kerja", 2 * MINGGU, 2 * MINGGU),
        ("2 Hari Kerja", 2 * HARI, 2 * HARI),
    ],
)
def test_duration_forms(text: str, low: int | F, high: int | F) -> None:
    assert parse_duration(text).minutes() == (F(low), F(high))


@pytest.mark.parametrize(
    ("text", "unit", "low", "high"),
    [
        ("10", "menit", 10, 10),
        ("10", "Menit", 10, 10),
        ("1,5", "jam", 90, 90),
        ("2", "hari", 2 * HARI, 2 * HARI),
        ("10 - 20", "menit", 10, 20),
        ("1 - 2", "hari", HARI, 2 * HARI),
        ("2 jam", "menit", 120, 120),  # an explicit unit wins over satuan_waktu
    ],
)
def test_bare_numbers_with_satuan_waktu(text: str, unit: str, low: int, high: int) -> None:
    assert parse_duration(text, unit).minutes() == (F(low), F(high))


def test_bare_number_without_satuan_waktu_is_sop304() -> None:
    with pytest.raises(DurationError) as exc:
        parse_duration("10")
    assert exc.value.code == "SOP304"


@pytest.mark.parametrize("text", ["disesuaikan", "Tentatif", "-", "", "  ", "\u2014"])
def test_not_measurable_is_sop302(text: str) -> None:
    with pytest.raises(DurationError) as exc:
        parse_duration(text)
    assert exc.value.code == "SOP302"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("3 jem", "dur.unknown_unit"),
        ("lama sekali", "dur.no_number"),
        ("2 hari lagi", "dur.unknown_word"),
        ("3 - 1 hari", "dur.range_order"),
        ("1 - 2 - 3 hari", "dur.range_shape"),
        ("1-2 jam 30 menit", "dur.range_low_unit"),
    ],
)
def test_unreadable_is_sop301(text: str, reason: str) -> None:
    with pytest.raises(DurationError) as exc:
        parse_duration(text)
    assert (exc.value.code, exc.value.reason) == ("SOP301", reason)


def test_calendar_overrides_change_day_week_month() -> None:
    cal = Calendar(jam_per_hari=F(8), hari_per_minggu=F(6), hari_per_bulan=F(22))
    assert parse_duration("1 hari").minutes(cal) == (480, 480)
    assert parse_duration("1 minggu").minutes(cal) == (6 * 480, 6 * 480)
    assert parse_duration("1 bulan").minutes(cal) == (22 * 480, 22 * 480)
    assert parse_duration("1 x 24 jam").minutes(cal) == (480, 480)
    assert parse_duration("90 menit").minutes(cal) == (90, 90)


def test_arithmetic_is_exact() -> None:
    # 0.1 hari is 45 minutes exactly; floats would drift after many additions.
    total = sum((parse_duration("0,1 hari").minutes()[0] for _ in range(30)), F(0))
    assert total == 3 * HARI
    assert parse_duration("20 detik").minutes()[0] * 3 == 1


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        (F(0), "0 menit"),
        (F(50), "50 menit"),
        (F(2 * HARI + 60 + 50), "2 hari 1 jam 50 menit"),
        (F(253 * 60 + 30), "33 hari 6 jam"),
        (F(25 * HARI), "25 hari"),
        (F(1, 2), "0,5 menit"),
        (F(HARI + 30), "1 hari 30 menit"),
    ],
)
def test_format_minutes(minutes: F, text: str) -> None:
    assert format_minutes(minutes) == text


def test_format_minutes_follows_the_calendar() -> None:
    assert format_minutes(F(480), Calendar(jam_per_hari=F(8))) == "1 hari"
    assert format_minutes(F(480)) == "1 hari 30 menit"


def test_format_hours_and_numbers() -> None:
    assert format_hours(F(253 * 60 + 30)) == "253,5 jam"
    assert format_hours(F(90)) == "1,5 jam"
    assert format_hours(F(40)) == "0,67 jam"
    assert format_number(F(7)) == "7"


def _old_number(value: F) -> str:
    # The printing rule as it was written with Fractions: whole, else float to 2 places.
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.2f}".rstrip("0").rstrip(".").replace(".", ",")


def _old_minutes(minutes: F, calendar: Calendar) -> str:
    # format_minutes as it was written with Fraction divmod.
    if minutes == 0:
        return "0 menit"
    days, rest = divmod(minutes, calendar.minutes_per_day)
    hours, mins = divmod(rest, 60)
    out = []
    if days:
        out.append(f"{int(days)} hari")
    if hours:
        out.append(f"{int(hours)} jam")
    if mins:
        out.append(f"{_old_number(mins)} menit")
    return " ".join(out)


def test_ints_and_fractions_print_alike() -> None:
    # Minutes are ints where whole and Fractions elsewhere; printing takes fast paths for
    # both, which must give what the plain Fraction arithmetic gives.
    odd = Calendar(jam_per_hari=F(29, 4))
    values = [F(n, d) for n in range(-200, 2000, 7) for d in (1, 2, 3, 7, 60, 120, 1000)]
    values += [F(10**20 + 1, 3), F(2**60, 1), F(1, 10**9), F(999, 200), F(-1, 200)]
    for value in values:
        assert format_number(value) == _old_number(value)
        assert format_hours(value) == _old_number(value / 60) + " jam"
        assert format_hours_number(value) == _old_number(value / 60)
        for cal in (DEFAULT_CALENDAR, odd, Calendar(jam_per_hari=F(733, 100))):
            assert format_minutes(value, cal) == _old_minutes(value, cal), (value, cal)
        if value.denominator == 1:
            assert format_number(value.numerator) == format_number(value)
            assert format_hours(value.numerator) == format_hours(value)
            for cal in (DEFAULT_CALENDAR, odd):
                if value >= 0:
                    assert format_minutes(value.numerator, cal) == format_minutes(value, cal)


def test_calendar_remembers_texts_and_does_not_pickle_them() -> None:
    import pickle

    cal = Calendar(jam_per_hari=F(8))
    assert cal.text_minutes("1 hari") == (480, 480)
    assert cal.text_minutes("90 detik") == (F(3, 2), F(3, 2))
    assert cal.text_minutes("tentatif") is None
    assert cal.text_minutes("2", "jam") == (120, 120)
    assert cal.text_minutes("2") is None  # a bare number needs satuan_waktu
    day = cal.text_minutes("1 hari")
    assert day is not None and isinstance(day[0], int)  # ints where whole
    copy = pickle.loads(pickle.dumps(cal))
    assert copy == cal and "_text_minutes" not in vars(copy)
    assert copy.text_minutes("1 minggu") == (2400, 2400)
