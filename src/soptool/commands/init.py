"""`soptool init`: an office's SOP repository in one command.

Writes the files an office needs (an example SOP, soptool.yaml, the editor schema and
settings, pre-commit and CI configuration, git attributes, a README) from templates/init/,
never over anything that exists: a path already there is left as it is and reported. A
second run therefore changes nothing. With ``git=True`` the folder becomes a git repository
(when it is not in one) and the files made are committed.

The pre-commit hooks and the CI workflows install soptool from one source, ``HookSource``:
the ``--repo``/``--rev`` options, else where this soptool was installed from (pip's
``direct_url.json``: a git URL and commit, or a local git checkout and its HEAD), else the
release: ``release.REPOSITORY`` at ``release_tag()``.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from urllib.parse import unquote, urlparse

from soptool.findings import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, SoptoolError
from soptool.release import REPOSITORY, release_tag
from soptool.report.messages import message
from soptool.source.atomic import write_atomic
from soptool.source.templates import builtin_templates

# What init makes: the path in the office repository -> its template in templates/init/.
# In this order: the order it reports them.
FILES: tuple[tuple[str, str], ...] = (
    ("sops/contoh-surat-masuk.yaml", "sops/contoh-surat-masuk.yaml"),
    ("soptool.yaml", "soptool.yaml"),
    ("sop.schema.json", ""),  # written from the model: `soptool schema`
    (".pre-commit-config.yaml", "pre-commit-config.yaml"),
    (".github/workflows/sop.yml", "github/sop.yml"),
    (".gitlab-ci.yml", "gitlab-ci.yml"),
    (".vscode/settings.json", "vscode-settings.json"),
    (".vscode/extensions.json", "vscode-extensions.json"),
    (".gitattributes", "gitattributes"),
    (".gitignore", "gitignore"),
    ("README.md", "README.md"),
)
COMMIT_MESSAGE = "Mulai repositori SOP (soptool init)"


@dataclass(frozen=True)
class HookSource:
    """Where the office's pre-commit hooks and CI install soptool from."""

    repo: str       # what pre-commit's `repo:` takes: a URL or a local path
    rev: str        # a tag or a commit id in it
    origin: str     # "option", "git", "checkout" or "release" (for the report)

    @property
    def pip_spec(self) -> str:
        """The pip requirement that installs this soptool with PDF output."""
        url = self.repo
        if "://" not in url and not url.startswith("git@"):
            url = Path(url).resolve().as_uri()
        if not url.startswith("git+"):
            url = f"git+{url}"
        return f"soptool[pdf] @ {url}@{self.rev}"


@dataclass
class InitReport:
    """What a run made and what it left."""

    folder: Path
    made: list[str] = field(default_factory=list)
    left: list[tuple[str, str]] = field(default_factory=list)  # path, why (message key)
    source: HookSource | None = None
    commit: str | None = None
    git_init: bool = False
    committed: int = 0


def templates_dir() -> Path:
    """templates/init/ as installed (the package's) or in the repository."""
    return builtin_templates() / "init"


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              check=False)
    except FileNotFoundError:
        raise SoptoolError("git.missing") from None


def _checkout_head(path: Path) -> str | None:
    """HEAD of the git work tree whose top folder is ``path``, else None."""
    if not (path / ".git").exists():
        return None
    try:
        proc = _git(["rev-parse", "--verify", "--quiet", "HEAD"], path)
    except SoptoolError:
        return None
    head = proc.stdout.strip()
    return head if proc.returncode == 0 and head else None


def installed_source() -> HookSource:
    """Where this soptool came from, as pre-commit and pip can fetch it again."""
    from importlib import metadata

    try:
        text = metadata.distribution("soptool").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        text = None
    data: dict[str, object] = {}
    if text:
        try:
            loaded = json.loads(text)
        except ValueError:
            loaded = {}
        data = loaded if isinstance(loaded, dict) else {}
    url = data.get("url")
    vcs = data.get("vcs_info")
    if isinstance(url, str) and isinstance(vcs, dict) and vcs.get("vcs") == "git" \
            and isinstance(vcs.get("commit_id"), str):
        return HookSource(url, str(vcs["commit_id"]), "git")
    if isinstance(url, str) and isinstance(data.get("dir_info"), dict) \
            and url.startswith("file:"):
        path = Path(unquote(urlparse(url).path))
        head = _checkout_head(path)
        if head is not None:
            return HookSource(str(path), head, "checkout")
    return HookSource(REPOSITORY, release_tag(), "release")


def hook_source(repo: str | None, rev: str | None) -> HookSource:
    """The source the options name, filled in from the installed one."""
    if repo is None and rev is None:
        return installed_source()
    if repo is not None and rev is not None:
        return HookSource(repo, rev, "option")
    if repo is not None:
        raise SoptoolError("init.repo_without_rev")
    assert rev is not None
    base = installed_source()
    return HookSource(base.repo, rev, "option")


def schema_text() -> str:
    """`soptool schema`'s output."""
    from soptool.commands.schema import write_schema

    out = io.StringIO()
    write_schema(out)
    return out.getvalue()


def file_text(template: str, source: HookSource) -> str:
    """One file's content: its template with the hook source filled in."""
    if not template:
        return schema_text()
    text = (templates_dir() / template).read_text(encoding="utf-8")
    return (text.replace("@PIP_SPEC@", source.pip_spec)
                .replace("@REPO@", source.repo)
                .replace("@REV@", source.rev))


