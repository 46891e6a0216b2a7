"""``soptool serve``: the site, built into a temporary folder, served while the SOPs change.

The main thread builds and watches: every ``POLL`` seconds it looks at the SOP files under
the paths (names, modification times and sizes); on a change it rebuilds (the site build is
incremental) and counts the build. HTTP requests are answered by ``ThreadingHTTPServer`` in
other threads, from the folder. While a build runs no server thread does: the accept loop is
stopped (connections wait in the socket's queue) and requests under way are finished first,
so that no page is read half-written and a build that forks workers (``soptool.workers``,
for many files) never forks a process with a server thread holding a lock.

Served HTML pages (only when served: the folder holds the site as built) get a small script
that asks ``/__soptool/versi`` for the build number and reloads the page when it changes,
and, when the last build found problems, a banner listing them (``file:line:col: message``).
A broken file never stops the server: its problems are shown, the other pages stay served.
"""

from __future__ import annotations

import contextlib
import html
import http.server
import json
import shutil
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from soptool.report.messages import message

if TYPE_CHECKING:
    from soptool.findings import FileResult, Finding
    from soptool.timing.durations import Calendar

POLL = 0.5  # seconds between two looks at the files
VERSION_PATH = "/__soptool/versi"

Snapshot = dict[str, tuple[int, int]]


@dataclass
class State:
    """What the server threads read: the build number and the last build's problems."""

    build: int = 0
    problems: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    # Requests and builds never overlap (``busy`` requests, or one build, hold the gate): a
    # request being answered when a build starts is finished first.
    gate: threading.Condition = field(default_factory=threading.Condition)
    busy: int = 0
    building: bool = False

    @contextlib.contextmanager
    def request(self) -> Iterator[None]:
        """While inside, a request is answered (many at once; none during a build)."""
        with self.gate:
            self.gate.wait_for(lambda: not self.building)
            self.busy += 1
        try:
            yield
        finally:
            with self.gate:
                self.busy -= 1
                self.gate.notify_all()

    @contextlib.contextmanager
    def build_window(self) -> Iterator[None]:
        """While inside, the site is built (no request is being answered)."""
        with self.gate:
            self.building = True
            self.gate.wait_for(lambda: self.busy == 0)
        try:
            yield
        finally:
            with self.gate:
                self.building = False
                self.gate.notify_all()

    def set(self, problems: list[str]) -> None:
        """A build is done: count it, keep its problems."""
        with self.lock:
            self.build += 1
            self.problems = problems

    def get(self) -> tuple[int, list[str]]:
        """The build number and problems, as one consistent pair."""
        with self.lock:
            return self.build, list(self.problems)


def snapshot(paths: list[Path]) -> Snapshot:
    """The SOP files under ``paths`` with their modification time and size (a missing file
    as ``(-1, -1)``)."""
    from soptool.source.files import discover

    found: Snapshot = {}
    for file in discover(paths):
        try:
            st = file.stat()
            found[str(file)] = (st.st_mtime_ns, st.st_size)
        except OSError:
            found[str(file)] = (-1, -1)
    return found


def problems_of(files: list[Path], lang: str) -> list[str]:
    """Every error and warning of the files, as ``file:line:col: message`` lines."""
    from soptool.commands.validate import validate_file

    lines = []
    for file in files:
        try:
            result = validate_file(file)
        except Exception as exc:  # a check that breaks must not stop the server
            lines.append(f"{file}: {type(exc).__name__}: {exc}")
            continue
        lines.extend(_line(f, lang) for f in sorted(result.findings, key=lambda f: f.sort_key()))
    return lines


# A builder builds the site of the paths into the folder; it returns the files left out as
# invalid (their findings), or None when it did not check them (``rebuild`` does).
Builder = Callable[[list[Path], Path], "list[FileResult] | None"]


def site_builder(calendar: Calendar | None = None) -> Builder:
    """``soptool.site.build.build_site`` over the paths into the folder (its report's invalid
    files are the problems)."""
    from soptool.site.build import SiteOptions, build_site
    from soptool.source.files import discover
    from soptool.timing.durations import DEFAULT_CALENDAR

    def build(paths: list[Path], out: Path) -> list[FileResult] | None:
        # No PDFs: WeasyPrint takes seconds a document, too slow to follow edits.
        options = SiteOptions(pdf=False, calendar=calendar or DEFAULT_CALENDAR)
        report = build_site(discover(paths), out, options)  # files, as the CLI gives
        return list(report.invalid)

    return build


