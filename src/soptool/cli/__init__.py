"""The command line: parse options, call the library, pick a reporter, exit 0/1/2.

No logic lives here that a library caller would also need.
"""

from __future__ import annotations

import enum
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from soptool import __version__
from soptool.findings import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from soptool.report.messages import default_lang, message

if TYPE_CHECKING:
    from soptool.config import Settings

app = typer.Typer(
    name="soptool",
    help="Alat SOP AP (Permenpan-RB 35/2012): validasi, durasi, render dan tinjauan SOP "
    "dalam berkas YAML.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Lang(str, enum.Enum):
    """Languages of the messages."""

    id = "id"
    en = "en"


class CheckFormat(str, enum.Enum):
    """Output formats of validate."""

    text = "text"
    json = "json"
    github = "github"


LangOpt = Annotated[
    Lang | None,
    typer.Option("--lang", help="Bahasa pesan: id (bawaan) atau en. Juga: SOPTOOL_LANG."),
]
PATHS_HELP = "Berkas SOP atau folder (dicari *.yaml dan *.yml secara rekursif)."
# Each path made by Path itself: typer 0.29 coerces each one through a new pydantic
# TypeAdapter (about 0.1 ms a path: 0.2 s for 2,000 files, before any work starts). Same
# values, same help.
PathsArg = Annotated[
    list[Path], typer.Argument(help=PATHS_HELP, show_default=False, parser=Path)
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


ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", help="Berkas pengaturan proyek (bawaan: soptool.yaml di folder "
                 "ini atau folder induknya).", show_default=False),
]


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


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"soptool {__version__}\n")
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


@app.command()
def validate(
    paths: PathsArg,
    fmt: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Format keluaran: text, json, github.")
    ] = CheckFormat.text,
    strict: Annotated[
        bool, typer.Option("--strict", help="Peringatan juga membuat pemeriksaan gagal.")
    ] = False,
    lang: LangOpt = None,
) -> None:
    """Periksa berkas SOP: struktur, pelaksana, alur, waktu dan identitas.

    Keluar dengan 0 bila tidak ada galat, 1 bila ada galat (atau peringatan dengan
    --strict), 2 untuk kesalahan penggunaan.
    """
    from soptool.commands.validate import run_validate

    language = resolve_lang(lang)
    files = expand_paths(paths, language)
    raise typer.Exit(run_validate(files, fmt.value, strict, language))


