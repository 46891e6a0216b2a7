"""The command line: parse options, call the library, pick a reporter, exit 0/1/2.

No logic lives here that a library caller would also need.
"""

from __future__ import annotations

import enum
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from soptool import __version__
from soptool.findings import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE  # noqa: F401
from soptool.messages import default_lang, message

app = typer.Typer(
    name="soptool",
    help="Alat SOP AP (Permenpan-RB 35/2012): validasi, durasi, render dan tinjauan SOP "
    "dalam berkas YAML.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Lang(str, enum.Enum):
    """Languages of the messages."""

    id = "id"
    en = "en"


class CheckFormat(str, enum.Enum):
    """Output formats of validate."""

    text = "text"
    json = "json"
    github = "github"


LangOpt = Annotated[
    Lang | None,
    typer.Option("--lang", help="Bahasa pesan: id (bawaan) atau en. Juga: SOPTOOL_LANG."),
]
PathsArg = Annotated[
    list[Path],
    typer.Argument(help="Berkas SOP atau folder (dicari *.yaml dan *.yml secara rekursif).",
                   show_default=False),
]


def resolve_lang(lang: Lang | None) -> str:
    """The language: --lang, else SOPTOOL_LANG, else Indonesian."""
    return lang.value if lang is not None else default_lang()


def usage_error(key: str, lang: str, **params: object) -> typer.Exit:
    """Print a usage error to stderr and return the exit (code 2) to raise."""
    word = message("ui.error", lang)
    sys.stderr.write(f"soptool: {word}: {message(key, lang, **params)}\n")
    return typer.Exit(EXIT_USAGE)


def expand_paths(paths: list[Path], lang: str) -> list[Path]:
    """Files to work on; exit 2 when a path does not exist or a folder holds no SOP."""
    from soptool.files import discover, missing

    gone = missing(paths)
    if gone:
        raise usage_error("ui.path_missing", lang, path=", ".join(map(str, gone)))
    files = discover(paths)
    if not files:
        raise usage_error("ui.no_files", lang, path=", ".join(map(str, paths)))
    return files


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"soptool {__version__}\n")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True,
                     help="Tampilkan versi lalu keluar."),
    ] = False,
) -> None:
    """Alat SOP AP: validasi, durasi, render dan tinjauan SOP dalam berkas YAML."""


@app.command()
def validate(
    paths: PathsArg,
    fmt: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Format keluaran: text, json, github.")
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
    from soptool.validate import run_validate

    language = resolve_lang(lang)
    files = expand_paths(paths, language)
    raise typer.Exit(run_validate(files, fmt.value, strict, language))


@app.command()
def schema() -> None:
    """Cetak JSON Schema format SOP (untuk editor dan validator lain)."""
    from soptool.model import json_schema

    json.dump(json_schema(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


# --- duration (issue 3) ------------------------------------------------------------------


# --- render (issue 4) --------------------------------------------------------------------


# --- diff and fmt (issue 6) --------------------------------------------------------------


def main() -> None:
    """Entry point of the ``soptool`` console script."""
    app()
