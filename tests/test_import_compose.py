"""importer.compose: readings of a PDF written as an SOP file, with PERIKSA where unsure."""

from __future__ import annotations

import yaml

from soptool.api import validate
from soptool.importer.compose import actor_keys, compose, file_name
from soptool.importer.reading import (
    Flow,
    Identity,
    Joined,
    PicturePage,
    Row,
    Span,
    StepFlow,
    Table,
    Uncertain,
)
from soptool.review.fmt import format_text


def _identity(**changes: object) -> Identity:
    identity = Identity(
        instansi=["BADAN CONTOH", "PROVINSI CONTOH"], nomor="SOP-012/3400/2025",
        nama="Pengiriman Surat Dinas",
        tanggal={"pembuatan": "17 Desember 2025", "revisi": "-", "efektif": "2 Januari 2026"},
        disahkan_oleh={"jabatan": "Kepala Badan", "nama": "Dra. Siti, M.Si.",
                       "nip": "196608251988021001"},
        boxes={"dasar_hukum": ["Undang-Undang Nomor 1 Tahun 2000: tentang Contoh;", "PP 2"],
               "keterkaitan": [], "peralatan": ["Komputer", "Printer"]},
        pages=[0])
    for key, value in changes.items():
        setattr(identity, key, value)
    return identity


def _row(n: int, kegiatan: str, waktu: str = "1 jam", **cells: object) -> Row:
    return Row(str(n), [Span(1, 100.0 * n, 100.0 * n + 90)], kegiatan, cells.get(
        "kelengkapan", "Berkas"), waktu, cells.get("output", "Hasil"),  # type: ignore[arg-type]
        cells.get("keterangan", ""))  # type: ignore[arg-type]


TABLE = Table(actors=["Staf Umum", "Kepala Subbagian", "Kepala"], columns={},
              rows=[_row(1, "Menerima berkas"), _row(2, "Memeriksa berkas", "30 menit"),
                    _row(3, "Memperbaiki berkas", "1 - 2 hari"),
                    _row(4, "Menandatangani surat", "10 Menit")],
              pages=[1])
FLOW = Flow([StepFlow([0], "terminator"),
             StepFlow([1], "keputusan", ya=3, tidak=2, label_ya="Y", label_tidak="T"),
             StepFlow([0, 1], "proses", lanjut=1),
             StepFlow([2], "terminator")])


def _compose(identity: Identity | None = None, table: Table | None = TABLE,
             flow: Flow | None = FLOW, pictures: list[PicturePage] | None = None) -> str:
    composed = compose(identity or _identity(), table, flow, pictures or [], "sop-surat.pdf",
                       2, "identitas (halaman 1); tabel prosedur (halaman 2)")
    assert composed.text is not None
    return composed.text


def test_the_sop_is_valid_formatted_and_says_where_it_came_from() -> None:
    text = _compose()
    assert validate(text.encode("utf-8")) == []
    assert format_text(text) == text  # as soptool fmt writes it
    lines = text.splitlines()
    assert lines[0] == "# Diimpor dari sop-surat.pdf (2 halaman) oleh soptool import."
    assert lines[1].startswith("# Dibaca: identitas (halaman 1)")
    data = yaml.safe_load(text)
    assert data["nomor"] == "SOP-012/3400/2025"
    assert data["instansi"] == ["BADAN CONTOH", "PROVINSI CONTOH"]
    assert data["tanggal"] == {"pembuatan": "17 Desember 2025", "revisi": None,
                               "efektif": "2 Januari 2026"}
    assert data["disahkan_oleh"]["nip"] == "196608251988021001"
    assert data["dasar_hukum"][0] == "Undang-Undang Nomor 1 Tahun 2000: tentang Contoh;"
    assert data["keterkaitan"] == []
    assert list(data["pelaksana"].values()) == ["Staf Umum", "Kepala Subbagian", "Kepala"]


def test_flow_becomes_keputusan_and_lanjut_with_step_numbers() -> None:
    steps = yaml.safe_load(_compose())["langkah"]
    assert steps[1]["keputusan"] == {"ya": 4, "tidak": 3}  # Y/T are the default labels
    assert steps[2]["lanjut"] == 2
    assert steps[2]["pelaksana"] == ["staf_umum", "kepala_subbagian"]
    assert "lanjut" not in steps[0] and "lanjut" not in steps[3]


