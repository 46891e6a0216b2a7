"""The site of `soptool site` in a real browser (Debian's chromium driven by playwright):
the catalogue lists every SOP, the search and the filters find what they should and keep
the query in the address, every link resolves, no request leaves the site, user text stays
text, the pages pass axe-core's accessibility check, and `soptool serve` shows an edit.

The site is built once per module from SOPs written here, and opened both as files
(``file://``) and over http (``python -m http.server`` on a free port of 127.0.0.1); one
browser serves the whole module.

Needs /usr/bin/chromium and playwright (the test extra); the accessibility tests also need
axe-core from npm (``npm ci --prefix tests/browser``). .ci/run installs all three.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from soptool.cli import COMMANDS

from .render_helpers import CHROMIUM

try:
    from playwright.sync_api import Browser, Page, sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    sync_playwright = None

AXE = Path(__file__).resolve().parent / "browser" / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="Chromium not installed (/usr/bin/chromium): apt-get install "
                              "chromium"),
    pytest.mark.skipif(sync_playwright is None,
                       reason="playwright not installed: pip install -e '.[test]'"),
    pytest.mark.skipif("site" not in COMMANDS, reason="no `soptool site` command yet"),
]
needs_axe = pytest.mark.skipif(
    not AXE.exists(), reason=f"axe-core not installed ({AXE}): npm ci --prefix tests/browser")
needs_serve = pytest.mark.skipif("serve" not in COMMANDS, reason="no `soptool serve` yet")

XSS = "<img src=x onerror=alert(1)>"


def sop_yaml(nomor: str, nama: str, instansi: list[str], tahun: int, kegiatan: list[str],
             dasar_hukum: list[str], status: str | None = None, extra: str = "") -> str:
    """A small valid SOP; every value is YAML-quoted, so any text goes in as written."""
    def q(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = [f"nomor: {q(nomor)}", f"nama: {q(nama)}", "instansi:"]
    lines += [f"  - {q(i)}" for i in instansi]
    if status:
        lines.append(f"status: {status}")
    lines += [extra.rstrip("\n")] if extra else []
    lines += ["tanggal:", f"  pembuatan: {tahun}-03-0{1 + tahun % 7}",
              "disahkan_oleh:", f"  jabatan: {q('Kepala ' + instansi[-1])}", "dasar_hukum:"]
    lines += [f"  - {q(d)}" for d in dasar_hukum]
    lines += ["pelaksana:", "  staf: Staf Pelaksana", "  kepala: Kepala Subbagian Umum",
              "langkah:"]
    for n, text in enumerate(kegiatan):
        lines += [f"  - kegiatan: {q(text)}", f"    pelaksana: {('staf', 'kepala')[n % 2]}",
                  f"    waktu: {n + 1} jam", "    output: Berkas"]
    return "\n".join(lines) + "\n"


ALFA = ["Pemerintah Kabupaten Alfa", "Dinas Pendidikan Kabupaten Alfa"]
BETA = ["Pemerintah Kota Beta", "Dinas Kesehatan Kota Beta"]
GAMMA = ["Pemerintah Provinsi Gamma", "Badan Kepegawaian Daerah Provinsi Gamma"]

# file stem -> YAML. Units (instansi): Alfa 2, Beta 2, Gamma 1; statuses: berlaku (none
# written), draf, digantikan, dicabut, berlaku; years 2023, 2024, 2024, 2025, 2022.
SOPS: dict[str, str] = {
    "izin-sekolah": sop_yaml(
        "100/SOP/DISDIK/2023", "Penerbitan Izin Operasional Sekolah", ALFA, 2023,
        ["Menerima berkas permohonan izin", "Melakukan verifikasi lapangan ke sekolah",
         "Menandatangani surat izin"],
        ["Peraturan Daerah Kabupaten Alfa Nomor 4 Tahun 2019 tentang Penyelenggaraan "
         "Pendidikan"]),
    "arsip-pegawai": sop_yaml(
        "101/SOP/DISDIK/2024", "Pengelolaan Arsip Kepegawaian", ALFA, 2024,
        ["Menghimpun berkas pegawai", "Memindai dokumen kepegawaian", "Menyimpan arsip"],
        ["Undang-Undang Nomor 43 Tahun 2009 tentang Kearsipan"], status="draf"),
    "vaksinasi-lama": sop_yaml(
        "200/SOP/DINKES/2024", "Pelayanan Vaksinasi Keliling", BETA, 2024,
        ["Menyusun jadwal kunjungan", "Menyiapkan rantai dingin vaksin", "Melapor hasil"],
        ["Peraturan Menteri Kesehatan Nomor 12 Tahun 2017 tentang Penyelenggaraan Imunisasi"],
        status="digantikan", extra='digantikan_oleh: "201/SOP/DINKES/2025"'),
    "vaksinasi-baru": sop_yaml(
        "201/SOP/DINKES/2025", "Pelayanan Vaksinasi Keliling Terpadu", BETA, 2025,
        ["Menyusun jadwal kunjungan terpadu", "Menyiapkan rantai dingin vaksin",
         "Melapor hasil"],
        ["Peraturan Menteri Kesehatan Nomor 12 Tahun 2017 tentang Penyelenggaraan Imunisasi"]),
    "berbahaya": sop_yaml(
        "300/SOP/BKD/2022", XSS, GAMMA, 2022,
        ["Membuka <script>alert(2)</script> berkas", 'Menutup "berkas" & <b>arsip</b>'],
        ["Peraturan <i>Gubernur</i> Gamma Nomor 1 Tahun 2020"], status="dicabut"),
}
ALL = ["100/SOP/DISDIK/2023", "101/SOP/DISDIK/2024", "200/SOP/DINKES/2024",
       "201/SOP/DINKES/2025", "300/SOP/BKD/2022"]


def build_site(sources: Path, out: Path) -> None:
    """`soptool site` as a user runs it; fails the test with its output if it fails."""
    done = subprocess.run([sys.executable, "-m", "soptool", "site", str(sources), "-o",
                           str(out)], capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stdout + done.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_listening(port: int, proc: subprocess.Popen[Any], what: str) -> None:
    """Until something accepts connections on the port (a start-up wait, not a measure)."""
    for _ in range(300):
        if proc.poll() is not None:
            raise AssertionError(f"{what} exited with {proc.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise AssertionError(f"{what} does not listen on {port}")


def git(repo: Path, *args: str) -> None:
    # git drops < and > from names: an ampersand and quotes are what a name can carry
    subprocess.run(["git", "-c", 'user.name=Uji & "Coba" Satu', "-c", "user.email=uji@example.org",
                    "-c", "commit.gpgsign=false", *args], cwd=repo, check=True,
                   capture_output=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of SOPS; where git exists the SOPs are a repository in which one SOP has an
    older version, so the site has a history page (author and message are user text too)."""
    root = tmp_path_factory.mktemp("situs")
    sources = root / "sops"
    sources.mkdir()
    for stem, text in SOPS.items():
        (sources / f"{stem}.yaml").write_text(text, encoding="utf-8")
    if shutil.which("git"):
        git(sources, "init", "-q")
        (sources / "izin-sekolah.yaml").write_text(
            SOPS["izin-sekolah"].replace("Menandatangani surat izin", "Mengirim surat izin"),
            encoding="utf-8")
        git(sources, "add", ".")
        git(sources, "commit", "-q", "-m", "Versi <b>pertama</b>")
        (sources / "izin-sekolah.yaml").write_text(SOPS["izin-sekolah"], encoding="utf-8")
        git(sources, "commit", "-q", "-a", "-m", "Ubah langkah <img src=x onerror=alert(4)>")
    out = root / "_site"
    build_site(sources, out)
    assert (out / "index.html").is_file()
    return out


