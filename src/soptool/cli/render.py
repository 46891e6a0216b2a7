"""``soptool render``: parse its options, then ``commands.render.run_render``."""

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
    progress_stream,
    resolve_lang,
    usage_error,
)

app = command_app()


class RenderFormat(str, enum.Enum):
    """Output formats of render."""

    html = "html"
    md = "md"


class Kertas(str, enum.Enum):
    """Paper sizes of the printed document (landscape)."""

    A4 = "A4"
    F4 = "F4"


@command(app, "render")
def render(
    paths: PathsArg,
    fmt: Annotated[
        RenderFormat,
        typer.Option("--format", "-f", metavar="[html|md]", show_default=False,
                     help="Format dokumen: html (bawaan) atau md."),
    ] = RenderFormat.html,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="PATH", show_default=False,
                     help="Berkas keluaran, folder (wajib untuk beberapa berkas), atau - "
                     "untuk stdout. Bawaan: <nama>.<ext> di folder kerja."),
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
    config: ConfigOpt = None,
    lang: LangOpt = None,
) -> None:
    """Buat dokumen SOP AP resmi (HTML siap cetak, dengan diagram alir) atau Markdown.

    Berkas yang tidak valid tidak dirender: galatnya ditampilkan dan kode keluar 1; berkas
    lain tetap dirender. Berkas ditulis secara atomik dan tidak pernah menimpa masukan.
    """
    from soptool.commands.render import run_render
    from soptool.findings import SoptoolError
    from soptool.render.document import RenderJob

    language = resolve_lang(lang)
    files = expand_paths(paths, language)
    calendar = load_project_settings(config, language).calendar
    if templates is not None and not templates.is_dir():
        raise usage_error("render.templates_missing", language, path=str(templates))
    job = RenderJob(fmt.value, kertas.value, templates, calendar)
    try:
        code = run_render(files, job, output, language, progress=progress_stream())
    except SoptoolError as exc:
        raise usage_error(exc.code, language, **exc.params) from None
    raise typer.Exit(code)
