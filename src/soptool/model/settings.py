"""The shape of ``soptool.yaml`` (project settings) as pydantic models.

Values stay text here, as the loader gives them; ``soptool.config`` turns them into numbers
and booleans exactly (decimal comma or point, ``ya``/``tidak``), with its own findings.
"""

from pydantic import BaseModel, ConfigDict, Field

from soptool.model.fields import Date, OptText


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


class ProjectConfig(BaseModel):
    """The whole of soptool.yaml."""

    model_config = ConfigDict(strict=True, frozen=True, extra="forbid")

    kalender: Kalender | None = Field(None, description="Kalender kerja proyek.")
