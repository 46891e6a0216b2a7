"""``soptool beban`` output: one set of tables (summary and tasks), written as text, JSON,
CSV or XLSX. Every format takes its numbers from ``summary_rows`` and ``task_rows``, so
they carry the same figures.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from decimal import Decimal
from fractions import Fraction
from typing import IO, Any

from soptool.abk.compute import Analysis, Position, Task
from soptool.report.messages import message
from soptool.timing.durations import format_number
from soptool.timing.volume import format_count

Value = str | int | float | None

# (column id, heading as the ABK forms of offices name it)
SUMMARY_COLUMNS = (
    ("no", "No"),
    ("jabatan", "Nama Jabatan"),
    ("tugas", "Jumlah Tugas"),
    ("beban_min", "Jumlah Beban Kerja (jam/tahun) min"),
    ("beban_maks", "Jumlah Beban Kerja (jam/tahun) maks"),
    ("jam_kerja_efektif", "Jam Kerja Efektif (jam/tahun)"),
    ("kebutuhan_min", "Kebutuhan Pegawai min"),
    ("kebutuhan_maks", "Kebutuhan Pegawai maks"),
    ("dibulatkan_min", "Kebutuhan Pegawai (dibulatkan) min"),
    ("dibulatkan_maks", "Kebutuhan Pegawai (dibulatkan) maks"),
    ("pemangku", "Jumlah Pegawai Saat Ini (pemangku)"),
    ("selisih_min", "Kelebihan/Kekurangan (+/-) pada beban maks"),
    ("selisih_maks", "Kelebihan/Kekurangan (+/-) pada beban min"),
    ("ej_min", "Efektivitas Jabatan (EJ) min"),
    ("ej_maks", "Efektivitas Jabatan (EJ) maks"),
    ("predikat_min", "Predikat Jabatan (PJ) min"),
    ("predikat_maks", "Predikat Jabatan (PJ) maks"),
    ("keterangan", "Keterangan"),
)
TASK_COLUMNS = (
    ("no", "No"),
    ("jabatan", "Nama Jabatan"),
    ("uraian_tugas", "Uraian Tugas"),
    ("satuan_hasil", "Satuan Hasil"),
    ("sop", "SOP"),
    ("nomor_sop", "Nomor SOP"),
    ("berkas", "Berkas"),
    ("langkah", "Langkah"),
    ("pelaksana", "Pelaksana di SOP"),
    ("volume", "Volume (tertulis)"),
    ("volume_per_tahun", "Volume Kerja (per tahun)"),
    ("norma_min", "Norma Waktu (menit) min"),
    ("norma_maks", "Norma Waktu (menit) maks"),
    ("beban_min", "Beban Kerja (jam/tahun) min"),
    ("beban_maks", "Beban Kerja (jam/tahun) maks"),
    ("kebutuhan_min", "Kebutuhan Pegawai min"),
    ("kebutuhan_maks", "Kebutuhan Pegawai maks"),
    ("keterangan", "Keterangan"),
)
SKIPPED_COLUMNS = (("no", "No"), ("berkas", "Berkas"), ("sop", "SOP"),
                   ("alasan", "Alasan tidak dihitung"))


def number(value: Fraction | Decimal | int) -> float | int:
    """A figure as JSON and XLSX carry it: an int where whole, else a float of at most
    6 decimals (which both write and read back as the same number)."""
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value.numerator if value.denominator == 1 else round(float(value), 6)


def _task_note(task: Task, lang: str) -> str:
    if task.norma is None:
        shown = f"'{task.waktu.strip()}'" if task.waktu and task.waktu.strip() else "-"
        return message("beban.note_no_time", lang, waktu=shown)
    if task.kali > 1:
        return message("beban.note_ulang", lang, n=task.kali - 1)
    return ""


def _position_note(position: Position, lang: str) -> str:
    notes = []
    if not position.mapped:
        notes.append(message("beban.note_unmapped", lang))
    if position.tanpa_waktu:
        notes.append(message("beban.note_lower", lang, count=len(position.tanpa_waktu)))
    if not position.tasks:
        notes.append(message("beban.note_no_tasks", lang))
    return "; ".join(notes)


def summary_rows(analysis: Analysis, lang: str = "id") -> list[dict[str, Value]]:
    """One row per position."""
    out: list[dict[str, Value]] = []
    hours = number(analysis.jam_kerja_efektif)
    for n, position in enumerate(analysis.positions, 1):
        low, high = analysis.figures(position)
        out.append({
            "no": n, "jabatan": position.name, "tugas": len(position.tasks),
            "beban_min": number(low.beban), "beban_maks": number(high.beban),
            "jam_kerja_efektif": hours,
            "kebutuhan_min": number(low.kebutuhan_2), "kebutuhan_maks": number(high.kebutuhan_2),
            "dibulatkan_min": low.dibulatkan, "dibulatkan_maks": high.dibulatkan,
            "pemangku": position.pemangku,
            "selisih_min": high.selisih, "selisih_maks": low.selisih,
            "ej_min": None if low.ej is None else number(low.ej),
            "ej_maks": None if high.ej is None else number(high.ej),
            "predikat_min": low.nilai, "predikat_maks": high.nilai,
            "keterangan": _position_note(position, lang),
        })
    return out


def task_rows(analysis: Analysis, lang: str = "id") -> list[dict[str, Value]]:
    """One row per task, position by position."""
    out: list[dict[str, Value]] = []
    n = 0
    for position in analysis.positions:
        for task in position.tasks:
            n += 1
            low, high = task.beban
            norma = task.norma
            out.append({
                "no": n, "jabatan": position.name, "uraian_tugas": task.kegiatan,
                "satuan_hasil": task.hasil, "sop": task.sop, "nomor_sop": task.nomor or "",
                "berkas": task.file, "langkah": task.langkah, "pelaksana": task.pelaksana,
                "volume": task.volume, "volume_per_tahun": number(task.per_tahun),
                "norma_min": None if norma is None else number(norma[0]),
                "norma_maks": None if norma is None else number(norma[1]),
                "beban_min": number(low), "beban_maks": number(high),
                "kebutuhan_min": number(low / analysis.jam_kerja_efektif),
                "kebutuhan_maks": number(high / analysis.jam_kerja_efektif),
                "keterangan": _task_note(task, lang),
            })
    return out


def skipped_rows(analysis: Analysis, lang: str = "id") -> list[dict[str, Value]]:
    """One row per SOP not counted."""
    return [{"no": n, "berkas": s.file, "sop": s.sop,
             "alasan": message(s.reason, lang, status=s.status)}
            for n, s in enumerate(analysis.skipped, 1)]


def warnings(analysis: Analysis, lang: str = "id") -> list[str]:
    """What the reader must know: titles no position lists."""
    if not analysis.unmapped:
        return []
    if not any(p.mapped for p in analysis.positions):
        return [message("beban.no_mapping", lang)]
    return [message("beban.unmapped", lang, title=u.title, file=u.file)
            for u in analysis.unmapped]


# --- JSON ---------------------------------------------------------------------------------

def write_json(analysis: Analysis, stream: IO[str], lang: str = "id") -> None:
    """The analysis as one JSON object."""
    cal = analysis.calendar
    data: dict[str, Any] = {
        "jam_kerja_efektif": number(analysis.jam_kerja_efektif),
        "kalender": {"jam_per_hari": number(cal.jam_per_hari),
                     "hari_per_minggu": number(cal.hari_per_minggu),
                     "hari_per_bulan": number(cal.hari_per_bulan),
                     "hari_kerja_setahun": number(analysis.days_per_year),
                     "minggu_kerja_setahun": number(analysis.weeks_per_year)},
        "ulang": analysis.ulang,
        "berkas_dihitung": analysis.counted,
        "jabatan": summary_rows(analysis, lang),
        "tugas": task_rows(analysis, lang),
        "tidak_dihitung": skipped_rows(analysis, lang),
        "peringatan": warnings(analysis, lang),
    }
    json.dump(data, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


# --- CSV ----------------------------------------------------------------------------------

def _csv_cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    return str(value)


def csv_text(analysis: Analysis, lang: str = "id") -> str:
    """The task table as CSV for a spreadsheet set to Indonesian: ``;`` between cells, a
    decimal comma, CRLF line ends (with a BOM, written by ``write_csv``)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([head for _, head in TASK_COLUMNS])
    for row in task_rows(analysis, lang):
        writer.writerow([_csv_cell(row[key]) for key, _ in TASK_COLUMNS])
    return out.getvalue()


