"""`soptool site`: the catalogue site of real SOP files, built through the command line.

Pages for every SOP, links that resolve inside the folder, no request outside it, user
text escaped, --hanya-berlaku, drafts marked, incremental rebuilds (by content), refusing a
folder that is not soptool's, invalid SOPs reported with file:line:col.
"""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from typer.testing import CliRunner

from soptool.cli import app

from .render_helpers import SOPS

runner = CliRunner()
RKA = SOPS / "rka-balai.yaml"
RKT = SOPS / "rkt-disdikbud-balangan.yaml"
XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(autouse=True)
def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOPTOOL_LANG", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["site", *args])
    return result.exit_code, result.stdout, result.stderr


def variant(source: Path, target: Path, nomor: str, nama: str | None = None,
            status: str | None = None, extra: str = "") -> Path:
    """A copy of ``source`` with another nomor (and nama, status)."""
    lines = []
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("nomor:"):
            line = f"nomor: {json.dumps(nomor)}"
            if status:
                line += f"\nstatus: {status}"
        elif line.startswith("nama:") and nama is not None:
            line = f"nama: {json.dumps(nama)}"
        lines.append(line)
    target.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return target


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Five SOPs: the two real ones (RKT naming RKA in keterkaitan), a draft, one replaced
    by RKA, a revoked one whose nama is markup."""
    folder = tmp_path / "sops"
    folder.mkdir()
    (folder / "rka.yaml").write_bytes(RKA.read_bytes())
    rkt = RKT.read_text(encoding="utf-8").replace(
        "  - SOP Penyusunan Renstra", "  - SOP Penyusunan Rencana Aksi Balai")
    (folder / "rkt.yaml").write_text(rkt, encoding="utf-8")
    variant(RKA, folder / "draf.yaml", "577/B7.8/OT.01.00/2026", "Rancangan Rencana Aksi Baru",
            "draf")
    variant(RKA, folder / "lama.yaml", "500/B7.8/OT.01.00/2020", "Rencana Aksi Lama",
            "digantikan", extra="digantikan_oleh: 576/B7.8/OT.01.00/2025\n")
    variant(RKA, folder / "xss.yaml", "666/XSS/2019", XSS, "dicabut")
    return folder


def pages(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.html"))


class Refs(HTMLParser):
    """Every href and src of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.refs.append(value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(path: Path) -> Refs:
    parser = Refs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def slug_of(out: Path, nomor: str) -> str:
    index = parse(out / "index.html")
    for tag, attrs in index.tags:
        if tag == "tr" and attrs.get("data-nomor") == nomor:
            break
    else:
        raise AssertionError(f"no row for {nomor}")
    rows = (out / "index.html").read_text(encoding="utf-8")
    start = rows.index(f'data-nomor="{nomor}"')
    match = re.search(r'href="sop/([^/"]+)/index.html"', rows[start:])
    assert match is not None
    return match.group(1)


def manifest(out: Path) -> dict[str, str]:
    data = json.loads((out / ".soptool-site.json").read_text(encoding="utf-8"))
    files: dict[str, str] = data["berkas"]
    return files


def mtimes(out: Path) -> dict[str, int]:
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in out.rglob("*")
            if p.is_file()}


