"""The ``soptool`` console script: pre-commit's hot path without loading the CLI framework.

pre-commit runs ``soptool validate FILE...`` on every commit, with plain file names and no
options. That call is answered here by the same code as the typer command
(``validate.run_validate``), so it does not pay typer's start-up (about a third of the
time of validating one file); so is ``soptool --version``. Anything else (an option,
``--help``, a path that does not exist, another command) goes to the typer app in ``cli``,
which gives the usual messages.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path


def _plain_validate(args: list[str]) -> bool:
    return len(args) >= 2 and args[0] == "validate" and not any(
        a.startswith("-") or not a for a in args[1:]
    )


def main() -> None:
    """Entry point of the ``soptool`` console script."""
    args = sys.argv[1:]
    if args == ["--version"]:
        from soptool import __version__

        sys.stdout.write(f"soptool {__version__}\n")
        sys.exit(0)
    if _plain_validate(args):
        from soptool.files import discover, missing

        paths = [Path(a) for a in args[1:]]
        files = discover(paths) if not missing(paths) else []
        if files:  # else the typer command reports the usage error
            sys.exit(_run(files))
    from soptool.cli import main as cli_main

    cli_main()


def _run(files: list[Path]) -> int:
    # The same outcomes as typer's main loop: Ctrl-C exits 130, a closed pipe exits 1.
    from soptool.messages import default_lang
    from soptool.validate import run_validate

    try:
        return run_validate(files, lang=default_lang())
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
