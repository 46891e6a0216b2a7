"""Issue 11: render never writes over what it should not, and cleans up when stopped.

Each test runs the real command line (typer's runner on ``soptool.cli.app``, or
``python -m soptool`` in a subprocess for signals).
"""

from __future__ import annotations

import errno
import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from soptool.cli import app
from soptool.render import document

from .render_helpers import SOPS

runner = CliRunner()
RKA = SOPS / "rka-balai.yaml"
RKT = SOPS / "rkt-disdikbud-balangan.yaml"
ROOT = Path(__file__).resolve().parent.parent
EXISTS = "sudah ada dan tidak ditimpa; tambahkan --timpa untuk merender ulang"


@pytest.fixture(autouse=True)
def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOPTOOL_LANG", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    return result.exit_code, result.stdout, result.stderr


def copy(src: Path, dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    return dest


def temporaries(folder: Path) -> list[Path]:
    return sorted(folder.rglob(".*.tmp")) if folder.exists() else []


# --- what is never written over -------------------------------------------------------


def test_never_writes_over_another_sop_even_with_timpa(tmp_path: Path) -> None:
    a = copy(RKA, tmp_path / "a.yaml")
    other = copy(RKT, tmp_path / "sops" / "other.yaml")
    before = other.read_bytes()
    for force in ((), ("--timpa",), ("--force",)):
        code, out, err = run("render", str(a), "-o", str(other), *force)
        assert (code, out) == (1, "")
        assert err == (f"soptool: galat: keluaran {other} bernama .yaml/.yml; render tidak "
                       "pernah menulis berkas YAML, juga dengan --timpa; pilih nama .html, "
                       ".md atau .pdf dengan -o\n")
        assert other.read_bytes() == before
    # nor a new file named like an SOP, which the next run would read as one
    code, _, err = run("render", str(a), "-o", str(tmp_path / "baru.yml"))
    assert code == 1 and "render tidak pernah menulis berkas YAML" in err
    assert not (tmp_path / "baru.yml").exists()


def test_existing_output_refused_without_timpa_others_still_written(tmp_path: Path) -> None:
    out_dir = tmp_path / "dokumen"
    out_dir.mkdir()
    old = out_dir / "rka-balai.html"
    old.write_text("tanda tangan lama", encoding="utf-8")
    code, out, err = run("render", str(RKA), str(RKT), "-o", str(out_dir))
    assert code == 1
    assert out == f"{out_dir / 'rkt-disdikbud-balangan.html'}\n"
    assert err == f"soptool: galat: {old} {EXISTS} dan menimpanya\n"
    assert old.read_text(encoding="utf-8") == "tanda tangan lama"
    # --timpa: the re-render replaces both
    code, out, err = run("render", str(RKA), str(RKT), "-o", str(out_dir), "--timpa")
    assert (code, err) == (0, "")
    assert old.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert temporaries(out_dir) == []


def test_second_render_into_a_fresh_folder_needs_timpa(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("render", str(RKA), "-o", "dokumen/")[:2] == (0, "dokumen/rka-balai.html\n")
    code, out, err = run("render", str(RKA), "-o", "dokumen/")
    assert (code, out) == (1, "")
    assert EXISTS in err
    assert run("render", str(RKA), "-o", "dokumen/", "--force")[:2] == (
        0, "dokumen/rka-balai.html\n")
    # the default output (the current folder) too
    assert run("render", str(RKA))[0] == 0
    assert run("render", str(RKA))[0] == 1
    assert run("render", str(RKA), "--timpa")[0] == 0


def test_english_refusal(tmp_path: Path) -> None:
    (tmp_path / "rka-balai.html").write_text("x", encoding="utf-8")
    code, _, err = run("render", str(RKA), "-o", str(tmp_path), "--lang", "en")
    assert code == 1
    assert err == (f"soptool: error: {tmp_path / 'rka-balai.html'} already exists and was "
                   "not overwritten; add --timpa to render it again over the old one\n")


def test_never_writes_over_a_folder(tmp_path: Path) -> None:
    (tmp_path / "out" / "rka-balai.html").mkdir(parents=True)
    code, _, err = run("render", str(RKA), str(RKT), "-o", str(tmp_path / "out"), "--timpa")
    assert code == 1
    assert f"keluaran {tmp_path / 'out' / 'rka-balai.html'} adalah sebuah folder" in err
    assert (tmp_path / "out" / "rka-balai.html").is_dir()
    assert (tmp_path / "out" / "rkt-disdikbud-balangan.html").is_file()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_never_writes_over_a_pipe_or_a_link(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipa.html")
    code, _, err = run("render", str(RKA), "-o", str(tmp_path / "pipa.html"), "--timpa")
    assert code == 1 and "bukan berkas biasa" in err
    assert not (tmp_path / "pipa.html").is_file()
    elsewhere = tmp_path / "elsewhere.html"
    elsewhere.write_text("x", encoding="utf-8")
    (tmp_path / "link.html").symlink_to(elsewhere)
    code, _, err = run("render", str(RKA), "-o", str(tmp_path / "link.html"), "--timpa")
    assert code == 1 and "bukan berkas biasa" in err
    assert elsewhere.read_text(encoding="utf-8") == "x"


def test_a_file_appearing_during_the_run_is_not_overwritten(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    target = tmp_path / "a.html"
    real_check = document.target_refusal

    def late(path: Path, overwrite: bool) -> tuple[str, dict[str, str]] | None:
        answer = real_check(path, overwrite)
        path.write_text("ditulis orang lain", encoding="utf-8")  # after the check
        return answer

    monkeypatch.setattr(document, "target_refusal", late)
    code, _, err = run("render", str(RKA), "-o", str(target))
    assert code == 1 and EXISTS in err
    assert target.read_text(encoding="utf-8") == "ditulis orang lain"
    assert temporaries(tmp_path) == []


# --- where -o goes ---------------------------------------------------------------------


def test_several_inputs_and_a_file_output_is_a_usage_error(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("render", str(RKA), str(RKT), "-o", "out.html")
    assert (code, out) == (2, "")
    assert err == ("soptool: galat: dengan beberapa berkas, -o harus sebuah folder (folder "
                   "yang ada, atau akhiri dengan '/' agar dibuat), tetapi out.html bukan "
                   "folder\n")
    assert list(tmp_path.iterdir()) == []  # nothing written, no folder named out.html
    # a folder: one that exists, or a name ending in '/'
    assert run("render", str(RKA), str(RKT), "-o", "baru/")[0] == 0
    assert sorted(p.name for p in (tmp_path / "baru").iterdir()) == [
        "rka-balai.html", "rkt-disdikbud-balangan.html"]
    (tmp_path / "ada").mkdir()
    assert run("render", str(RKA), str(RKT), "-o", "ada")[0] == 0
    assert len(list((tmp_path / "ada").iterdir())) == 2
    # one input and a name that is not a folder: that file
    assert run("render", str(RKA), "-o", "satu.html")[:2] == (0, "satu.html\n")
    assert (tmp_path / "satu.html").is_file()


# --- write errors ---------------------------------------------------------------------


def test_a_write_error_is_reported_for_that_file_and_the_others_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = document.write_atomic

    def full_disk(path: Path, data: str | bytes, **kwargs: bool) -> None:
        if path.name == "rka-balai.html":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real_write(path, data, **kwargs)

    monkeypatch.setattr(document, "write_atomic", full_disk)
    out_dir = tmp_path / "out"
    code, out, err = run("render", str(RKA), str(RKT), "-o", f"{out_dir}/")
    assert code == 1
    assert out == f"{out_dir / 'rkt-disdikbud-balangan.html'}\n"
    assert err == (f"soptool: galat: tidak dapat menulis {out_dir / 'rka-balai.html'}: "
                   f"{os.strerror(errno.ENOSPC)}\n")
    assert [p.name for p in out_dir.iterdir()] == ["rkt-disdikbud-balangan.html"]


def test_a_folder_that_cannot_be_made_is_a_write_error(tmp_path: Path) -> None:
    (tmp_path / "berkas").write_text("x", encoding="utf-8")
    code, _, err = run("render", str(RKA), "-o", f"{tmp_path / 'berkas' / 'sub'}/")
    assert code == 1 and "tidak dapat menulis" in err and "Traceback" not in err


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="permissions (root may write anywhere)")
def test_a_read_only_folder_is_a_write_error(tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    copy(RKA, tmp_path / "in" / "rka-balai.yaml")
    ro.chmod(0o555)
    try:
        code, out, err = run("render", str(tmp_path / "in"), str(RKT), "-o", str(ro))
    finally:
        ro.chmod(0o755)
    assert (code, out) == (1, "")
    assert err.count("tidak dapat menulis") == 2


# --- discovery never crashes ----------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
@pytest.mark.parametrize("command", [["validate"], ["duration"], ["fmt", "--check"],
                                     ["render", "-o", "OUT/"]])
def test_link_loop_and_dangling_link_beside_a_valid_file(tmp_path: Path, command: list[str]
                                                         ) -> None:
    sops = tmp_path / "sops"
    copy(RKA, sops / "rka-balai.yaml")
    (sops / "loop.yaml").symlink_to("loop.yaml")
    (sops / "putus.yaml").symlink_to("tidak-ada.yaml")
    (sops / "folder-loop").symlink_to(sops, target_is_directory=True)
    args = [a.replace("OUT", str(tmp_path / "out")) for a in command]
    code, out, err = run(*args[:1], str(sops), *args[1:])
    err = out + err  # validate reports on stdout, render on stderr
    assert code == 1, err
    assert "Traceback" not in err
    assert f"{sops / 'loop.yaml'}:1:1: SOP001 galat: berkas tidak dapat dibaca" in err
    assert f"{sops / 'putus.yaml'}:1:1: SOP001 galat: berkas tidak dapat dibaca" in err
    assert "rka-balai.yaml:" not in err
    if command[0] == "render":
        assert [p.name for p in (tmp_path / "out").iterdir()] == ["rka-balai.html"]
    # named explicitly, too
    code, out, err = run(*args[:1], str(sops / "loop.yaml"), str(sops / "rka-balai.yaml"),
                         *args[1:])
    assert code == 1 and "Traceback" not in err and "SOP001" in out + err


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="permissions (root may read anywhere)")
def test_an_unreadable_folder_is_skipped(tmp_path: Path) -> None:
    copy(RKA, tmp_path / "sops" / "rka-balai.yaml")
    closed = tmp_path / "sops" / "tertutup"
    copy(RKT, closed / "rkt.yaml")
    closed.chmod(0)
    try:
        code, out, err = run("validate", str(tmp_path / "sops"))
    finally:
        closed.chmod(0o755)
    assert code == 0 and "Traceback" not in err


# --- stopped: Ctrl-C and SIGTERM ------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 generated SOPs: enough for worker processes (``workers.PARALLEL_MIN_FILES``)."""
    spec = importlib.util.spec_from_file_location("bench_generate",
                                                  ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    folder = tmp_path_factory.mktemp("corpus")
    generate.generate_corpus(folder, 300)
    return folder


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forked workers, signals")
@pytest.mark.parametrize(("signum", "expected"), [(signal.SIGINT, 130),
                                                  (signal.SIGTERM, 143)])
def test_stopped_render_leaves_no_temporary_file(corpus: Path, tmp_path: Path,
                                                 signum: int, expected: int) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    for k, delay in enumerate((0.25, 0.45, 0.65, 0.85)):
        out = tmp_path / f"out{k}"
        proc = subprocess.Popen(
            [sys.executable, "-m", "soptool", "render", str(corpus), "-o", f"{out}/"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        time.sleep(delay)
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=60)
        text = err.decode("utf-8", "replace")
        # -signum: stopped while Python was still starting, before soptool ran;
        # 0: it had already finished
        assert proc.returncode in (expected, -signum, 0), text
        assert "Traceback" not in text
        assert temporaries(out) == []
        written = list(out.iterdir()) if out.exists() else []
        assert all(p.suffix == ".html" for p in written)
