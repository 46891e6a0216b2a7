"""``soptool validate``: parse its options, then ``commands.validate.run_validate``."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from soptool.cli.common import (
    LangOpt,
    PathsArg,
    command,
    command_app,
    expand_paths,
    progress_stream,
    resolve_lang,
)

app = command_app()


class CheckFormat(str, enum.Enum):
    """Output formats of validate."""

    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"


@command(app, "validate")
def validate(
    paths: PathsArg,
    fmt: Annotated[
        CheckFormat,
        typer.Option("--format", "-f", metavar="[text|json|github|gitlab]",
                     show_default=False,
                     help="Format keluaran: text (bawaan), json, github (anotasi GitHub "
                          "Actions), gitlab (laporan Code Quality GitLab)."),
    ] = CheckFormat.text,
    strict: Annotated[
        bool, typer.Option("--strict", help="Peringatan juga membuat pemeriksaan gagal.")
    ] = False,
    lang: LangOpt = None,
) -> None:
    """Periksa berkas SOP: struktur, pelaksana, alur, waktu dan identitas.

    Keluar dengan 0 bila tidak ada galat, 1 bila ada galat (atau peringatan dengan
    --strict), 2 untuk kesalahan penggunaan.
    """
    from soptool.commands.validate import run_validate

    language = resolve_lang(lang)
    files = expand_paths(paths, language)
    raise typer.Exit(run_validate(files, fmt.value, strict, language,
                                  progress=progress_stream()))
