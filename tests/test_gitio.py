"""soptool diff --git and --require-revisi on real git repositories made in tmp_path."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from soptool.cli import app
from soptool.findings import SoptoolError
from soptool.source import git as gitio

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "sops"
RKA = "sops/rka-balai.yaml"
RKT = "sops/rkt-disdikbud-balangan.yaml"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git program")

runner = CliRunner()


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", "-c", "user.name=Tester", "-c", "user.email=tester@example.org",
         "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
        cwd=repo, capture_output=True, text=True, check=True,
    )
    return proc.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with the two seed SOPs committed, as the current folder."""
    repo = tmp_path / "repo"
    (repo / "sops").mkdir(parents=True)
    for seed in SEEDS.glob("*.yaml"):
        shutil.copy(seed, repo / "sops" / seed.name)
    (repo / "README.md").write_text("SOP\n")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "seeds")
    monkeypatch.chdir(repo)
    return repo


def edit(repo: Path, path: str, *pairs: tuple[str, str]) -> None:
    file = repo / path
    text = file.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    file.write_text(text, encoding="utf-8")


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


WAKTU = ("    waktu: 60 menit\n", "    waktu: 2 jam\n")
REVISI = ("  revisi:\n", "  revisi: 2026-01-05\n")
NEW_SOP = """\
nama: Penerimaan Surat Masuk
pelaksana:
  umum: Pengadministrasi Umum
langkah:
  - kegiatan: Menerima dan mencatat surat masuk
    pelaksana: umum
    waktu: 15 menit
"""


def test_changed_sops_lists_modified_added_deleted_renamed(repo: Path) -> None:
    edit(repo, RKA, WAKTU)
    (repo / "sops" / "baru.yaml").write_text(NEW_SOP)  # untracked: still an added SOP
    git(repo, "mv", RKT, "sops/rkt.yaml")
    (repo / "soptool.yaml").write_text("kalender: {}\n")  # settings, not an SOP
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "ci.yml").write_text("on: push\n")
    head = gitio.resolve_revision("HEAD", repo)
    changes = gitio.changed_sops(head, [Path(".")], repo)
    assert changes == [
        gitio.Change("added", None, "sops/baru.yaml"),
        gitio.Change("modified", RKA, RKA),
        gitio.Change("renamed", RKT, "sops/rkt.yaml"),
    ]
    (repo / "sops" / "baru.yaml").unlink()
    git(repo, "rm", "-q", "-f", "sops/rkt.yaml")
    changes = gitio.changed_sops(head, [Path("sops")], repo)
    assert changes == [gitio.Change("modified", RKA, RKA), gitio.Change("deleted", RKT, None)]


def test_show_reads_a_file_at_a_revision(repo: Path) -> None:
    original = (repo / RKA).read_bytes()
    edit(repo, RKA, WAKTU)
    head = gitio.resolve_revision("HEAD", repo)
    assert gitio.show(head, RKA, repo) == original
    with pytest.raises(SoptoolError) as info:
        gitio.show(head, "sops/none.yaml", repo)
    assert info.value.code == "git.show_failed"


def test_bad_revision_and_not_a_repository(repo: Path, tmp_path: Path) -> None:
    with pytest.raises(SoptoolError) as info:
        gitio.resolve_revision("no-such-branch", repo)
    assert info.value.code == "git.bad_rev"
    with pytest.raises(SoptoolError):
        gitio.resolve_revision("--output=x", repo)
    outside = tmp_path / "plain"
    outside.mkdir()
    with pytest.raises(SoptoolError) as info:
        gitio.repo_root(outside)
    assert info.value.code == "git.not_repo"


def test_diff_git_reports_every_kind_of_change(repo: Path) -> None:
    edit(repo, RKA, WAKTU)
    (repo / "sops" / "baru.yaml").write_text(NEW_SOP)
    git(repo, "rm", "-q", RKT)
    code, out, err = run("diff", "--git", "HEAD")
    assert code == 0, err
    assert out == (
        "sops/baru.yaml: SOP baru: Penerimaan Surat Masuk (1 langkah, waktu kerja 15 menit)\n"
        "\n"
        "sops/rka-balai.yaml: Penyusunan Rencana Aksi Balai: 1 langkah berubah\n"
        "  Waktu kerja total: 33 hari 6 jam -> 33 hari 7 jam (+1 jam)\n"
        "    Kasubag Umum: 1 jam -> 2 jam (+1 jam)\n"
        "  Langkah 5 (Memeriksa konsep rencana aksi Balai): waktu 60 menit -> 2 jam\n"
        "\n"
        "HEAD:sops/rkt-disdikbud-balangan.yaml: SOP dihapus: Rencana Kinerja Tahunan (RKT) "
        "(11 langkah)\n"
    )
    assert run("diff", "--git", "HEAD", "--exit-code")[0] == 1