def rebuild(paths: list[Path], out: Path, builder: Builder, lang: str) -> list[str]:
    """Build the site into ``out``; the problems found (validation, a failed build)."""
    from soptool.source.files import discover

    problems: list[str] = []
    try:
        invalid = builder(paths, out)
    except Exception as exc:  # a template error, a file gone mid-build: shown, not fatal
        invalid = None
        problems.append(message("serve.build_failed", lang, detail=f"{type(exc).__name__}: "
                                f"{exc}"))
    if invalid is None:
        found = problems_of(discover(paths), lang)
    else:
        found = [_line(f, lang) for result in invalid
                 for f in sorted(result.findings, key=lambda f: f.sort_key())]
    return found + problems


def _line(f: Finding, lang: str) -> str:
    word = message("ui.error" if f.is_error else "ui.warning", lang)
    return f"{f.file}:{f.line}:{f.col}: {word} {f.code}: {f.message(lang)}"


def overlay(build: int, problems: list[str], lang: str) -> str:
    """The markup added to a served HTML page: the reload script, the problems' banner."""
    banner = ""
    if problems:
        items = "".join(f"<li>{html.escape(p)}</li>" for p in problems)
        title = html.escape(message("serve.problems", lang, count=len(problems)))
        banner = (
            '<div id="soptool-galat" role="alert" style="position:fixed;left:0;right:0;'
            "bottom:0;max-height:40vh;overflow:auto;z-index:2147483647;margin:0;"
            "padding:.75em 1em;background:#fff3f3;color:#5c0000;border-top:3px solid "
            '#b00020;font:14px/1.4 monospace;white-space:pre-wrap">'
            f"<strong>{title}</strong><ul style=\"margin:.5em 0 0;padding-left:1.5em\">"
            f"{items}</ul></div>")
    script = (
        "<script>(function(){if(window.self!==window.top){var g=document.getElementById("
        "'soptool-galat');if(g)g.remove();return;}"
        f"var v={build};setInterval(function(){{fetch('{VERSION_PATH}',{{cache:'no-store'}})"
        ".then(function(r){return r.json();}).then(function(d){if(d.versi!==v)"
        "location.reload();}).catch(function(){});},500);})();</script>")
    return banner + script


def inject(page: bytes, extra: str) -> bytes:
    """The page with ``extra`` before its closing ``</body>`` (at its end when it has none)."""
    data = extra.encode("utf-8")
    at = page.lower().rfind(b"</body>")
    if at < 0:
        return page + data
    return page[:at] + data + page[at:]


def handler(root: Path, state: State, lang: str) -> type[http.server.BaseHTTPRequestHandler]:
    """The request handler: files of ``root``, the version endpoint, HTML with the overlay."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet: the terminal shows builds, not every request

        def do_GET(self) -> None:
            """The version endpoint, an HTML page with the overlay, or a file."""
            with state.request():
                self._get()

        def do_HEAD(self) -> None:
            """The headers of a file (as ``SimpleHTTPRequestHandler``), never mid-build."""
            with state.request():
                super().do_HEAD()

        def _get(self) -> None:
            build, problems = state.get()
            path = self.path.split("?", 1)[0].split("#", 1)[0]
            if path == VERSION_PATH:
                self._send(200, "application/json", json.dumps(
                    {"versi": build, "galat": len(problems)}).encode("utf-8"))
                return
            target = Path(self.translate_path(self.path))
            if target.is_dir() and path.endswith("/"):
                target = target / "index.html"
            if target.suffix == ".html" and target.is_file():
                try:
                    page = target.read_bytes()
                except OSError:
                    page = None
                if page is not None:
                    self._send(200, "text/html; charset=utf-8",
                               inject(page, overlay(build, problems, lang)))
                    return
            if path in ("/", "/index.html") and not target.is_file():
                # No catalogue built (every file broken): the problems, on an empty page.
                page = (b'<!doctype html><html lang="id"><meta charset="utf-8">'
                        b"<title>soptool serve</title><body></body></html>")
                self._send(200, "text/html; charset=utf-8",
                           inject(page, overlay(build, problems, lang)))
                return
            super().do_GET()

        def _send(self, status: int, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def end_headers(self) -> None:
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

    return Handler


class _Server6(http.server.ThreadingHTTPServer):
    address_family = socket.AF_INET6


class PortInUse(OSError):
    """The address cannot be bound (in use, or not allowed)."""


class Running:
    """The server's accept loop, in a thread: started, stopped and paused for builds."""

    def __init__(self, server: http.server.ThreadingHTTPServer) -> None:
        self.server = server
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        """Answer requests, from now on."""
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       kwargs={"poll_interval": 0.1}, name="soptool-serve",
                                       daemon=True)
        self.thread.start()

    def stop(self) -> None:
        """Accept no more connections (those that come wait in the socket's queue)."""
        if self.thread is not None:
            self.server.shutdown()
            self.thread.join(timeout=5)
            self.thread = None

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """While inside, no thread accepts connections (a build may fork workers)."""
        self.stop()
        try:
            yield
        finally:
            self.start()


