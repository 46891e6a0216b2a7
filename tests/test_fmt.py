"""soptool fmt: canonical shape, nothing lost (values, comments), safe writes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from soptool.cli import app
from soptool.loading import load_bytes
from soptool.review.fmt import (
    KEPUTUSAN_ORDER,
    STEP_ORDER,
    TOP_ORDER,
    comments,
    format_bytes,
    format_text,
    is_canonical,
)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sops" / "rka-balai.yaml"
RKT = ROOT / "sops" / "rkt-disdikbud-balangan.yaml"

runner = CliRunner()

MESSY = """\
# Header of the file
nama: Contoh   # the name
pelaksana:
    a: Pelaksana A
    b: Pelaksana B
nomor: 1/SOP/2025
langkah:
# before the first step
-   waktu: 1 jam   # eol waktu
    # comment before kegiatan
    kegiatan: Menyusun konsep
    pelaksana: a
-   pelaksana: [a, b]
    kegiatan: Memeriksa konsep
    keputusan:
        tidak: 1
        tanya: Sudah sesuai?
        ya: selesai
tanggal:
    revisi:
    pembuatan: 2025-12-17
# end of file
"""

MESSY_FORMATTED = """\
# Header of the file
nomor: 1/SOP/2025
nama: Contoh   # the name
tanggal:
  pembuatan: 2025-12-17
  revisi:
pelaksana:
  a: Pelaksana A
  b: Pelaksana B
langkah:
  # before the first step
  # comment before kegiatan
  - kegiatan: Menyusun konsep
    pelaksana: a
    waktu: 1 jam   # eol waktu
  - kegiatan: Memeriksa konsep
    pelaksana: [a, b]
    keputusan:
      tanya: Sudah sesuai?
      ya: selesai
      tidak: 1