# --- text ---------------------------------------------------------------------------------

def _dec(value: Decimal | Fraction | int) -> str:
    """Two decimals with a comma, thousands with dots: ``1.222,50``."""
    if isinstance(value, Fraction):
        from soptool.abk.compute import two_decimals
        value = two_decimals(value)
    text = f"{value:,.2f}" if isinstance(value, Decimal) else f"{value:,}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def _pair(low: str, high: str) -> str:
    return low if low == high else f"{low} - {high}"


def _table(head: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    width = [max(len(line) for cell in col for line in cell.split("\n"))
             for col in zip(head, *rows, strict=True)]
    out = []

    def emit(cells: list[str]) -> None:
        parts = [c.split("\n") for c in cells]
        for k in range(max(len(p) for p in parts)):
            line = []
            for n, p in enumerate(parts):
                text = p[k] if k < len(p) else ""
                line.append(text.rjust(width[n]) if n in right else text.ljust(width[n]))
            out.append("  ".join(line).rstrip())

    emit(head)
    out.append("  ".join("-" * w for w in width))
    for row in rows:
        emit(row)
    return out


def text_report(analysis: Analysis, lang: str = "id") -> str:
    """The analysis as a reader sees it in a terminal."""
    def m(key: str, **kw: Any) -> str:
        return message(key, lang, **kw)

    cal = analysis.calendar
    lines = [m("beban.heading", count=len(analysis.counted),
               jam=_dec(analysis.jam_kerja_efektif).removesuffix(",00"),
               hari=format_count(analysis.days_per_year),
               minggu=format_count(analysis.weeks_per_year),
               per_hari=format_number(cal.jam_per_hari)), ""]
    if analysis.ulang:
        lines += [m("beban.ulang", n=analysis.ulang), ""]
    head = [m("beban.col_jabatan"), m("beban.col_beban"), m("beban.col_kebutuhan"),
            m("beban.col_bulat"), m("beban.col_pemangku"), m("beban.col_selisih"),
            m("beban.col_ej")]
    rows = []
    for position in analysis.positions:
        low, high = analysis.figures(position)
        star = " *" if position.tanpa_waktu else ""
        selisih = "-" if low.selisih is None or high.selisih is None else _pair(
            _signed(high.selisih, lang), _signed(low.selisih, lang))
        ej = "-" if low.ej is None or high.ej is None else _pair(
            f"{_dec(low.ej)} {low.nilai}", f"{_dec(high.ej)} {high.nilai}")
        rows.append(["\n".join(textwrap.wrap(position.name, 34)) or "-",
                     _pair(_dec(low.beban), _dec(high.beban)) + star,
                     _pair(_dec(low.kebutuhan_2), _dec(high.kebutuhan_2)),
                     _pair(str(low.dibulatkan), str(high.dibulatkan)),
                     "-" if position.pemangku is None else str(position.pemangku),
                     selisih, ej])
    lines += [m("beban.summary_title")]
    lines += _table(head, rows, {1, 2, 3, 4})
    lines += ["", *textwrap.wrap(m("beban.legend", jam=_dec(
        analysis.jam_kerja_efektif).removesuffix(",00")), 92)]
    if any(p.tanpa_waktu for p in analysis.positions):
        lines.append(m("beban.star"))
    for position in analysis.positions:
        lines += ["", *_position_block(analysis, position, lang)]
    skipped = skipped_rows(analysis, lang)
    if skipped:
        lines += ["", m("beban.skipped_title", count=len(skipped))]
        lines += [f"  {row['berkas']}: {row['sop'] or '-'} ({row['alasan']})" for row in skipped]
    notes = warnings(analysis, lang)
    if notes:
        lines += [""] + [m("beban.warning_word") + ": " + n for n in notes]
    return "\n".join(lines) + "\n"


def _signed(value: int, lang: str) -> str:
    if value > 0:
        return f"+{value} " + message("beban.surplus", lang)
    if value < 0:
        return f"{value} " + message("beban.shortage", lang)
    return "0 " + message("beban.even", lang)


def _position_block(analysis: Analysis, position: Position, lang: str) -> list[str]:
    def m(key: str, **kw: Any) -> str:
        return message(key, lang, **kw)

    pemangku = "-" if position.pemangku is None else str(position.pemangku)
    title = m("beban.position_title", name=position.name, pemangku=pemangku)
    if not position.mapped:
        title += " " + m("beban.position_unmapped")
    out = [title]
    if not position.tasks:
        return [*out, "  " + m("beban.note_no_tasks")]
    head = ["No", m("beban.col_tugas"), m("beban.col_hasil"), m("beban.col_volume"),
            m("beban.col_norma"), m("beban.col_beban_tugas")]
    rows = []
    for n, task in enumerate(position.tasks, 1):
        where = m("beban.where", sop=task.sop, step=task.langkah)
        note = _task_note(task, lang)
        uraian = textwrap.wrap(task.kegiatan, 40) + textwrap.wrap(where, 40) + (
            textwrap.wrap(note, 40) if note else [])
        norma = "-" if task.norma is None else _pair(
            _dec(Fraction(task.norma[0])).removesuffix(",00"),
            _dec(Fraction(task.norma[1])).removesuffix(",00"))
        hours_low, hours_high = task.beban
        rows.append([str(n), "\n".join(uraian), "\n".join(textwrap.wrap(task.hasil, 24)) or "-",
                     format_count(task.per_tahun), norma,
                     _pair(_dec(hours_low), _dec(hours_high))])
    out += ["  " + line for line in _table(head, rows, {0, 3, 4, 5})]
    low, high = analysis.figures(position)
    hours = _dec(analysis.jam_kerja_efektif).removesuffix(",00")
    lower = m("beban.at_least") + " " if position.tanpa_waktu else ""
    out.append("  " + m("beban.total_line", beban=lower + _pair(_dec(low.beban),
                                                                _dec(high.beban))))
    beban = _pair(_dec(low.beban), _dec(high.beban))
    out.append("  " + m("beban.need_line", beban=beban if low.beban == high.beban
                        else f"({beban})",
                        jam=hours, need=_pair(_dec(low.kebutuhan_2), _dec(high.kebutuhan_2)),
                        bulat=_pair(str(low.dibulatkan), str(high.dibulatkan))))
    if position.pemangku is None:
        out.append("  " + m("beban.no_pemangku"))
    elif low.ej is None or high.ej is None:
        out.append("  " + m("beban.zero_pemangku"))
    else:
        out.append("  " + m("beban.ej_line", pemangku=position.pemangku,
                            selisih=_pair(_signed(high.selisih or 0, lang),
                                          _signed(low.selisih or 0, lang)),
                            ej=_pair(_dec(low.ej), _dec(high.ej)),
                            nilai=_pair(_grade(low.nilai, lang), _grade(high.nilai, lang))))
    return out


def _grade(grade: str | None, lang: str) -> str:
    return "-" if grade is None else f"{grade} ({message('beban.grade.' + grade, lang)})"
