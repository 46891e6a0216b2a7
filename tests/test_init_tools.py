"""The repository ``soptool init`` makes, checked with the real tools an office will use.

- pre-commit (PyPI ``pre-commit``, the test extra) runs the generated
  ``.pre-commit-config.yaml``, whose ``repo:`` is this checkout and ``rev:`` its HEAD commit:
  pre-commit installs the hooks from that commit, so work not committed yet is not in them
  (in CI, a fresh clone, HEAD is what is tested). The hook environment is installed once per
  run (one ``PRE_COMMIT_HOME`` for the module), its pip install held to constraints.txt.
- check-jsonschema's builtin schemas check the GitHub workflow and the GitLab CI file;
  pre-commit's own ``validate-config`` the pre-commit config (check-jsonschema ships no
  schema for it).
- yaml-language-server (npm, tests/editor/: the server of VS Code's YAML extension) is given
  the ``yaml`` settings of the generated ``.vscode/settings.json`` as VS Code would pass them,
  and checks SOPs against the generated ``sop.schema.json``.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
EDITOR = ROOT / "tests" / "editor"
SERVER = EDITOR / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git program")

GIT_IDENTITY = {"GIT_AUTHOR_NAME": "Penguji", "GIT_AUTHOR_EMAIL": "penguji@example.org",
                "GIT_COMMITTER_NAME": "Penguji", "GIT_COMMITTER_EMAIL": "penguji@example.org"}


def clean_environment(**extra: str) -> dict[str, str]:
    """This process's environment without what changes soptool's or pre-commit's output."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("SOPTOOL_LANG", "NO_COLOR", "FORCE_COLOR", "SKIP")
           and not key.startswith("PRE_COMMIT")}
    return {**env, **GIT_IDENTITY, **extra}


def git(repo: Path, *args: str, env: dict[str, str] | None = None,
        check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false",
                           *args], cwd=repo, capture_output=True, text=True, check=check,
                          env=env if env is not None else clean_environment())


def checkout_head() -> str | None:
    """This checkout's HEAD commit, or None when the tests do not run from a git checkout."""
    proc = git(ROOT, "rev-parse", "--show-toplevel", "HEAD", check=False)
    lines = proc.stdout.split()
    if proc.returncode != 0 or len(lines) != 2 or Path(lines[0]).resolve() != ROOT:
        return None
    return lines[1]


def soptool_init(folder: Path, rev: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "soptool", "init", str(folder),
                           "--repo", str(ROOT), "--rev", rev],
                          capture_output=True, text=True, env=clean_environment(), check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder made by ``soptool init`` (read only: tests that change it copy it)."""
    folder = tmp_path_factory.mktemp("kantor")
    soptool_init(folder, checkout_head() or "v0.1.0")
    return folder


def example_sop(folder: Path) -> Path:
    sops = sorted((folder / "sops").glob("*.yaml"))
    assert len(sops) == 1, sops
    return sops[0]


def first_line(text: str, pattern: str) -> tuple[int, re.Match[str]]:
    """The 0-based number of the first line matching ``pattern``, and its match."""
    for number, line in enumerate(text.splitlines()):
        found = re.match(pattern, line)
        if found:
            return number, found
    raise AssertionError(f"no line matches {pattern!r}")


# A mistake made in the example SOP: the changed text, and the 0-based line and column of
# the mistake (where soptool, and the editor, point).
Mistake = tuple[str, int, int]


def misspell_key(text: str, key: str) -> Mistake:
    """The first ``key:`` (top-level or in a step) spelt with its last letter twice."""
    number, found = first_line(text, rf"^(\s*(?:- )?){key}:")
    lines = text.splitlines(keepends=True)
    lines[number] = lines[number].replace(f"{key}:", f"{key}{key[-1]}:", 1)
    return "".join(lines), number, len(found.group(1))


def unknown_pelaksana(text: str) -> Mistake:
    """A step's ``pelaksana`` with a letter more: one not declared."""
    number, found = first_line(text, r"^(\s+(?:- )?pelaksana: )([a-z_]+)\s*$")
    lines = text.splitlines(keepends=True)
    lines[number] = lines[number].replace(found.group(2), found.group(2) + "x", 1)
    return "".join(lines), number, len(found.group(1))


