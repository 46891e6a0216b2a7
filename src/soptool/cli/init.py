"""``soptool init``: parse its options, then ``commands.init.run_init``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from soptool.cli.common import LangOpt, command, command_app, resolve_lang

app = command_app()


@command(app, "init")
def init(
    folder: Annotated[
        Path,
        typer.Argument(metavar="[FOLDER]", show_default=False, parser=Path,
                       help="Folder repositori SOP (bawaan: folder ini; dibuat bila belum "
                       "ada)."),
    ] = Path("."),
    git: Annotated[
        bool,
        typer.Option("--git", show_default=False,
                     help="Jadikan folder itu repositori git (bila belum) dan commit berkas "
                     "yang dibuat."),
    ] = False,
    repo: Annotated[
        str | None,
        typer.Option("--repo", metavar="ALAMAT", show_default=False,
                     help="Repositori soptool yang dipasang kait pre-commit dan CI (bawaan: "
                     "asal soptool yang terpasang, atau rilisnya)."),
    ] = None,
    rev: Annotated[
        str | None,
        typer.Option("--rev", metavar="REVISI", show_default=False,
                     help="Tag atau komit repositori itu (bawaan: versi yang terpasang)."),
    ] = None,
    lang: LangOpt = None,
) -> None:
    """Siapkan repositori SOP kantor: contoh SOP, pengaturan, editor, pre-commit dan CI.

    Membuat sops/ dengan satu contoh SOP, soptool.yaml, skema editor (sop.schema.json dan
    .vscode/), .pre-commit-config.yaml, alur kerja GitHub Actions dan GitLab CI,
    .gitattributes, .gitignore dan README.md. Berkas yang sudah ada tidak pernah ditimpa:
    dibiarkan dan disebutkan, sehingga menjalankannya lagi tidak mengubah apa pun. Keluar 0
    bila berhasil, 1 bila berkas atau git gagal, 2 untuk kesalahan penggunaan.
    """
    from soptool.commands.init import run_init

    raise typer.Exit(run_init(folder, git=git, repo=repo, rev=rev, lang=resolve_lang(lang)))