@pytest.fixture(scope="module")
def http_base(site: Path) -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind",
                             "127.0.0.1", "--directory", str(site)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_listening(port, proc, "http.server")
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert sync_playwright is not None
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM))
        yield b
        b.close()


@dataclass
class Tab:
    """A page with everything it did recorded: requests, failures, dialogs, script errors."""

    page: Page
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def rows(self) -> list[str]:
        """The nomor of every visible SOP row, in order."""
        return list(self.page.eval_on_selector_all(
            "#daftar-sop tr.sop:not([hidden])", "rs => rs.map(r => r.dataset.nomor)"))

    def outside(self, base: str) -> list[str]:
        """Requests that left the site: anything but the site's own files or server."""
        return [u for u in self.requests
                if not (u.startswith(base) or u.startswith(("data:", "about:", "blob:")))]


def open_tab(browser: Browser, **context: Any) -> Tab:
    ctx = browser.new_context(**context)
    page = ctx.new_page()
    tab = Tab(page)
    page.on("request", lambda r: tab.requests.append(r.url))
    # A request cancelled by a navigation (the reload of serve's page, a lazy frame left
    # behind) is aborted, not broken: missing files show as 404 or in the link check.
    page.on("requestfailed", lambda r: tab.failed.append(f"{r.url} {r.failure}")
            if r.failure != "net::ERR_ABORTED" else None)
    page.on("response", lambda r: tab.failed.append(f"{r.url} {r.status}")
            if r.status >= 400 else None)

    def dialog(d: Any) -> None:
        tab.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.on("dialog", dialog)
    page.on("pageerror", lambda e: tab.errors.append(str(e)))
    return tab