def test_diff_git_against_an_older_commit_and_from_a_subfolder(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(repo, RKA, WAKTU, REVISI)
    git(repo, "commit", "-q", "-am", "step 5 takes 2 jam")
    assert run("diff", "--git", "HEAD")[1] == "Tidak ada perubahan isi SOP.\n"
    monkeypatch.chdir(repo / "sops")
    code, out, _ = run("diff", "--git", "HEAD~1", "--require-revisi", "-f", "json")
    assert code == 0
    doc = json.loads(out)
    assert [f["file"] for f in doc["files"]] == ["rka-balai.yaml"]
    assert doc["files"][0]["revisi"] == {"old": None, "new": "5 Januari 2026"}


def test_require_revisi_fails_when_the_revision_date_did_not_move(repo: Path) -> None:
    edit(repo, RKA, WAKTU)
    code, out, err = run("diff", "--git", "HEAD", "--require-revisi", "sops")
    assert code == 1
    assert ("soptool: galat: sops/rka-balai.yaml: isi SOP berubah tetapi tanggal.revisi tidak "
            "diisi; isi tanggal revisi yang baru\n") in err
    assert "Langkah 5" in out  # the report is still shown
    edit(repo, RKA, REVISI)
    code, _, err = run("diff", "--git", "HEAD", "--require-revisi", "sops")
    assert code == 0, err


def test_require_revisi_needs_a_later_date_than_before(repo: Path) -> None:
    edit(repo, RKA, REVISI)
    git(repo, "commit", "-q", "-am", "first revision")
    edit(repo, RKA, WAKTU)
    code, out, err = run("diff", "--git", "HEAD", "--require-revisi", "-f", "md")
    assert code == 1
    assert ("sops/rka-balai.yaml: isi SOP berubah tetapi tanggal.revisi tidak maju "
            "(5 Januari 2026 -> 5 Januari 2026)") in err
    assert "> **sops/rka-balai.yaml: isi SOP berubah" in out  # in the PR comment too
    edit(repo, RKA, ("  revisi: 2026-01-05\n", "  revisi: 2026-01-04\n"))
    assert run("diff", "--git", "HEAD", "--require-revisi")[0] == 1
    edit(repo, RKA, ("  revisi: 2026-01-04\n", "  revisi: 2 Februari 2026\n"))
    code, _, err = run("diff", "--git", "HEAD", "--require-revisi")
    assert code == 0, err


def test_require_revisi_exempts_added_sops_and_layout_edits(repo: Path) -> None:
    (repo / "sops" / "baru.yaml").write_text(NEW_SOP)
    edit(repo, RKT, ("# SOP Rencana Kinerja", "# (comment reworded) SOP Rencana Kinerja"))
    code, out, err = run("diff", "--git", "HEAD", "--require-revisi")
    assert code == 0, err
    assert "sops/baru.yaml: SOP baru" in out
    assert ("sops/rkt-disdikbud-balangan.yaml: Rencana Kinerja Tahunan (RKT): tidak ada "
            "perubahan isi (hanya tata letak atau komentar)") in out


def test_fmt_of_a_seed_is_no_change_for_diff(repo: Path) -> None:
    # Commit the RKT seed as first written (labels before branches), then format it.
    branches = "      ya: arsip\n      tidak: susun-draft\n"
    labels = "      label_ya: Disetujui\n      label_tidak: Dikoreksi\n"
    edit(repo, RKT, (branches + labels, labels + branches))
    git(repo, "commit", "-q", "-am", "labels first")
    assert run("fmt", "sops")[0] == 0
    assert git(repo, "status", "--porcelain") == " M sops/rkt-disdikbud-balangan.yaml\n"
    code, out, _ = run("diff", "--git", "HEAD", "--require-revisi", "--exit-code")
    assert code == 0
    assert "tidak ada perubahan isi" in out


def test_invalid_file_in_the_working_tree_exits_1(repo: Path) -> None:
    edit(repo, RKA, ("      tidak: susun-konsep\n", "      tidak: susun-konsp\n"), REVISI)
    code, out, err = run("diff", "--git", "HEAD")
    assert code == 1
    assert "sops/rka-balai.yaml:" in err and "SOP204 galat: tujuan 'susun-konsp' tidak ada" in err


def test_usage_errors_exit_2(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = run("diff", "--git", "no-such-branch")
    assert code == 2
    assert err == ("soptool: galat: revisi git 'no-such-branch' tidak dikenal (contoh: HEAD~1, "
                   "main, origin/main, sebuah hash)\n")
    outside = tmp_path / "plain"
    outside.mkdir()
    monkeypatch.chdir(outside)
    code, _, err = run("diff", "--git", "HEAD")
    assert code == 2
    assert "tidak berada di dalam repositori git" in err


def test_repairing_a_broken_sop_passes_breaking_one_fails(repo: Path) -> None:
    # Commit a broken version (undeclared pelaksana), then repair it in the working tree.
    edit(repo, RKA, ("    pelaksana: kasubag\n", "    pelaksana: kasubg\n"))
    git(repo, "commit", "-q", "-am", "broken")
    edit(repo, RKA, ("    pelaksana: kasubg\n", "    pelaksana: kasubag\n"), REVISI)
    code, out, err = run("diff", "--git", "HEAD", "--require-revisi", "sops")
    assert code == 0, err
    assert "versi lama tidak valid (ini tidak membuat pemeriksaan gagal):" in err
    assert "HEAD:sops/rka-balai.yaml:" in err and "SOP201" in err
    assert "sops/rka-balai.yaml" in out
    # Commit the repair, then break it again: the new version's errors fail the run.
    git(repo, "commit", "-q", "-am", "repaired")
    edit(repo, RKA, ("    pelaksana: kasubag\n", "    pelaksana: kasubg\n"))
    code, _, err = run("diff", "--git", "HEAD", "sops")
    assert code == 1
    assert "SOP201 galat: pelaksana 'kasubg'" in err
    assert "versi lama tidak valid" not in err


def test_a_mistyped_path_is_a_usage_error(repo: Path) -> None:
    edit(repo, RKA, WAKTU)
    code, _, err = run("diff", "--git", "HEAD", "--require-revisi", "sop/")
    assert code == 2
    assert "path tidak ada, baik di working tree maupun di revisi itu: sop" in err
    # A path deleted from the working tree but present in the revision is fine.
    (repo / RKT).unlink()
    code, out, _ = run("diff", "--git", "HEAD", RKT)
    assert code == 0 and "rkt-disdikbud-balangan.yaml" in out
