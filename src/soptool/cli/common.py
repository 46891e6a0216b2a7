"""What the commands' parsing shares: the common options, help and usage errors in the
user's language, and the exits.

Help is written by ``Command`` (and by the group in ``soptool.cli``): ``Penggunaan:``,
``Argumen``, ``Opsi``, each argument by its metavar (``BERKAS...``), never a type name.
Usage errors that typer finds (an unknown option, a bad value) are shown like soptool's own:
``soptool: galat: ...`` on stderr, then the usage line, exit 2.
"""

from __future__ import annotations

import difflib
import enum
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, get_args, get_origin

import typer
from typer import _click
from typer._click import exceptions as click_errors
from typer._coercion import RuntimeParam
from typer.core import TyperArgument, TyperCommand
from typer.core import TyperOption as Option

from soptool.findings import EXIT_USAGE
from soptool.report.messages import default_lang, message

if TYPE_CHECKING:
    from soptool.config import Settings

F = TypeVar("F", bound=Callable[..., Any])

# --- help ---------------------------------------------------------------------------------


def words(key: str, **params: object) -> str:
    """A word of the help or of a usage error, in SOPTOOL_LANG (help comes before --lang)."""
    return message(key, default_lang(), **params)


def argument_name(param: _click.Parameter) -> str:
    """An argument as help shows it: its metavar, ``...`` when it takes several."""
    name = param.metavar or (param.name or "").upper()
    if param.nargs != 1:
        name += "..."
    return name if param.required else f"[{name}]"


def usage_pieces(command: _click.Command, ctx: _click.Context) -> list[str]:
    """The usage line after the command's name: ``[OPSI] BERKAS...``."""
    pieces = [words("cli.options_metavar")] if command.options_metavar else []
    for param in command.get_params(ctx):
        if isinstance(param, TyperArgument):
            pieces.append(argument_name(param))
    return pieces


def write_usage(ctx: _click.Context, formatter: _click.HelpFormatter,
                pieces: list[str]) -> None:
    """Write ``Penggunaan: soptool validate [OPSI] BERKAS...``."""
    formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=words("cli.usage") + " ")


def write_params(command: _click.Command, ctx: _click.Context,
                 formatter: _click.HelpFormatter) -> None:
    """The ``Argumen`` and ``Opsi`` sections."""
    args: list[tuple[str, str]] = []
    opts: list[tuple[str, str]] = []
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is None:
            continue
        if isinstance(param, TyperArgument):
            args.append((argument_name(param), param.help or ""))
        else:
            opts.append(record)
    if args:
        with formatter.section(words("cli.arguments")):
            formatter.write_dl(args)
    if opts:
        with formatter.section(words("cli.options")):
            formatter.write_dl(opts)


def help_option(option: Option | None) -> Option | None:
    """The --help option with its help in the user's language."""
    if option is not None:
        option.help = words("cli.help")
    return option


