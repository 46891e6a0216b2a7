"""``soptool diff``: parse its options, make the review, then ``commands.diff.run_diff``."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from soptool.cli.common import (
    ConfigOpt,
    LangOpt,
    command,
    command_app,
    load_project_settings,
    resolve_lang,
    usage_error,
)

app = command_app()


class DiffFormat(str, enum.Enum):
    """Output formats of diff."""

    text = "text"
    md = "md"
    json = "json"


@command(app, "diff")
def diff(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(metavar="BERKAS", show_default=False,
                       help="LAMA BARU (dua berkas SOP), atau dengan --git: berkas/folder yang "
                       "dibandingkan (bawaan: folder ini)."),
    ] = None,
    git: Annotated[
        str | None,
        typer.Option("--git", metavar="REVISI", show_default=False,
                     help="Bandingkan working tree dengan revisi git ini (mis. origin/main)."),
    ] = None,
    fmt: Annotated[
        DiffFormat,
        typer.Option("--format", "-f", metavar="[text|md|json]", show_default=False,
                     help="Format keluaran: text (bawaan), md, json."),
    ] = DiffFormat.text,
    require_revisi: Annotated[
        bool, typer.Option("--require-revisi",
                           help="Gagal (keluar 1) bila isi SOP berubah tetapi tanggal.revisi "
                           "tidak maju.")
    ] = False,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Keluar 1 bila ada perubahan isi.")
    ] = False,
    config: ConfigOpt = None,
    lang: LangOpt = None,
) -> None:
    """Tinjau perubahan makna SOP: identitas, pelaksana, langkah, alur dan waktu kerja.

    Keluar 0 (ada atau tidak ada perubahan), 1 bila ada berkas tidak valid, bila
    --require-revisi dilanggar, atau bila ada perubahan dengan --exit-code; 2 untuk
    kesalahan penggunaan.
    """
    from soptool.commands.diff import run_diff
    from soptool.findings import SoptoolError
    from soptool.review.diff import review_files, review_git

    language = resolve_lang(lang)
    given = list(paths or [])
    calendar = load_project_settings(config, language).calendar
    if git is None:
        if require_revisi:
            raise usage_error("diff.require_revisi_git", language)
        if len(given) != 2:
            raise usage_error("diff.usage", language)
        gone = [p for p in given if not p.exists()]
        if gone:
            raise usage_error("ui.path_missing", language, path=", ".join(map(str, gone)))
        folders = [p for p in given if p.is_dir()]
        if folders:
            raise usage_error("diff.needs_files", language, path=", ".join(map(str, folders)))
        review = review_files(given[0], given[1], calendar)
    else:
        try:
            review = review_git(git, given or [Path(".")], Path.cwd(), calendar)
        except SoptoolError as exc:
            raise usage_error(exc.code, language, **exc.params) from None
    raise typer.Exit(run_diff(review, fmt.value, language, require_revisi, exit_code))
