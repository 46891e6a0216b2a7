"""The SOP file format (docs/format.md) as pydantic models.

No I/O here. Scalars arrive from the loader as text, exactly as written; dates are parsed
here, durations stay text (their grammar is in ``timing`` and is checked with its own codes,
as are flow targets and actor keys, in ``rules``). Every field carries its Indonesian
description, which ``Sop.model_json_schema()`` puts in the JSON Schema for editors.
"""

# No `from __future__ import annotations`: pydantic then takes the annotations as they
# are, rather than evaluating their text when it builds the models at import.

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from soptool.model.fields import (
    Actors,
    OptTarget,
    OptText,
    SopDate,
    StepId,
    Target,
    Text,
    TextList,
    TextMap,
    null_is_empty,
    nullable_ref,
)
from soptool.timing.durations import UNIT_WORDS

SCHEMA_TITLE = "SOP AP (soptool)"
_DATE_EXAMPLES = ["2025-12-17", "17 Desember 2025", "17/12/2025", "Januari 2014"]
_DURATION_EXAMPLES = ["2 jam", "60 menit", "1-2 hari", "1 x 24 jam", "1 jam 30 menit"]
# Unit words as a file may write them: satuan_waktu is read case-insensitively.
_UNITS = [w for words in UNIT_WORDS.values() for w in words]
UNIT_ENUM = [*_UNITS, *(w.capitalize() for w in _UNITS), *(w.upper() for w in _UNITS)]


class Tanggal(BaseModel):
    """The three dates of the identity sheet."""

    model_config = ConfigDict(
        strict=True, frozen=True, extra="forbid",
        json_schema_extra={"description": "Tanggal-tanggal pada lembar identitas SOP."})

    pembuatan: SopDate = Field(None, description="Tanggal pembuatan SOP (boleh bulan dan "
                               "tahun saja, seperti tercetak: Januari 2014).",
                               examples=_DATE_EXAMPLES)
    revisi: SopDate = Field(None, description="Tanggal revisi SOP; kosongkan bila belum "
                            "direvisi (boleh bulan dan tahun saja).", examples=_DATE_EXAMPLES)
    efektif: SopDate = Field(None, description="Tanggal SOP mulai berlaku (efektif; boleh "
                             "bulan dan tahun saja).", examples=_DATE_EXAMPLES)


class DisahkanOleh(BaseModel):
    """Who signs the SOP."""

    model_config = ConfigDict(
        strict=True, frozen=True, extra="forbid",
        json_schema_extra={"description": "Pejabat yang mengesahkan SOP."})

    jabatan: OptText = Field(None, description="Jabatan pejabat yang mengesahkan.",
                             examples=["Kepala Dinas Pendidikan"])
    nama: OptText = Field(None, description="Nama pejabat yang mengesahkan (boleh kosong).")
    nip: OptText = Field(None, description="NIP pejabat: 18 angka, boleh dengan spasi "
                         "(boleh kosong).", examples=["19661002 199001 1 002"])


class Keputusan(BaseModel):
    """A decision: the question and where each branch goes."""

    model_config = ConfigDict(
        strict=True, frozen=True, extra="forbid",
        json_schema_extra={"description": "Keputusan: langkah ini digambar sebagai belah "
                                          "ketupat dengan cabang Ya dan Tidak."})

    tanya: OptText = Field(None, description="Pertanyaan keputusan (boleh kosong).",
                           examples=["Konsep sudah sesuai?"])
    ya: Target = Field(description="Tujuan cabang Ya: nomor langkah (mulai 1), id langkah, "
                       "atau selesai.", examples=[4, "susun-konsep", "selesai"])
    tidak: Target = Field(description="Tujuan cabang Tidak: nomor langkah (mulai 1), id "
                          "langkah, atau selesai.", examples=[2, "susun-konsep", "selesai"])
    label_ya: OptText = Field(None, description="Tulisan pengganti kata \"Ya\" pada bagan.",
                              examples=["Lengkap"])
    label_tidak: OptText = Field(None, description="Tulisan pengganti kata \"Tidak\" pada "
                                 "bagan.", examples=["Tidak lengkap"])


