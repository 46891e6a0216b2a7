"""The shape of ``soptool.yaml`` (project settings) as pydantic models.

Values stay text here, as the loader gives them; ``soptool.config`` turns them into numbers
and booleans exactly (decimal comma or point, ``ya``/``tidak``), with its own findings.
"""

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from soptool.model.fields import Date, OptText, TextList, null_is_empty


class Kalender(BaseModel):
    """The working calendar: ``kalender:`` in soptool.yaml."""

    model_config = ConfigDict(strict=True, frozen=True, extra="forbid")

    jam_per_hari: OptText = Field(None, description="Jam kerja dalam sehari.",
                                  examples=["7,5"])
    hari_per_minggu: OptText = Field(None, description="Hari kerja dalam seminggu.",
                                     examples=["5"])
    hari_per_bulan: OptText = Field(None, description="Hari kerja dalam sebulan.",
                                    examples=["20"])
    cuti_bersama: OptText = Field(None, description="Lewati cuti bersama saat memproyeksikan "
                                  "tanggal (true/false, ya/tidak).", examples=["true"])
    libur_tambahan: list[Date] | None = Field(None, description="Hari libur setempat, juga "
                                              "dilewati.", examples=[["2026-10-12"]])


class Jabatan(BaseModel):
    """One position of the workload analysis: ``abk.jabatan.<nama>`` in soptool.yaml."""

    model_config = ConfigDict(strict=True, frozen=True, extra="forbid")

    pemangku: OptText = Field(None, description="Jumlah pegawai yang memangku jabatan ini "
                              "sekarang (bilangan bulat).", examples=["2"])
    pelaksana: TextList = Field(default=[], description="Judul kolom pelaksana di SOP-SOP "
                                "yang merupakan jabatan ini (nama jabatan itu sendiri selalu "
                                "termasuk).", examples=[["Kasubag Umum", "Kasubbag Umum"]])


class Abk(BaseModel):
    """The workload analysis (analisis beban kerja): ``abk:`` in soptool.yaml."""

    model_config = ConfigDict(strict=True, frozen=True, extra="forbid")

    jam_kerja_efektif: OptText = Field(None, description="Jam kerja efektif satu pegawai "
                                       "dalam setahun (bawaan 1250).", examples=["1250"])
    jabatan: dict[str, Annotated[Jabatan, BeforeValidator(null_is_empty)]] | None = Field(
        None, description="Jabatan: nama jabatan -> pemangku dan judul kolom pelaksana.")


class ProjectConfig(BaseModel):
    """The whole of soptool.yaml."""

    model_config = ConfigDict(strict=True, frozen=True, extra="forbid")

    kalender: Kalender | None = Field(None, description="Kalender kerja proyek.")
    abk: Annotated[Abk, BeforeValidator(null_is_empty)] | None = Field(
        None, description="Analisis beban kerja (soptool beban).")
