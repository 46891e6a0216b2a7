"""soptool.site.history on real git repositories made in tmp_path."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from soptool.findings import SoptoolError
from soptool.report.messages import message
from soptool.site import history
from soptool.site.history import Revision

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git program")


def git(repo: Path, *args: str, author: str = "Tester", date: str | None = None) -> str:
    env = dict(os.environ)
    env.update(GIT_AUTHOR_NAME=author, GIT_AUTHOR_EMAIL="a@example.org",
               GIT_COMMITTER_NAME="Tester", GIT_COMMITTER_EMAIL="tester@example.org")
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    proc = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
        cwd=repo, capture_output=True, text=True, check=True, env=env,
    )
    return proc.stdout


def commit(repo: Path, msg: str, *, author: str = "Tester", date: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", msg, author=author, date=date)
    return git(repo, "rev-parse", "HEAD").strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """sops/a.yaml in three commits by two authors, renamed to sops/rka.yaml in the third;
    sops/b.yaml in one; README.md besides."""
    repo = tmp_path / "repo"
    (repo / "sops").mkdir(parents=True)
    git(repo, "init", "-q")
    (repo / "sops" / "a.yaml").write_text("nama: Satu\nlangkah: []\n", encoding="utf-8")
    (repo / "README.md").write_text("SOP\n")
    commit(repo, "Tambah SOP satu", author="Siti Aisyah", date="2026-01-05T09:30:00+08:00")
    (repo / "sops" / "a.yaml").write_text("nama: Satu (revisi)\nlangkah: []\n",
                                          encoding="utf-8")
    (repo / "sops" / "b.yaml").write_text("nama: Dua\n", encoding="utf-8")
    commit(repo, "Perbaiki nama: ‘Satu’ → revisi\n\nBadan pesan\nbaris kedua",
           author="Ñoño Pérez", date="2026-02-10T14:00:00+07:00")
    git(repo, "mv", "sops/a.yaml", "sops/rka.yaml")
    commit(repo, "Ganti nama berkas", date="2026-03-01T08:00:00+09:00")
    return repo


def test_revisions_newest_first_with_authors_dates_and_subjects(repo: Path) -> None:
    revs = history.revisions(repo / "sops" / "rka.yaml")
    assert [(r.date, r.author, r.message, r.path) for r in revs] == [
        ("2026-03-01T08:00:00+09:00", "Tester", "Ganti nama berkas", "sops/rka.yaml"),
        ("2026-02-10T14:00:00+07:00", "Ñoño Pérez", "Perbaiki nama: ‘Satu’ → revisi",
         "sops/a.yaml"),
        ("2026-01-05T09:30:00+08:00", "Siti Aisyah", "Tambah SOP satu", "sops/a.yaml"),
    ]
    full = git(repo, "log", "--format=%H", "--", "sops").split()
    assert [r.commit for r in revs] == full
    assert all(r.commit.startswith(r.short) and len(r.short) >= 7 for r in revs)


def test_content_reads_each_revision_under_its_old_name(repo: Path) -> None:
    revs = history.revisions(repo / "sops" / "rka.yaml")
    assert [history.content(r, repo) for r in revs] == [
        b"nama: Satu (revisi)\nlangkah: []\n",
        b"nama: Satu (revisi)\nlangkah: []\n",
        b"nama: Satu\nlangkah: []\n",
    ]
    gone = Revision(revs[0].commit, revs[0].short, "", "", "", "sops/tidak-ada.yaml")
    with pytest.raises(SoptoolError) as err:
        history.content(gone, repo)
    assert "sops/tidak-ada.yaml" in err.value.message()


def test_history_of_splits_one_log_per_file(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    outside = tmp_path / "lain.yaml"
    outside.write_text("nama: Lain\n")
    (repo / "sops" / "baru.yaml").write_text("nama: Baru\n")  # never committed
    calls: list[list[str]] = []
    real = history._git

    def counting(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
        calls.append(args)
        return real(args, cwd)

    monkeypatch.setattr(history, "_git", counting)
    monkeypatch.chdir(repo)
    paths = [Path("sops/rka.yaml"), repo / "sops" / "b.yaml", Path("sops/baru.yaml"),
             outside, repo / "sops" / "a.yaml"]
    found = history.history_of(paths)
    assert list(found) == paths
    assert [r.message for r in found[Path("sops/rka.yaml")]] == [
        "Ganti nama berkas", "Perbaiki nama: ‘Satu’ → revisi", "Tambah SOP satu"]
    assert [(r.message, r.path) for r in found[repo / "sops" / "b.yaml"]] == [
        ("Perbaiki nama: ‘Satu’ → revisi", "sops/b.yaml")]
    assert found[Path("sops/baru.yaml")] == []
    assert found[outside] == []
    # The old name is not a file of the working copy any more: its own history ends where
    # it was renamed away, so it is not mistaken for rka.yaml.
    assert found[repo / "sops" / "a.yaml"] == []
    assert sum(1 for args in calls if "log" in args) == 1


def test_a_name_reused_after_deletion_has_only_the_new_files_history(repo: Path) -> None:
    (repo / "sops" / "b.yaml").unlink()
    commit(repo, "Hapus dua", date="2026-04-01T08:00:00+07:00")
    (repo / "sops" / "b.yaml").write_text("nama: Dua yang baru, lain sama sekali\n")
    commit(repo, "Dua baru", date="2026-05-01T08:00:00+07:00")
    assert [r.message for r in history.revisions(repo / "sops" / "b.yaml")] == ["Dua baru"]


def test_states_tell_uncommitted_changes(repo: Path, tmp_path: Path) -> None:
    (repo / "sops" / "b.yaml").write_text("nama: Dua diubah\n")
    (repo / "sops" / "baru.yaml").write_text("nama: Baru\n")
    outside = tmp_path / "lain.yaml"
    outside.write_text("nama: Lain\n")
    paths = [repo / "sops" / "rka.yaml", repo / "sops" / "b.yaml",
             repo / "sops" / "baru.yaml", outside]
    assert list(history.states(paths).values()) == [
        history.CLEAN, history.MODIFIED, history.UNTRACKED, history.OUTSIDE]
    assert message(f"history.{history.MODIFIED}") == "perubahan belum di-commit"
    git(repo, "add", "sops/b.yaml")  # staged is still not committed
    assert history.states([repo / "sops" / "b.yaml"])[repo / "sops" / "b.yaml"] == \
        history.MODIFIED


def test_no_repository_no_commit_no_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = tmp_path / "plain" / "x.yaml"
    plain.parent.mkdir()
    plain.write_text("nama: X\n")
    assert history.revisions(plain) == []
    assert history.repository(plain) is None
    assert history.revisions(tmp_path / "tidak" / "ada" / "x.yaml") == []

    empty = tmp_path / "empty"
    empty.mkdir()
    git(empty, "init", "-q")
    (empty / "x.yaml").write_text("nama: X\n")
    assert history.revisions(empty / "x.yaml") == []  # a repository with no commit yet
    assert history.states([empty / "x.yaml"])[empty / "x.yaml"] == history.UNTRACKED

    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))  # no git program at all
    assert history.revisions(empty / "x.yaml") == []
    assert history.states([empty / "x.yaml"])[empty / "x.yaml"] == history.OUTSIDE
