"""soptool serve as the user runs it: a subprocess serving a tmp folder of SOPs over HTTP."""

from __future__ import annotations

import json
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from soptool.commands.serve import inject, overlay

from .conftest import ROOT

SEEDS = ROOT / "sops"
RKA_NAMA = "Penyusunan Rencana Aksi Balai"
WAIT = 30.0  # seconds: generous, the steps take well under one on an idle machine


class Served:
    """A running ``soptool serve`` and the lines it printed."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc = proc
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.url = re.search(r"http://\S+/", self.wait_line("Situs tersedia di")).group(0)

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line)

    def wait_line(self, text: str) -> str:
        end = time.monotonic() + WAIT
        while time.monotonic() < end:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                assert self.proc.poll() is None, (self.proc.returncode, self.seen)
                continue
            self.seen.append(line)
            if text in line:
                return line
        raise AssertionError(f"no line with {text!r} in {self.seen}")

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=WAIT) as resp:
            assert resp.status == 200
            return str(resp.read().decode("utf-8"))

    def version(self) -> int:
        return int(json.loads(self.get("__soptool/versi"))["versi"])

    def next_version(self, after: int) -> int:
        end = time.monotonic() + WAIT
        while time.monotonic() < end:
            now = self.version()
            if now != after:
                return now
            time.sleep(0.1)
        raise AssertionError(f"the build stayed at {after}")

    def sop_page(self, index: str, text: str) -> str:
        """The SOP page linked from the catalogue ``index`` that shows ``text``."""
        links = sorted(set(re.findall(r'href="(sop/[^"]+/index\.html)"', index)))
        assert links, index[-2000:]
        pages = [self.get(link) for link in links]
        found = [page for page in pages if text in page]
        assert found, (text, links)
        return found[0]


def serve(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "soptool", "serve", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8", cwd=ROOT)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    sops = tmp_path / "sops"
    sops.mkdir()
    for seed in SEEDS.glob("*.yaml"):
        shutil.copy(seed, sops / seed.name)
    return sops


@pytest.fixture
def served(folder: Path) -> Iterator[Served]:
    proc = serve(str(folder), "--port", "0")
    try:
        yield Served(proc)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=WAIT)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def test_serve_rebuilds_on_change_shows_errors_and_stops_on_ctrl_c(
        served: Served, folder: Path) -> None:
    index = served.get("")
    assert "Katalog SOP" in index
    assert "/__soptool/versi" in index  # the reload script, served pages only
    assert "<div id=\"soptool-galat\"" not in index
    assert served.sop_page(index, RKA_NAMA)

    rka = folder / "rka-balai.yaml"
    original = rka.read_text(encoding="utf-8")
    first = served.version()
    edited = original.replace(f"nama: {RKA_NAMA}\n", f"nama: {RKA_NAMA} Triwulan\n", 1)
    assert edited != original
    rka.write_text(edited, encoding="utf-8")
    second = served.next_version(first)
    assert second > first
    assert served.sop_page(served.get(""), RKA_NAMA + " Triwulan")

    lines = original.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("langkah:"))
    lines[at] = "langkah: [\n"  # a flow sequence never closed: the YAML does not parse
    rka.write_text("".join(lines), encoding="utf-8")
    served.next_version(second)
    index = served.get("index.html")
    banner = re.search(r'<div id="soptool-galat".*?</div>', index, re.S)
    assert banner is not None
    assert re.search(r"rka-balai\.yaml:\d+:\d+: galat SOP\d+", banner.group(0)), banner
    served.wait_line("masalah ditemukan")
    # The other SOP is still served, with the banner too.
    other = served.sop_page(index, "Rencana Kinerja Tahunan")
    assert "rka-balai.yaml:" in other

    third = served.version()
    rka.write_text(original, encoding="utf-8")
    served.next_version(third)
    index = served.get("")
    assert "<div id=\"soptool-galat\"" not in index
    assert served.sop_page(index, RKA_NAMA)

    served.proc.send_signal(signal.SIGINT)
    assert served.proc.wait(timeout=WAIT) == 0
    served.wait_line("Server dihentikan.")


def test_a_deleted_file_is_shown_and_the_server_keeps_answering(
        tmp_path: Path, folder: Path) -> None:
    rka = folder / "rka-balai.yaml"
    proc = serve(str(rka), str(folder / "rkt-disdikbud-balangan.yaml"), "--port", "0")
    try:
        served = Served(proc)
        first = served.version()
        rka.unlink()
        served.next_version(first)
        index = served.get("")
        assert re.search(r"rka-balai\.yaml:\d+:\d+: galat SOP001", index), index[-2000:]
        assert served.sop_page(index, "Rencana Kinerja Tahunan")
    finally:
        proc.kill()
        proc.communicate(timeout=WAIT)


def test_port_in_use_exits_2_with_a_message(folder: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = subprocess.run(
            [sys.executable, "-m", "soptool", "serve", str(folder), "--port", str(port)],
            capture_output=True, text=True, encoding="utf-8", timeout=WAIT, cwd=ROOT)
    assert proc.returncode == 2
    assert f"tidak dapat membuka 127.0.0.1:{port}" in proc.stderr
    assert "--port" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_the_overlay_escapes_the_problems_and_goes_before_the_body_end() -> None:
    extra = overlay(3, ["a.yaml:1:2: galat <script>alert(1)</script>"], "id")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in extra
    assert "<script>alert(1)" not in extra
    assert "var v=3;" in extra
    page = inject(b"<html><body><p>x</p></BODY></html>", extra)
    assert page.startswith(b"<html><body><p>x</p><div id=\"soptool-galat\"")
    assert page.endswith(b"</script></BODY></html>")
    assert inject(b"<p>tanpa body</p>", "<i>z</i>") == b"<p>tanpa body</p><i>z</i>"
    assert "<div id=\"soptool-galat\"" not in overlay(1, [], "id")


def test_a_build_that_fails_is_a_problem_shown_not_a_stop(tmp_path: Path, folder: Path) -> None:
    import jinja2

    from soptool.commands.serve import rebuild

    def broken(paths: list[Path], out: Path) -> None:
        jinja2.Environment().from_string("{% if %}")

    problems = rebuild([folder], tmp_path / "_site", broken, "id")
    assert len(problems) == 1
    assert problems[0].startswith("situs tidak dapat dibangun: TemplateSyntaxError: ")
