"""``soptool serve``: parse its options, then ``commands.serve.run_serve``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from soptool.cli.common import (
    PATHS_HELP,
    ConfigOpt,
    LangOpt,
    command,
    command_app,
    load_project_settings,
    resolve_lang,
    usage_error,
)

app = command_app()


@command(app, "serve")
def serve(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help=PATHS_HELP + " Bawaan: folder kerja.", metavar="[BERKAS...]",
                       show_default=False, parser=Path),
    ] = None,
    port: Annotated[
        int, typer.Option("--port", metavar="N", show_default=False, min=0, max=65535,
                          help="Port server (bawaan 8000; 0: port bebas mana saja)."),
    ] = 8000,
    host: Annotated[
        str, typer.Option("--host", metavar="ALAMAT", show_default=False,
                          help="Alamat server (bawaan 127.0.0.1: hanya komputer ini)."),
    ] = "127.0.0.1",
    config: ConfigOpt = None,
    lang: LangOpt = None,
) -> None:
    """Tampilkan situs katalog SOP di peramban, dibangun ulang setiap kali berkas berubah.

    Situs dibangun ke folder sementara dan dilayani di http://HOST:PORT/. Berkas SOP
    diperiksa setiap setengah detik; bila ada yang berubah situs dibangun ulang dan halaman
    yang terbuka dimuat ulang sendiri. Galat validasi ditampilkan di halaman (berkas:baris:
    kolom dan pesannya) tanpa menghentikan server. Ctrl-C menghentikan server (kode keluar 0);
    port yang sudah dipakai memberi kode keluar 2.
    """
    from soptool.commands.serve import run_serve
    from soptool.source.files import missing
    from soptool.workers import sigterm_raises

    language = resolve_lang(lang)
    given = list(paths) if paths else [Path(".")]
    gone = missing(given)
    if gone:
        raise usage_error("ui.path_missing", language, path=", ".join(map(str, gone)))
    calendar = load_project_settings(config, language).calendar
    with sigterm_raises():
        code = run_serve(given, host, port, language, calendar=calendar)
    raise typer.Exit(code)