@pytest.fixture(params=["file", "http"])
def base(request: pytest.FixtureRequest, site: Path) -> str:
    """The site's address: its folder as file:// or the http server's root."""
    if request.param == "file":
        return site.as_uri() + "/"
    return str(request.getfixturevalue("http_base"))


@pytest.fixture
def tab(browser: Browser) -> Iterator[Tab]:
    t = open_tab(browser)
    yield t
    t.page.context.close()


def check_clean(tab: Tab, base: str) -> None:
    """Nothing left the site, nothing failed to load, no dialog, no script error."""
    assert tab.outside(base) == []
    assert tab.failed == []
    assert tab.dialogs == []
    assert tab.errors == []


def search(tab: Tab, query: str) -> None:
    tab.page.fill("#cari", query)


def select(tab: Tab, which: str, value: str) -> None:
    tab.page.select_option(f"#saring-{which}", value)


def query_of(tab: Tab) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(urllib.parse.urlsplit(tab.page.url).query)


def jumlah(tab: Tab) -> str:
    return " ".join(tab.page.inner_text("#jumlah").split())


# --- the catalogue ---------------------------------------------------------------------


def test_index_lists_every_sop(tab: Tab, base: str) -> None:
    tab.page.goto(base + "index.html")
    assert tab.page.get_attribute("html", "lang") == "id"
    assert tab.page.inner_text("h1").strip() == "Katalog SOP"
    assert sorted(tab.rows()) == ALL
    assert tab.page.locator("#daftar-sop tr.sop").count() == len(ALL)
    assert jumlah(tab) == f"{len(ALL)} SOP ditemukan"
    assert tab.page.get_attribute("#jumlah", "aria-live") == "polite"
    for key in ("cari", "saring-unit", "saring-status", "saring-tahun"):
        assert tab.page.locator(f"label[for={key}]").count() == 1, key
    for key in ("unit", "status", "tahun"):
        first = tab.page.locator(f"#saring-{key} option").first
        assert first.get_attribute("value") == "" and "Semua" in first.inner_text(), key
    check_clean(tab, base)


def test_statuses_and_draft_badge(tab: Tab, base: str) -> None:
    tab.page.goto(base + "index.html")

    def row(nomor: str) -> str:
        return " ".join(tab.page.locator(f'tr.sop[data-nomor="{nomor}"]').inner_text().split())

    assert "Draf" in row("101/SOP/DISDIK/2024")
    assert "Berlaku" in row("100/SOP/DISDIK/2023")  # no status written: in force
    assert "Digantikan" in row("200/SOP/DINKES/2024")
    assert "Dicabut" in row("300/SOP/BKD/2022")
    assert "Draf" not in row("201/SOP/DINKES/2025")


SEARCHES = [
    ("200/SOP/DINKES/2024", ["200/SOP/DINKES/2024"]),  # by nomor
    ("memindai", ["101/SOP/DISDIK/2024"]),  # a word of a kegiatan
    ("verifikasi LAPANGAN", ["100/SOP/DISDIK/2023"]),  # two words, any case
    ("imunisasi", ["200/SOP/DINKES/2024", "201/SOP/DINKES/2025"]),  # a dasar hukum word
    ("Kéarsipan", ["101/SOP/DISDIK/2024"]),  # dasar hukum, accent-insensitive
    ("vaksinasi terpadu", ["201/SOP/DINKES/2025"]),  # every word must match
    ("tidakadadimanapun", []),
]