class Langkah(BaseModel):
    """One step of the procedure."""

    model_config = ConfigDict(
        strict=True, frozen=True, extra="forbid",
        json_schema_extra={"description": "Satu langkah (kegiatan) prosedur."})

    kegiatan: Text = Field(description="Uraian kegiatan, kalimat aktif tanpa subjek.",
                           examples=["Menyusun konsep rencana aksi"])
    pelaksana: Actors = Field(description="Pelaksana langkah: satu kunci atau daftar kunci "
                              "yang dideklarasikan di 'pelaksana'.",
                              examples=["penelaah", ["penelaah", "ketua_tim"]])
    id: StepId = Field(None, description="Nama langkah untuk dirujuk langkah lain (huruf "
                       "kecil, angka, - atau _); unik dalam berkas; bukan 'selesai'.",
                       examples=["susun-konsep"])
    kelengkapan: TextList = Field(default=[], description="Mutu baku: kelengkapan "
                                  "yang diperlukan (satu teks atau daftar).",
                                  examples=["formulir rencana aksi"])
    waktu: OptText = Field(None, description="Mutu baku: waktu yang diperlukan (durasi).",
                           examples=_DURATION_EXAMPLES)
    output: TextList = Field(default=[], description="Mutu baku: output langkah "
                             "(satu teks atau daftar).", examples=["dokumen konsep"])
    keterangan: OptText = Field(None, description="Keterangan.",
                                examples=["Rapat koordinasi"])
    keputusan: Keputusan | None = Field(None, description="Menjadikan langkah ini keputusan "
                                        "(tanya, ya, tidak, label_ya, label_tidak).")
    lanjut: OptTarget = Field(None, description="Tujuan berikutnya bila bukan langkah "
                              "sesudahnya: nomor langkah, id langkah, atau selesai.",
                              examples=[5, "susun-konsep", "selesai"])


STATUS_ENUM = ("draf", "berlaku", "digantikan", "dicabut")  # docs/format.md


class Sop(BaseModel):
    """One SOP in the SOP AP form."""

    model_config = ConfigDict(
        strict=True, frozen=True, extra="forbid", title=SCHEMA_TITLE,
        json_schema_extra={"description": "Satu SOP Administrasi Pemerintahan (Permenpan-RB "
                                          "35/2012) dalam format YAML soptool."})

    nomor: OptText = Field(None, description="Nomor SOP.",
                           examples=["576/B7.8/OT.01.00/2025"])
    nama: Text = Field(description="Nama SOP.", examples=["Penyusunan Rencana Aksi Balai"])
    status: OptText = Field(None, description="Status SOP: draf, berlaku, digantikan atau "
                            "dicabut (tanpa status: berlaku).",
                            json_schema_extra={"enum": [*STATUS_ENUM, None]})
    digantikan_oleh: OptText = Field(None, description="Nomor SOP yang menggantikan SOP ini "
                                     "(untuk status digantikan).",
                                     examples=["577/B7.8/OT.01.00/2026"])
    instansi: TextList = Field(default=[], description="Baris-baris kop instansi "
                               "penerbit, dari atas ke bawah.")
    # An empty mapping (``tanggal:`` with nothing under it) means "nothing filled in yet".
    tanggal: Annotated[Tanggal, BeforeValidator(null_is_empty)] = Field(
        default_factory=Tanggal, description="Tanggal pembuatan, revisi, dan efektif.",
        json_schema_extra=nullable_ref)
    disahkan_oleh: Annotated[DisahkanOleh, BeforeValidator(null_is_empty)] = Field(
        default_factory=DisahkanOleh, description="Pejabat yang mengesahkan (jabatan, nama, "
        "nip).", json_schema_extra=nullable_ref)
    tujuan: TextList = Field(default=[], description="Maksud dan tujuan SOP (kotak \"Maksud "
                             "dan Tujuan\" yang dicetak sebagian instansi; satu teks atau "
                             "daftar).", examples=["Sebagai pedoman penyusunan rencana aksi"])
    dasar_hukum: TextList = Field(default=[], description="Dasar hukum.")
    kualifikasi_pelaksana: TextList = Field(default=[],
                                            description="Kualifikasi pelaksana.")
    keterkaitan: TextList = Field(default=[],
                                  description="Keterkaitan dengan SOP lain.")
    peralatan: TextList = Field(default=[], description="Peralatan/perlengkapan.")
    peringatan: TextList = Field(default=[], description="Peringatan.")
    pencatatan: TextList = Field(default=[], description="Pencatatan dan pendataan.")
    batas_waktu: OptText = Field(None, description="Batas waktu penyelesaian yang dijanjikan "
                                 "(durasi; untuk pelayanan publik, standar pelayanan).",
                                 examples=["40 hari kerja", "1 x 24 jam", "14 hari"])
    volume: OptText = Field(None, description="Seberapa sering SOP dijalankan: angka dan "
                            "periodenya (per tahun, bulan, minggu, atau hari); untuk "
                            "analisis beban kerja (soptool beban).",
                            examples=["1200 per tahun", "100 per bulan", "5 per minggu",
                                      "2 per hari"])
    satuan_waktu: OptText = Field(None, description="Satuan untuk angka tanpa satuan di "
                                  "'waktu' (tabel \"Waktu (dalam menit)\").",
                                  examples=["menit", "jam", "hari"],
                                  json_schema_extra={"enum": [*UNIT_ENUM, None]})
    pelaksana: TextMap = Field(description="Kolom pelaksana, dari kiri ke kanan: kunci -> "
                               "judul kolom.", examples=[{"penelaah": "Penelaah Teknis",
                                                          "kepala": "Kepala Balai"}])
    langkah: list[Langkah] = Field(min_length=1, description="Langkah-langkah prosedur, "
                                   "berurutan; langkah N adalah butir ke-N.")

