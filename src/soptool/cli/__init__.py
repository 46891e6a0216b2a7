"""The command line: one typer app, its commands loaded only when invoked.

Each command is parsed by its own module, ``soptool.cli.<command>`` (options, usage errors,
exit code), which calls the command's library function in ``soptool.commands``. ``Group``
imports that module only for the command invoked, so that ``soptool validate FILE`` (every
pre-commit run) loads neither jinja2 nor rich nor holidays; ``soptool --help`` lists the
commands from ``COMMANDS`` without importing any of them.
"""

from __future__ import annotations

import errno
import importlib
import io
import os
import sys
from typing import Annotated, Any

import typer
from typer import _click
from typer._click import exceptions as click_errors
from typer._click.shell_completion import CompletionItem
from typer._click.utils import make_default_short_help
from typer.core import TyperGroup
from typer.core import TyperOption as Option
from typer.main import get_command

from soptool import __version__
from soptool.cli import common
from soptool.findings import EXIT_FINDINGS, EXIT_OK

# Every command and its one-line help: the first line of its docstring, which --help shows
# without importing it (tests/test_cli_help.py checks that the two agree).
COMMANDS: dict[str, str] = {
    "validate": "Periksa berkas SOP: struktur, pelaksana, alur, waktu dan identitas.",
    "schema": "Cetak JSON Schema format SOP (untuk editor dan validator lain).",
    "duration": "Hitung waktu kerja SOP: total jalur utama, per pelaksana, dan tanggal "
                "selesai.",
    "render": "Buat dokumen SOP AP resmi (HTML siap cetak, dengan diagram alir) atau Markdown.",
    "diff": "Tinjau perubahan makna SOP: identitas, pelaksana, langkah, alur dan waktu kerja.",
    "fmt": "Rapikan berkas SOP ke satu bentuk baku, tanpa kehilangan komentar atau nilai.",
    "import": "Impor PDF SOP yang sudah ditandatangani menjadi berkas YAML.",
    "site": "Buat situs katalog SOP statis: daftar, pencarian, dokumen, riwayat, dan "
            "monitoring.",
    "serve": "Tampilkan situs katalog SOP di peramban, dibangun ulang setiap kali berkas "
             "berubah.",
    "init": "Siapkan repositori SOP kantor: contoh SOP, pengaturan, editor, pre-commit dan CI.",
    "beban": "Hitung beban kerja jabatan dari waktu di SOP (analisis beban kerja, ABK).",
    "baru": "Buat berkas SOP baru: setiap isian formulir SOP AP, dengan penjelasan cara "
            "mengisinya.",
}
# A command whose module is not named as it is ("import" is a Python keyword).
MODULES = {"import": "pdf_import"}


def load_command(name: str) -> _click.Command:
    """The click command of ``soptool <name>``, built from ``soptool.cli.<name>.app``."""
    module = importlib.import_module(f"soptool.cli.{MODULES.get(name, name)}")
    return get_command(module.app)


