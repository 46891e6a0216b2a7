"""`soptool init`: the office repository it makes, that it never overwrites, and --git.

The generated files checked against the real tools (pre-commit, check-jsonschema,
yaml-language-server) are in tests/test_init_tools.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from soptool import __version__
from soptool.cli import app
from soptool.commands import init as init_mod
from soptool.commands.init import FILES, HookSource, hook_source, installed_source
from soptool.config import read_settings
from soptool.model.settings import Kalender
from soptool.release import REPOSITORY, release_tag

ROOT = Path(__file__).resolve().parent.parent
GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="git tidak terpasang")
MADE = [path for path, _ in FILES]


def run_cli(args: list[str], cwd: Path | None = None) -> Result:
    """``soptool ARGS`` in this process (in ``cwd`` when given)."""
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(app, args)
    finally:
        os.chdir(old)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (outside .git) with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".git" not in p.relative_to(folder).parts}


def git_env(tmp_path: Path) -> dict[str, str]:
    """An environment where git has an identity and no user or system config."""
    env = dict(os.environ)
    env.update(GIT_CONFIG_GLOBAL=str(tmp_path / "gitconfig"), GIT_CONFIG_NOSYSTEM="1",
               GIT_AUTHOR_NAME="Penyusun SOP", GIT_AUTHOR_EMAIL="sop@kantor.go.id",
               GIT_COMMITTER_NAME="Penyusun SOP", GIT_COMMITTER_EMAIL="sop@kantor.go.id")
    return env


def init(args: list[str], cwd: Path, env: dict[str, str] | None = None
         ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "soptool", "init", *args], cwd=cwd,
                          env=env, capture_output=True, text=True, check=False)


SOURCE = ["--repo", "https://git.kantor.go.id/tools/soptool", "--rev", "v9.8.7"]


def test_init_makes_every_file_and_says_so(tmp_path: Path) -> None:
    result = run_cli(["init", str(tmp_path / "kantor"), *SOURCE])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "kantor"
    for path in MADE:
        assert (folder / path).is_file(), path
        assert re.search(rf"^dibuat +{re.escape(path)}$", result.stdout, re.M), path
    assert f"soptool init: {len(MADE)} berkas dibuat, 0 dibiarkan" in result.stdout
    assert "dari https://git.kantor.go.id/tools/soptool pada revisi v9.8.7" in result.stdout
    # No placeholder is left anywhere, and the source is the one given.
    for path in MADE:
        text = (folder / path).read_text(encoding="utf-8")
        assert "@REPO@" not in text and "@REV@" not in text and "@PIP_SPEC@" not in text
    pre_commit = (folder / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "repo: https://git.kantor.go.id/tools/soptool\n" in pre_commit
    assert "rev: v9.8.7\n" in pre_commit
    spec = "soptool[pdf] @ git+https://git.kantor.go.id/tools/soptool@v9.8.7"
    for ci in (".github/workflows/sop.yml", ".gitlab-ci.yml", "README.md"):
        assert spec in (folder / ci).read_text(encoding="utf-8"), ci


def test_the_example_sop_is_valid_tidy_and_renders(tmp_path: Path) -> None:
    assert run_cli(["init", str(tmp_path), *SOURCE]).exit_code == 0
    sop = tmp_path / "sops" / "contoh-surat-masuk.yaml"
    checked = run_cli(["validate", "--strict", str(sop)])
    assert checked.exit_code == 0 and "semua valid" in checked.output, checked.output
    assert run_cli(["fmt", "--check", str(sop)]).exit_code == 0
    timed = run_cli(["duration", str(sop)], cwd=tmp_path)
    assert timed.exit_code == 0 and "2 jam 15 menit" in timed.stdout, timed.output
    rendered = run_cli(["render", str(sop), "-o", str(tmp_path / "contoh.html")])
    assert rendered.exit_code == 0, rendered.output
    assert "Penerimaan dan Pendisposisian Surat Masuk" in (
        tmp_path / "contoh.html").read_text(encoding="utf-8")


def test_soptool_yaml_names_every_setting_and_reads_as_the_defaults(tmp_path: Path) -> None:
    assert run_cli(["init", str(tmp_path), *SOURCE]).exit_code == 0
    path = tmp_path / "soptool.yaml"
    text = path.read_text(encoding="utf-8")
    for name in Kalender.model_fields:
        assert re.search(rf"^  {name}:", text, re.M), name
    settings = read_settings(path)
    from soptool.config import DEFAULT_SETTINGS
    assert settings.calendar == DEFAULT_SETTINGS.calendar
    assert settings.cuti_bersama is True and settings.libur_tambahan == ()
    # Every setting is explained: a comment line right above it.
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if re.match(r"^  \w+:", line):
            assert lines[i - 1].lstrip().startswith("#"), line


def test_schema_and_editor_settings(tmp_path: Path) -> None:
    assert run_cli(["init", str(tmp_path), *SOURCE]).exit_code == 0
    schema = run_cli(["schema"]).stdout
    assert (tmp_path / "sop.schema.json").read_text(encoding="utf-8") == schema
    settings = json.loads((tmp_path / ".vscode" / "settings.json").read_text("utf-8"))
    assert settings["yaml.schemas"] == {"./sop.schema.json": ["sops/**/*.yaml",
                                                              "sops/**/*.yml"]}
    extensions = json.loads((tmp_path / ".vscode" / "extensions.json").read_text("utf-8"))
    assert extensions["recommendations"] == ["redhat.vscode-yaml"]


def test_never_overwrites_and_reports_what_it_left(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("README kantor kami\n", encoding="utf-8")
    (tmp_path / ".vscode").mkdir()
    (tmp_path / ".vscode" / "settings.json").write_text('{"editor.fontSize": 14}\n')
    os.symlink(tmp_path / "tidak-ada", tmp_path / ".gitignore")  # a dangling link
    (tmp_path / ".github").write_text("bukan folder\n", encoding="utf-8")
    result = run_cli(["init", str(tmp_path), *SOURCE])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "README kantor kami\n"
    assert (tmp_path / ".vscode" / "settings.json").read_text() == '{"editor.fontSize": 14}\n'
    assert os.readlink(tmp_path / ".gitignore") == str(tmp_path / "tidak-ada")
    assert (tmp_path / ".github").read_text(encoding="utf-8") == "bukan folder\n"
    out = result.stdout
    assert re.search(r"^dibiarkan +README\.md \(sudah ada; tidak diubah\)$", out, re.M)
    assert re.search(r"^dibiarkan +\.vscode/settings\.json \(sudah ada", out, re.M)
    assert re.search(r"^dibiarkan +\.gitignore \(sudah ada", out, re.M)
    assert re.search(r"^dibiarkan +\.github/workflows/sop\.yml \(foldernya terhalang", out,
                     re.M)
    assert f"{len(MADE) - 4} berkas dibuat, 4 dibiarkan" in out
    assert (tmp_path / ".vscode" / "extensions.json").is_file()


def test_a_second_run_changes_nothing(tmp_path: Path) -> None:
    assert run_cli(["init", str(tmp_path), *SOURCE]).exit_code == 0
    before = snapshot(tmp_path)
    again = run_cli(["init", str(tmp_path), *SOURCE])
    assert again.exit_code == 0
    assert snapshot(tmp_path) == before
    assert f"0 berkas dibuat, {len(MADE)} dibiarkan" in again.stdout
    assert "Langkah berikutnya" not in again.stdout


def test_folder_that_is_a_file_and_bad_options(tmp_path: Path) -> None:
    target = tmp_path / "berkas.txt"
    target.write_text("isi\n", encoding="utf-8")
    result = run_cli(["init", str(target)])
    assert result.exit_code == 2
    assert "bukan folder" in result.stderr and "Traceback" not in result.output
    assert target.read_text(encoding="utf-8") == "isi\n"
    result = run_cli(["init", str(tmp_path / "x"), "--repo", "https://x.example/soptool"])
    assert result.exit_code == 2 and "--repo memerlukan --rev" in result.stderr
    assert not (tmp_path / "x" / "sops").exists()


def test_unwritable_folder_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root menulis ke folder tanpa izin tulis")
    folder = tmp_path / "kantor"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = run_cli(["init", str(folder), *SOURCE])
    finally:
        folder.chmod(0o700)
    assert result.exit_code == 1
    assert "tidak dapat ditulis" in result.stderr and "Traceback" not in result.output


@needs_git
def test_git_makes_the_repository_and_the_first_commit(tmp_path: Path) -> None:
    env = git_env(tmp_path)
    folder = tmp_path / "kantor"
    result = init([str(folder), "--git", *SOURCE], tmp_path, env)
    assert result.returncode == 0, result.stderr
    assert "git: repositori baru dibuat (git init)" in result.stdout
    assert f'"Mulai repositori SOP (soptool init)" ({len(MADE)} berkas)' in result.stdout
    log = subprocess.run(["git", "log", "--format=%s|%an"], cwd=folder, env=env,
                         capture_output=True, text=True, check=True).stdout
    assert log == "Mulai repositori SOP (soptool init)|Penyusun SOP\n"
    tracked = subprocess.run(["git", "ls-files"], cwd=folder, env=env, capture_output=True,
                             text=True, check=True).stdout.split()
    assert sorted(tracked) == sorted(MADE)
    status = subprocess.run(["git", "status", "--porcelain"], cwd=folder, env=env,
                            capture_output=True, text=True, check=True).stdout
    assert status == ""
    # Again: nothing made, nothing committed.
    again = init([str(folder), "--git", *SOURCE], tmp_path, env)
    assert again.returncode == 0 and "git:" not in again.stdout
    count = subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=folder, env=env,
                           capture_output=True, text=True, check=True).stdout
    assert count.strip() == "1"


@needs_git
def test_git_commits_only_what_init_made(tmp_path: Path) -> None:
    """In an existing repository, the user's own files are neither added nor committed;
    files an earlier run made (unchanged) are."""
    env = git_env(tmp_path)
    subprocess.run(["git", "init", "-q", str(tmp_path / "r")], env=env, check=True)
    folder = tmp_path / "r"
    (folder / "README.md").write_text("punya kami\n", encoding="utf-8")
    (folder / "catatan.txt").write_text("belum di-commit\n", encoding="utf-8")
    assert init([str(folder), *SOURCE], tmp_path, env).returncode == 0
    (folder / "soptool.yaml").write_text("kalender: {}\n", encoding="utf-8")  # edited
    result = init([str(folder), "--git", *SOURCE], tmp_path, env)
    assert result.returncode == 0, result.stderr
    assert "git init" not in result.stdout
    tracked = set(subprocess.run(["git", "ls-files"], cwd=folder, env=env,
                                 capture_output=True, text=True, check=True).stdout.split())
    assert tracked == set(MADE) - {"README.md", "soptool.yaml"}
    assert f"({len(MADE) - 2} berkas)" in result.stdout


@needs_git
def test_git_without_an_identity_says_how_to_set_it(tmp_path: Path) -> None:
    env = git_env(tmp_path)
    for key in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME",
                "GIT_COMMITTER_EMAIL", "EMAIL"):
        env.pop(key, None)
    (tmp_path / "gitconfig").write_text("[user]\n\tuseConfigOnly = true\n")
    result = init([str(tmp_path / "k"), "--git", *SOURCE], tmp_path, env)
    assert result.returncode == 1
    assert "git config --global user.name" in result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "k" / "sops" / "contoh-surat-masuk.yaml").is_file()


def test_hook_source_from_how_soptool_was_installed(monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    from importlib import metadata

    class Dist:
        def __init__(self, text: str | None) -> None:
            self.text = text

        def read_text(self, name: str) -> str | None:
            return self.text if name == "direct_url.json" else None

    def installed(text: str | None) -> HookSource:
        monkeypatch.setattr(metadata, "distribution", lambda name: Dist(text))
        return installed_source()

    vcs = {"url": "https://git.kantor.go.id/soptool.git",
           "vcs_info": {"vcs": "git", "commit_id": "a" * 40, "requested_revision": "main"}}
    assert installed(json.dumps(vcs)) == HookSource("https://git.kantor.go.id/soptool.git",
                                                    "a" * 40, "git")
    release = HookSource(REPOSITORY, f"v{__version__}", "release")
    assert installed(None) == release  # a wheel from an index
    assert installed("{not json") == release
    plain = tmp_path / "salinan"
    plain.mkdir()
    assert installed(json.dumps({"url": plain.as_uri(), "dir_info": {}})) == release
    if GIT is not None:
        env = git_env(tmp_path)
        subprocess.run(["git", "init", "-q", str(plain)], env=env, check=True)
        (plain / "a").write_text("a\n")
        subprocess.run(["git", "add", "a"], cwd=plain, env=env, check=True)
        subprocess.run(["git", "commit", "-qm", "a"], cwd=plain, env=env, check=True)
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=plain, env=env,
                              capture_output=True, text=True, check=True).stdout.strip()
        found = installed(json.dumps({"url": plain.as_uri(), "dir_info": {"editable": True}}))
        assert found == HookSource(str(plain), head, "checkout")
        assert found.pip_spec == f"soptool[pdf] @ git+{plain.as_uri()}@{head}"
    # --rev alone keeps the installed repository.
    installed(None)
    assert hook_source(None, "v1.2.3") == HookSource(REPOSITORY, "v1.2.3", "option")


def test_readme_snippets_name_the_release_that_init_writes() -> None:
    """The README's pre-commit and CI snippets use release.REPOSITORY at vX.Y.Z, the tag of
    the version in pyproject.toml (one place a release updates)."""
    assert release_tag() == f"v{__version__}"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'\nversion = "{__version__}"\n' in pyproject
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "example.org" not in readme
    revs = re.findall(r"^\s+rev: (\S+)", readme, re.M)
    repos = re.findall(r"^\s+- repo: (\S+)", readme, re.M)
    assert revs and set(revs) == {release_tag()}
    assert repos and set(repos) == {REPOSITORY}
    specs = re.findall(r"soptool\[pdf\] @ git\+(\S+?)@([^\s\"]+)", readme)
    assert specs and set(specs) == {(REPOSITORY, release_tag())}
    assert init_mod.COMMIT_MESSAGE in readme