@contextlib.contextmanager
def serving(host: str, port: int, root: Path, state: State, lang: str) -> Iterator[Running]:
    """The server, bound but not started (``Running.start``); closed on leaving."""
    server_class: type[http.server.ThreadingHTTPServer] = http.server.ThreadingHTTPServer
    if ":" in host:  # an IPv6 address, such as ::1
        server_class = _Server6
    try:
        server = server_class((host, port), handler(root, state, lang))
    except OSError as exc:
        raise PortInUse(exc.errno, exc.strerror) from None
    server.daemon_threads = True
    running = Running(server)
    try:
        yield running
    finally:
        running.stop()
        server.server_close()


def run_serve(paths: list[Path], host: str, port: int, lang: str,
              stream: IO[str] | None = None, calendar: Calendar | None = None,
              builder: Builder | None = None,
              polls: int | None = None) -> int:
    """The ``serve`` command: serve the site until Ctrl-C (then 0); 2 when the port is
    taken. ``polls`` stops after that many looks at the files (for tests in-process)."""
    out = stream if stream is not None else sys.stdout
    build = builder or site_builder(calendar)
    state = State()
    folder = Path(tempfile.mkdtemp(prefix="soptool-serve-"))
    site = folder / "_site"
    try:
        try:
            with serving(host, port, site, state, lang) as running:
                seen = snapshot(paths)
                state.set(rebuild(paths, site, build, lang))  # no thread runs yet
                running.start()
                bound_host, bound_port = running.server.server_address[:2]
                name = bound_host.decode() if isinstance(bound_host, bytes) else str(bound_host)
                shown = f"[{name}]" if ":" in name else name
                _say(out, message("serve.address", lang, url=f"http://{shown}:{bound_port}/"))
                _say_problems(out, state, lang)
                count = 0
                while polls is None or count < polls:
                    count += 1
                    time.sleep(POLL)
                    now = snapshot(paths)
                    if now == seen:
                        continue
                    seen = now
                    # No request is answered during a build: none reads a page half
                    # written, and no server thread runs when the build forks workers.
                    with running.paused(), state.build_window():
                        state.set(rebuild(paths, site, build, lang))
                    _say(out, message("serve.rebuilt", lang, build=state.get()[0]))
                    _say_problems(out, state, lang)
        except PortInUse as exc:
            sys.stderr.write("soptool: " + message("ui.error", lang) + ": " + message(
                "serve.port_in_use", lang, host=host, port=port,
                detail=exc.strerror or str(exc)) + "\n")
            return 2
        except KeyboardInterrupt:
            _say(out, message("serve.stopped", lang))
        return 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _say(out: IO[str], text: str) -> None:
    out.write(text + "\n")
    out.flush()


def _say_problems(out: IO[str], state: State, lang: str) -> None:
    problems = state.get()[1]
    if problems:
        _say(out, message("serve.problems", lang, count=len(problems)))
        for line in problems:
            _say(out, f"  {line}")
