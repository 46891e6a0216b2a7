"""``soptool import``: parse its options, then ``commands.pdf_import.run_import``."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from soptool.cli.common import LangOpt, command, command_app, resolve_lang, usage_error

app = command_app()


class ImportFormat(str, enum.Enum):
    """Output formats of import."""

    text = "text"
    json = "json"


def _pdfs(paths: list[Path], lang: str) -> list[Path]:
    """The PDFs named, and those in the folders named (recursively, sorted)."""
    gone = [p for p in paths if not p.exists()]
    if gone:
        raise usage_error("ui.path_missing", lang, path=", ".join(map(str, gone)))
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() == ".pdf"
                           and p.is_file())
            if not found:
                raise usage_error("import.no_pdf", lang, path=str(path))
            files.extend(found)
        else:
            files.append(path)
    return list(dict.fromkeys(files))


@command(app, "import")
def import_(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Berkas PDF SOP, atau folder (dicari *.pdf secara rekursif).",
                       metavar="PDF", show_default=False, parser=Path),
    ],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", metavar="FOLDER", show_default=False,
                     help="Folder tempat berkas YAML ditulis (bawaan: folder ini); dibuat "
                     "bila belum ada."),
    ] = Path("."),
    fmt: Annotated[
        ImportFormat,
        typer.Option("--format", "-f", metavar="[text|json]", show_default=False,
                     help="Format laporan: text (bawaan, ke stderr) atau json (ke stdout)."),
    ] = ImportFormat.text,
    lang: LangOpt = None,
) -> None:
    """Impor PDF SOP yang sudah ditandatangani menjadi berkas YAML.

    Satu berkas YAML per PDF, dinamai dari nomor SOP (atau namanya), tidak pernah menimpa
    berkas yang sudah ada. Identitas, tabel prosedur dan bagan alir dibaca dari PDF;
    yang meragukan ditandai dengan komentar '# PERIKSA: ...' di tempatnya dan diringkas di
    stderr. Halaman berupa gambar (hasil pindai) tidak dapat dibaca tanpa OCR. Keluar 0 bila
    setiap PDF terbaca, 1 bila ada yang tidak, 2 untuk kesalahan penggunaan.
    Memerlukan: pip install 'soptool[import]'.
    """
    from soptool.commands.pdf_import import run_import
    from soptool.importer.document import MissingExtra

    language = resolve_lang(lang)
    files = _pdfs(paths, language)
    if output.exists() and not output.is_dir():
        raise usage_error("import.not_a_folder", language, path=str(output))
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise usage_error("import.write_failed", language, source=str(output),
                          target=str(output), detail=exc.strerror or str(exc)) from None
    try:
        code = run_import(files, output, fmt.value, language)
    except MissingExtra:
        raise usage_error("import.missing_extra", language) from None
    raise typer.Exit(code)
