"""``soptool duration``: parse its options, then ``commands.duration.run_duration``."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from soptool.cli.common import (
    ConfigOpt,
    LangOpt,
    PathsArg,
    command,
    command_app,
    expand_paths,
    load_project_settings,
    progress_stream,
    resolve_lang,
    usage_error,
)

app = command_app()


class DurationFormat(str, enum.Enum):
    """Output formats of duration."""

    text = "text"
    json = "json"


@command(app, "duration")
def duration(
    paths: PathsArg,
    mulai: Annotated[
        str | None,
        typer.Option("--mulai", metavar="TANGGAL", show_default=False,
                     help="Tanggal mulai (2026-03-16 atau 16 Maret 2026): proyeksikan tanggal "
                     "selesai, melewati akhir pekan dan hari libur."),
    ] = None,
    ulang: Annotated[
        int, typer.Option("--ulang", metavar="N", show_default=False,
                          help="Hitung setiap putaran ulang (rework) N kali tambahan "
                          "(bawaan: 0).")
    ] = 0,
    max_text: Annotated[
        str | None,
        typer.Option("--max", metavar="DURASI", show_default=False,
                     help="Batas untuk CI: keluar dengan 1 bila batas atas total suatu SOP "
                     "melebihi durasi ini (mis. '40 hari')."),
    ] = None,
    fmt: Annotated[
        DurationFormat,
        typer.Option("--format", "-f", metavar="[text|json]", show_default=False,
                     help="Format keluaran: text (bawaan), json."),
    ] = DurationFormat.text,
    config: ConfigOpt = None,
    lang: LangOpt = None,
) -> None:
    """Hitung waktu kerja SOP: total jalur utama, per pelaksana, dan tanggal selesai.

    Keluar dengan 0 bila semua baik, 1 bila ada berkas tidak valid atau batas waktu
    (batas_waktu SOP atau --max) terlampaui, 2 untuk kesalahan penggunaan.
    """
    from soptool.commands.duration import Job, run_duration
    from soptool.model import parse_date
    from soptool.timing.calendar import WorkCalendar
    from soptool.timing.durations import DurationError, parse_duration

    language = resolve_lang(lang)
    if ulang < 0:
        raise usage_error("cli.bad_value", language, name="'--ulang'",
                          reason=("cli.too_small", {"min": 0}))
    files = expand_paths(paths, language)
    settings = load_project_settings(config, language)
    calendar = settings.calendar
    max_limit = None
    if max_text is not None:
        try:
            max_limit = parse_duration(max_text).minutes(calendar)[1]
        except DurationError:
            raise usage_error("duration.bad_max", language, text=max_text) from None
    start = None
    work = None
    if mulai is not None:
        try:
            start = parse_date(mulai)
        except ValueError as exc:
            key, params = exc.args
            raise usage_error("duration.bad_mulai", language, text=mulai,
                              reason=(key, params)) from None
        work = WorkCalendar(calendar, settings.cuti_bersama, settings.libur_tambahan, language)
    job = Job(calendar, ulang, max_limit, start, work)
    raise typer.Exit(run_duration(files, job, fmt.value, language, max_text,
                                  progress=progress_stream()))
