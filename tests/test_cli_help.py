"""Help and usage errors: clean metavars, the user's language, no typer internals shown."""

from __future__ import annotations

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from soptool.cli import COMMANDS, app, load_command

from .conftest import ROOT

runner = CliRunner()

METAVARS = {
    "validate": ["BERKAS...", "--format [text|json|github|gitlab]", "--lang [id|en]"],
    "duration": ["BERKAS...", "--mulai TANGGAL", "--ulang N", "--max DURASI",
                 "--config BERKAS"],
    "render": ["BERKAS...", "--output PATH", "--kertas [A4|F4]", "--templates DIR"],
    "diff": ["[BERKAS...]", "--git REVISI", "--format [text|md|json]"],
    "fmt": ["BERKAS...", "--check", "--diff"],
    "schema": [],
    "serve": ["[BERKAS...]", "--port N", "--host ALAMAT", "--config BERKAS"],
}
UNCLEAN = ("{", "<list", "<str>", "<int", "<path>", "<text", "<id", "Value error",
           "[default:", "[required]", "Show this message")


def run(*args: str, lang: str | None = None) -> tuple[int, str]:
    env = {"SOPTOOL_LANG": lang} if lang else None
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.output


@pytest.mark.parametrize("name", sorted(METAVARS))
def test_help_of_each_command_is_clean(name: str) -> None:
    code, out = run(name, "--help")
    assert code == 0
    assert out.startswith(f"Penggunaan: soptool {name} [OPSI]")
    for metavar in METAVARS[name]:
        assert metavar in out, metavar
    for word in UNCLEAN:
        assert word not in out, word
    assert "Tampilkan bantuan ini lalu keluar." in out
    if METAVARS[name]:
        assert "\nArgumen:\n" in out or name == "schema"
        assert "\nOpsi:\n" in out


def test_top_level_help_lists_every_command_with_its_one_line_help() -> None:
    code, out = run("--help")
    assert code == 0
    assert out.startswith("Penggunaan: soptool [OPSI] PERINTAH [ARG]...")
    for word in UNCLEAN:
        assert word not in out, word
    listed = [line.split()[0] for line in out.split("\nPerintah:\n")[1].splitlines()]
    assert listed == list(COMMANDS)
    assert "--install-completion" in out and "--show-completion" in out


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_lazy_table_agrees_with_each_command(name: str) -> None:
    # --help reads COMMANDS so as not to import every command: it must say what they say.
    command = load_command(name)
    assert command.name == name
    assert (command.help or "").strip().split("\n\n")[0].replace("\n", " ") == COMMANDS[name]


def test_help_in_english_keeps_the_commands_words() -> None:
    code, out = run("duration", "--help", lang="en")
    assert code == 0
    assert out.startswith("Usage: soptool duration [OPTIONS] BERKAS...")
    assert "\nOptions:\n" in out and "Show this message and exit." in out
    assert "--ulang N" in out


@pytest.mark.parametrize(("args", "expected"), [
    (["duration", "--ulang", "x", "sops/"],
     "soptool: galat: nilai tidak valid untuk '--ulang': harus bilangan bulat"),
    (["duration", "--ulang", "-1", "sops/"],
     "soptool: galat: nilai tidak valid untuk '--ulang': tidak boleh kurang dari 0"),
    (["render", "--kertas", "A5", "sops/"],
     "soptool: galat: nilai tidak valid untuk '--kertas': 'A5' bukan pilihan yang dikenal; "
     "pilih: A4, F4"),
    (["validate", "--format", "xml", "sops/"],
     "soptool: galat: nilai tidak valid untuk '--format': 'xml' bukan pilihan yang dikenal; "
     "pilih: text, json, github, gitlab"),
    (["validate", "--bogus", "sops/"], "soptool: galat: opsi tidak dikenal: --bogus"),
    (["validate"], "soptool: galat: argumen BERKAS... wajib diberikan"),
    (["validate", "tidak-ada.yaml"], "soptool: galat: path tidak ada: tidak-ada.yaml"),
    (["valdate", "sops/"],
     "soptool: galat: perintah tidak dikenal: 'valdate' (maksud Anda 'validate'?)"),
    (["duration", "sops/", "--mulai"], "soptool: galat: opsi --mulai memerlukan nilai"),
    (["schema", "extra"], "soptool: galat: argumen berlebih: extra"),
])
def test_usage_errors_exit_2_in_soptools_words(args: list[str], expected: str) -> None:
    code, out = run(*args)
    assert code == 2
    assert out.splitlines()[0] == expected
    for word in ("Value error", "Error:", "Try '", "Usage:", "Traceback"):
        assert word not in out, word


def test_usage_errors_show_the_usage_line_and_where_help_is() -> None:
    code, out = run("render", "--kertas", "A5", "sops/")
    assert code == 2
    assert out.splitlines()[1:] == ["Penggunaan: soptool render [OPSI] BERKAS...",
                                    "Coba 'soptool render --help' untuk bantuan."]


def test_usage_errors_in_english() -> None:
    code, out = run("render", "--kertas", "A5", "sops/", lang="en")
    assert code == 2
    assert out.splitlines()[0] == ("soptool: error: invalid value for '--kertas': 'A5' is not "
                                   "a known choice; choose: A4, F4")


def test_choices_still_accept_any_case_where_they_did() -> None:
    command = get_command(app)
    assert command.name == "soptool"
    code, out = run("render", "--kertas", "f4", "-o", "-", str(ROOT / "sops/rka-balai.yaml"))
    assert code == 0, out
    assert "size: 330mm 215mm" in out