def test_search_finds_and_keeps_query_in_address(tab: Tab, base: str) -> None:
    tab.page.goto(base + "index.html")
    wrong: list[str] = []
    for query, expected in SEARCHES:
        search(tab, query)
        seen = (sorted(tab.rows()), jumlah(tab), query_of(tab).get("q"))
        if seen != (expected, f"{len(expected)} SOP ditemukan", [query]):
            wrong.append(f"typed {query!r}: {seen}")
        # The address as a link: opened afresh, it shows the same search.
        tab.page.goto(tab.page.url)
        seen = (tab.page.input_value("#cari"), sorted(tab.rows()))
        if seen != (query, expected):
            wrong.append(f"opened {tab.page.url}: {seen}")
        search(tab, "")
        if sorted(tab.rows()) != ALL or "q" in query_of(tab):
            wrong.append(f"cleared after {query!r}: {tab.rows()} {tab.page.url}")
    assert wrong == []
    check_clean(tab, base)


def test_query_in_address_applies_on_load(tab: Tab, base: str) -> None:
    tab.page.goto(base + "index.html?q=" + urllib.parse.quote("vaksinasi"))
    assert tab.page.input_value("#cari") == "vaksinasi"
    assert sorted(tab.rows()) == ["200/SOP/DINKES/2024", "201/SOP/DINKES/2025"]
    tab.page.goto(base + "index.html?status=draf&tahun=2024")
    assert tab.page.input_value("#saring-status") == "draf"
    assert tab.page.input_value("#saring-tahun") == "2024"
    assert tab.rows() == ["101/SOP/DISDIK/2024"]
    check_clean(tab, base)


def unit_value(tab: Tab, word: str) -> str:
    """The value of the unit filter's one option whose label names ``word``."""
    options = tab.page.eval_on_selector_all(
        "#saring-unit option", "os => os.map(o => [o.value, o.textContent])")
    values = [v for v, label in options if word in label]
    assert len(values) == 1, options
    return str(values[0])


def test_filters_alone_and_with_search(tab: Tab, base: str) -> None:
    tab.page.goto(base + "index.html")
    select(tab, "unit", unit_value(tab, "Beta"))
    assert sorted(tab.rows()) == ["200/SOP/DINKES/2024", "201/SOP/DINKES/2025"]
    assert jumlah(tab) == "2 SOP ditemukan"
    assert "unit" in query_of(tab)
    select(tab, "unit", "")
    select(tab, "status", "draf")
    assert tab.rows() == ["101/SOP/DISDIK/2024"]
    assert query_of(tab).get("status") == ["draf"]
    select(tab, "status", "berlaku")  # no status written counts as berlaku
    assert sorted(tab.rows()) == ["100/SOP/DISDIK/2023", "201/SOP/DINKES/2025"]
    select(tab, "status", "")
    select(tab, "tahun", "2024")
    assert sorted(tab.rows()) == ["101/SOP/DISDIK/2024", "200/SOP/DINKES/2024"]
    assert query_of(tab).get("tahun") == ["2024"]
    search(tab, "vaksinasi")  # search and filter together
    assert tab.rows() == ["200/SOP/DINKES/2024"]
    select(tab, "unit", unit_value(tab, "Alfa"))
    assert tab.rows() == []
    assert jumlah(tab) == "0 SOP ditemukan"
    select(tab, "unit", "")
    select(tab, "tahun", "")
    search(tab, "")
    assert sorted(tab.rows()) == ALL
    assert query_of(tab) == {}
    check_clean(tab, base)


# --- escaping ----------------------------------------------------------------------------


def no_injected_markup(tab: Tab) -> None:
    for frame in tab.page.frames:
        assert frame.locator("img[src=x]").count() == 0, frame.url
        assert frame.locator("script:text('alert')").count() == 0, frame.url
        assert frame.locator("i:text('Gubernur'), b:text('arsip')").count() == 0, frame.url