class Group(TyperGroup):
    """The ``soptool`` group: commands imported when invoked, help and usage errors in the
    user's language (as in ``common.Command``)."""

    def get_params(self, ctx: _click.Context) -> list[_click.Parameter]:
        """The group's options, typer's completion options with help in the user's words,
        their values coerced without pydantic."""
        params = common.use_plain_coercion(super().get_params(ctx))
        for param in params:
            if isinstance(param, Option) and param.name in ("install_completion",
                                                            "show_completion"):
                param.help = common.words(f"cli.{param.name}")
        return params

    def list_commands(self, ctx: _click.Context) -> list[str]:
        """The commands' names, without importing them."""
        return list(COMMANDS)

    def get_command(self, ctx: _click.Context, cmd_name: str) -> _click.Command | None:
        """The command, imported the first time it is asked for."""
        if cmd_name not in COMMANDS:
            return None
        found = self.commands.get(cmd_name)
        if found is None:
            found = self.commands[cmd_name] = load_command(cmd_name)
        return found

    def resolve_command(self, ctx: _click.Context, args: list[str]
                        ) -> tuple[str | None, _click.Command | None, list[str]]:
        """The command named first in ``args``; a usage error when there is none."""
        name = args[0] if args else ""
        if name in COMMANDS:
            return name, self.get_command(ctx, name), args[1:]
        if not name.startswith("-"):
            raise common.no_such_command(name, list(COMMANDS), ctx)
        return super().resolve_command(ctx, args)

    def make_context(self, info_name: str | None, args: list[str],
                     parent: _click.Context | None = None, **extra: Any) -> _click.Context:
        """Parse the group's own options; usage errors as soptool shows them."""
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click_errors.UsageError as exc:
            raise common.translate(exc) from None

    def invoke(self, ctx: _click.Context) -> Any:
        """Run the command; its usage errors as soptool shows them."""
        try:
            return super().invoke(ctx)
        except click_errors.UsageError as exc:
            raise common.translate(exc) from None

    def collect_usage_pieces(self, ctx: _click.Context) -> list[str]:
        """``[OPSI] PERINTAH [ARG]...``."""
        return [*common.usage_pieces(self, ctx), common.words("cli.command_metavar")]

    def format_usage(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """Write the usage line."""
        common.write_usage(ctx, formatter, self.collect_usage_pieces(ctx))

    def format_options(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """Write the options, then the commands."""
        common.write_params(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """Each command with its one-line help, from ``COMMANDS``."""
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [(name, make_default_short_help(text, limit)) for name, text in COMMANDS.items()]
        with formatter.section(common.words("cli.commands")):
            formatter.write_dl(rows)

    def get_help_option(self, ctx: _click.Context) -> Option | None:
        """The --help option, its help translated."""
        return common.help_option(super().get_help_option(ctx))

    def shell_complete(self, ctx: _click.Context, incomplete: str) -> list[CompletionItem]:
        """Complete the commands' names from ``COMMANDS``, then the group's options."""
        names = [CompletionItem(name, help=text) for name, text in COMMANDS.items()
                 if name.startswith(incomplete)]
        return names + _click.Command.shell_complete(self, ctx, incomplete)


app = typer.Typer(
    name="soptool",
    cls=Group,
    help="Alat SOP AP (Permenpan-RB 35/2012): validasi, durasi, render dan tinjauan SOP "
    "dalam berkas YAML.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"soptool {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True,
                     help="Tampilkan versi lalu keluar."),
    ] = False,
) -> None:
    """Alat SOP AP: validasi, durasi, render dan tinjauan SOP dalam berkas YAML."""


# Why the output cannot be written -> the words for it; any other OSError is a bug, shown as
# one (a traceback).
_OUTPUT_ERRORS = {
    errno.ENOSPC: "ui.disk_full",
    errno.EDQUOT: "ui.disk_full",
    errno.EFBIG: "ui.file_too_big",
    errno.EIO: "ui.io_failed",
    errno.EPIPE: "",  # the reader went away (``| head``): quiet, as other tools are
}


def _output_failed(exc: OSError) -> int:
    """Say why the output cannot be written (one line on stderr) and return the exit code.

    stdout's file descriptor is pointed at /dev/null first, so that what is still buffered
    in ``sys.stdout`` is dropped at exit rather than raising again (as a second traceback).
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # stdout replaced or closed: nothing held
        pass
    key = _OUTPUT_ERRORS.get(exc.errno or 0, "")
    if key:
        reason = common.words(key)
        try:
            sys.stderr.write(f"soptool: {common.words('ui.error')}: "
                             f"{common.words('ui.output_failed', reason=reason)}\n")
            sys.stderr.flush()
        except OSError:  # stderr cannot be written either: the exit code says it
            pass
    return EXIT_FINDINGS  # 1: the work is not done, as when a file is invalid


def _whole_writes() -> None:
    """Give sys.stdout a buffered writer when it has none (PYTHONUNBUFFERED=1, ``python -u``,
    common in containers and CI): a TextIOWrapper straight over the file ignores a short
    write, so a disk that fills mid-document cut it short with exit 0. A BufferedWriter
    writes the rest or raises. Flushed at each line, and by ``main`` at the end."""
    stream = sys.stdout
    raw = getattr(stream, "buffer", None)
    if not isinstance(stream, io.TextIOWrapper) or not isinstance(raw, io.RawIOBase):
        return  # buffered already, or not a real file (a test's capture)
    sys.stdout = io.TextIOWrapper(io.BufferedWriter(raw), encoding=stream.encoding,
                                  errors=stream.errors, newline=None, line_buffering=True,
                                  write_through=True)


def main() -> None:
    """Entry point of the ``soptool`` console script and of ``python -m soptool``.

    Every command's output is written in full or the exit is non-zero: stdout is flushed
    here, inside the guard, so that a full disk (ENOSPC) or a closed pipe (EPIPE) found
    while writing the last buffered part is an error too, never exit 0 after a short write
    (see ``_whole_writes`` for the unbuffered case).
    """
    code: int | str | None = EXIT_OK
    _whole_writes()
    try:
        try:
            app()
        except SystemExit as exc:
            code = exc.code
        sys.stdout.flush()
    except OSError as exc:
        if exc.errno not in _OUTPUT_ERRORS:
            raise
        code = _output_failed(exc)
    sys.exit(code)