@app.command()
def schema() -> None:
    """Cetak JSON Schema format SOP (untuk editor dan validator lain)."""
    from soptool.model import json_schema

    json.dump(json_schema(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


# --- duration (issue 3) ------------------------------------------------------------------




class DurationFormat(str, enum.Enum):
    """Output formats of duration."""

    text = "text"
    json = "json"


@app.command()
def duration(
    paths: PathsArg,
    mulai: Annotated[
        str | None,
        typer.Option("--mulai", help="Tanggal mulai (2026-03-16 atau 16 Maret 2026): "
                     "proyeksikan tanggal selesai, melewati akhir pekan dan hari libur."),
    ] = None,
    ulang: Annotated[
        int, typer.Option("--ulang", min=0, help="Hitung setiap putaran ulang (rework) N kali "
                          "tambahan.")
    ] = 0,
    max_text: Annotated[
        str | None,
        typer.Option("--max", help="Batas untuk CI: keluar dengan 1 bila batas atas total "
                     "suatu SOP melebihi durasi ini (mis. '40 hari').", show_default=False),
    ] = None,
    fmt: Annotated[
        DurationFormat, typer.Option("--format", "-f", help="Format keluaran: text, json.")
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
    try:
        code = run_duration(files, job, fmt.value, language, max_text)
    except OverflowError:
        raise usage_error("duration.too_long", language) from None
    raise typer.Exit(code)


# --- render (issue 4) --------------------------------------------------------------------


class RenderFormat(str, enum.Enum):
    """Output formats of render."""

    html = "html"
    md = "md"


class Kertas(str, enum.Enum):
    """Paper sizes of the printed document (landscape)."""

    A4 = "A4"
    F4 = "F4"


@app.command()
def render(
    paths: PathsArg,
    fmt: Annotated[
        RenderFormat, typer.Option("--format", "-f", help="Format dokumen: html atau md.")
    ] = RenderFormat.html,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="PATH",
                     help="Berkas keluaran, folder (wajib untuk beberapa berkas), atau - "
                     "untuk stdout. Bawaan: <nama>.<ext> di folder kerja."),
    ] = None,
    kertas: Annotated[
        Kertas, typer.Option("--kertas", case_sensitive=False,
                             help="Ukuran kertas lanskap: A4 (bawaan) atau F4 (215 x 330 mm).")
    ] = Kertas.A4,
    templates: Annotated[
        Path | None,
        typer.Option("--templates", metavar="DIR",
                     help="Folder templat yang menggantikan templat bawaan dengan nama sama."),
    ] = None,
    config: ConfigOpt = None,
    lang: LangOpt = None,
) -> None:
    """Buat dokumen SOP AP resmi (HTML siap cetak, dengan diagram alir) atau Markdown.

    Berkas yang tidak valid tidak dirender: galatnya ditampilkan dan kode keluar 1; berkas
    lain tetap dirender. Berkas ditulis secara atomik dan tidak pernah menimpa masukan.
    """
    from soptool.render.document import PlanError, RenderJob, plan, render_planned
    from soptool.report.reporters import TextReporter

    language = resolve_lang(lang)
    files = expand_paths(paths, language)
    calendar = load_project_settings(config, language).calendar
    if templates is not None and not templates.is_dir():
        raise usage_error("render.templates_missing", language, path=str(templates))
    try:
        plans = plan(files, fmt.value, output)
    except PlanError as exc:
        raise usage_error(exc.key, language, **exc.params) from None
    failed = False
    errors = TextReporter(sys.stderr, language)
    job = RenderJob(fmt.value, kertas.value, templates, calendar)
    for outcome in render_planned(plans, job):
        result = outcome.result
        if result.errors:  # not rendered: the SOP does not validate
            for finding in result.findings:
                errors.finding(finding)
            sys.stderr.write(message("render.skipped", language, file=result.file,
                                     errors=result.errors) + "\n")
            failed = True
            continue
        if outcome.error is not None:
            key, params = outcome.error
            raise usage_error(key, language, **params)
        if outcome.text is not None:
            sys.stdout.write(outcome.text)
        else:
            sys.stdout.write(f"{outcome.written.target}\n")
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


# --- diff and fmt (issue 6) --------------------------------------------------------------


class DiffFormat(str, enum.Enum):
    """Output formats of diff."""

    text = "text"
    md = "md"
    json = "json"


@app.command()
def diff(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="LAMA BARU (dua berkas SOP), atau dengan --git: berkas/folder yang "
                       "dibandingkan (bawaan: folder ini).", show_default=False),
    ] = None,
    git: Annotated[
        str | None,
        typer.Option("--git", metavar="REVISI",
                     help="Bandingkan working tree dengan revisi git ini (mis. origin/main)."),
    ] = None,
    fmt: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="Format keluaran: text, md, json.")
    ] = DiffFormat.text,
    require_revisi: Annotated[
        bool, typer.Option("--require-revisi",
                           help="Gagal (keluar 1) bila isi SOP berubah tetapi tanggal.revisi "
                           "tidak maju.")
    ] = False,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Keluar 1 bila ada perubahan isi.")
    ] = False,
    config: ConfigOpt = None,
    lang: LangOpt = None,
) -> None:
    """Tinjau perubahan makna SOP: identitas, pelaksana, langkah, alur dan waktu kerja.

    Keluar 0 (ada atau tidak ada perubahan), 1 bila ada berkas tidak valid, bila
    --require-revisi dilanggar, atau bila ada perubahan dengan --exit-code; 2 untuk
    kesalahan penggunaan.
    """
    from soptool.findings import FileResult, SoptoolError
    from soptool.report.reporters import TextReporter
    from soptool.review.diff import (
        review_files,
        review_git,
        revisi_text,
        write_json,
        write_markdown,
        write_text,
    )

    language = resolve_lang(lang)
    given = list(paths or [])
    calendar = load_project_settings(config, language).calendar
    if git is None:
        if require_revisi:
            raise usage_error("diff.require_revisi_git", language)
        if len(given) != 2:
            raise usage_error("diff.usage", language)
        gone = [p for p in given if not p.exists()]
        if gone:
            raise usage_error("ui.path_missing", language, path=", ".join(map(str, gone)))
        folders = [p for p in given if p.is_dir()]
        if folders:
            raise usage_error("diff.needs_files", language, path=", ".join(map(str, folders)))
        review = review_files(given[0], given[1], calendar)
    else:
        try:
            review = review_git(git, given or [Path(".")], Path.cwd(), calendar)
        except SoptoolError as exc:
            word = message("ui.error", language)
            sys.stderr.write(f"soptool: {word}: {exc.message(language)}\n")
            raise typer.Exit(EXIT_USAGE) from None
    invalid = review.invalid
    # Findings of invalid files go to stderr, so that stdout stays a clean report. Only the
    # new versions' errors fail the run: an edit that repairs a broken SOP must pass.
    if review.old_invalid:
        sys.stderr.write(message("diff.old_invalid", language) + "\n")
        old_reporter = TextReporter(sys.stderr, language)
        for d in review.diffs:
            for finding in d.old_findings:
                old_reporter.finding(finding)
    if invalid:
        reporter = TextReporter(sys.stderr, language)
        for d in review.diffs:
            if d.findings:
                reporter.add(FileResult(d.file, d.findings))
        reporter.close()
    problems = review.problems if require_revisi else []
    shown = [d for d in review.diffs if d.changed or not (d.findings or d.old_findings)]
    if fmt is DiffFormat.json:
        write_json(shown, sys.stdout, language, problems)
    elif fmt is DiffFormat.md:
        write_markdown(shown, sys.stdout, language, problems)
    else:
        write_text(shown, sys.stdout, language)
    for problem in problems:
        sys.stderr.write(f"soptool: {message('ui.error', language)}: "
                         f"{revisi_text(problem, language)}\n")
    failed = bool(invalid) or bool(problems) or (exit_code and review.changed)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


