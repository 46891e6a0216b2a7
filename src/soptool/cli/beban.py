"""``soptool beban``: parse its options, then ``commands.beban.run_beban``."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from soptool.cli.common import (
    ConfigOpt,
    LangOpt,
    PathsArg,
    command,
    command_app,
    expand_paths,
    load_project_settings,
    resolve_lang,
    usage_error,
)

app = command_app()


class BebanFormat(str, enum.Enum):
    """Output formats of beban."""

    text = "text"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


@command(app, "beban")
def beban(
    paths: PathsArg,
    fmt: Annotated[
        BebanFormat,
        typer.Option("--format", "-f", metavar="[text|json|csv|xlsx]", show_default=False,
                     help="Format keluaran: text (bawaan), json, csv (tabel tugas; titik koma "
                     "dan koma desimal), xlsx (lembar kerja, perlu -o)."),
    ] = BebanFormat.text,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="BERKAS", show_default=False,
                     help="Tulis ke berkas ini (tidak menimpa berkas yang sudah ada, kecuali "
                     "dengan --timpa)."),
    ] = None,
    timpa: Annotated[
        bool, typer.Option("--timpa", help="Timpa berkas --output yang sudah ada.")
    ] = False,
    ulang: Annotated[
        int, typer.Option("--ulang", metavar="N", show_default=False,
                          help="Hitung setiap putaran ulang (rework) N kali tambahan "
                          "(bawaan: 0).")
    ] = 0,
    config: ConfigOpt = None,
    lang: LangOpt = None,
) -> None:
    """Hitung beban kerja jabatan dari waktu di SOP (analisis beban kerja, ABK).

    Per jabatan: setiap tugas (langkah SOP), volume setahun x norma waktu, jumlah beban
    kerja, kebutuhan pegawai, kelebihan/kekurangan dan efektivitas jabatan (EJ). Jabatan
    dan jam kerja efektif diatur di soptool.yaml (abk). Keluar dengan 0 bila semua baik, 1
    bila ada berkas tidak valid, 2 untuk kesalahan penggunaan.
    """
    import sys

    from soptool.commands.beban import run_beban

    language = resolve_lang(lang)
    if ulang < 0:
        raise usage_error("cli.bad_value", language, name="'--ulang'",
                          reason=("cli.too_small", {"min": 0}))
    if fmt is BebanFormat.xlsx and output is None and sys.stdout.isatty():
        raise usage_error("beban.xlsx_needs_output", language)
    files = expand_paths(paths, language)
    settings = load_project_settings(config, language)
    raise typer.Exit(run_beban(files, settings, fmt.value, language, ulang, output, timpa))
