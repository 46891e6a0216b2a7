"""The ``soptool`` console script: pre-commit's and CI's hot paths without the CLI framework.

pre-commit runs ``soptool validate FILE...`` on every commit, with plain file names and no
options; CI runs ``soptool duration FOLDER...`` to hold SOPs to their batas_waktu. Those
calls are answered here by the same code as the typer commands (``validate.run_validate``,
``duration_report.run_duration``), so they do not pay typer's start-up (about a third of
the time of validating one file; for duration, also typer's option machinery, about 60 ms).
So is ``soptool --version``. Anything else (an option, ``--help``, a path that does not
exist, a soptool.yaml with errors, another command) goes to the typer app in ``cli``, which
gives the usual messages.
"""

from __future__ import annotations

import errno
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from soptool.timing.durations import Calendar

PLAIN_COMMANDS = ("validate", "duration")


def _plain_files(args: list[str]) -> list[Path]:
    """The files of a plain call (a command above, then only paths that exist), else []."""
    if len(args) < 2 or args[0] not in PLAIN_COMMANDS or any(
        a.startswith("-") or not a for a in args[1:]
    ):
        return []
    from soptool.source.files import discover, missing

    paths = [Path(a) for a in args[1:]]
    return discover(paths) if not missing(paths) else []


def main() -> None:
    """Entry point of the ``soptool`` console script."""
    args = sys.argv[1:]
    if args == ["--version"]:
        from soptool import __version__

        sys.stdout.write(f"soptool {__version__}\n")
        sys.exit(0)
    files = _plain_files(args)  # [] : the typer command reports the usage error
    if files and args[0] == "validate":
        sys.exit(_run(_validate, files))
    if files and args[0] == "duration":
        from soptool.config import ConfigError, load_settings

        try:
            calendar = load_settings().calendar
        except ConfigError:
            pass  # typer's command reports soptool.yaml's findings
        else:
            sys.exit(_run(functools.partial(_duration, calendar=calendar), files))
    from soptool.cli import main as cli_main

    cli_main()


def _validate(files: list[Path], lang: str) -> int:
    from soptool.commands.validate import run_validate

    return run_validate(files, lang=lang)


def _duration(files: list[Path], lang: str, calendar: Calendar) -> int:
    from soptool.commands.duration import Job, run_duration

    return run_duration(files, Job(calendar), lang=lang)


def _run(command: Callable[[list[Path], str], int], files: list[Path]) -> int:
    # The same outcomes as typer's main loop: Ctrl-C exits 130, a closed pipe exits 1.
    from soptool.report.messages import default_lang

    try:
        return command(files, default_lang())
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
