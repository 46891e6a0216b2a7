"""``soptool beban --format xlsx``: one sheet per table, numbers as numbers (openpyxl).

The workbook is the same bytes for the same input: its timestamps are fixed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from soptool.abk.compute import Analysis
from soptool.abk.output import (
    SKIPPED_COLUMNS,
    SUMMARY_COLUMNS,
    TASK_COLUMNS,
    Value,
    skipped_rows,
    summary_rows,
    task_rows,
    warnings,
)

_FIXED = dt.datetime(2000, 1, 1)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
# Number formats by column: two decimals for hours, employees and EJ.
_TWO = {"beban_min", "beban_maks", "kebutuhan_min", "kebutuhan_maks", "ej_min", "ej_maks"}


def xlsx_bytes(analysis: Analysis, lang: str = "id") -> bytes:
    """The workbook's bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheets: list[tuple[str, tuple[tuple[str, str], ...], list[dict[str, Value]]]] = [
        ("Ringkasan", SUMMARY_COLUMNS, summary_rows(analysis, lang)),
        ("Rincian Tugas", TASK_COLUMNS, task_rows(analysis, lang)),
        ("Tidak Dihitung", SKIPPED_COLUMNS, skipped_rows(analysis, lang)),
    ]
    first = True
    for title, columns, rows in sheets:
        sheet: Any = book.active if first else book.create_sheet()
        first = False
        sheet.title = title
        sheet.append([head for _, head in columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in rows:
            sheet.append([row[key] for key, _ in columns])
        for n, (key, head) in enumerate(columns, 1):
            letter = sheet.cell(row=1, column=n).column_letter
            width = max([len(head) // 2 + 2] + [len(str(r[key] or "")) + 2 for r in rows])
            sheet.column_dimensions[letter].width = min(max(width, 6), 60)
            if key in _TWO:
                for r in range(2, len(rows) + 2):
                    sheet.cell(row=r, column=n).number_format = "0.00"
        sheet.freeze_panes = "A2"
    cal = analysis.calendar
    info = book.create_sheet("Keterangan")
    for label, value in [
        ("Jam kerja efektif (jam/tahun)", _num(analysis.jam_kerja_efektif)),
        ("Jam kerja sehari", _num(cal.jam_per_hari)),
        ("Hari kerja seminggu", _num(cal.hari_per_minggu)),
        ("Hari kerja sebulan", _num(cal.hari_per_bulan)),
        ("Hari kerja setahun", _num(analysis.days_per_year)),
        ("Minggu kerja setahun", _num(analysis.weeks_per_year)),
        ("Putaran ulang dihitung (--ulang)", analysis.ulang),
        ("Berkas dihitung", len(analysis.counted)),
    ]:
        info.append([label, value])
    info.append([])
    info.append(["Beban kerja = volume kerja setahun x norma waktu (menit) / 60"])
    info.append(["Kebutuhan pegawai = jumlah beban kerja / jam kerja efektif"])
    info.append(["EJ = jumlah beban kerja / (jam kerja efektif x pemangku); "
                 "A > 1,00; B 0,90-1,00; C 0,70-0,89; D 0,50-0,69; E < 0,50"])
    for note in warnings(analysis, lang):
        info.append([note])
    info.column_dimensions["A"].width = 40
    book.properties.creator = "soptool"
    book.properties.created = _FIXED
    book.properties.modified = _FIXED
    out = io.BytesIO()
    book.save(out)
    return _fixed_zip(out.getvalue())


def _num(value: Any) -> Any:
    from soptool.abk.output import number

    return number(value)


def _fixed_zip(data: bytes) -> bytes:
    """The same workbook with every zip entry's time fixed, so the bytes are the same."""
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = item.external_attr
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                data = _MODIFIED.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", data)
            dst.writestr(info, data)
    return out.getvalue()