def test_user_text_shows_as_text_everywhere(browser: Browser, site: Path, base: str) -> None:
    tab = open_tab(browser)
    try:
        tab.page.goto(base + "index.html")
        row = tab.page.locator('tr.sop[data-nomor="300/SOP/BKD/2022"]')
        assert XSS in row.inner_text()
        no_injected_markup(tab)
        link = row.locator("a").first.get_attribute("href")
        assert link is not None
        tab.page.goto(urllib.parse.urljoin(tab.page.url, link))
        tab.page.wait_for_load_state("load")
        assert XSS in tab.page.inner_text("body")
        assert XSS in tab.page.title()
        no_injected_markup(tab)
        tab.page.goto(base + "daftar.html")
        assert XSS in tab.page.inner_text("body")
        no_injected_markup(tab)
        # the monitoring form assesses the SOPs applied: this one is dicabut, so it is not
        # there, and nothing of it is injected either
        tab.page.goto(base + "monitoring.html")
        assert XSS not in tab.page.inner_text("body")
        assert "Penerbitan Izin Operasional Sekolah" in tab.page.inner_text("body")
        no_injected_markup(tab)
        if shutil.which("git"):  # the history: commit message and author are user text
            tab.page.goto(base + "index.html")
            tab.page.click('tr.sop[data-nomor="100/SOP/DISDIK/2023"] a')
            text = tab.page.inner_text("body")
            assert "Ubah langkah <img src=x onerror=alert(4)>" in text
            assert 'Uji & "Coba" Satu' in text  # the author's name
            no_injected_markup(tab)
            tab.page.click("a[href*='riwayat/']")
            tab.page.wait_for_load_state("load")
            assert "Versi <b>pertama</b>" in tab.page.inner_text("body")
            assert "Mengirim surat izin" in tab.page.content()  # the older version
            no_injected_markup(tab)
        # A query in the address is user text too.
        tab.page.goto(base + "index.html?q=" + urllib.parse.quote("<img src=x onerror=alert(3)>"))
        assert tab.page.input_value("#cari") == "<img src=x onerror=alert(3)>"
        no_injected_markup(tab)
        tab.page.goto(base + "index.html?q=" + urllib.parse.quote(XSS))
        assert tab.rows() == ["300/SOP/BKD/2022"]
        check_clean(tab, base)
    finally:
        tab.page.context.close()


# --- links and requests --------------------------------------------------------------


def page_links(tab: Tab) -> list[str]:
    """Every address the page refers to: links, frames, images, scripts, style sheets."""
    found: list[str] = []
    for frame in tab.page.frames:
        found += frame.eval_on_selector_all(
            "a[href], iframe[src], img[src], script[src], link[href], object[data]",
            "es => es.map(e => e.href || e.src || e.data)")
    return found


def resolves(url: str, base: str, tab: Tab) -> str | None:
    """Why the address does not resolve, or None when it does."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "file":
        path = Path(urllib.request.url2pathname(parts.path))
        if not path.exists():
            return f"{url}: no such file"
    elif url.startswith(base):
        try:
            with urllib.request.urlopen(url.split("#")[0], timeout=10) as answer:
                if answer.status != 200:
                    return f"{url}: {answer.status}"
        except urllib.error.HTTPError as e:
            return f"{url}: {e.code}"
    elif parts.scheme not in ("data", "mailto", "tel"):
        return f"{url}: outside the site"
    if parts.fragment and url.split("#")[0] == tab.page.url.split("#")[0]:
        target = urllib.parse.unquote(parts.fragment)
        if tab.page.locator(f'[id="{target}"], [name="{target}"]').count() == 0:
            return f"{url}: no #{target} on the page"
    return None


def test_every_link_resolves_and_nothing_leaves(browser: Browser, site: Path,
                                                base: str) -> None:
    """Every page of the site, found by following its links from the index."""
    tab = open_tab(browser)
    try:
        seen: set[str] = set()
        queue = [base + "index.html"]
        visited: list[str] = []
        broken: list[str] = []
        while queue:
            url = queue.pop(0)
            if url in visited:
                continue
            visited.append(url)
            tab.page.goto(url)
            tab.page.wait_for_load_state("load")
            for link in page_links(tab):
                page = link.split("#")[0].split("?")[0]
                if page.startswith(base) and page.endswith(".html") and page not in visited:
                    queue.append(page)
                if link not in seen:
                    seen.add(link)
                    why = resolves(link, base, tab)
                    if why:
                        broken.append(f"{url} -> {why}")
        assert broken == []
        names = {u[len(base):] for u in visited}
        assert {"index.html", "daftar.html", "monitoring.html"} <= names
        assert len([n for n in names if n.startswith("sop/") and n.endswith("/index.html")
                    and "riwayat" not in n]) == len(ALL), sorted(names)
        if shutil.which("git"):
            assert [n for n in names if "/riwayat/" in n], sorted(names)
        check_clean(tab, base)
    finally:
        tab.page.context.close()


# --- keyboard, phone, accessibility --------------------------------------------------


def test_search_field_reachable_by_tab(tab: Tab, base: str) -> None:
    tab.page.goto(base + "index.html")
    skip = tab.page.locator("a[href^='#']").first
    target = (skip.get_attribute("href") or "#")[1:]
    assert target and tab.page.locator(f'[id="{target}"]').count() == 1
    order = []
    for _ in range(12):
        tab.page.keyboard.press("Tab")
        active = tab.page.evaluate("document.activeElement.id || document.activeElement.tagName")
        order.append(active)
        if active == "cari":
            break
    assert "cari" in order, order
    tab.page.keyboard.type("memindai")
    assert tab.rows() == ["101/SOP/DISDIK/2024"]


def test_phone_has_no_horizontal_scroll(browser: Browser, base: str) -> None:
    tab = open_tab(browser, viewport={"width": 390, "height": 844}, device_scale_factor=2,
                   is_mobile=True, has_touch=True)
    try:
        tab.page.goto(base + "index.html")
        width = tab.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, width
        check_clean(tab, base)
    finally:
        tab.page.context.close()


def axe_violations(tab: Tab) -> list[str]:
    """axe-core's serious and critical violations on the page (its frames excluded: the
    document frame of an SOP page, `soptool render`'s output, is checked on its own)."""
    tab.page.add_script_tag(path=str(AXE))
    found = tab.page.evaluate("""async () => {
        const r = await axe.run(document, {iframes: false, resultTypes: ['violations']});
        return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => `${v.impact} ${v.id}: ${v.help} -- ` +
                 v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(' | '));
    }""")
    return list(found)


