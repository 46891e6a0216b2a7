"""soptool fmt never raises, never changes data, never overwrites an edit (issue 11).

One regression test for each case the reliability campaign found; then the checks that
guard every case (meaning, comments, idempotence) and the fast path's promise.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from soptool.cli import app
from soptool.commands import fmt as fmt_command
from soptool.commands.fmt import run_fmt
from soptool.report.messages import message
from soptool.review import fmt
from soptool.review.fmt import format_bytes, format_text, is_canonical

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def codes(raw: bytes) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.col) for f in format_bytes(raw, "x.yaml").findings]


# --- 1. never a traceback: located findings ----------------------------------------------


@pytest.mark.parametrize(("raw", "formatted"), [
    (b"nama: X\t\n", b"nama: X\n"),
    (b"nama: X\t# c\n", b"nama: X # c\n"),
    (b"nama:\tX\n", b"nama: X\n"),
    # A tab before a comment, after a quoted value (PyYAML's pure-Python scanner refuses the
    # input; libyaml and YAML itself accept it): a space, and the comment is kept.
    (b"nama: 'y'\t# tab\n", b"nama: 'y' # tab\n"),
])
def test_a_tab_after_a_plain_scalar_is_whitespace_not_a_crash(raw: bytes,
                                                              formatted: bytes) -> None:
    result = format_bytes(raw, "x.yaml")
    assert (result.formatted, result.findings) == (formatted, [])


def test_a_file_that_is_one_scalar_is_sop009_as_validate_says() -> None:
    assert codes(b"a\t") == [("SOP009", 1, 1)]
    assert codes(b"- a:\n") == [("SOP009", 1, 1)]


@pytest.mark.parametrize(("raw", "where", "tag"), [
    (b"nama: !!omap\n- x: 1\n", (1, 7), "!!omap"),
    (b"!!map\nnama: X\n", (1, 1), "!!map"),
    (b"nama: !!omap\n", (1, 7), "!!omap"),
    (b"nama: !!seq\n- x\n", (1, 7), "!!seq"),
    (b"nama: !!seq []\n", (1, 7), "!!seq"),
    (b"nama: !!seq x\n", (1, 7), "!!seq"),
    (b"nama: !!str []\n", (1, 7), "!!str"),
    (b"nama: !!str {}\n", (1, 7), "!!str"),
    (b"nama: X\nnomor: !!int 1\n", (2, 8), "!!int"),
    (b"nama: !custom x\n", (1, 7), "!custom"),
])
def test_an_explicit_tag_is_refused_with_its_line(raw: bytes, where: tuple[int, int],
                                                   tag: str) -> None:
    result = format_bytes(raw, "x.yaml")
    assert result.failed
    [finding] = result.findings
    assert (finding.code, finding.line, finding.col) == ("FMT003", *where)
    assert finding.message() == (f"fmt tidak mengubah berkas ini: tag YAML '{tag}' tidak "
                                 "dipakai format SOP dan tidak dapat ditulis ulang tanpa "
                                 "mengubah artinya; hapus tag itu")


def test_an_explicit_key_is_an_input_property_not_a_soptool_bug() -> None:
    result = format_bytes(b"nama: X\n? a # c\n: b\n", "x.yaml")
    [finding] = result.findings
    assert (finding.code, finding.line, finding.col) == ("FMT004", 2, 1)
    assert "bug" not in finding.message() and "bug" not in finding.message("en")
    assert "'? '" in finding.message()


def test_an_unexpected_error_is_a_finding_for_that_file_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "a.yaml"
    bad.write_text("pelaksana: {a: A}\nnama: BOOM\n")
    good = tmp_path / "b.yaml"
    good.write_text("pelaksana: {a: A}\nnama: X\n")
    real = fmt._round_trip

    def explode(text: str) -> str:
        if "BOOM" in text:
            raise RuntimeError("kaboom")
        return real(text)

    monkeypatch.setattr(fmt, "_round_trip", explode)
    result = runner.invoke(app, ["fmt", str(tmp_path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert (f"{bad}:1:1: FMT005 galat: fmt tidak mengubah berkas ini: terjadi kesalahan tak "
            "terduga (RuntimeError: kaboom)") in result.stderr
    assert bad.read_text() == "pelaksana: {a: A}\nnama: BOOM\n"
    assert good.read_text() == "nama: X\npelaksana: {a: A}\n"


def test_fmt_never_raises_on_small_odd_inputs() -> None:
    odd = [b"a: [b: ]\n", b"a: {b}\n", b"? a\n", b"a: |\n  x\t\n", b"a: &x 1\n", b"a: *x\n",
           b"\t", b"a:\n\t- b\n", b"a: b\r", b"a: b\rc: d\n", b"%YAML 1.1\n---\na: b\n",
           b"---\na: b\n...\n", b"a: b\n---\nc: d\n", b"a: 'x\n\n  y'\n", b"a: \"\\x41\"\n",
           b"a: \"\\t\"\n", b"\xef\xbb\xbfa: b\n", b"a: \"\\ud800\"\n", b"a: b #\xc3\xa9\n"]
    for raw in odd:
        result = format_bytes(raw, "x.yaml")  # must not raise
        assert result.failed == (result.formatted is None)


# --- 2. empty stays empty --------------------------------------------------------------


@pytest.mark.parametrize("src", [
    "tanggal:\n  pembuatan: 2025\n  revisi:\n",
    "tanggal:\n  revisi:\n  pembuatan: 2025\n",  # reordered: still empty
    "nama: X\nrevisi:\n",
    "nama: X\nrevisi:",
    "nama: X\nrevisi: ~\nefektif: null\nsatuan: ''\nlagi: \"\"\n",
    "nama: X\ndaftar:\n-\n- ~\n- null\n",
])
def test_empty_stays_empty(src: str) -> None:
    out = format_text(src)
    for line in src.splitlines():
        assert line.lstrip("- ").rstrip() in out
    assert (out.count("null"), out.count("~"), out.count("''"), out.count('""')) == (
        src.count("null"), src.count("~"), src.count("''"), src.count('""'))
    assert yaml.safe_load(out) == yaml.safe_load(src)


def test_an_empty_value_inside_brackets_is_refused_not_written_as_null() -> None:
    for raw, col in ((b"tanggal: {revisi: }\n", 19), (b"a: [b: , c: ]\n", 8),
                     (b"tanggal: {revisi}\n", 17)):
        result = format_bytes(raw, "x.yaml")
        assert result.failed, result.formatted
        [finding] = result.findings
        assert (finding.code, finding.line, finding.col) == ("FMT002", 1, col)
        assert "bug" not in finding.message()


# --- 3. an edit saved while fmt runs is never overwritten --------------------------------


def test_an_edit_saved_while_fmt_runs_is_kept(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "sop.yaml"
    path.write_text("pelaksana: {a: A}\nnama: X\n")
    other = tmp_path / "z.yaml"
    other.write_text("pelaksana: {a: A}\nnama: Y\n")
    real = fmt.format_file

    def and_someone_saves(p: Path, file: str | None = None) -> fmt.FmtResult:
        result = real(p, file)
        if p == path:
            path.write_text("pelaksana: {a: A}\nnama: EDITED\n")
        return result

    monkeypatch.setattr(fmt, "format_file", and_someone_saves)
    err_lines: list[str] = []

    class Err:
        def write(self, text: str) -> None:
            err_lines.append(text)

    code = run_fmt([path, other], stderr=Err(), stdout=Err())  # type: ignore[arg-type]
    assert code == 1
    assert path.read_text() == "pelaksana: {a: A}\nnama: EDITED\n"
    assert (f"{path}: berkas berubah selama fmt berjalan; tidak ditimpa (jalankan fmt "
            "lagi)\n") in err_lines
    assert other.read_text() == "nama: Y\npelaksana: {a: A}\n"
    assert "2 berkas: 1 diformat ulang, 0 sudah rapi, 1 gagal\n" in err_lines


def test_the_replace_goes_through_source_atomic(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[Path, bool, bool]] = []

    def spy(path: Path, data: bytes, *, in_place: bool = False, sync: bool = False) -> None:
        seen.append((path, in_place, sync))

    monkeypatch.setattr(fmt.atomic, "write_atomic", spy)
    path = tmp_path / "sop.yaml"
    path.write_text("pelaksana: {a: A}\nnama: X\n")
    assert fmt.replace_if_unchanged(path, path.read_bytes(), b"nama: X\n")
    assert seen == [(path, True, True)]
    assert not fmt.replace_if_unchanged(path, b"other", b"nama: X\n")
    assert len(seen) == 1


# --- 4. many files go to the forked workers ---------------------------------------------


def test_many_files_are_formatted_in_workers_in_input_order(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int | None] = []
    real = fmt_command.format_files

    def spy(paths: list[Path], jobs: int | None = 1) -> object:
        calls.append(jobs)
        return real(paths, jobs)

    monkeypatch.setattr(fmt_command, "format_files", spy)
    files = []
    for i in range(160):
        p = tmp_path / f"s{i:03}.yaml"
        p.write_text(f"pelaksana: {{a: A}}\nnama: X{i}\n" if i % 2 else f"nama: X{i}\n")
        files.append(p)
    out: list[str] = []

    class Out:
        def write(self, text: str) -> None:
            out.append(text)

    assert run_fmt(files, check=True, stdout=Out(), stderr=Out()) == 1  # type: ignore[arg-type]
    assert calls == [None]
    assert [line for line in out if "akan diformat" in line] == [
        f"{p}: akan diformat ulang\n" for i, p in enumerate(files) if i % 2]


# --- 5. data, comments, idempotence ------------------------------------------------------


def test_a_result_that_changes_the_data_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fmt, "_round_trip", lambda text: text.replace("X", "Y"))
    result = format_bytes(b"pelaksana: {a: A}\nnama: X\n", "x.yaml")
    assert result.failed
    assert [(f.code, f.line, f.col) for f in result.findings] == [("FMT002", 2, 7)]


def test_a_result_that_is_not_idempotent_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fmt, "_round_trip", lambda text: text + "\n# extra")
    result = format_bytes(b"pelaksana: {a: A}\nnama: X\n", "x.yaml")
    assert result.failed and result.findings[0].code in ("FMT001", "FMT002")


# --- the fast path: what it accepts, the full path writes back unchanged -----------------


def _corpus(tmp_path: Path) -> list[Path]:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate import big_sop, generate_corpus
    finally:
        sys.path.pop(0)
    paths: list[Path] = generate_corpus(tmp_path / "c", 40, seed=11)
    big = tmp_path / "big.yaml"
    big.write_text(big_sop(300, 11), encoding="utf-8")
    return [*paths, big]


def test_fast_path_agrees_with_the_full_path(tmp_path: Path) -> None:
    files = [*_corpus(tmp_path), *sorted((ROOT / "sops").glob("*.yaml")),
             *sorted((ROOT / "tests" / "data" / "valid").glob("*.yaml"))]
    fast = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        if is_canonical(text):
            fast += 1
            assert format_text(text) == text, path
    assert fast >= len(files) - 3  # the generated corpus and the seeds are all canonical


@pytest.mark.parametrize("src", [
    "nama: X\n\n\npelaksana: {a: A}\n",            # two blank lines
    "nama: X   \n",                                  # trailing spaces
    "nama:   X\n",                                   # wide gap after the colon
    "nama: X\ninstansi:\n- a\n",                     # list not indented
    "nama: X\ninstansi: [a,b]\n",                    # flow list spacing
    "nama: \"a\\tb\"\n",                             # an escape
    "nama: |\n  a\n",                                # block scalar: the full path decides
    "  # c\nnama: X\n",                              # comment indented wrong
    "pelaksana: {a: A}\nnama: X\n",                  # key order
    "---\nnama: X\n",                                # document marker
    "nama: 'it''s'\ninstansi:\n  - x  # c\n",        # canonical, with quotes and a comment
])
def test_fast_path_is_conservative(src: str) -> None:
    if is_canonical(src):
        assert format_text(src) == src
    assert src.startswith("nama: 'it") == is_canonical(src)


def test_a_tab_inside_unquoted_text_is_refused_with_its_place() -> None:
    result = format_bytes(b"nama: Rapat\tkoordinasi\n", "x.yaml")
    [finding] = result.findings
    assert (finding.code, finding.line, finding.col) == ("FMT006", 1, 12)
    assert "tab" in finding.message() and "bug" not in finding.message()


def test_mutated_seeds_keep_data_and_comments_and_are_idempotent() -> None:
    """Random edits of a seed (indent, swaps, tabs, comments, empty values, blanks, flow):
    fmt either refuses with a finding or keeps the data (libyaml's, tags included) and
    every comment, and its result is a fixed point."""
    import random

    rng = random.Random(2)
    base = (ROOT / "sops" / "rka-balai.yaml").read_text(encoding="utf-8").split("\n")
    for i in range(80):
        lines = list(base)
        for _ in range(rng.randint(1, 4)):
            k = rng.randrange(len(lines))
            op = rng.choice(["indent", "dedent", "swap", "tab", "comment", "empty", "blank",
                             "flow"])
            if op == "indent":
                lines[k] = "  " + lines[k]
            elif op == "dedent" and lines[k].startswith("  "):
                lines[k] = lines[k][2:]
            elif op == "swap" and k + 1 < len(lines):
                lines[k], lines[k + 1] = lines[k + 1], lines[k]
            elif op == "tab":
                lines[k] += "\t"
            elif op == "comment":
                lines[k] += f"  # c{i}"
            elif op == "empty" and ": " in lines[k]:
                lines[k] = lines[k].split(": ")[0] + ":"
            elif op == "blank":
                lines.insert(k, "   ")
            elif op == "flow" and ": " in lines[k]:
                lines[k] = lines[k].split(": ")[0] + ": {x: , y: [a,b]}"
        raw = "\n".join(lines).encode()
        result = format_bytes(raw, "x.yaml")
        assert all(f.code != "FMT005" for f in result.findings), (raw, result.findings)
        if result.formatted is None:
            continue
        out = result.formatted.decode()
        assert yaml.load(out, Loader=yaml.CSafeLoader) == yaml.load(raw.decode(),
                                                                    Loader=yaml.CSafeLoader)
        assert fmt.comments(out) == fmt.comments(raw.decode())
        assert format_text(out) == out


# --- 2. issue 11, second round: what the fuzz tests found -----------------------------------


@pytest.mark.parametrize(("raw", "formatted"), [
    # CR-only line ends (old Mac editors): lines as validate counts them, written back in CR.
    (b"pelaksana:\r  a: A  # c\rnama: X\r", b"nama: X\rpelaksana:\r  a: A  # c\r"),
    (b"nama: X\rpelaksana:\r  a: A  # c\r", b"nama: X\rpelaksana:\r  a: A  # c\r"),
    (b"\xef\xbb\xbfpelaksana:\r\n  a: A\r\nnama: X\r\n",
     b"\xef\xbb\xbfnama: X\r\npelaksana:\r\n  a: A\r\n"),
    # Mixed line ends: the one used most (here CRLF), a tie LF; even for a tidy file.
    (b"nama: X\r\npelaksana:\r\n  a: A\r", b"nama: X\r\npelaksana:\r\n  a: A\r\n"),
    (b"nama: X\rpelaksana:\r\n  a: A\n", b"nama: X\npelaksana:\n  a: A\n"),
])
def test_cr_only_and_mixed_line_ends(raw: bytes, formatted: bytes) -> None:
    result = format_bytes(raw, "x.yaml")
    assert (result.formatted, result.findings) == (formatted, [])
    assert format_bytes(formatted, "x.yaml").formatted == formatted


def test_a_refusal_on_cr_only_line_ends_is_located_as_validate_counts_lines() -> None:
    # The comment inside [ ] would be lost: line 2, column 12 (it was "line 1, column 26").
    assert codes(b"pelaksana: {}\rnama: [a,  # c\r  b]\r") == [("FMT001", 2, 12)]
    assert codes(b"nama: X\rpelaksana: {}\rnomor: !!str 1\r") == [("FMT003", 3, 8)]
    assert fmt.split_line_ends("a\rb\r\nc\nd\r\n") == ("a\nb\nc\nd\n", "\r\n", True)


def test_the_diff_of_a_cr_only_file_has_one_line_a_line() -> None:
    diff = fmt.unified_diff(format_bytes(b"pelaksana: {}\rnama: X\r", "x.yaml"))
    assert diff.splitlines()[2:] == ["@@ -1,2 +1,2 @@", "+nama: X", " pelaksana: {}",
                                     "-nama: X"]


def test_refusals_for_the_input_never_call_it_a_soptool_bug() -> None:
    # An empty value inside { } (FMT002) is the file's property: said so, Indonesian first.
    raw = b"tanggal: {pembuatan: 2006-09-17, revisi: , efektif: '2009-09-17'}\nnama: X\n"
    [finding] = format_bytes(raw, "x.yaml").findings
    assert (finding.code, finding.line, finding.col) == ("FMT002", 1, 42)
    for code in ("FMT001", "FMT002", "FMT003", "FMT004", "FMT006", "FMT007"):
        for lang in ("id", "en"):
            text = message(code, lang, comment="c", tag="!!str", char="U+FEFF").lower()
            assert "bug" not in text and "laporkan" not in text and "report" not in text
    assert "bug" in message("FMT005", "id", detail="x")


@pytest.mark.parametrize(("raw", "where"), [
    # U+FEFF (a BOM inside text) and a tab inside quotes: ruamel writes them as escapes.
    (b"nama: X\nlangkah:\n  - kegiatan: k\n    wak\xef\xbb\xbftu: 3\n    id: a\n", (4, 5)),
    (b"pelaksana: {a: 'D\xef\xbb\xbfinas'}\nnama: X\n", (1, 16)),
    (b"nama: 'a\tb'\t\n", (1, 7)),
])
def test_a_scalar_fmt_cannot_write_as_written_is_refused_with_its_place(
        raw: bytes, where: tuple[int, int]) -> None:
    assert codes(raw) == [("FMT007", *where)]
    assert "U+" in format_bytes(raw, "x.yaml").findings[0].message("id")


def test_a_tidy_file_with_u_feff_in_text_is_not_taken_as_canonical() -> None:
    assert is_canonical("nama: X\n")
    assert not is_canonical("nama: D\ufeffinas\n")