@app.command("fmt")
def fmt_command(
    paths: PathsArg,
    check: Annotated[
        bool, typer.Option("--check", help="Jangan menulis; sebutkan berkas yang akan berubah "
                           "dan keluar 1 bila ada (untuk CI).")
    ] = False,
    show_diff: Annotated[
        bool, typer.Option("--diff", help="Jangan menulis; tampilkan perubahannya sebagai diff.")
    ] = False,
    lang: LangOpt = None,
) -> None:
    """Rapikan berkas SOP ke satu bentuk baku, tanpa kehilangan komentar atau nilai.

    Urutan kunci mengikuti formulir, indentasi seperti contoh format.md, teks panjang tidak
    dipotong. Berkas yang tidak dapat dibaca tidak disentuh. Keluar 0 bila berhasil, 1 bila
    ada berkas gagal (atau, dengan --check/--diff, ada berkas yang akan berubah), 2 untuk
    kesalahan penggunaan.
    """
    from soptool.findings import FileResult
    from soptool.report.reporters import TextReporter
    from soptool.review.fmt import format_files, unified_diff, write_atomic

    language = resolve_lang(lang)
    files = expand_paths(paths, language)
    reporter = TextReporter(sys.stderr, language)
    changed = same = failed = 0
    for result in format_files(files):
        if result.failed:
            failed += 1
            reporter.add(FileResult(result.file, result.findings))
            continue
        if not result.changed:
            same += 1
            continue
        changed += 1
        if show_diff:
            sys.stdout.write(unified_diff(result))
        elif check:
            sys.stdout.write(message("fmt.would_change", language, file=result.file) + "\n")
        else:
            assert result.formatted is not None
            try:
                write_atomic(Path(result.file), result.formatted)
            except OSError as exc:
                failed += 1
                changed -= 1
                sys.stderr.write(message("fmt.write_failed", language, file=result.file,
                                         detail=exc.strerror or str(exc)) + "\n")
                continue
            sys.stdout.write(message("fmt.changed", language, file=result.file) + "\n")
    key = "fmt.summary_check" if (check or show_diff) else "fmt.summary"
    sys.stderr.write(message(key, language, files=len(files), changed=changed, same=same,
                             failed=failed) + "\n")
    dry = check or show_diff
    raise typer.Exit(EXIT_FINDINGS if failed or (dry and changed) else EXIT_OK)


def main() -> None:
    """Entry point of the ``soptool`` console script."""
    app()
