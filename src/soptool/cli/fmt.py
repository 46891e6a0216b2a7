"""``soptool fmt``: parse its options, then ``commands.fmt.run_fmt``."""

from __future__ import annotations

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


@command(app, "fmt")
def fmt(
    paths: PathsArg,
    check: Annotated[
        bool, typer.Option("--check", help="Jangan menulis; sebutkan berkas yang akan berubah "
                           "dan keluar 1 bila ada (untuk CI).")
    ] = False,
    show_diff: Annotated[
        bool, typer.Option("--diff", help="Jangan menulis; tampilkan perubahannya sebagai diff.")
    ] = False,
    lang: LangOpt = None,
) -> None:
    """Rapikan berkas SOP ke satu bentuk baku, tanpa kehilangan komentar atau nilai.

    Urutan kunci mengikuti formulir, indentasi seperti contoh di docs/format.md, teks
    panjang tidak dipotong. Berkas yang tidak dapat dibaca, atau yang berubah selama fmt
    berjalan, tidak disentuh. Keluar 0 bila berhasil, 1 bila ada berkas gagal (atau,
    dengan --check/--diff, ada berkas yang akan berubah), 2 untuk kesalahan penggunaan.
    """
    from soptool.commands.fmt import run_fmt

    language = resolve_lang(lang)
    files = expand_paths(paths, language)
    raise typer.Exit(run_fmt(files, check, show_diff, language, progress=progress_stream()))