class Command(TyperCommand):
    """A soptool command: help and usage errors in the user's language."""

    def collect_usage_pieces(self, ctx: _click.Context) -> list[str]:
        """The usage line after the command's name."""
        return usage_pieces(self, ctx)

    def format_usage(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """Write the usage line."""
        write_usage(ctx, formatter, self.collect_usage_pieces(ctx))

    def format_options(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """Write the arguments and the options."""
        write_params(self, ctx, formatter)

    def get_help_option(self, ctx: _click.Context) -> Option | None:
        """The --help option, its help translated."""
        return help_option(super().get_help_option(ctx))

    def get_params(self, ctx: _click.Context) -> list[_click.Parameter]:
        """The parameters, their values coerced without pydantic."""
        return use_plain_coercion(super().get_params(ctx))


def command_app() -> typer.Typer:
    """A typer app that holds one soptool command (see ``command``)."""
    return typer.Typer(add_completion=False, pretty_exceptions_enable=False,
                       rich_markup_mode=None)


def command(app: typer.Typer, name: str) -> Callable[[F], F]:
    """Register the function as the command ``name`` of ``app`` (a ``command_app``)."""
    return app.command(name, cls=Command)


# --- values without pydantic ----------------------------------------------------------------


@dataclass(frozen=True)
class PlainCoercion(RuntimeParam):
    """typer's coercion of an option's or argument's text, for the kinds soptool's options
    take (text, whole numbers, paths, choices, lists of these), without pydantic.

    typer 0.29 builds a pydantic TypeAdapter for each parameter it coerces: importing
    pydantic and building them was two thirds of the start-up of ``soptool validate FILE``.
    Same values; a bad one is a ``BadParameter`` in the user's words, which ``translate``
    shows as a usage error. This replaces a private part of typer (``_runtime_param``),
    hence typer pinned to 0.29.x in pyproject.toml.
    """

    def _coerce_value(self, value: Any, param: Any, ctx: _click.Context) -> Any:
        return _coerce(self.annotation, bool(self.parameter_info.case_sensitive), value,
                       param, ctx)


def _coerce(kind: Any, case_sensitive: bool, value: Any, param: Any,
            ctx: _click.Context) -> Any:
    if get_origin(kind) is list:
        (item,) = get_args(kind)
        values = value if isinstance(value, (list, tuple)) else [value]
        return [_coerce(item, case_sensitive, v, param, ctx) for v in values]
    if isinstance(value, kind):
        return value
    if issubclass(kind, enum.Enum):
        text = str(value)
        for member in kind:
            if member.value == text or (not case_sensitive
                                        and str(member.value).lower() == text.lower()):
                return member
        choices = ", ".join(str(m.value) for m in kind)
        raise click_errors.BadParameter(words("cli.bad_choice", value=text, choices=choices),
                                        ctx=ctx, param=param)
    if kind is bool:  # a flag gives a bool; this is text from elsewhere
        return str(value).strip().lower() in ("1", "true", "yes", "y", "on")
    if kind is int:
        try:
            return int(str(value))
        except ValueError:
            raise click_errors.BadParameter(words("cli.bad_integer"), ctx=ctx,
                                            param=param) from None
    return kind(value)  # str, Path


PLAIN_KINDS = (str, int, bool, Path)


def _plain(kind: Any) -> bool:
    if get_origin(kind) is list:
        return all(_plain(arg) for arg in get_args(kind))
    return kind in PLAIN_KINDS or (isinstance(kind, type) and issubclass(kind, enum.Enum))


def use_plain_coercion(params: list[_click.Parameter]) -> list[_click.Parameter]:
    """Coerce the values of ``params`` with ``PlainCoercion`` where it can."""
    for param in params:
        if not isinstance(param, (TyperArgument, Option)) or param._runtime_param is not None:
            continue  # not typer's, or its coercion is chosen already
        descriptor = param.type_descriptor
        info = descriptor.parameter_info
        kind: Any = descriptor.annotation
        if info.parser is Path and get_origin(kind) is list:
            kind = list[Path]
        elif info.parser is not None or not _plain(kind):
            continue  # typer's own coercion
        param._runtime_param = PlainCoercion(parameter_info=info, annotation=kind)
    return params


# --- usage errors -------------------------------------------------------------------------


class UsageError(click_errors.UsageError):
    """A usage error found while parsing, shown as soptool shows its own."""

    def __init__(self, text: str, ctx: _click.Context | None = None) -> None:
        super().__init__(text, ctx)

    def show(self, file: Any = None) -> None:
        """``soptool: galat: ...``, then the usage line and where to find help."""
        out = file if file is not None else sys.stderr
        out.write(f"soptool: {words('ui.error')}: {self.message}\n")
        if self.ctx is not None:
            out.write(self.ctx.get_usage() + "\n")
            out.write(words("cli.try_help", command=self.ctx.command_path) + "\n")


def _param_name(param: _click.Parameter | None, hint: object = None) -> str:
    if isinstance(hint, str):
        return hint
    if isinstance(hint, Sequence) and hint:
        return " / ".join(f"'{h}'" for h in hint)
    if param is None:
        return ""
    if isinstance(param, TyperArgument):
        return argument_name(param).strip("[]")
    return "'" + (max(param.opts, key=len) if param.opts else str(param.name)) + "'"


_CHOICE = re.compile(r"'(?P<value>.*)' is not one of ")
_AT_LEAST = re.compile(r"greater than or equal to (?P<min>\S+)")


def _reason(exc: click_errors.BadParameter) -> str:
    """Why a value is bad, in the user's words, without pydantic's ``Value error,``."""
    text = exc.message.removeprefix("Value error, ")
    param = exc.param
    descriptor = getattr(param, "type_descriptor", None)
    choice = _CHOICE.search(text)
    if choice and descriptor is not None and descriptor.choices:
        choices = ", ".join(str(getattr(c, "value", c)) for c in descriptor.choices)
        return words("cli.bad_choice", value=choice["value"], choices=choices)
    at_least = _AT_LEAST.search(text)
    if at_least:
        return words("cli.too_small", min=at_least["min"])
    if "valid integer" in text:
        return words("cli.bad_integer")
    return text


def translate(exc: click_errors.UsageError) -> click_errors.UsageError:
    """The usage error as soptool shows it (help shown for a bare command stays help)."""
    if isinstance(exc, (UsageError, click_errors.NoArgsIsHelpError)):
        return exc
    ctx = exc.ctx
    if isinstance(exc, click_errors.NoSuchOption):
        text = words("cli.no_such_option", option=exc.option_name)
        if exc.possibilities:
            names = ", ".join(sorted(exc.possibilities))
            text += words("cli.did_you_mean", names=names)
    elif isinstance(exc, click_errors.MissingParameter):
        key = "cli.missing_argument" if isinstance(exc.param, TyperArgument) \
            else "cli.missing_option"
        text = words(key, name=_param_name(exc.param, exc.param_hint))
    elif isinstance(exc, click_errors.BadParameter):
        text = words("cli.bad_value", name=_param_name(exc.param, exc.param_hint),
                      reason=_reason(exc))
    elif isinstance(exc, click_errors.BadOptionUsage):
        key = "cli.takes_no_value" if "does not take" in exc.message else "cli.needs_value"
        text = words(key, option=exc.option_name)
    elif exc.message.startswith("Got unexpected extra argument"):
        args = exc.message.rstrip(").").rpartition(" (")[2]
        text = words("cli.extra_arguments", args=args)
    elif exc.message.startswith("Missing command"):
        text = words("cli.missing_command")
    else:
        text = exc.message.removeprefix("Value error, ")
    return UsageError(text, ctx)


def no_such_command(name: str, known: Sequence[str], ctx: _click.Context) -> UsageError:
    """``perintah tidak dikenal: 'valdate' (maksud Anda 'validate'?)``."""
    text = words("cli.no_such_command", name=name)
    matches = difflib.get_close_matches(name, known)
    if matches:
        text += words("cli.did_you_mean", names=", ".join(f"'{m}'" for m in matches))
    return UsageError(text, ctx)


# --- the options every command shares ------------------------------------------------------


class Lang(str, enum.Enum):
    """Languages of the messages."""

    id = "id"
    en = "en"


LangOpt = Annotated[
    Lang | None,
    typer.Option("--lang", metavar="[id|en]", show_default=False,
                 help="Bahasa pesan: id (bawaan) atau en. Juga: SOPTOOL_LANG."),
]
PATHS_HELP = "Berkas SOP atau folder (dicari *.yaml dan *.yml secara rekursif)."
# Each path made by Path itself: typer 0.29 coerces each one through a new pydantic
# TypeAdapter (about 0.1 ms a path: 0.2 s for 2,000 files, before any work starts). Same
# values, same help.
PathsArg = Annotated[
    list[Path],
    typer.Argument(help=PATHS_HELP, metavar="BERKAS", show_default=False, parser=Path),
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", metavar="BERKAS", show_default=False,
                 help="Berkas pengaturan proyek (bawaan: soptool.yaml di folder ini atau "
                 "folder induknya)."),
]


def resolve_lang(lang: Lang | None) -> str:
    """The language: --lang, else SOPTOOL_LANG, else Indonesian."""
    return lang.value if lang is not None else default_lang()


def usage_error(key: str, lang: str, **params: object) -> typer.Exit:
    """Print a usage error to stderr and return the exit (code 2) to raise."""
    word = message("ui.error", lang)
    sys.stderr.write(f"soptool: {word}: {message(key, lang, **params)}\n")
    return typer.Exit(EXIT_USAGE)


def expand_paths(paths: list[Path], lang: str) -> list[Path]:
    """Files to work on; exit 2 when a path does not exist or a folder holds no SOP."""
    from soptool.source.files import discover, missing

    gone = missing(paths)
    if gone:
        raise usage_error("ui.path_missing", lang, path=", ".join(map(str, gone)))
    files = discover(paths)
    if not files:
        raise usage_error("ui.no_files", lang, path=", ".join(map(str, paths)))
    return files


def load_project_settings(config: Path | None, lang: str) -> Settings:
    """The project's settings (soptool.yaml); on errors, print them and exit 2."""
    from soptool.config import ConfigError, load_settings
    from soptool.report.reporters import TextReporter

    try:
        return load_settings(config)
    except ConfigError as exc:
        err = TextReporter(sys.stderr, lang)
        for finding in exc.findings:
            err.finding(finding)
        raise usage_error("duration.bad_config", lang, count=len(exc.findings)) from None


def progress_stream() -> Any:
    """Where progress goes: stderr, when it is a terminal and CI is not set; else None."""
    from soptool.report.progress import wanted

    return sys.stderr if wanted(sys.stderr) else None