def make_files(folder: Path, source: HookSource, report: InitReport) -> None:
    """Write each file that is not there yet; record what was made and what was left."""
    for relative, template in FILES:
        target = folder / relative
        if os.path.lexists(target):
            report.left.append((relative, "init.exists"))
            continue
        parent = target.parent
        blocked = next((p for p in (parent, *parent.parents)
                        if p != folder and folder in p.parents and os.path.lexists(p)
                        and not p.is_dir()), None)
        if blocked is not None:
            report.left.append((relative, "init.parent_not_dir"))
            continue
        text = file_text(template, source)
        try:
            parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, text, replace=False)
        except FileExistsError:
            report.left.append((relative, "init.exists"))
            continue
        except OSError as exc:
            raise SoptoolError("init.write_error", path=str(target),
                               reason=exc.strerror or str(exc)) from None
        report.made.append(relative)


def in_work_tree(folder: Path) -> bool:
    """Whether ``folder`` is inside a git work tree."""
    proc = _git(["rev-parse", "--is-inside-work-tree"], folder)
    return proc.returncode == 0 and proc.stdout.strip() == "true"


def to_commit(folder: Path, report: InitReport, source: HookSource) -> list[str]:
    """The files to commit: made now, or by an earlier run (same content) and not in HEAD.

    A file of the user's that init left alone is never committed by it.
    """
    committed = set()
    proc = _git(["ls-tree", "-r", "--name-only", "HEAD", "--",
                 *[path for path, _ in FILES]], folder)
    if proc.returncode == 0:
        committed = set(proc.stdout.splitlines())
    paths = []
    for relative, template in FILES:
        if relative in committed:
            continue
        if relative in report.made:
            paths.append(relative)
            continue
        target = folder / relative
        try:
            if target.is_file() and not target.is_symlink() \
                    and target.read_text(encoding="utf-8") == file_text(template, source):
                paths.append(relative)
        except (OSError, UnicodeDecodeError):
            continue
    return paths


def commit_made(folder: Path, report: InitReport, source: HookSource) -> None:
    """``git init`` where needed, then commit the files init made (and only those)."""
    if not in_work_tree(folder):
        proc = _git(["init", "-q"], folder)
        if proc.returncode != 0:
            raise SoptoolError("init.git_failed", step="git init", detail=_first(proc))
        report.git_init = True
    paths = to_commit(folder, report, source)
    if not paths:
        return
    spec = ["--", *paths]
    proc = _git(["add", *spec], folder)
    if proc.returncode != 0:
        raise SoptoolError("init.git_failed", step="git add", detail=_first(proc))
    proc = _git(["commit", "-q", "--no-verify", "-m", COMMIT_MESSAGE, *spec], folder)
    if proc.returncode != 0:
        if "user.email" in proc.stderr or "user.name" in proc.stderr \
                or "identity" in proc.stderr.lower():
            raise SoptoolError("init.git_identity")
        raise SoptoolError("init.git_failed", step="git commit", detail=_first(proc))
    head = _git(["rev-parse", "--short", "HEAD"], folder)
    report.commit = head.stdout.strip()
    report.committed = len(paths)


def _first(proc: subprocess.CompletedProcess[str]) -> str:
    text = (proc.stderr or proc.stdout).strip()
    return text.splitlines()[0] if text else f"exit {proc.returncode}"


def run_init(folder: Path, *, git: bool = False, repo: str | None = None,
             rev: str | None = None, lang: str = "id",
             stream: IO[str] | None = None) -> int:
    """Make the office repository in ``folder``; print what was made and left.

    Exit code: 0 when done (also when everything was already there), 1 when a file could
    not be written or git failed, 2 when ``folder`` cannot be a folder.
    """
    out = stream or sys.stdout
    if os.path.lexists(folder) and not folder.is_dir():
        _error(message("init.not_dir", lang, path=str(folder)), lang)
        return EXIT_USAGE
    report = InitReport(folder)
    code = EXIT_OK
    try:
        report.source = source = hook_source(repo, rev)
        folder.mkdir(parents=True, exist_ok=True)
        make_files(folder, source, report)
    except SoptoolError as exc:
        _print(report, out, lang)
        _error(exc.message(lang), lang)
        return EXIT_USAGE if exc.code == "init.repo_without_rev" else EXIT_FINDINGS
    except OSError as exc:
        _error(message("init.write_error", lang, path=str(folder),
                       reason=exc.strerror or str(exc)), lang)
        return EXIT_FINDINGS
    if git:
        try:
            commit_made(folder, report, source)
        except SoptoolError as exc:
            _print(report, out, lang)
            _error(exc.message(lang), lang)
            return EXIT_FINDINGS
    _print(report, out, lang)
    return code


def _error(text: str, lang: str) -> None:
    sys.stderr.write(f"soptool: {message('ui.error', lang)}: {text}\n")


def _print(report: InitReport, out: IO[str], lang: str) -> None:
    width = max(len(message("init.made", lang)), len(message("init.left", lang)))
    for path in report.made:
        out.write(f"{message('init.made', lang):<{width}}  {path}\n")
    for path, why in report.left:
        out.write(f"{message('init.left', lang):<{width}}  {path} ({message(why, lang)})\n")
    shown = str(report.folder)
    out.write(message("init.summary", lang, made=len(report.made), left=len(report.left),
                      folder=shown) + "\n")
    source = report.source
    if source is not None and report.made:
        out.write(message(f"init.source.{source.origin}", lang, repo=source.repo,
                          rev=source.rev) + "\n")
    if report.git_init:
        out.write(message("init.git_init", lang) + "\n")
    if report.commit:
        out.write(message("init.committed", lang, commit=report.commit,
                          subject=COMMIT_MESSAGE, count=report.committed) + "\n")
    if report.made:
        cd = "" if report.folder.resolve() == Path.cwd().resolve() else f"cd {shown} && "
        out.write(message("init.next", lang, cd=cd) + "\n")
