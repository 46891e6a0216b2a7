"""``soptool baru``: parse its options, then ``commands.baru.run_baru``."""

from __future__ import annotations

import os
from datetime import date
from typing import Annotated

import typer

from soptool.cli.common import LangOpt, command, command_app, resolve_lang, usage_error

app = command_app()


def _today(lang: str) -> date | None:
    """SOPTOOL_TODAY (YYYY-MM-DD) when set, for a fixed tanggal.pembuatan; else None."""
    value = os.environ.get("SOPTOOL_TODAY", "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise usage_error("baru.bad_today", lang, value=value) from None


@command(app, "baru")
def baru(
    nama: Annotated[
        str,
        typer.Argument(help="Nama SOP, di antara tanda kutip bila lebih dari satu kata: "
                       "\"Pelayanan Surat Masuk\".", metavar="NAMA", show_default=False),
    ],
    pelaksana: Annotated[
        list[str] | None,
        typer.Option("--pelaksana", "-p", metavar="JABATAN", show_default=False,
                     help="Jabatan satu kolom pelaksana, seperti tercetak di judul kolom; "
                     "ulangi untuk setiap pelaksana, dari kiri ke kanan (bawaan: Staf dan "
                     "Kepala Unit Kerja)."),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="BERKAS", show_default=False,
                     help="Berkas yang ditulis, atau folder tempatnya; - untuk menulis ke "
                     "layar (stdout). Bawaan: sops/nama-sop.yaml bila folder sops ada, "
                     "selain itu nama-sop.yaml di folder ini (nama berkas dari NAMA: huruf "
                     "kecil, kata-kata dipisah -)."),
    ] = None,
    lang: LangOpt = None,
) -> None:
    """Buat berkas SOP baru: setiap isian formulir SOP AP, dengan penjelasan cara mengisinya.

    Setiap isian diberi komentar berbahasa Indonesia: apa yang ditulis di sana, dengan
    contoh. Langkah-langkah awalnya: menerima berkas, satu langkah per pelaksana, lalu
    mengarsipkan, dengan contoh langkah keputusan sebagai komentar. Berkasnya draf (status:
    draf) yang sudah lolos soptool validate (hanya peringatan untuk isian yang belum diisi)
    dan sudah rapi menurut soptool fmt. Berkas yang sudah ada tidak pernah ditimpa.
    Tanggal pembuatan: hari ini (atau SOPTOOL_TODAY, TTTT-BB-HH). Keluar 0 bila berhasil,
    1 bila berkas tidak dapat ditulis, 2 untuk kesalahan penggunaan (juga bila berkas
    sudah ada).
    """
    from soptool.commands.baru import run_baru

    language = resolve_lang(lang)
    raise typer.Exit(run_baru(nama, pelaksana or [], output, language, _today(language)))