# end of file
"""


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_messy_file_gets_the_canonical_shape() -> None:
    assert format_text(MESSY) == MESSY_FORMATTED


def test_comment_above_a_key_moves_with_it() -> None:
    src = "pelaksana:\n  a: A\n# about nama\nnama: X\nlangkah:\n  - kegiatan: K\n    pelaksana: a\n"
    out = format_text(src)
    assert out.startswith("# about nama\nnama: X\npelaksana:\n")


def test_seed_is_already_canonical() -> None:
    raw = SEED.read_bytes()
    result = format_bytes(raw, str(SEED))
    assert not result.failed
    assert result.formatted == raw


BRANCHES = b"      ya: arsip\n      tidak: susun-draft\n"
LABELS = b"      label_ya: Disetujui\n      label_tidak: Dikoreksi\n"


def unformatted_rkt() -> bytes:
    """The RKT seed as first written: labels before the branches."""
    raw = RKT.read_bytes()
    assert BRANCHES + LABELS in raw
    return raw.replace(BRANCHES + LABELS, LABELS + BRANCHES)


def test_seed_with_labels_before_branches_is_reordered_and_keeps_its_meaning() -> None:
    raw = unformatted_rkt()
    result = format_bytes(raw, str(RKT))
    assert result.changed and result.formatted is not None
    text = result.formatted.decode()
    assert "      ya: arsip\n      tidak: susun-draft\n      label_ya: Disetujui\n" in text
    assert load_bytes(result.formatted, "x").sop == load_bytes(raw, "x").sop
    assert comments(text) == comments(raw.decode())


def test_values_are_never_retyped_and_quotes_kept() -> None:
    src = (
        "nama: no\nnomor: 010\nbatas_waktu: 1e3\nsatuan_waktu: ~\n"
        "keterangan: off\ninstansi:\n- 1:30\n- '010'\n- \"yes\"\n- 2025-12-17\n- 0x1F\n"
        "- null\n- True\n- 12.50\n"
    )
    out = format_text(src)
    assert out == (
        "nomor: 010\nnama: no\ninstansi:\n  - 1:30\n  - '010'\n  - \"yes\"\n  - 2025-12-17\n"
        "  - 0x1F\n  - null\n  - True\n  - 12.50\nbatas_waktu: 1e3\nsatuan_waktu: ~\n"
        "keterangan: off\n"
    )


def test_long_text_is_not_wrapped_and_block_scalars_are_kept() -> None:
    long = "kata " * 60
    src = f"nama: {long.strip()}\nketerangan: |\n  baris satu\n  # bukan komentar\n\n  akhir\n"
    assert format_text(src) == src


def test_crlf_and_bom_are_kept() -> None:
    src = "\ufeffpelaksana:\r\n  a: A\r\nnama: X  # n\r\n".encode()
    result = format_bytes(src, "x.yaml")
    assert result.formatted == "\ufeffnama: X  # n\r\npelaksana:\r\n  a: A\r\n".encode()


def test_without_bom_no_bom_is_added() -> None:
    result = format_bytes(b"nama: X\n", "x.yaml")
    assert result.formatted == b"nama: X\n"


def test_check_lists_files_and_exits_1_without_writing(tmp_path: Path) -> None:
    messy = tmp_path / "messy.yaml"
    messy.write_text(MESSY)
    tidy = tmp_path / "tidy.yaml"
    tidy.write_text(MESSY_FORMATTED)
    code, out, err = run("fmt", "--check", str(tmp_path))
    assert code == 1
    assert out == f"{messy}: akan diformat ulang\n"
    assert "2 berkas: 1 perlu diformat ulang, 1 sudah rapi, 0 gagal" in err
    assert messy.read_text() == MESSY
    code, out, _ = run("fmt", "--check", str(tidy))
    assert (code, out) == (0, "")


def test_diff_shows_a_unified_diff_without_writing(tmp_path: Path) -> None:
    messy = tmp_path / "messy.yaml"
    messy.write_text(MESSY)
    code, out, _ = run("fmt", "--diff", str(messy))
    assert code == 1
    assert out.startswith(f"--- {messy}\n+++ {messy}\n@@")
    assert "+nomor: 1/SOP/2025\n" in out and "-nomor: 1/SOP/2025\n" in out
    assert messy.read_text() == MESSY


def test_fmt_rewrites_atomically_keeps_mode_and_is_idempotent(tmp_path: Path) -> None:
    messy = tmp_path / "messy.yaml"
    messy.write_text(MESSY)
    os.chmod(messy, 0o640)
    code, out, err = run("fmt", str(messy))
    assert code == 0
    assert out == f"{messy}: diformat ulang\n"
    assert messy.read_text() == MESSY_FORMATTED
    assert stat.S_IMODE(os.stat(messy).st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["messy.yaml"]  # no temp file left
    code, out, err = run("fmt", str(messy))
    assert (code, out) == (0, "")
    assert "1 berkas: 0 diformat ulang, 1 sudah rapi, 0 gagal" in err


def test_a_symlink_stays_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_text(MESSY)
    (tmp_path / "sops").mkdir()
    link = tmp_path / "sops" / "link.yaml"
    link.symlink_to(target)
    assert run("fmt", str(link))[0] == 0
    assert link.is_symlink()
    assert target.read_text() == MESSY_FORMATTED


def test_bad_yaml_is_left_alone_and_others_are_formatted(tmp_path: Path) -> None:
    bad = tmp_path / "a-bad.yaml"
    bad.write_text("nama: X\nlangkah: [unclosed\n")
    dup = tmp_path / "b-dup.yaml"
    dup.write_text("nama: X\nnama: Y\n")
    good = tmp_path / "c-good.yaml"
    good.write_text(MESSY)
    code, out, err = run("fmt", str(tmp_path))
    assert code == 1
    assert f"{bad}:3:1: SOP003 galat: sintaks YAML tidak valid" in err
    assert f"{dup}:2:1: SOP004 galat: kunci 'nama' ditulis dua kali" in err
    assert "Traceback" not in err
    assert bad.read_text() == "nama: X\nlangkah: [unclosed\n"
    assert dup.read_text() == "nama: X\nnama: Y\n"
    assert good.read_text() == MESSY_FORMATTED
    assert out == f"{good}: diformat ulang\n"


def test_a_comment_fmt_cannot_keep_leaves_the_file_alone(tmp_path: Path) -> None:
    src = "nama: X\ninstansi: [a,   # inside the list\n  b]\npelaksana:\n    a: A\n"
    path = tmp_path / "flow.yaml"
    path.write_text(src)
    code, out, err = run("fmt", str(path))
    assert code == 1
    assert (f"{path}:2:17: FMT001 galat: fmt tidak mengubah berkas ini: komentar "
            "'# inside the list' akan hilang") in err
    assert path.read_text() == src


def test_comments_between_key_and_value_are_kept() -> None:
    src = "nama: # c1\n  X\nlangkah:\n  -   # c2\n    kegiatan: k\n    pelaksana: a\n"
    out = format_text(src)
    assert out == "nama: X # c1\nlangkah:\n  # c2\n  - kegiatan: k\n    pelaksana: a\n"


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("fmt", str(tmp_path / "nope.yaml"))
    assert code == 2
    assert "path tidak ada" in err


# --- property: nothing is lost, fmt is idempotent ---------------------------------------

PLAIN_VALUES = [
    "Menyusun konsep rencana aksi", "no", "off", "yes", "010", "1e3", "1:30", "2025-12-17",
    "0x1F", "~", "null", "True", "12.50", "60 menit", "1-2 hari", "selesai", "3",
]
WORDS = st.text(alphabet="abcdeXYZ 019:#'\"-,.!?", min_size=1, max_size=20)


@st.composite
def scalars(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["plain", "single", "double"]))
    if kind == "plain":
        return draw(st.sampled_from(PLAIN_VALUES))
    text = draw(WORDS)
    if kind == "single":
        return "'" + text.replace("'", "''") + "'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Writer:
    """Writes YAML lines with comments in every position, numbering each comment."""

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw
        self.lines: list[str] = []
        self.texts: list[str] = []

    def comment_text(self) -> str:
        text = f"c{len(self.texts)} " + self.draw(WORDS).strip()
        self.texts.append(text.strip())
        return text.strip()

    def maybe_line_comment(self, indent: int) -> None:
        if self.draw(st.booleans()):
            shift = self.draw(st.integers(0, 3))
            self.lines.append(" " * (indent + shift) + "# " + self.comment_text())

    def eol(self) -> str:
        return f"  # {self.comment_text()}" if self.draw(st.booleans()) else ""


def _mapping(w: Writer, items: list[tuple[str, object]], indent: int, step: int,
             first_prefix: str | None = None) -> None:
    for n, (key, value) in enumerate(items):
        if first_prefix is None or n > 0:
            w.maybe_line_comment(indent)
        lead = first_prefix if (first_prefix is not None and n == 0) else " " * indent
        if isinstance(value, str):
            w.lines.append(f"{lead}{key}: {value}{w.eol()}")
        elif isinstance(value, list):
            w.lines.append(f"{lead}{key}:{w.eol()}")
            seq_indent = indent + w.draw(st.sampled_from([0, step]))
            for item in value:
                w.maybe_line_comment(seq_indent)
                if isinstance(item, list):  # a step: a mapping inside a list item
                    _mapping(w, item, seq_indent + 2, step, " " * seq_indent + "- ")
                else:
                    w.lines.append(f"{' ' * seq_indent}- {item}{w.eol()}")
        else:
            assert isinstance(value, dict)
            w.lines.append(f"{lead}{key}:{w.eol()}")
            _mapping(w, list(value.items()), indent + step, step)


@st.composite
def sop_texts(draw: st.DrawFn) -> tuple[str, list[str]]:
    w = Writer(draw)
    step = draw(st.sampled_from([2, 4]))
    actors = draw(st.lists(st.sampled_from(["a", "b", "kasubag", "kepala"]), min_size=1,
                           max_size=3, unique=True))
    steps = []
    for n in range(draw(st.integers(1, 3))):
        fields: list[tuple[str, object]] = [
            ("kegiatan", draw(scalars())),
            ("pelaksana", draw(st.sampled_from(actors))),
        ]
        if draw(st.booleans()):
            fields.append(("id", f"langkah-{n}"))
        if draw(st.booleans()):
            fields.append(("waktu", draw(scalars())))
        if draw(st.booleans()):
            items = [draw(scalars()) for _ in range(draw(st.integers(1, 2)))]
            fields.append(("kelengkapan", items))
        if draw(st.booleans()):
            kep = [("ya", "selesai"), ("tidak", "1"), ("tanya", draw(scalars()))]
            fields.append(("keputusan", dict(draw(st.permutations(kep)))))
        steps.append(list(draw(st.permutations(fields))))
    top: list[tuple[str, object]] = [
        ("nama", draw(scalars())),
        ("pelaksana", {a: draw(scalars()) for a in actors}),
        ("langkah", steps),
    ]
    if draw(st.booleans()):
        top.append(("nomor", draw(scalars())))
    if draw(st.booleans()):
        dates = [("pembuatan", "2025-12-17"), ("revisi", ""), ("efektif", "2026-01-02")]
        top.append(("tanggal", dict(draw(st.permutations(dates)))))
    if draw(st.booleans()):
        top.append(("instansi", [draw(scalars()) for _ in range(draw(st.integers(1, 3)))]))
    w.maybe_line_comment(0)
    _mapping(w, list(draw(st.permutations(top))), 0, step)
    w.maybe_line_comment(0)
    text = "\n".join(line.rstrip() for line in w.lines) + "\n"
    return text, w.texts


@settings(max_examples=60, deadline=None)
@given(sop_texts())
def test_fmt_keeps_the_model_and_every_comment_and_is_idempotent(
    case: tuple[str, list[str]],
) -> None:
    text, texts = case
    before = load_bytes(text.encode(), "x.yaml")
    assert not [f for f in before.findings if f.code.startswith("SOP0")], text
    result = format_bytes(text.encode(), "x.yaml")
    assert result.formatted is not None, (text, result.findings)
    out = result.formatted.decode()
    after = load_bytes(result.formatted, "x.yaml")
    assert after.data == before.data
    assert after.sop == before.sop
    for comment in texts:
        assert f"# {comment}" in out, (comment, out)
    # The shape: keys in the form's order at every level that has one.
    assert list(after.data) == [k for k in TOP_ORDER if k in after.data]
    for step in after.data["langkah"]:
        assert list(step) == [k for k in STEP_ORDER if k in step]
        if "keputusan" in step:
            kep = step["keputusan"]
            assert list(kep) == [k for k in KEPUTUSAN_ORDER if k in kep]
    again = format_bytes(result.formatted, "x.yaml")
    assert again.formatted == result.formatted
    # The full path, without the fast one, agrees (format_bytes may skip ruamel).
    assert format_text(out) == out
    if is_canonical(text):
        assert out == text


def test_one_line_flow_mappings_take_the_canonical_order_too() -> None:
    src = (
        "langkah:\n"
        "  - {pelaksana: a, kegiatan: \"A, b\", waktu: 1 jam}  # tetap\n"
        "pelaksana: {a: A}\n"
        "nama: X\n"
        "tanggal: {revisi: 2025-02-01, pembuatan: 2025-01-01}\n"
    )
    out = format_text(src)
    assert out == (
        "nama: X\n"
        "tanggal: {pembuatan: 2025-01-01, revisi: 2025-02-01}\n"
        "pelaksana: {a: A}\n"
        "langkah:\n"
        "  - {kegiatan: \"A, b\", pelaksana: a, waktu: 1 jam}  # tetap\n"
    )
    assert format_text(out) == out
    assert load_bytes(out.encode(), "x").sop == load_bytes(src.encode(), "x").sop
