"""The structures the importer's readers share (pdfplumber coordinates: points, ``top`` down
from the top of the page, pages counted from 0)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from soptool.report.messages import message as catalogue_message

# A cell's text: one text, or a list where hard line breaks separate distinct items.
Text = str | list[str]


@dataclass(frozen=True)
class Joined:
    """Items said as one text in a note's params, joined by the catalogue word ``joiner``
    (``"import.note.and"``: "2 dan 3", "2 and 3"); an item may be a (key, params) message."""

    items: tuple[Any, ...]
    joiner: str


@dataclass
class Uncertain:
    """Something the importer is unsure of, written as ``# PERIKSA: <text>`` where it stands.

    ``where`` names the place: an identity key (``"nomor"``, ``"tanggal.pembuatan"``,
    ``"dasar_hukum"``), ``"pelaksana"``, or ``"langkah N"`` (N from 1) with ``key`` a step key
    (``"waktu"``, ``"keputusan"``, ``"lanjut"``, ...) or ``None`` for the whole step. ``where``
    and ``key`` are the file's own words and stay as they are in every language. ``code`` is
    the note's message in the catalogue (``"import.note.<name>"``) and ``params`` its
    parameters: what was uncertain, what was chosen, for the person who checks the file.
    A param may be a (key, params) message or a :class:`Joined`, said in the note's language.
    """

    where: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    key: str | None = None

    def message(self, lang: str = "id") -> str:
        """The note's text in ``lang``: Indonesian in the file's comments, the run's language
        in the summary (without the leading ``PERIKSA:``)."""
        return str(_said((self.code, self.params), lang))


def _said(value: Any, lang: str) -> Any:
    """A note's param in ``lang``: a (key, params) message or a Joined said; else as is."""
    if isinstance(value, Joined):
        return catalogue_message(value.joiner, lang).join(
            str(_said(item, lang)) for item in value.items)
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], dict):
        return catalogue_message(value[0], lang,
                                 **{k: _said(v, lang) for k, v in value[1].items()})
    return value


@dataclass
class Identity:
    """The identity sheet as printed (text only; nothing parsed or rewritten)."""

    instansi: list[str] = field(default_factory=list)  # heading lines, top to bottom
    nomor: str | None = None
    nama: str | None = None
    # "pembuatan", "revisi", "efektif": the printed text ("02 June 2025", "-"), or absent
    tanggal: dict[str, str] = field(default_factory=dict)
    # "jabatan", "nama", "nip" (digits only, without "NIP")
    disahkan_oleh: dict[str, str] = field(default_factory=dict)
    # "dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan", "peringatan",
    # "pencatatan", "tujuan": items without their numbering; a box printed empty is []
    boxes: dict[str, list[str]] = field(default_factory=dict)
    pages: list[int] = field(default_factory=list)  # where it was read
    notes: list[Uncertain] = field(default_factory=list)


@dataclass
class Span:
    """The part of a table row on one page."""

    page: int
    top: float
    bottom: float


@dataclass
class Column:
    """An actor column on one page."""

    x0: float
    x1: float


@dataclass
class Row:
    """One step of the procedure table, as printed."""

    number: str  # the No cell as printed ("1", "2", "2"): real documents skip and repeat
    spans: list[Span]  # usually one; more where a row continues on the next page
    kegiatan: Text = ""
    kelengkapan: Text = ""
    waktu: Text = ""
    output: Text = ""
    keterangan: Text = ""
    # a decision's question printed under the Kegiatan text in lines of its own, in italics
    # (soptool's own layout); "" where none is printed there
    tanya: str = ""


@dataclass
class Table:
    """The procedure table: actor columns and step rows, in order."""

    actors: list[str]  # actor column titles, left to right, as printed
    columns: dict[int, list[Column]]  # page -> the actor columns on it (same order)
    rows: list[Row]
    pages: list[int]  # pages holding the table
    notes: list[Uncertain] = field(default_factory=list)


# A branch or continuation target: a row index (from 0) or "selesai" (the end).
Target = int | str


@dataclass
class StepFlow:
    """What the flowchart says about one row."""

    columns: list[int]  # actor column indices holding a symbol in this row, left to right
    # "terminator" (capsule), "proses", "keputusan", "dokumen", or "" (no symbol found)
    kind: str
    ya: Target | None = None  # for a decision: where each branch goes
    tidak: Target | None = None
    label_ya: str | None = None  # the words printed on the branch, as printed ("Y", "Ya",
    label_tidak: str | None = None  # "Dalam kota")
    tanya: str | None = None  # for a decision: the question printed inside the diamond
    # for a non-decision whose arrow goes somewhere else than the next row
    lanjut: Target | None = None


@dataclass
class Flow:
    """The flowchart read row by row."""

    steps: list[StepFlow]  # aligned with Table.rows
    notes: list[Uncertain] = field(default_factory=list)


@dataclass
class PicturePage:
    """A page whose procedure table (or identity) is a picture: nothing to read without OCR."""

    page: int
    what: str  # "tabel" or "identitas"


# The readers' entry points, each in its own module (``pdf`` is an open ``pdfplumber.PDF``):
#   identity.read_identity(pdf) -> Identity
#   table.read_table(pdf) -> tuple[Table | None, list[PicturePage]]
#   flow.read_flow(pdf, table) -> Flow