def test_other_branch_words_become_labels() -> None:
    flow = Flow([StepFlow([0], "terminator"),
                 StepFlow([1], "keputusan", ya="selesai", tidak=0, label_ya="Dalam kota",
                          label_tidak="Luar kota"),
                 StepFlow([0], "proses"), StepFlow([2], "terminator")])
    step = yaml.safe_load(_compose(flow=flow))["langkah"][1]
    assert step["keputusan"] == {"ya": "selesai", "tidak": 1, "label_ya": "Dalam kota",
                                 "label_tidak": "Luar kota"}


def test_uncertain_readings_are_marked_where_they_stand() -> None:
    identity = _identity(notes=[Uncertain("nomor", "import.note.identity_unreadable",
                                          {"error": "KeyError"})])
    flow = Flow(FLOW.steps, notes=[Uncertain(
        "langkah 3", "import.note.many_arrows",
        {"step": 3, "count": ("import.note.count2", {}),
         "targets": Joined((2, 4), "import.note.and"), "chosen": 2}, "lanjut")])
    lines = _compose(identity, flow=flow).splitlines()
    at = lines.index("# PERIKSA: lembar identitas tidak terbaca (KeyError)")
    assert lines[at + 1].startswith("nomor: ")
    at = next(i for i, line in enumerate(lines) if "dua panah keluar" in line)
    assert lines[at] == ("    # PERIKSA: dari langkah 3 ada dua panah keluar (ke langkah 2 dan "
                         "4); dipilih langkah 2")
    assert lines[at + 1] == "    lanjut: 2"


def test_a_waktu_soptool_cannot_read_is_a_note_not_an_error() -> None:
    rows = [*TABLE.rows[:3], _row(4, "Menandatangani surat", "sebentar saja")]
    table = Table(TABLE.actors, {}, rows, [1])
    text = _compose(table=table)
    assert '# PERIKSA: Waktu tercetak "sebentar saja" tidak terbaca' in text
    codes = [f.code for f in validate(text.encode("utf-8"))]
    assert codes == ["SOP303"]  # a warning: the file validates


def test_a_picture_table_gives_the_identity_marked_incomplete() -> None:
    composed = compose(_identity(), None, None, [PicturePage(1, "tabel")], "scan.pdf", 2,
                       "identitas (halaman 1); halaman 2 berupa gambar")
    assert composed.text is not None and not composed.complete
    assert ("# PERIKSA: halaman 2 (tabel prosedur) berupa gambar, tidak dapat dibaca tanpa "
            "OCR; bagian itu belum ada di berkas ini.") in composed.text
    assert "langkah:" not in composed.text


def test_names_and_keys() -> None:
    assert file_name(_identity(), "x.pdf") == "sop-012-3400-2025.yaml"
    assert file_name(_identity(nomor=None), "x.pdf") == "pengiriman-surat-dinas.yaml"
    assert file_name(_identity(nomor="", nama=None), "SOP Lama.pdf") == "sop-lama.yaml"
    assert actor_keys(["Kepala", "Kepala", "Staf (Umum)", "", "2. Tim"]) == [
        "kepala", "kepala_2", "staf_umum", "pelaksana_4", "p_2_tim"]


def test_text_that_yaml_would_misread_is_quoted() -> None:
    rows = [_row(1, "Ya"), _row(2, "#1: mulai", output="- daftar"),
            _row(3, "Menerima [berkas]"), _row(4, "2025-01-01")]
    table = Table(TABLE.actors, {}, rows, [1])
    data = yaml.safe_load(_compose(table=table))
    assert [s["kegiatan"] for s in data["langkah"]] == ["Ya", "#1: mulai", "Menerima [berkas]",
                                                        "2025-01-01"]
    assert data["langkah"][1]["output"] == "- daftar"


def test_lists_in_one_text_cells_are_joined() -> None:
    rows = [_row(1, "Menerima berkas"),
            _row(2, ["Menyusun draft paparan", "Menentukan supplier data"],  # type: ignore[arg-type]
                 keterangan=["Rapat;", "Daring"]),
            *TABLE.rows[2:]]
    text = _compose(table=Table(TABLE.actors, {}, rows, [1]))
    step = yaml.safe_load(text)["langkah"][1]
    assert step["kegiatan"] == "Menyusun draft paparan; Menentukan supplier data"
    assert step["keterangan"] == "Rapat; Daring"
    assert validate(text.encode("utf-8")) == []