# --- pre-commit --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hooked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    """A repository made by ``soptool init``, committed, its pre-commit hook installed; and
    the environment to run pre-commit and git in (one PRE_COMMIT_HOME for the module)."""
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (the test extra)")
    head = checkout_head()
    if head is None:
        pytest.skip(f"{ROOT} is not a git checkout: the generated config names a commit of it")
    base = tmp_path_factory.mktemp("pre-commit")
    repo = base / "kantor"
    repo.mkdir()
    soptool_init(repo, head)
    env = clean_environment(PRE_COMMIT_HOME=str(base / "home"),
                            PIP_CONSTRAINT=str(ROOT / "constraints.txt"),
                            PRE_COMMIT_COLOR="never")
    git(repo, "init", "-q", env=env)
    git(repo, "add", "-A", env=env)
    git(repo, "commit", "-q", "-m", "soptool init", env=env)
    proc = pre_commit(repo, env, "install")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    yield repo, env


def pre_commit(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=repo, env=env,
                          capture_output=True, text=True, check=False)


def test_generated_hooks_pass_on_the_new_repository(hooked: tuple[Path, dict[str, str]]) -> None:
    repo, env = hooked
    proc = pre_commit(repo, env, "run", "--all-files")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert re.search(r"^soptool validate\.+Passed$", out, re.M), out
    assert re.search(r"^soptool fmt\.+Passed$", out, re.M), out
    assert git(repo, "status", "--porcelain", env=env).stdout == ""


@pytest.mark.parametrize(("mistake", "code"), [
    (lambda text: misspell_key(text, "kegiatan"), "SOP101"),
    (lambda text: misspell_key(text, "pelaksana"), "SOP101"),
    (unknown_pelaksana, "SOP201"),
], ids=["kegiatann", "pelaksanaa", "pelaksana-tidak-dikenal"])
def test_commit_of_a_broken_sop_fails_at_the_mistake(
        hooked: tuple[Path, dict[str, str]], mistake: Any, code: str) -> None:
    repo, env = hooked
    sop = example_sop(repo)
    text, line, col = mistake(sop.read_text(encoding="utf-8"))
    sop.write_text(text, encoding="utf-8")
    try:
        git(repo, "add", "-A", env=env)
        proc = git(repo, "commit", "-m", "SOP rusak", env=env, check=False)
        out = proc.stdout + proc.stderr
        assert proc.returncode != 0, out
        assert re.search(r"^soptool validate\.+Failed$", out, re.M), out
        where = f"{sop.relative_to(repo).as_posix()}:{line + 1}:{col + 1}: {code} galat:"
        assert where in out
        assert git(repo, "rev-list", "--count", "HEAD", env=env).stdout.strip() == "1"
    finally:
        git(repo, "reset", "-q", "--hard", "HEAD", env=env)


# --- check-jsonschema --------------------------------------------------------------------


def check_jsonschema(*args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / "check-jsonschema"
    if not exe.exists():
        found = shutil.which("check-jsonschema")
        if found is None:
            pytest.skip("check-jsonschema is not installed (the test extra)")
        exe = Path(found)
    return subprocess.run([str(exe), *args], capture_output=True, text=True, check=False)


CI_FILES = [(".github/workflows/sop.yml", "vendor.github-workflows"),
            (".gitlab-ci.yml", "vendor.gitlab-ci")]
# Each CI file broken as a hand might break it, a misspelt key; and what the schema says.
BREAKAGES = {".github/workflows/sop.yml": ("runs-on:", "run-on:",
                                           "'runs-on' is a required property"),
             ".gitlab-ci.yml": ("  script:", "  scrpt:", "'scrpt' was unexpected")}


@pytest.mark.parametrize(("path", "schema"), CI_FILES)
def test_ci_file_passes_its_schema(office: Path, path: str, schema: str) -> None:
    proc = check_jsonschema("--builtin-schema", schema, str(office / path))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "ok -- validation done" in proc.stdout


@pytest.mark.parametrize(("path", "schema"), CI_FILES)
def test_broken_ci_file_fails_its_schema(office: Path, tmp_path: Path, path: str,
                                         schema: str) -> None:
    old, new, said = BREAKAGES[path]
    text = (office / path).read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / Path(path).name
    broken.write_text(text.replace(old, new), encoding="utf-8")
    proc = check_jsonschema("--builtin-schema", schema, str(broken))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert said in proc.stdout


def test_gitlab_job_reports_code_quality(office: Path) -> None:
    ci = yaml.safe_load((office / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    jobs = [job for job in ci.values() if isinstance(job, dict) and "script" in job]
    quality = [job for job in jobs
               if "codequality" in job.get("artifacts", {}).get("reports", {})]
    assert len(quality) == 1
    report = quality[0]["artifacts"]["reports"]["codequality"]
    assert any(f"--format gitlab sops/ > {report}" in line for line in quality[0]["script"])


def test_pre_commit_config_is_valid_for_pre_commit(office: Path) -> None:
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (the test extra)")
    help_text = check_jsonschema("--help").stdout
    assert "vendor.pre-commit-config" not in help_text  # else: check with it too
    config = office / ".pre-commit-config.yaml"
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", str(config)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # Its hooks are the ones this repository's manifest declares.
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest",
                           str(ROOT / ".pre-commit-hooks.yaml")],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    repos = yaml.safe_load(config.read_text(encoding="utf-8"))["repos"]
    assert [repo["repo"] for repo in repos] == [str(ROOT)]
    assert {hook["id"] for hook in repos[0]["hooks"]} == {hook["id"] for hook in manifest}


def test_broken_pre_commit_config_fails(office: Path, tmp_path: Path) -> None:
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (the test extra)")
    text = (office / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "    rev: " in text
    broken = tmp_path / ".pre-commit-config.yaml"
    broken.write_text(text.replace("    rev: ", "    revisi: "), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", str(broken)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 1
    assert "rev" in proc.stdout + proc.stderr


def test_vscode_settings_map_the_schema_to_the_sops(office: Path) -> None:
    settings = json.loads((office / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {"./sop.schema.json": ["sops/**/*.yaml",
                                                              "sops/**/*.yml"]}
    extensions = json.loads((office / ".vscode" / "extensions.json").read_text("utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]
    # The schema is a valid schema of the draft it names, and the example SOP passes it.
    schema = office / "sop.schema.json"
    proc = check_jsonschema("--check-metaschema", str(schema))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = check_jsonschema("--schemafile", str(schema), str(example_sop(office)))
    assert proc.returncode == 0, proc.stdout + proc.stderr


# --- yaml-language-server ----------------------------------------------------------------


def settings_section(settings: dict[str, Any], section: str) -> Any:
    """A section of VS Code settings as a client sends it: ``yaml`` gathers the ``yaml.*``
    keys into nested objects (``yaml.schemas`` is ``{"schemas": ...}``); ``[yaml]`` is the
    language-specific object as written."""
    if section in settings:
        return settings[section]
    nested: dict[str, Any] = {}
    for key, value in settings.items():
        if key.startswith(section + "."):
            place = nested
            *parents, last = key[len(section) + 1:].split(".")
            for parent in parents:
                place = place.setdefault(parent, {})
            place[last] = value
    return nested


class LanguageServer:
    """A minimal LSP client: JSON-RPC with Content-Length framing over a server's stdio.

    Requests from the server are answered on its reader thread: ``workspace/configuration``
    from ``settings``, anything else with null.
    """

    def __init__(self, command: list[str], settings: dict[str, Any], cwd: Path) -> None:
        self.settings = settings
        self.asked: list[str] = []  # sections the server asked for
        self.proc = subprocess.Popen(command, cwd=cwd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.write_lock = threading.Lock()
        self.next_id = 0
        self.stderr: list[str] = []
        self.readers = [threading.Thread(target=self._read, daemon=True),
                        threading.Thread(target=self._read_stderr, daemon=True)]
        for reader in self.readers:
            reader.start()

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.proc.stdin is not None
        with self.write_lock:
            self.proc.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
            self.proc.stdin.flush()

    def _read(self) -> None:
        stream: IO[bytes] | None = self.proc.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if not line.strip():
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            assert length is not None
            message = json.loads(stream.read(length))
            if "method" in message and "id" in message:
                self._answer(message)
            else:
                self.messages.put(message)

    def _read_stderr(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.stderr.append(line.decode("utf-8", "replace"))

    def _answer(self, request: dict[str, Any]) -> None:
        result: Any = None
        if request["method"] == "workspace/configuration":
            sections = [item.get("section", "") for item in request["params"]["items"]]
            self.asked.extend(sections)
            result = [settings_section(self.settings, section) for section in sections]
        self._send({"id": request["id"], "result": result})

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def wait(self, match: Any, timeout: float = 30) -> dict[str, Any]:
        """The next message for which ``match`` is true (others are dropped)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                message = self.messages.get(timeout=min(0.5, max(0.01, end - time.monotonic())))
            except queue.Empty:
                if self.proc.poll() is not None:
                    break
                continue
            if match(message):
                return message
        raise AssertionError("no answer from yaml-language-server; its stderr:\n"
                             + "".join(self.stderr[-20:]))

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        number = self.next_id
        self._send({"id": number, "method": method, "params": params})
        answer = self.wait(lambda m: m.get("id") == number and "method" not in m)
        assert "error" not in answer, answer
        return answer.get("result")

    def diagnostics(self, uri: str, text: str) -> list[dict[str, Any]]:
        """Open ``text`` as the document ``uri`` (as an editor does), and the diagnostics the
        server publishes for it; then close it."""
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1, "text": text}})
        try:
            published = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                  and m["params"]["uri"] == uri)
            return list(published["params"]["diagnostics"])
        finally:
            self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.proc.wait(timeout=10)
        except (AssertionError, OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        for reader in self.readers:
            reader.join(timeout=10)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()


@pytest.fixture(scope="module")
def yaml_server(office: Path) -> Iterator[LanguageServer]:
    """yaml-language-server for the init'd folder, given the generated VS Code settings."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("needs Node.js (node) for yaml-language-server")
    if not SERVER.exists():
        pytest.skip("yaml-language-server is not installed: npm ci --prefix tests/editor")
    settings = json.loads((office / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    server = LanguageServer([node, str(SERVER), "--stdio"], settings, office)
    try:
        folder = office.as_uri()
        server.request("initialize", {
            "processId": os.getpid(), "rootUri": folder,
            "workspaceFolders": [{"uri": folder, "name": office.name}],
            "capabilities": {
                "workspace": {"configuration": True, "workspaceFolders": True,
                              "didChangeConfiguration": {"dynamicRegistration": False}},
                "textDocument": {"publishDiagnostics": {},
                                 "hover": {"contentFormat": ["markdown", "plaintext"]}},
            },
        })
        server.notify("initialized", {})
        # As VS Code's YAML extension does: the sections it synchronises, from the settings.
        server.notify("workspace/didChangeConfiguration", {"settings": {
            section: settings_section(settings, section)
            for section in ("yaml", "http", "[yaml]", "editor")}})
        yield server
    finally:
        server.close()


def schema_diagnostics(diagnostics: list[dict[str, Any]], office: Path) -> list[dict[str, Any]]:
    """The diagnostics that come from the generated sop.schema.json."""
    schema = (office / "sop.schema.json").as_uri()
    return [d for d in diagnostics if schema in d.get("data", {}).get("schemaUri", [])]


def test_editor_finds_nothing_in_the_example_sop(yaml_server: LanguageServer,
                                                 office: Path) -> None:
    sop = example_sop(office)
    text = sop.read_text(encoding="utf-8")
    assert yaml_server.diagnostics(sop.as_uri(), text) == []
    # The schema is in use for it: hovering 'nama' shows the schema's description of it.
    yaml_server.notify("textDocument/didOpen", {"textDocument": {
        "uri": sop.as_uri(), "languageId": "yaml", "version": 1, "text": text}})
    line, _ = first_line(text, r"^nama:")
    hover = yaml_server.request("textDocument/hover", {
        "textDocument": {"uri": sop.as_uri()}, "position": {"line": line, "character": 1}})
    yaml_server.notify("textDocument/didClose", {"textDocument": {"uri": sop.as_uri()}})
    schema = json.loads((office / "sop.schema.json").read_text(encoding="utf-8"))
    assert hover is not None
    assert schema["properties"]["nama"]["description"] in json.dumps(hover, ensure_ascii=False)
    assert "yaml" in yaml_server.asked


@pytest.mark.parametrize("key", ["kegiatan", "pelaksana", "nama"])
def test_editor_marks_a_misspelt_key_at_its_line(yaml_server: LanguageServer, office: Path,
                                                 key: str) -> None:
    sop = example_sop(office)
    text, line, col = misspell_key(sop.read_text(encoding="utf-8"), key)
    uri = sop.with_name(f"salah-ketik-{key}.yaml").as_uri()  # not on disk: the editor's text
    found = schema_diagnostics(yaml_server.diagnostics(uri, text), office)
    at_key = [d for d in found if f"{key}{key[-1]}" in d["message"]]
    assert len(at_key) == 1, found
    assert at_key[0]["range"]["start"] == {"line": line, "character": col}
    assert at_key[0]["severity"] == 1  # an error


def test_editor_leaves_yaml_outside_sops_alone(yaml_server: LanguageServer,
                                               office: Path) -> None:
    text, _, _ = misspell_key(example_sop(office).read_text(encoding="utf-8"), "kegiatan")
    found = yaml_server.diagnostics((office / "catatan.yaml").as_uri(), text)
    assert schema_diagnostics(found, office) == []
