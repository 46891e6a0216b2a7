"""``soptool render``: parse its options, then ``commands.render.run_render``."""

from __future__ import annotations

import enum
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
    progress_stream,
    resolve_lang,
    usage_error,
)

app = command_app()

EXIT_SIGINT = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C


class RenderFormat(str, enum.Enum):
    """Output formats of render."""

    html = "html"
    md = "md"
    pdf = "pdf"


class Kertas(str, enum.Enum):
    """Paper sizes of the printed document (landscape)."""

    A4 = "A4"
    F4 = "F4"


@command(app, "render")
def render(
    paths: PathsArg,
    fmt: Annotated[
        RenderFormat,
        typer.Option("--format", "-f", metavar="[html|md|pdf]", show_default=False,
                     help="Format dokumen: html (bawaan), md, atau pdf (PDF/A dari dokumen "
                     "HTML yang sama; perlu pip install 'soptool[pdf]')."),
    ] = RenderFormat.html,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="PATH", show_default=False,
                     help="Berkas keluaran, folder (folder yang ada, atau diakhiri '/' "
                     "agar dibuat; wajib untuk beberapa berkas), atau - untuk stdout. "
                     "Bawaan: <nama>.<ext> di folder kerja."),
    ] = None,
    kertas: Annotated[
        Kertas, typer.Option("--kertas", case_sensitive=False, metavar="[A4|F4]",
                             show_default=False,
                             help="Ukuran kertas lanskap: A4 (bawaan) atau F4 (215 x 330 mm).")
    ] = Kertas.A4,
    templates: Annotated[
        Path | None,
        typer.Option("--templates", metavar="DIR", show_default=False,
                     help="Folder templat yang menggantikan templat bawaan dengan nama sama."),
    ] = None,
    timpa: Annotated[
        bool,
        typer.Option("--timpa", "--force", show_default=False,
                     help="Timpa dokumen keluaran yang sudah ada, mis. untuk merender ulang "
                     "ke folder yang sama. Tanpa opsi ini dokumen yang sudah ada tidak "
                     "ditulis (kode keluar 1). Berkas .yaml/.yml, berkas masukan, folder, "
                     "dan berkas khusus tidak pernah ditimpa."),
    ] = False,
    config: ConfigOpt = None,
    lang: LangOpt = None,
) -> None:
    """Buat dokumen SOP AP resmi (HTML siap cetak, dengan diagram alir) atau Markdown.

    Dengan --format pdf dokumen HTML yang sama dicetak menjadi PDF/A (perlu
    pip install 'soptool[pdf]').

    Berkas yang tidak valid tidak dirender: galatnya ditampilkan dan kode keluar 1; berkas
    lain tetap dirender. Berkas ditulis secara atomik; dokumen yang sudah ada hanya ditimpa
    dengan --timpa (untuk merender ulang), dan masukan tidak pernah ditimpa. Dokumen yang
    tidak dapat ditulis dilaporkan (kode keluar 1) dan yang lain tetap ditulis. Ctrl-C
    berhenti dengan kode 130 tanpa meninggalkan berkas sementara.
    """
    from soptool.commands.render import run_render
    from soptool.findings import SoptoolError
    from soptool.render.document import RenderJob
    from soptool.report.messages import message
    from soptool.workers import sigterm_raises

    language = resolve_lang(lang)
    files = expand_paths(paths, language)
    calendar = load_project_settings(config, language).calendar
    if templates is not None and not templates.is_dir():
        raise usage_error("render.templates_missing", language, path=str(templates))
    if fmt is RenderFormat.pdf:  # said once, before anything is rendered
        from soptool.render.pdf import PdfUnavailable, check

        try:
            check()
        except PdfUnavailable as exc:
            raise usage_error(exc.key, language, **exc.params) from None
    job = RenderJob(fmt.value, kertas.value, templates, calendar)
    try:
        with sigterm_raises():
            code = run_render(files, job, output, language, progress=progress_stream(),
                              overwrite=timpa)
    except SoptoolError as exc:
        raise usage_error(exc.code, language, **exc.params) from None
    except KeyboardInterrupt:
        sys.stderr.write(f"soptool: {message('render.interrupted', language)}\n")
        raise typer.Exit(EXIT_SIGINT) from None
    raise typer.Exit(code)
