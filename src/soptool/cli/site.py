"""``soptool site``: parse its options, then ``commands.site.run_site``."""

from __future__ import annotations

import sys
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
from soptool.cli.render import EXIT_SIGINT, Kertas

app = command_app()


@command(app, "site")
def site(
    paths: PathsArg,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FOLDER", show_default=False,
                     help="Folder situs (dibuat bila belum ada). Folder yang sudah berisi "
                     "berkas lain hanya dipakai bila dibuat oleh soptool site."),
    ] = None,
    hanya_berlaku: Annotated[
        bool,
        typer.Option("--hanya-berlaku", show_default=False,
                     help="Terbitkan hanya SOP yang berlaku (tanpa draf, SOP yang "
                     "digantikan, dan yang dicabut), untuk situs publik."),
    ] = False,
    tanpa_pdf: Annotated[
        bool,
        typer.Option("--tanpa-pdf", show_default=False,
                     help="Jangan buat PDF tiap SOP (bawaan: dibuat bila WeasyPrint, "
                     "pip install 'soptool[pdf]', terpasang)."),
    ] = False,
    tanpa_riwayat: Annotated[
        bool,
        typer.Option("--tanpa-riwayat", show_default=False,
                     help="Jangan sertakan riwayat git (bawaan: disertakan bila berkas "
                     "ada di repositori git)."),
    ] = False,
    kertas: Annotated[
        Kertas, typer.Option("--kertas", case_sensitive=False, metavar="[A4|F4]",
                             show_default=False,
                             help="Ukuran kertas dokumen: A4 (bawaan) atau F4.")
    ] = Kertas.A4,
    judul: Annotated[
        str,
        typer.Option("--judul", metavar="TEKS", show_default=False,
                     help="Judul situs pada tab peramban (bawaan: Katalog SOP)."),
    ] = "Katalog SOP",
    config: ConfigOpt = None,
    lang: LangOpt = None,
) -> None:
    """Buat situs katalog SOP statis: daftar, pencarian, dokumen, riwayat, dan monitoring.

    Situs berdiri sendiri (tanpa permintaan ke luar folder) dan dapat dibuka langsung dari
    berkas atau dari hosting statis mana pun. Build ulang hanya mengerjakan yang berubah
    (menurut isi berkas). Berkas SOP yang tidak valid tidak dimasukkan: galatnya
    ditampilkan dan kode keluar 1; yang lain tetap diterbitkan.
    """
    from soptool.commands.site import run_site
    from soptool.findings import SoptoolError
    from soptool.report.messages import message
    from soptool.site.build import SiteOptions
    from soptool.workers import sigterm_raises

    language = resolve_lang(lang)
    if output is None:
        raise usage_error("site.out_missing", language)
    files = expand_paths(paths, language)
    calendar = load_project_settings(config, language).calendar
    options = SiteOptions(kertas=kertas.value, calendar=calendar, hanya_berlaku=hanya_berlaku,
                          pdf=not tanpa_pdf, riwayat=not tanpa_riwayat, judul=judul)
    try:
        with sigterm_raises():
            code = run_site(files, output, options, language)
    except SoptoolError as exc:
        raise usage_error(exc.code, language, **exc.params) from None
    except KeyboardInterrupt:
        sys.stderr.write(f"soptool: {message('site.interrupted', language)}\n")
        raise typer.Exit(EXIT_SIGINT) from None
    raise typer.Exit(code)
