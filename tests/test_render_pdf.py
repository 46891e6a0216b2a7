"""`soptool render --format pdf`: the HTML document printed to PDF/A by WeasyPrint."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from soptool.cli import app
from soptool.loading import load_file

try:
    import weasyprint  # noqa: F401
except (ImportError, OSError) as exc:  # the extra, or Pango (an OSError), is missing
    pytest.skip(f"WeasyPrint cannot be used here: {exc}", allow_module_level=True)
pdfplumber = pytest.importorskip("pdfplumber")

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "sops").glob("*.yaml")) + sorted(
    (ROOT / "tests" / "data" / "valid").glob("*.yaml"))
SIZES = {"A4": (841.89, 595.28), "F4": (935.43, 609.45)}  # landscape, in points
runner = CliRunner()


def _render(src: Path, out: Path, *extra: str) -> None:
    result = runner.invoke(app, ["render", str(src), "-f", "pdf", "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")


def _sheets(src: Path, kertas: str = "A4") -> int:
    from soptool.layout import layout

    loaded = load_file(src)
    assert loaded.sop is not None
    return len(layout(loaded.sop, kertas).sheets)


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    folder = tmp_path_factory.mktemp("pdf")
    out = {}
    for src in FILES:
        target = folder / (src.stem + ".pdf")
        _render(src, target)
        out[src] = target
    return out


@pytest.mark.parametrize("src", FILES, ids=lambda p: p.stem)
def test_pages_text_and_metadata(made: dict[Path, Path], src: Path) -> None:
    loaded = load_file(src)
    sop = loaded.sop
    assert sop is not None
    with pdfplumber.open(made[src]) as pdf:
        pages = pdf.pages
        n = len(pages)
        assert n == 1 + _sheets(src)
        for page in pages:
            assert (round(page.width, 2), round(page.height, 2)) == SIZES["A4"]
        texts = [_words(page.extract_text() or "") for page in pages]
        for i, text in enumerate(texts, start=1):
            assert f"Halaman {i} dari {n}" in text
        everything = " ".join(texts)
        for step in sop.langkah:
            # text wraps in its cell, also at a hyphen, and the lines of a row's cells
            # interleave in the extracted text: every part of every word is there
            parts = re.split(r"[\s-]+", str(step.kegiatan))
            assert all(p in everything for p in parts if p), step.kegiatan
        meta = pdf.metadata
        assert meta["Title"] == str(sop.nama)
        if sop.nomor:
            assert meta["Subject"] == str(sop.nomor)
        if sop.instansi:
            assert meta["Author"] == ", ".join(str(i) for i in sop.instansi)
        assert meta["Creator"] == "soptool"


def test_f4(tmp_path: Path) -> None:
    src = ROOT / "sops" / "rka-balai.yaml"
    out = tmp_path / "f4.pdf"
    _render(src, out, "--kertas", "F4")
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == 1 + _sheets(src, "F4")
        for page in pdf.pages:
            assert (round(page.width, 2), round(page.height, 2)) == SIZES["F4"]


@pytest.mark.parametrize("src", FILES[:3], ids=lambda p: p.stem)
def test_byte_identical(tmp_path: Path, src: Path) -> None:
    _render(src, tmp_path / "a.pdf")
    _render(src, tmp_path / "b.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_pdfa_in_xmp(made: dict[Path, Path]) -> None:
    for out in made.values():
        data = out.read_bytes()
        with pdfplumber.open(out) as pdf:
            root = pdf.doc.catalog
            from pdfminer.pdftypes import resolve1

            xmp = resolve1(root["Metadata"]).get_data().decode()
        assert re.search(r'pdfaid:part="3"', xmp), xmp
        assert re.search(r'pdfaid:conformance="B"', xmp), xmp
        assert b"/OutputIntents" in data or "OutputIntents" in str(root)


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts (poppler-utils) absent")
def test_fonts_embedded(made: dict[Path, Path]) -> None:
    for out in made.values():
        lines = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True,
                               check=True).stdout.splitlines()[2:]
        assert lines, "no fonts"
        for line in lines:
            # columns: name type encoding emb sub uni object ID
            assert line.split()[-5] == "yes", line


def test_stdout(tmp_path: Path) -> None:
    src = ROOT / "sops" / "rka-balai.yaml"
    done = subprocess.run([sys.executable, "-m", "soptool", "render", str(src), "-f", "pdf",
                           "-o", "-"], capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    _render(src, tmp_path / "a.pdf")
    assert done.stdout == (tmp_path / "a.pdf").read_bytes()


def test_exists_without_timpa(tmp_path: Path) -> None:
    src = ROOT / "sops" / "rka-balai.yaml"
    out = tmp_path / "a.pdf"
    out.write_bytes(b"old")
    result = runner.invoke(app, ["render", str(src), "-f", "pdf", "-o", str(out)])
    assert result.exit_code == 1
    assert out.read_bytes() == b"old"
    _render(src, out, "--timpa")


def test_default_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    src = ROOT / "sops" / "rka-balai.yaml"
    result = runner.invoke(app, ["render", str(src), "-f", "pdf"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "rka-balai.pdf").read_bytes().startswith(b"%PDF-")


_MISSING = """
import sys
sys.modules["weasyprint"] = None
from soptool.cli import main
sys.argv = ["soptool", "render", sys.argv[1], "-f", "pdf", "-o", sys.argv[2]]
main()
"""

_NO_PANGO = """
import sys, builtins
real = builtins.__import__
def fake(name, *args, **kwargs):
    if name == "weasyprint":
        raise OSError("cannot load library 'libpango-1.0-0': error 0x7e")
    return real(name, *args, **kwargs)
