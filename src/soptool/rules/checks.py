"""Semantic checks on a valid model, one small function each.

Each check takes the loaded file and its model and yields findings. Codes are stable:
SOP2xx actors and flow, SOP3xx durations, SOP4xx identity (and status). The checks
across the files of one run (SOP409, SOP410) are in ``rules.crossref``. Their messages live in
``messages``; ``rules.registry`` lists every code, and which check emits it, and
``run_checks`` runs the checks it names.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterator

from soptool.findings import Finding, Severity
from soptool.graph import END, Flow, build_flow
from soptool.loading import REPAIRED, Loaded
from soptool.model import DateValue, Sop, compare_dates, format_date
from soptool.model.sop import STATUS_ENUM
from soptool.timing.durations import UNITS_HELP, DurationError, normalise_unit, parse_duration
from soptool.timing.volume import PERIODS_HELP, VolumeError, parse_volume

Check = Callable[[Loaded, Sop], Iterator[Finding]]
E, W = Severity.ERROR, Severity.WARNING


def _hint(word: str, choices: list[str]) -> object:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return ("ui.did_you_mean", {"suggestion": close[0]}) if close else ""


def check_actors(doc: Loaded, sop: Sop) -> Iterator[Finding]:
    """SOP201: a step's pelaksana is not declared; SOP210: named twice in one step;
    SOP202: a declared one does no step."""
    declared = list(sop.pelaksana)
    used: set[str] = set()
    for i, step in enumerate(sop.langkah):
        for j, key in enumerate(step.pelaksana):
            if key in step.pelaksana[:j] and key != REPAIRED:
                yield doc.finding("SOP210", E, ("langkah", i, "pelaksana", j), key=key,
                                  step=i + 1)
            used.add(key)
            if key not in sop.pelaksana and key != REPAIRED:
                # Positions fall back to the parent when pelaksana was a single scalar.
                yield doc.finding("SOP201", E, ("langkah", i, "pelaksana", j), key=key,
                                  hint=_hint(key, declared))
    if REPAIRED in used:
        return  # a step's pelaksana was malformed: who is unused cannot be told
    for key, title in sop.pelaksana.items():
        if key not in used:
            yield doc.finding("SOP202", W, ("pelaksana", key), True, key=key, title=title)


def check_ids(doc: Loaded, sop: Sop) -> Iterator[Finding]:
    """SOP203: two steps share an id."""
    first: dict[str, int] = {}
    for i, step in enumerate(sop.langkah):
        if step.id is None:
            continue
        if step.id in first:
            yield doc.finding("SOP203", E, ("langkah", i, "id"), id=step.id,
                              first=first[step.id] + 1)
        else:
            first[step.id] = i


def check_flow(doc: Loaded, sop: Sop, flow: Flow | None = None) -> Iterator[Finding]:
    """SOP204 bad target, SOP205 a decision that does not branch, SOP208 lanjut on a decision,
    SOP206 unreachable step, SOP207 a loop with no way out.

    ``flow`` is the SOP's flow graph when the caller has built it already.
    """
    if flow is None:
        flow = build_flow(sop)
    count = len(sop.langkah)
    ids = sorted({s.id for s in sop.langkah if s.id} | {"selesai"})
    for bad in flow.bad_targets:
        path = ("langkah", bad.step, "keputusan", bad.branch) if bad.branch != "lanjut" else (
            "langkah", bad.step, "lanjut")
        yield doc.finding("SOP204", E, path, target=bad.text, count=count,
                          hint=_hint(bad.text, ids))
    bad_steps = {b.step for b in flow.bad_targets}
    for i, step in enumerate(sop.langkah):
        if step.keputusan is None:
            continue
        if step.lanjut is not None:
            yield doc.finding("SOP208", E, ("langkah", i, "lanjut"), True, step=i + 1)
        ya, tidak = flow.edges[i][0].target, flow.edges[i][1].target
        if ya == tidak and i not in bad_steps:
            where = "selesai" if ya == END else str(ya + 1)
            yield doc.finding("SOP205", E, ("langkah", i, "keputusan"), step=i + 1, target=where)
    if bad_steps:
        return  # reachability would only repeat the bad targets
    reachable = flow.reachable()
    for i in range(count):
        if i not in reachable:
            yield doc.finding("SOP206", E, ("langkah", i), step=i + 1)
    for loop in flow.closed_loops():
        steps = ", ".join(str(i + 1) for i in loop)
        yield doc.finding("SOP207", E, ("langkah", loop[0]), steps=steps)


def check_durations(doc: Loaded, sop: Sop) -> Iterator[Finding]:
    """SOP301/SOP304 a waktu that cannot be read, SOP302 not measurable, SOP303 missing,
    SOP307 a misspelt word (not measured either);
    SOP108 unknown satuan_waktu; SOP305 a batas_waktu that is not a duration."""
    unit = sop.satuan_waktu
    if unit is not None and normalise_unit(unit) is None:
        yield doc.finding("SOP108", E, ("satuan_waktu",), text=unit, units=UNITS_HELP)
        unit = None
    for i, step in enumerate(sop.langkah):
        path = ("langkah", i, "waktu")
        if step.waktu == REPAIRED:
            continue
        if step.waktu is None:
            yield doc.finding("SOP303", W, ("langkah", i), step=i + 1)
            continue
        yield from _duration(doc, path, step.waktu, unit, measurable_code="SOP302",
                             severity=W)
    if sop.batas_waktu is not None:
        yield from _duration(doc, ("batas_waktu",), sop.batas_waktu, unit,
                             measurable_code="SOP305", severity=E)


def check_volume(doc: Loaded, sop: Sop) -> Iterator[Finding]:
    """SOP308: a volume that is not a count with a period (``1200 per tahun``)."""
    if sop.volume is None or sop.volume == REPAIRED:
        return
    try:
        parse_volume(sop.volume)
    except VolumeError as exc:
        yield doc.finding("SOP308", E, ("volume",), text=sop.volume.strip(),
                          reason=(exc.reason, {}), periods=PERIODS_HELP)


def _duration(doc: Loaded, path: tuple[str | int, ...], text: str, unit: str | None,
              measurable_code: str, severity: Severity) -> Iterator[Finding]:
    try:
        parse_duration(text, unit)
    except DurationError as exc:
        if exc.code == "SOP302" or (exc.code == "SOP307" and measurable_code == "SOP305"):
            yield doc.finding(measurable_code, severity, path, text=text)
        elif exc.code == "SOP307":
            yield doc.finding("SOP307", W, path, text=text, **exc.params)
        elif exc.code == "SOP304":
            yield doc.finding("SOP304", E, path, text=text.strip())
        else:
            yield doc.finding("SOP301", E, path, text=text, units=UNITS_HELP,
                              reason=(exc.reason, exc.params))


def check_dates(doc: Loaded, sop: Sop) -> Iterator[Finding]:
    """SOP401: revisi or efektif before pembuatan (by month when either is a month only)."""
    made = sop.tanggal.pembuatan
    if made is None:
        return
    for name in ("revisi", "efektif"):
        value: DateValue | None = getattr(sop.tanggal, name)
        if value is not None and compare_dates(value, made) < 0:
            yield doc.finding("SOP401", E, ("tanggal", name), field=name,
                              date=format_date(value), pembuatan=format_date(made))


def check_nip(doc: Loaded, sop: Sop) -> Iterator[Finding]:
    """SOP402 NIP not 18 digits; SOP403 impossible birth date; SOP404 impossible TMT CPNS.

    A NIP reads YYYYMMDD (birth) YYYYMM (TMT CPNS) G (sex) NNN (sequence).
    """
    nip = sop.disahkan_oleh.nip
    if nip is None:
        return
    path = ("disahkan_oleh", "nip")
    digits = "".join(nip.split())
    if not (digits.isascii() and digits.isdigit()) or len(digits) != 18:
        count = sum(c in "0123456789" for c in digits)
        yield doc.finding("SOP402", E, path, text=nip, count=count)
        return
    try:
        birth = dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        birth = None
    if birth is None or not 1900 <= birth.year <= dt.date.today().year - 17:
        text = f"{digits[6:8]}-{digits[4:6]}-{digits[0:4]}"
        yield doc.finding("SOP403", E, path, text=nip, birth=text)
        return
    tmt_year, tmt_month = int(digits[8:12]), int(digits[12:14])
    if not 1 <= tmt_month <= 12 or tmt_year < birth.year + 14:
        yield doc.finding("SOP404", E, path, text=nip, tmt=f"{digits[12:14]}-{digits[8:12]}")


def check_identity(doc: Loaded, sop: Sop) -> Iterator[Finding]:
    """SOP405: an identity field of the sheet is not filled in yet (a warning: drafts).

    A field counts as missing when nothing is written there; a value that is written but
    invalid has its own error instead.
    """
    fields = (("nomor",), ("instansi",), ("tanggal", "pembuatan"), ("disahkan_oleh", "jabatan"))
    for path in fields:
        value: object = doc.data
        for part in path:
            value = value.get(part) if isinstance(value, dict) else None
        if value is None or value == "" or value == []:
            yield doc.finding("SOP405", W, path, True, field=".".join(path))


def check_status(doc: Loaded, sop: Sop) -> Iterator[Finding]:
    """SOP110 unknown status; SOP406 digantikan_oleh without status digantikan; SOP407
    status digantikan without digantikan_oleh; SOP408 digantikan_oleh names the SOP itself.

    The status words are written in lower case, as the format lists them ("Draf" gets a
    "did you mean 'draf'"). Whether digantikan_oleh names an SOP that exists is a check
    across files (``rules.crossref``, SOP409).
    """
    status, target = sop.status, sop.digantikan_oleh
    known = status is None or status in STATUS_ENUM
    # a value that is not text is REPAIRED, reported already (SOP103): nothing follows from it
    if not known and status is not None and status != REPAIRED:
        yield doc.finding("SOP110", E, ("status",), text=status,
                          choices=", ".join(STATUS_ENUM),
                          hint=_hint(status.strip().lower(), list(STATUS_ENUM)))
    if target == REPAIRED:
        return
    if target is not None and target.strip():
        if known and status != "digantikan":
            yield doc.finding("SOP406", W, ("digantikan_oleh",), True,
                              status=status or "berlaku")
        if sop.nomor is not None and target.strip() == sop.nomor.strip():
            yield doc.finding("SOP408", E, ("digantikan_oleh",), nomor=target.strip())
    elif status == "digantikan":
        yield doc.finding("SOP407", W, ("status",))


def run_checks(doc: Loaded, flow: Flow | None = None) -> list[Finding]:
    """All findings for a loaded file: loading errors, or the semantic checks' findings.

    ``flow``, the flow graph of ``doc.sop`` when the caller needs it too (duration), spares
    building it twice.
    """
    findings = list(doc.findings)
    sop = doc.sop if doc.sop is not None else doc.partial
    if flow is not None and sop is not doc.sop:
        raise ValueError("flow must be the flow of doc.sop")
    if sop is not None:
        from soptool.rules.registry import CHECKS  # the registry imports this module

        for check in CHECKS:
            if check is check_flow and flow is not None:
                findings.extend(check_flow(doc, sop, flow))
            else:
                findings.extend(check(doc, sop))
    findings.sort(key=Finding.sort_key)
    return findings