def test_every_sop_has_its_pages_and_every_link_resolves(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "_site"
    code, stdout, stderr = run(str(corpus), "-o", str(out), "--tanpa-pdf")
    assert (code, stderr) == (0, "")
    assert stdout == f"situs {out}: 5 SOP; 16 berkas ditulis, 0 tidak berubah, 0 dihapus\n"
    rows = [a for t, a in parse(out / "index.html").tags if t == "tr" and "sop" in
            (a.get("class") or "").split()]
    assert len(rows) == 5
    for attrs in rows:
        slug = slug_of(out, attrs["data-nomor"] or "")
        assert (out / "sop" / slug / "index.html").is_file()
        assert (out / "sop" / slug / "dokumen.html").is_file()
    for name in ("index.html", "daftar.html", "monitoring.html", "data/katalog.js",
                 "assets/site.css", "assets/site.js"):
        assert (out / name).is_file(), name
    root = out.resolve()
    checked = 0
    for page in pages(out):
        for ref in parse(page).refs:
            parts = urlsplit(ref)
            assert not parts.scheme and not parts.netloc, (page, ref)
            if not parts.path:
                continue  # a fragment of the page itself
            target = (page.parent / unquote(parts.path)).resolve()
            assert root in target.parents, (page, ref)
            assert target.is_file(), (page, ref)
            checked += 1
    assert checked > 50


def test_the_document_is_render_output(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "_site"
    assert run(str(corpus / "rka.yaml"), "-o", str(out), "--tanpa-pdf")[0] == 0
    rendered = tmp_path / "r"
    result = runner.invoke(app, ["render", str(corpus / "rka.yaml"), "-o", f"{rendered}/"])
    assert result.exit_code == 0
    slug = slug_of(out, "576/B7.8/OT.01.00/2025")
    assert slug == "576-b7-8-ot-01-00-2025"
    assert (out / "sop" / slug / "dokumen.html").read_bytes() == \
        (rendered / "rka.html").read_bytes()


def test_nothing_is_requested_outside_the_folder(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "_site"
    assert run(str(corpus), "-o", str(out), "--tanpa-pdf")[0] == 0
    remote = re.compile(r"""(?:src|href|action|srcset)\s*=\s*["']?\s*(?:[a-z]+:)?//"""
                        r"""|url\(\s*["']?\s*(?:[a-z]+:)?//|@import|fetch\(|XMLHttpRequest""",
                        re.IGNORECASE)
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".css", ".js"):
            text = path.read_text(encoding="utf-8")
            assert not remote.search(text), path
            if path.suffix != ".html" or path.name == "dokumen.html":
                continue
            # the site's own pages name no web address at all
            assert "http://" not in text and "https://" not in text, path


def test_user_text_is_escaped(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "_site"
    assert run(str(corpus), "-o", str(out), "--tanpa-pdf")[0] == 0
    slug = slug_of(out, "666/XSS/2019")
    for page in (out / "index.html", out / "daftar.html", out / "sop" / slug / "index.html"):
        parsed = parse(page)
        assert XSS in "".join(parsed.text), page
        assert not any(tag == "img" for tag, _ in parsed.tags), page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page.read_text(encoding="utf-8")
    katalog = (out / "data" / "katalog.js").read_text(encoding="utf-8")
    assert katalog.startswith("window.SOPTOOL_KATALOG = [")
    assert "<img" not in katalog and "\\u003cimg src=x onerror=alert(1)>" in katalog
    data = json.loads(katalog.removeprefix("window.SOPTOOL_KATALOG = ").rstrip().rstrip(";"))
    assert XSS in [item["nama"] for item in data]


def test_drafts_are_marked_and_statuses_shown(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "_site"
    assert run(str(corpus), "-o", str(out), "--tanpa-pdf")[0] == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    row = index[index.index('data-nomor="577/B7.8/OT.01.00/2026"'):]
    row = row[:row.index("</tr>")]
    assert '<span class="status status-draf">Draf</span>' in row
    for page in ("daftar.html", "monitoring.html"):
        text = (out / page).read_text(encoding="utf-8")
        row = text[text.index('data-nomor="577/B7.8/OT.01.00/2026"'):]
        assert ">Draf</span>" in row[:row.index("</tr>")], page
    draft = (out / "sop" / slug_of(out, "577/B7.8/OT.01.00/2026") / "index.html")
    assert "SOP ini belum berlaku" in draft.read_text(encoding="utf-8")
    for label in ("Berlaku", "Digantikan", "Dicabut"):
        assert f">{label}</span>" in index
    options = [a.get("value") for t, a in parse(out / "index.html").tags if t == "option"]
    assert {"draf", "berlaku", "digantikan", "dicabut", "2025", "2023"} <= set(options)
    # the monitoring form assesses what is applied: not what was replaced or revoked
    monitoring = (out / "monitoring.html").read_text(encoding="utf-8")
    assert "576/B7.8/OT.01.00/2025" in monitoring
    assert "500/B7.8/OT.01.00/2020" not in monitoring and "666/XSS/2019" not in monitoring
    # the replaced SOP links to the one that replaces it
    old = (out / "sop" / slug_of(out, "500/B7.8/OT.01.00/2020") / "index.html")
    assert ('digantikan oleh\n<a href="../576-b7-8-ot-01-00-2025/index.html">'
            "576/B7.8/OT.01.00/2025</a>") in old.read_text(encoding="utf-8")


def test_keterkaitan_links_the_sop_it_names(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "_site"
    assert run(str(corpus), "-o", str(out), "--tanpa-pdf")[0] == 0
    page = out / "sop" / slug_of(out, "001/SOP/Disdikbud-BLG/2023") / "index.html"
    text = page.read_text(encoding="utf-8")
    assert ('<li><a href="../576-b7-8-ot-01-00-2025/index.html">SOP Penyusunan Rencana Aksi '
            'Balai</a></li>') in text
    assert "<li>SOP Penyusunan RPJMD</li>" in text  # not in the catalogue: plain text
    assert 'id="waktu-total">25 hari (187,5 jam)<' in text


def test_hanya_berlaku_publishes_only_what_is_in_force(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "_site"
    code, stdout, _ = run(str(corpus), "-o", str(out), "--tanpa-pdf", "--hanya-berlaku")
    assert code == 0 and "2 SOP;" in stdout
    assert sorted(p.name for p in (out / "sop").iterdir()) == [
        "001-sop-disdikbud-blg-2023", "576-b7-8-ot-01-00-2025"]
    for name in ("index.html", "daftar.html", "monitoring.html", "data/katalog.js"):
        text = (out / name).read_text(encoding="utf-8")
        for gone in ("577/B7.8/OT.01.00/2026", "500/B7.8/OT.01.00/2020", "666/XSS/2019"):
            assert gone not in text, (name, gone)
    # the same folder built again in full brings them back; again public removes them
    assert "5 SOP;" in run(str(corpus), "-o", str(out), "--tanpa-pdf")[1]
    code, stdout, _ = run(str(corpus), "-o", str(out), "--tanpa-pdf", "--hanya-berlaku")
    assert code == 0 and stdout.endswith(", 6 dihapus\n")
    assert len(list((out / "sop").iterdir())) == 2


def test_a_second_build_writes_nothing(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "_site"
    assert run(str(corpus), "-o", str(out), "--tanpa-pdf")[0] == 0
    before = mtimes(out)
    code, stdout, _ = run(str(corpus), "-o", str(out), "--tanpa-pdf")
    assert code == 0
    assert stdout == f"situs {out}: 5 SOP; 0 berkas ditulis, 16 tidak berubah, 0 dihapus\n"
    assert mtimes(out) == before


def test_one_edit_rewrites_only_its_pages_and_the_lists(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "_site"
    assert run(str(corpus), "-o", str(out), "--tanpa-pdf")[0] == 0
    before, keys = mtimes(out), manifest(out)
    draf = corpus / "draf.yaml"
    draf.write_text(draf.read_text(encoding="utf-8").replace(
        "Rancangan Rencana Aksi Baru", "Rancangan Rencana Aksi Baru Sekali"), encoding="utf-8")
    code, stdout, _ = run(str(corpus), "-o", str(out), "--tanpa-pdf")
    assert code == 0 and "6 berkas ditulis, 10 tidak berubah" in stdout
    after = mtimes(out)
    changed = sorted(k for k in after if after[k] != before.get(k))
    assert changed == [".soptool-site.json", "daftar.html", "data/katalog.js", "index.html",
                       "monitoring.html", "sop/577-b7-8-ot-01-00-2026/dokumen.html",
                       "sop/577-b7-8-ot-01-00-2026/index.html"]
    assert {k for k, v in manifest(out).items() if keys.get(k) != v} == \
        set(changed) - {".soptool-site.json"}
    assert "Rancangan Rencana Aksi Baru Sekali" in (out / "index.html").read_text("utf-8")


def test_a_removed_sop_loses_its_pages_and_nothing_else_is_touched(corpus: Path,
                                                                   tmp_path: Path) -> None:
    out = tmp_path / "_site"
    assert run(str(corpus), "-o", str(out), "--tanpa-pdf")[0] == 0
    mine = out / "sop" / "666-xss-2019" / "catatan.txt"
    mine.write_text("bukan milik soptool", encoding="utf-8")
    (out / "CNAME").write_text("sop.example\n", encoding="utf-8")
    (corpus / "xss.yaml").unlink()
    (corpus / "lama.yaml").unlink()
    code, stdout, _ = run(str(corpus), "-o", str(out), "--tanpa-pdf")
    assert code == 0 and stdout.endswith(", 4 dihapus\n")
    assert not (out / "sop" / "500-b7-8-ot-01-00-2020").exists()
    assert sorted(p.name for p in (out / "sop" / "666-xss-2019").iterdir()) == ["catatan.txt"]
    assert (out / "CNAME").read_text(encoding="utf-8") == "sop.example\n"


def test_a_folder_that_is_not_a_site_is_refused(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "dokumen-lain"
    out.mkdir()
    (out / "laporan.html").write_text("<p>milik orang lain</p>", encoding="utf-8")
    code, stdout, stderr = run(str(corpus), "-o", str(out), "--tanpa-pdf")
    assert (code, stdout) == (2, "")
    assert stderr == (f"soptool: galat: folder {out} sudah berisi berkas lain dan bukan "
                      "situs soptool (tidak ada .soptool-site.json); pilih folder kosong "
                      "atau folder situs yang dibuat soptool\n")
    assert sorted(p.name for p in out.iterdir()) == ["laporan.html"]
    # nor a file, nor a folder that holds the SOPs themselves
    a_file = tmp_path / "situs.html"
    a_file.write_text("x", encoding="utf-8")
    code, _, stderr = run(str(corpus), "-o", str(a_file), "--tanpa-pdf")
    assert code == 2 and f"keluaran {a_file} bukan folder" in stderr
    assert a_file.read_text(encoding="utf-8") == "x"
    code, _, stderr = run(str(corpus), "-o", str(corpus), "--tanpa-pdf")
    assert code == 2 and "bukan situs soptool" in stderr
    # an empty folder is fine; a missing -o is a usage error
    empty = tmp_path / "kosong"
    empty.mkdir()
    assert run(str(corpus), "-o", str(empty), "--tanpa-pdf")[0] == 0
    code, _, stderr = run(str(corpus))
    assert code == 2 and "tambahkan -o FOLDER" in stderr
    english = runner.invoke(app, ["site", str(corpus), "--lang", "en"])
    assert english.exit_code == 2 and "no output folder for the site" in english.stderr


def test_an_invalid_sop_is_reported_and_the_others_published(corpus: Path,
                                                             tmp_path: Path) -> None:
    bad = corpus / "rusak.yaml"
    bad.write_text("nama: Rusak\npelaksana:\n  staf: Staf\nlangkah:\n"
                   "  - kegiatan: Bekerja\n    pelaksana: stf\n", encoding="utf-8")
    out = tmp_path / "_site"
    code, stdout, stderr = run(str(corpus), "-o", str(out), "--tanpa-pdf")
    assert code == 1
    assert f"{bad}:6:16: SOP201 galat:" in stderr
    assert f"{bad}: tidak dimasukkan ke situs karena ada 1 galat" in stderr
    assert "1 berkas SOP tidak valid dan tidak dimasukkan ke situs" in stderr
    assert "5 SOP;" in stdout
    assert "Rusak" not in (out / "index.html").read_text(encoding="utf-8")
    # still reported on the next build, which writes nothing
    code, stdout, stderr = run(str(corpus), "-o", str(out), "--tanpa-pdf")
    assert code == 1 and f"{bad}:6:16: SOP201" in stderr and " 0 berkas ditulis" in stdout


def test_index_follows_the_dom_contract(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "_site"
    assert run(str(corpus), "-o", str(out), "--tanpa-pdf")[0] == 0
    parsed = parse(out / "index.html")
    text = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="id">' in text and "<h1>Katalog SOP</h1>" in text
    assert '<a class="lewati" href="#isi">' in text
    tags = {a.get("id"): (t, a) for t, a in parsed.tags if a.get("id")}
    assert tags["cari"][0] == "input" and tags["cari"][1]["type"] == "search"
    labels = {a.get("for") for t, a in parsed.tags if t == "label"}
    assert {"cari", "saring-unit", "saring-status", "saring-tahun"} <= labels
    for name in ("saring-unit", "saring-status", "saring-tahun"):
        assert tags[name][0] == "select"
        start = text.index(f'id="{name}"')
        assert text[start:].split("<option", 2)[1].startswith(' value="">Semua<')
    assert tags["jumlah"][1]["aria-live"] == "polite"
    assert '<p id="jumlah" aria-live="polite">5 SOP ditemukan</p>' in text
    assert tags["daftar-sop"][0] == "table"


@pytest.mark.skipif(os.environ.get("SOPTOOL_NO_PDF") == "1", reason="PDF not wanted")
def test_pdf_when_weasyprint_is_there(tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    out = tmp_path / "_site"
    code, _, stderr = run(str(RKA), "-o", str(out))
    assert (code, stderr) == (0, "")
    pdf = out / "sop" / "576-b7-8-ot-01-00-2025" / "576-b7-8-ot-01-00-2025.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    page = (out / "sop" / "576-b7-8-ot-01-00-2025" / "index.html").read_text("utf-8")
    assert '<a href="576-b7-8-ot-01-00-2025.pdf" download>Unduh PDF</a>' in page


def git(folder: Path, *args: str) -> None:
    import subprocess

    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "Penulis Uji",
                        "GIT_AUTHOR_EMAIL": "uji@example.org", "GIT_COMMITTER_NAME": "Uji",
                        "GIT_COMMITTER_EMAIL": "uji@example.org",
                        "GIT_AUTHOR_DATE": "2026-01-05T09:30:00+08:00",
                        "GIT_COMMITTER_DATE": "2026-01-05T09:30:00+08:00"})


def test_history_from_git(tmp_path: Path) -> None:
    import shutil

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    (repo / "sops").mkdir(parents=True)
    git(repo, "init", "-q")
    sop = repo / "sops" / "rka.yaml"
    sop.write_bytes(RKA.read_bytes())
    (repo / "sops" / "rkt.yaml").write_bytes(RKT.read_bytes())
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "SOP awal")
    sop.write_text(RKA.read_text(encoding="utf-8").replace(
        "Menyusun konsep rencana aksi Balai", "Menyusun ulang konsep rencana aksi Balai"),
        encoding="utf-8")
    git(repo, "commit", "-qam", "Langkah 4 <diperjelas>")
    out = tmp_path / "_site"
    code, _, stderr = run(str(repo / "sops"), "-o", str(out), "--tanpa-pdf")
    assert (code, stderr) == (0, "")
    folder = out / "sop" / "576-b7-8-ot-01-00-2025"
    page = (folder / "index.html").read_text(encoding="utf-8")
    section = page[page.index('id="h-riwayat"'):]
    # newest first: the committed version is the one shown; the first one has its page
    assert section.index("Langkah 4 &lt;diperjelas&gt;") < section.index("SOP awal")
    assert "<em>(versi ini)</em>" in section and "Penulis Uji" in section
    older = sorted((folder / "riwayat").iterdir())
    assert len(older) == 1
    assert f'href="riwayat/{older[0].name}"' in section
    text = older[0].read_text(encoding="utf-8")
    assert "SOP awal" in text and "2026-01-05 09:30" in text
    assert "<iframe srcdoc=" in text and "Menyusun konsep rencana aksi Balai" in text
    assert not (out / "sop" / "001-sop-disdikbud-blg-2023" / "riwayat").exists()
    # an edit not committed yet: the newest commit gets a page too, with its review
    sop.write_text(sop.read_text(encoding="utf-8").replace(
        "nama: Penyusunan Rencana Aksi Balai", "nama: Penyusunan Rencana Aksi Balai 2"),
        encoding="utf-8")
    assert run(str(repo / "sops"), "-o", str(out), "--tanpa-pdf")[0] == 0
    pages_now = sorted(p.name for p in (folder / "riwayat").iterdir())
    assert len(pages_now) == 2
    newest = next(folder / "riwayat" / n for n in pages_now if n != older[0].name)
    review = newest.read_text(encoding="utf-8")
    assert "Langkah 4 (Menyusun ulang konsep rencana aksi Balai): kegiatan Menyusun konsep " \
           "rencana aksi Balai -&gt; Menyusun ulang konsep rencana aksi Balai" in review
    assert "belum dikomit" in (folder / "index.html").read_text(encoding="utf-8")
    # nothing changed: nothing written, git's pages included
    before = mtimes(out)
    assert " 0 berkas ditulis" in run(str(repo / "sops"), "-o", str(out), "--tanpa-pdf")[1]
    assert mtimes(out) == before


def test_an_output_that_cannot_be_written_is_said_without_a_traceback(corpus: Path,
                                                                     tmp_path: Path) -> None:
    a_file = tmp_path / "somefile"
    a_file.write_text("x", encoding="utf-8")
    out = a_file / "sub"
    code, stdout, stderr = run(str(corpus), "-o", str(out), "--tanpa-pdf")
    assert (code, stdout) == (1, "")
    assert stderr.startswith(f"soptool: galat: situs tidak dapat ditulis ke {out}")
    assert stderr.endswith(": Not a directory\n")
    assert "Traceback" not in stderr and stderr.count("\n") == 1
    assert a_file.read_text(encoding="utf-8") == "x"
    english = runner.invoke(app, ["site", str(corpus), "-o", str(out), "--tanpa-pdf",
                                  "--lang", "en"])
    assert english.exit_code == 1
    assert english.stderr.startswith(f"soptool: error: the site cannot be written to {out}")


def test_a_tampered_manifest_writes_nothing_outside_the_folder(corpus: Path,
                                                                tmp_path: Path) -> None:
    out = tmp_path / "web" / "_site"
    assert run(str(corpus), "-o", str(out), "--tanpa-pdf")[0] == 0
    path = out / ".soptool-site.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for cached in data["sop"].values():
        cached["base_slug"] = "../../../escaped"
    data["berkas"] = {"../../../escaped/index.html": "x", **data["berkas"]}
    path.write_text(json.dumps(data), encoding="utf-8")
    (out / "sop").rename(out / "lama")  # the pages are gone: they must be written again
    code, stdout, _ = run(str(corpus), "-o", str(out), "--tanpa-pdf")
    assert code == 0 and "5 SOP;" in stdout
    outside = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")
                     if p.is_file() and out not in p.parents)
    assert all(p.startswith("sops/") for p in outside), outside
    assert slug_of(out, "576/B7.8/OT.01.00/2025") == "576-b7-8-ot-01-00-2025"
    assert (out / "sop" / "576-b7-8-ot-01-00-2025" / "index.html").is_file()
    for cached in json.loads(path.read_text(encoding="utf-8"))["sop"].values():
        assert not cached["base_slug"].startswith(".")


def test_hanya_berlaku_leaves_no_trace_of_withheld_sops(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "_site"
    assert run(str(corpus), "-o", str(out), "--tanpa-pdf")[0] == 0  # a full build first
    code, stdout, _ = run(str(corpus), "-o", str(out), "--tanpa-pdf", "--hanya-berlaku")
    assert code == 0 and "2 SOP;" in stdout
    withheld = ["Rancangan Rencana Aksi Baru", "577/B7.8/OT.01.00/2026", "Rencana Aksi Lama",
                "500/B7.8/OT.01.00/2020", "666/XSS/2019", "onerror"]
    files = [p for p in out.rglob("*") if p.is_file()]
    assert out / ".soptool-site.json" in files
    for path in files:
        text = path.read_text(encoding="utf-8")
        for gone in withheld:
            assert gone not in text, (path.name, gone)
    # and the withheld ones are still read, and published, when asked
    code, stdout, _ = run(str(corpus), "-o", str(out), "--tanpa-pdf")
    assert code == 0 and "5 SOP;" in stdout
    assert "Rancangan Rencana Aksi Baru" in (out / "index.html").read_text(encoding="utf-8")


def test_an_interrupted_first_build_is_finished_by_the_next(corpus: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    import soptool.site.build as build

    real = build.write_atomic
    pages_written: list[Path] = []

    def stopping(target: Path, data: str | bytes) -> None:
        if target.name != ".soptool-site.json":
            if len(pages_written) == 3:
                raise KeyboardInterrupt
            pages_written.append(target)
        real(target, data)

    monkeypatch.setattr(build, "write_atomic", stopping)
    out = tmp_path / "_site"
    code, _, stderr = run(str(corpus), "-o", str(out), "--tanpa-pdf")
    assert code == 130 and "dihentikan" in stderr
    assert len(pages_written) == 3 and all(p.is_file() for p in pages_written)
    monkeypatch.setattr(build, "write_atomic", real)
    code, stdout, stderr = run(str(corpus), "-o", str(out), "--tanpa-pdf")
    assert (code, stderr) == (0, "")
    assert stdout == f"situs {out}: 5 SOP; 16 berkas ditulis, 0 tidak berubah, 0 dihapus\n"
    on_disk = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert on_disk == sorted([*manifest(out), ".soptool-site.json"])
    # and the build after that is a full site that writes nothing
    assert run(str(corpus), "-o", str(out), "--tanpa-pdf")[1].startswith(
        f"situs {out}: 5 SOP; 0 berkas ditulis, 16 tidak berubah")


def test_an_interrupted_rebuild_leaves_no_file_unowned(corpus: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch
                                                       ) -> None:
    import soptool.site.build as build

    out = tmp_path / "_site"
    assert run(str(corpus), "-o", str(out), "--tanpa-pdf")[0] == 0
    variant(RKA, corpus / "baru.yaml", "900/BARU/2026", "Prosedur Baru Sekali")
    real = build.write_atomic
    count = [0]

    def stopping(target: Path, data: str | bytes) -> None:
        if target.name != ".soptool-site.json":
            count[0] += 1
            if count[0] == 2:
                raise KeyboardInterrupt
        real(target, data)

    monkeypatch.setattr(build, "write_atomic", stopping)
    assert run(str(corpus), "-o", str(out), "--tanpa-pdf")[0] == 130
    monkeypatch.setattr(build, "write_atomic", real)
    (corpus / "baru.yaml").unlink()  # gone again: what the stopped build wrote is removed
    code, stdout, _ = run(str(corpus), "-o", str(out), "--tanpa-pdf")
    assert code == 0 and "5 SOP;" in stdout
    on_disk = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert on_disk == sorted([*manifest(out), ".soptool-site.json"])
    assert not any("900-baru" in name for name in on_disk)


def test_an_interrupted_build_owns_its_history_pages(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    import soptool.site.build as build

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    (repo / "sops").mkdir(parents=True)
    git(repo, "init", "-q")
    sop = repo / "sops" / "rka.yaml"
    sop.write_bytes(RKA.read_bytes())
    rkt = repo / "sops" / "rkt.yaml"
    rkt.write_bytes(RKT.read_bytes())
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "SOP awal")
    for n in (1, 2):
        sop.write_text(RKA.read_text(encoding="utf-8").replace(
            "Menyusun konsep rencana aksi Balai", f"Menyusun konsep rencana aksi Balai {n}"),
            encoding="utf-8")
        git(repo, "commit", "-qam", f"Perubahan {n}")
    real = build.write_atomic
    manifests: list[list[str]] = []

    def stopping(target: Path, data: str | bytes) -> None:
        real(target, data)
        if target.name == ".soptool-site.json":
            manifests.append(sorted(json.loads(str(data))["berkas"]))
        elif target.parent.name == "riwayat":
            listed = manifests[-1]
            assert str(target.relative_to(out)) in listed
            raise KeyboardInterrupt

    monkeypatch.setattr(build, "write_atomic", stopping)
    out = tmp_path / "_site"
    assert run(str(repo / "sops"), "-o", str(out), "--tanpa-pdf")[0] == 130
    # the history pages were listed together, before the first of them was written
    assert len(manifests) == 2
    assert sum("/riwayat/" in name for name in manifests[-1]) == 2
    monkeypatch.setattr(build, "write_atomic", real)
    code, stdout, _ = run(str(rkt), "-o", str(out), "--tanpa-pdf")  # rka is left out now
    assert code == 0 and "1 SOP;" in stdout
    on_disk = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert on_disk == sorted([*manifest(out), ".soptool-site.json"])
    assert not any("riwayat" in name for name in on_disk)