@needs_axe
@pytest.mark.parametrize("name", ["index.html", "daftar.html", "monitoring.html", "sop",
                                  "dokumen"])
def test_no_serious_accessibility_violation(tab: Tab, site: Path, name: str) -> None:
    base = site.as_uri() + "/"
    if name in ("sop", "dokumen"):  # an SOP's page, and its document (its frame)
        tab.page.goto(base + "index.html")
        page = str(tab.page.locator(
            'tr.sop[data-nomor="100/SOP/DISDIK/2023"] a').first.get_attribute("href"))
        name = page if name == "sop" else page.replace("index.html", "dokumen.html")
    tab.page.goto(base + name)
    assert axe_violations(tab) == []


# --- soptool serve -------------------------------------------------------------------


@needs_serve
def test_serve_picks_up_an_edit(browser: Browser, tmp_path: Path) -> None:
    sources = tmp_path / "sops"
    sources.mkdir()
    path = sources / "izin-sekolah.yaml"
    path.write_text(SOPS["izin-sekolah"], encoding="utf-8")
    port = free_port()
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    log = tmp_path / "serve.log"
    with log.open("w") as sink:
        proc = subprocess.Popen([sys.executable, "-m", "soptool", "serve", str(sources),
                                 "--port", str(port)], stdout=sink, stderr=subprocess.STDOUT,
                                env=env)
    tab = open_tab(browser)
    try:
        wait_listening(port, proc, "soptool serve")
        base = f"http://127.0.0.1:{port}/"
        tab.page.goto(base + "index.html")
        assert tab.rows() == ["100/SOP/DISDIK/2023"]
        assert "Penerbitan Izin Operasional Sekolah" in tab.page.inner_text("#daftar-sop")
        path.write_text(SOPS["izin-sekolah"].replace("Penerbitan Izin Operasional Sekolah",
                                                     "Penerbitan Izin Sekolah Swasta"),
                        encoding="utf-8")
        # The page reloads by itself (no action here); 30 s bounds the wait, it is no measure.
        tab.page.wait_for_function(
            "() => document.querySelector('#daftar-sop') && "
            "document.querySelector('#daftar-sop').textContent.includes("
            "'Penerbitan Izin Sekolah Swasta')", timeout=30_000)
        check_clean(tab, base)
    except BaseException:
        print(log.read_text(encoding="utf-8"))  # what serve said, shown with the failure
        raise
    finally:
        tab.page.context.close()
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            proc.kill()
            proc.wait()