builtins.__import__ = fake
from soptool.cli import main
sys.argv = ["soptool", "render", sys.argv[1], "-f", "pdf", "-o", sys.argv[2]]
main()
"""


@pytest.mark.parametrize(("script", "words"), [
    (_MISSING, ["pip install 'soptool[pdf]'", "WeasyPrint"]),
    (_NO_PANGO, ["apt-get install libpango-1.0-0 libpangoft2-1.0-0", "libpango-1.0-0"]),
], ids=["no-extra", "no-pango"])
def test_unavailable(tmp_path: Path, script: str, words: list[str]) -> None:
    out = tmp_path / "a.pdf"
    done = subprocess.run([sys.executable, "-c", script, str(ROOT / "sops" / "rka-balai.yaml"),
                           str(out)], capture_output=True, text=True, check=False)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    for word in words:
        assert word in done.stderr
    assert not out.exists()
    assert done.stdout == ""


# PDF/A: Apache PDFBox Preflight (Debian: libpdfbox2-java libactivation-java
# libjaxb-api-java) is the validator to be had here; veraPDF is not packaged. Preflight checks
# PDF/A-1b. PDF/A-3 (ISO 19005-3, on PDF/A-2) lifts these of its rules, whose errors are
# therefore no fault: 1.2.7 (a filtered metadata stream), 1.4 (cross-reference streams),
# 2.2.1 (transparency groups), 3.1.11 (a composite font's CIDSet, optional in PDF/A-2/3).
PREFLIGHT_JARS = [Path("/usr/share/java") / name for name in (
    "preflight.jar", "pdfbox2.jar", "fontbox2.jar", "xmpbox.jar", "commons-logging.jar",
    "javax.activation.jar", "jaxb-api.jar")]
PDFA1_ONLY = {"1.2.7", "1.4", "2.2.1", "3.1.11"}


def _preflight(pdf: Path) -> list[str]:
    """Preflight's errors for ``pdf`` (code : message)."""
    done = subprocess.run(
        ["java", "-cp", ":".join(map(str, PREFLIGHT_JARS)),
         "org.apache.pdfbox.preflight.Validator_A1b", str(pdf)],
        capture_output=True, text=True, check=False, timeout=120)
    out = done.stdout + done.stderr
    assert "is a valid PDF/A-1b" in out or "not a valid PDF/A-1b" in out, out
    return [line for line in out.splitlines() if re.match(r"\d+(\.\d+)* : ", line)]


@pytest.mark.skipif(shutil.which("java") is None or not all(p.exists() for p in PREFLIGHT_JARS),
                    reason="Java or PDFBox Preflight (libpdfbox2-java) absent")
def test_pdfa_preflight(made: dict[Path, Path], tmp_path: Path) -> None:
    for src, out in made.items():
        errors = _preflight(out)
        assert [e for e in errors if e.split(" : ")[0] not in PDFA1_ONLY] == [], src.name
    # the validator does see a fault: a PDF with no output intent and no PDF/A metadata
    plain = tmp_path / "plain.pdf"
    import weasyprint

    plain.write_bytes(weasyprint.HTML(string="<p>uji</p>").write_pdf())
    assert {e.split(" : ")[0] for e in _preflight(plain)} - PDFA1_ONLY
