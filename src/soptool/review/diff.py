"""Semantic comparison of two SOPs: what an edit changes in the procedure and its time.

``compare(old, new)`` gives a plain ``SopDiff``: identity fields, pelaksana added / removed /
renamed, steps added / removed / moved / changed field by field (matched by id, else by the
most similar kegiatan), flow changes (branch and ``lanjut`` targets, compared by the step
they reach, not by their text), and the working time before and after. The writers at the
end turn a list of diffs into text, Markdown (a pull-request comment) or JSON.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from soptool.findings import Finding
from soptool.graph import END, build_flow, step_ids
from soptool.model import Langkah, Sop, compare_dates, format_date
from soptool.report.jsonout import envelope, write_document
from soptool.report.markdown import md_escape
from soptool.report.messages import CATALOGUE, message
from soptool.timing.durations import (
    DEFAULT_CALENDAR,
    Calendar,
    Minutes,
    format_minutes,
    minutes_json,
)
from soptool.timing.estimate import Span, estimate, span_text

SIMILARITY = 0.6  # the least difflib ratio at which two kegiatan count as the same step
IDENTITY_FIELDS = (
    "nomor", "nama", "status", "digantikan_oleh", "instansi", "tanggal.pembuatan",
    "tanggal.revisi", "tanggal.efektif", "disahkan_oleh.jabatan", "disahkan_oleh.nama",
    "disahkan_oleh.nip", "tujuan", "dasar_hukum", "kualifikasi_pelaksana", "keterkaitan",
    "peralatan", "peringatan", "pencatatan",
    "batas_waktu", "volume", "satuan_waktu",
)  # fmt: skip
STEP_FIELDS = (
    "id", "kegiatan", "pelaksana", "kelengkapan", "waktu", "output", "keterangan",
    "keputusan", "keputusan.tanya", "keputusan.label_ya", "keputusan.label_tidak",
)  # fmt: skip
Value = str | list[str] | None
ARROW = "\u2192"  # in Markdown, where "->" would be escaped


@dataclass(frozen=True)
class FieldChange:
    """One field whose value differs: its name and both values (None when empty)."""

    field: str
    old: Value
    new: Value


@dataclass(frozen=True)
class ActorChange:
    """A pelaksana column added, removed, or renamed (its title, or its key)."""

    # "added", "removed", "title" (same key, new title), "key" (same title, new key),
    # "order" (the columns kept, in another order: title and old_title list them)
    kind: str
    key: str
    title: str
    old_key: str | None = None
    old_title: str | None = None


@dataclass(frozen=True)
class StepRef:
    """A step as the reader sees it: its number (from 1), id and kegiatan."""

    number: int
    id: str | None
    kegiatan: str


@dataclass
class StepChange:
    """A step added, removed, or matched in both versions (moved and/or changed)."""

    kind: str  # "added", "removed", "changed"
    old: StepRef | None
    new: StepRef | None
    moved: bool = False
    fields: list[FieldChange] = field(default_factory=list)
    waktu: str | None = None  # of an added or removed step
    pelaksana: list[str] = field(default_factory=list)  # titles, of an added or removed step


@dataclass(frozen=True)
class FlowChange:
    """A branch (ya, tidak, lanjut) of a step that now leads somewhere else."""

    step: StepRef  # the step, in the new version
    old_step: StepRef  # the same step, in the old version
    branch: str  # "ya", "tidak" or "lanjut"
    old: str  # the target as the reader sees it: "langkah 6 (bahas-unit)", "selesai", ...
    new: str


@dataclass(frozen=True)
class TimeLine:
    """A working time before and after (None where the SOP or the pelaksana is absent)."""

    name: str
    old: Span | None
    new: Span | None
    calendar: Calendar = DEFAULT_CALENDAR  # how its minutes print (soptool.yaml)

    @property
    def changed(self) -> bool:
        """Whether the time differs."""
        return self.old != self.new


@dataclass
class SopDiff:
    """What differs between two versions of one SOP file."""

    old_file: str | None
    new_file: str | None
    status: str  # "added", "deleted", "changed", "unchanged"
    nama: str = ""
    identity: list[FieldChange] = field(default_factory=list)
    pelaksana: list[ActorChange] = field(default_factory=list)
    steps: list[StepChange] = field(default_factory=list)
    flow: list[FlowChange] = field(default_factory=list)
    total: TimeLine | None = None
    per_pelaksana: list[TimeLine] = field(default_factory=list)
    lower_bound: tuple[bool, bool] = (False, False)
    steps_count: tuple[int, int] = (0, 0)
    revisi: tuple[str | None, str | None] = (None, None)
    findings: list[Finding] = field(default_factory=list)  # errors of the new version
    # Errors of the old version: shown, never a failure, so that a pull request that
    # repairs a broken SOP can pass.
    old_findings: list[Finding] = field(default_factory=list)

    @property
    def file(self) -> str:
        """The file's name: its new name, else its old one."""
        return self.new_file or self.old_file or ""

    @property
    def changed(self) -> bool:
        """Whether the meaning of the SOP differs (a comment or layout edit is no change)."""
        return self.status != "unchanged"


@dataclass
class RevisiProblem:
    """A changed SOP whose tanggal.revisi did not move forward."""

    file: str
    old: str | None
    new: str | None


# --- comparing ---------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _value(v: Any) -> Value:
    if v is None:
        return None
    if isinstance(v, list):
        return [str(x) for x in v] if v else None
    if hasattr(v, "year"):
        return format_date(v)
    text = str(v)
    return text if text.strip() else None


def _get(obj: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        if obj is None:
            return None
        obj = getattr(obj, part)
    return obj


def _space(text: str) -> str:
    return " ".join(text.split())


def _same(a: Value, b: Value) -> bool:
    """Equal as printed on the form: only runs of white space do not count."""
    if isinstance(a, list) and isinstance(b, list):
        return [_space(x) for x in a] == [_space(x) for x in b]
    if isinstance(a, str) and isinstance(b, str):
        return _space(a) == _space(b)
    return a == b


def _identity(old: Sop, new: Sop) -> list[FieldChange]:
    out = []
    for name in IDENTITY_FIELDS:
        a, b = _value(_get(old, name)), _value(_get(new, name))
        if not _same(a, b):
            out.append(FieldChange(name, a, b))
    return out


def _actors(old: Sop, new: Sop) -> tuple[list[ActorChange], dict[str, str]]:
    """Pelaksana changes, and old key -> new key for the columns that were renamed."""
    out: list[ActorChange] = []
    renamed: dict[str, str] = {}
    gone = [k for k in old.pelaksana if k not in new.pelaksana]
    came = [k for k in new.pelaksana if k not in old.pelaksana]
    for key in new.pelaksana:
        if key in old.pelaksana and not _same(old.pelaksana[key], new.pelaksana[key]):
            out.append(ActorChange("title", key, new.pelaksana[key],
                                   old_title=old.pelaksana[key]))
    for key in list(came):
        title = _norm(new.pelaksana[key])
        match = next((g for g in gone if _norm(old.pelaksana[g]) == title), None)
        if match is not None:
            gone.remove(match)
            came.remove(key)
            renamed[match] = key
            out.append(ActorChange("key", key, new.pelaksana[key], old_key=match))
    out.extend(ActorChange("removed", k, old.pelaksana[k]) for k in gone)
    out.extend(ActorChange("added", k, new.pelaksana[k]) for k in came)
    # The column order is part of the printed form.
    kept_old = [renamed.get(k, k) for k in old.pelaksana if renamed.get(k, k) in new.pelaksana]
    kept_new = [k for k in new.pelaksana if k in kept_old]
    if kept_old != kept_new:
        out.append(ActorChange("order", "", ", ".join(new.pelaksana[k] for k in kept_new),
                               old_title=", ".join(new.pelaksana[k] for k in kept_old)))
    return out, renamed


def match_steps(old: Sop, new: Sop) -> dict[int, int]:
    """Old step index -> new step index: by id first, then by the most similar kegiatan.

    Kegiatan are paired one to one, greedily by best ratio (ties: the nearer position),
    and only when the ratio reaches ``SIMILARITY``.
    """
    pairs: dict[int, int] = {}
    old_ids, new_ids = step_ids(old), step_ids(new)
    for sid, i in old_ids.items():
        if sid in new_ids:
            pairs[i] = new_ids[sid]
    used = set(pairs.values())
    rest_old = [i for i in range(len(old.langkah)) if i not in pairs]
    rest_new = [j for j in range(len(new.langkah)) if j not in used]
    # The same kegiatan, in order, first: they would win the greedy pairing below anyway
    # (ratio 1), and pairing them here keeps large SOPs linear.
    by_text: dict[str, list[int]] = {}
    for j in rest_new:
        by_text.setdefault(_norm(new.langkah[j].kegiatan), []).append(j)
    for i in rest_old:
        same = by_text.get(_norm(old.langkah[i].kegiatan))
        if same:
            pairs[i] = same.pop(0)
            used.add(pairs[i])
    rest_old = [i for i in rest_old if i not in pairs]
    rest_new = [j for j in rest_new if j not in used]
    candidates: list[tuple[float, int, int, int]] = []
    texts_new = {j: _norm(new.langkah[j].kegiatan) for j in rest_new}
    for i in rest_old:
        a = _norm(old.langkah[i].kegiatan)
        matcher = difflib.SequenceMatcher(None, a, autojunk=False)
        for j in rest_new:
            matcher.set_seq2(texts_new[j])
            if matcher.real_quick_ratio() < SIMILARITY or matcher.quick_ratio() < SIMILARITY:
                continue
            ratio = 1.0 if a == texts_new[j] else matcher.ratio()
            if ratio >= SIMILARITY:
                candidates.append((-ratio, abs(i - j), i, j))
    candidates.sort()
    taken_new: set[int] = set()
    for _neg, _dist, i, j in candidates:
        if i not in pairs and j not in taken_new:
            pairs[i] = j
            taken_new.add(j)
    return pairs


def _moved(pairs: dict[int, int]) -> set[int]:
    """Old indexes of matched steps that moved: not on a longest run kept in order."""
    order = sorted(pairs)
    seq = [pairs[i] for i in order]
    # Longest increasing subsequence (patience sorting), keeping back-pointers.
    tails: list[int] = []
    tails_at: list[int] = []
    prev = [-1] * len(seq)
    for k, v in enumerate(seq):
        pos = bisect.bisect_left(tails, v)
        if pos == len(tails):
            tails.append(v)
            tails_at.append(k)
        else:
            tails[pos] = v
            tails_at[pos] = k
        prev[k] = tails_at[pos - 1] if pos > 0 else -1
    keep: set[int] = set()
    k = tails_at[-1] if tails_at else -1
    while k >= 0:
        keep.add(order[k])
        k = prev[k]
    return {i for i in order if i not in keep}


def _ref(sop: Sop, index: int) -> StepRef:
    step = sop.langkah[index]
    return StepRef(index + 1, step.id, step.kegiatan)


def _actor_titles(sop: Sop, keys: Iterable[str]) -> list[str]:
    return [sop.pelaksana.get(k, k) for k in keys]


def _step_value(sop: Sop, step: Langkah, name: str) -> Value:
    if name == "pelaksana":
        return _actor_titles(sop, step.pelaksana)
    if name == "keputusan":
        return "ya" if step.keputusan is not None else None
    return _value(_get(step, name))


def _step_fields(old: Sop, new: Sop, a: Langkah, b: Langkah,
                 renamed: dict[str, str]) -> list[FieldChange]:
    out = []
    for name in STEP_FIELDS:
        if name == "pelaksana" and [renamed.get(k, k) for k in a.pelaksana] == b.pelaksana:
            continue  # same columns (a renamed key or title is reported with the pelaksana)
        va, vb = _step_value(old, a, name), _step_value(new, b, name)
        if name == "keputusan":
            if (va is None) != (vb is None):
                out.append(FieldChange(name, va, vb))
            continue
        if not _same(va, vb):
            out.append(FieldChange(name, va, vb))
    return out


def _target_text(sop: Sop, target: int) -> str:
    if target == END:
        return "selesai"
    step = sop.langkah[target]
    return f"langkah {target + 1}" + (f" ({step.id})" if step.id else "")


def _branches(sop: Sop, index: int, flow_edges: list[Any]) -> dict[str, tuple[int, bool]]:
    """Branch name -> (target, explicit) of one step; the following step is "lanjut"."""
    out: dict[str, tuple[int, bool]] = {}
    for edge in flow_edges[index]:
        name = edge.branch or "lanjut"
        out[name] = (edge.target, edge.branch is not None)
    return out


def _flow(old: Sop, new: Sop, pairs: dict[int, int]) -> list[FlowChange]:
    old_edges, new_edges = build_flow(old).edges, build_flow(new).edges
    out = []
    for i, j in sorted(pairs.items(), key=lambda p: p[1]):
        before, after = _branches(old, i, old_edges), _branches(new, j, new_edges)
        for name in ("ya", "tidak", "lanjut"):
            a, b = before.get(name), after.get(name)
            if (a is None or not a[1]) and (b is None or not b[1]) and (a is None or b is None):
                continue  # a step that became (or stopped being) a decision: see its fields
            if a is None and b is None:
                continue
            if a is not None and b is not None:
                if not a[1] and not b[1]:
                    continue  # both simply go on to the following step
                mapped = END if a[0] == END else pairs.get(a[0], -2)
                if mapped == b[0]:
                    continue
            old_text = _target_text(old, a[0]) if a is not None else "-"
            new_text = _target_text(new, b[0]) if b is not None else "-"
            out.append(FlowChange(_ref(new, j), _ref(old, i), name, old_text, new_text))
    return out


def _times(old: Sop, new: Sop, calendar: Calendar,
           renamed: dict[str, str]) -> tuple[TimeLine, list[TimeLine], tuple[bool, bool]]:
    """Total and per-pelaksana time; a renamed column (key or title) is one pelaksana."""
    a, b = estimate(old, calendar), estimate(new, calendar)
    total = TimeLine("total", a.total, b.total, calendar)
    per: list[TimeLine] = []
    seen: set[str] = set()
    for key, title in new.pelaksana.items():
        before = next((k for k in old.pelaksana if renamed.get(k, k) == key), None)
        per.append(TimeLine(title, a.per_pelaksana.get(before) if before else None,
                            b.per_pelaksana.get(key), calendar))
        if before:
            seen.add(before)
    for key, title in old.pelaksana.items():
        if key not in seen:
            per.append(TimeLine(title, a.per_pelaksana.get(key), None, calendar))
    return total, per, (a.is_lower_bound, b.is_lower_bound)


def compare(old: Sop | None, new: Sop | None, old_file: str | None = None,
            new_file: str | None = None, calendar: Calendar = DEFAULT_CALENDAR) -> SopDiff:
    """What differs between two versions of an SOP (either may be None: added or deleted)."""
    if old is None and new is None:
        raise ValueError("nothing to compare")
    if old is None or new is None:
        sop = new if new is not None else old
        assert sop is not None
        est = estimate(sop, calendar)
        span: Span | None = est.total
        d = SopDiff(old_file, new_file, "added" if old is None else "deleted", nama=sop.nama)
        d.total = TimeLine("total", None if old is None else span, span if old is None else None,
                           calendar)
        d.steps_count = (0, len(sop.langkah)) if old is None else (len(sop.langkah), 0)
        d.lower_bound = (False, est.is_lower_bound) if old is None else (est.is_lower_bound,
                                                                          False)
        rev = _value(sop.tanggal.revisi)
        assert not isinstance(rev, list)
        d.revisi = (None, rev) if old is None else (rev, None)
        return d
    d = SopDiff(old_file, new_file, "unchanged", nama=new.nama)
    d.identity = _identity(old, new)
    d.pelaksana, renamed = _actors(old, new)
    pairs = match_steps(old, new)
    moved = _moved(pairs)
    back = {j: i for i, j in pairs.items()}
    for i in range(len(old.langkah)):
        if i not in pairs:
            step = old.langkah[i]
            d.steps.append(StepChange("removed", _ref(old, i), None, waktu=step.waktu,
                                      pelaksana=_actor_titles(old, step.pelaksana)))
    for j in range(len(new.langkah)):
        step = new.langkah[j]
        if j not in back:
            d.steps.append(StepChange("added", None, _ref(new, j), waktu=step.waktu,
                                      pelaksana=_actor_titles(new, step.pelaksana)))
            continue
        i = back[j]
        fields = _step_fields(old, new, old.langkah[i], step, renamed)
        if fields or i in moved:
            d.steps.append(StepChange("changed", _ref(old, i), _ref(new, j), i in moved,
                                      fields))
    d.flow = _flow(old, new, pairs)
    d.total, d.per_pelaksana, d.lower_bound = _times(old, new, calendar, renamed)
    d.steps_count = (len(old.langkah), len(new.langkah))
    ra, rb = _value(old.tanggal.revisi), _value(new.tanggal.revisi)
    assert not isinstance(ra, list) and not isinstance(rb, list)
    d.revisi = (ra, rb)
    if d.identity or d.pelaksana or d.steps or d.flow or d.total.changed:
        d.status = "changed"
    return d


def revisi_problem(d: SopDiff, old: Sop | None, new: Sop | None) -> RevisiProblem | None:
    """A changed SOP whose tanggal.revisi is not set later than before (added: exempt)."""
    if d.status != "changed" or old is None or new is None:
        return None
    a, b = old.tanggal.revisi, new.tanggal.revisi
    if b is not None and (a is None or compare_dates(b, a) > 0):
        return None
    if a is not None and b is not None and type(a) is not type(b) and compare_dates(b, a) == 0:
        return None  # "Januari 2026" -> "20 Januari 2026": a month and a day in it may be later
    return RevisiProblem(d.file, d.revisi[0], d.revisi[1])


# --- writing -----------------------------------------------------------------------------


def _t(msg: str, lang: str, /, **params: Any) -> str:
    return message(msg, lang, **params)


def _span(span: Span | None, calendar: Calendar) -> str:
    """A working time, or ``-`` when absent."""
    return "-" if span is None else span_text(span, calendar)


def _signed(value: Minutes, calendar: Calendar) -> str:
    if value == 0:
        return "0"
    return ("+" if value > 0 else "-") + format_minutes(value if value > 0 else -value, calendar)


def delta_text(line: TimeLine) -> str:
    """The change of a time: ``+2 jam``, ``-30 menit``, ``+1 jam - +2 jam`` for ranges."""
    a = line.old or Span()
    b = line.new or Span()
    low, high = b.low - a.low, b.high - a.high
    if low == high:
        return _signed(low, line.calendar)
    return f"{_signed(low, line.calendar)} .. {_signed(high, line.calendar)}"


def value_text(v: Value, lang: str = "id") -> str:
    """A field's value for the reader: a list joined with ``; ``, ``(kosong)`` when empty."""
    if v is None:
        return _t("diff.empty", lang)
    if isinstance(v, list):
        return "; ".join(v)
    return v


def list_delta(old: Value, new: Value) -> tuple[list[str], list[str]] | None:
    """Items removed and added between two lists; None when not two lists or only reordered."""
    if not isinstance(old, list) or not isinstance(new, list):
        return None
    olds, news = {_space(x) for x in old}, {_space(x) for x in new}
    removed = [x for x in old if _space(x) not in news]
    added = [x for x in new if _space(x) not in olds]
    return (removed, added) if removed or added else None


def field_text(f: FieldChange, lang: str = "id") -> str:
    """One changed field for the reader: ``waktu 60 menit -> 2 jam``; identity lists +/-."""
    name = field_name(f.field, lang)
    if f.field == "keputusan":
        return _t("diff.became_decision" if f.new else "diff.no_longer_decision", lang)
    delta = list_delta(f.old, f.new) if f.field in IDENTITY_FIELDS else None
    if delta is None:
        return f"{name} {value_text(f.old, lang)} -> {value_text(f.new, lang)}"
    parts = []
    if delta[1]:
        parts.append(_t("diff.list_added", lang, items="; ".join(delta[1])))
    if delta[0]:
        parts.append(_t("diff.list_removed", lang, items="; ".join(delta[0])))
    return f"{name}: " + ", ".join(parts)


def field_cells(f: FieldChange, lang: str = "id") -> tuple[str, str]:
    """The before and after cells of a changed field (identity lists: items removed, added)."""
    if f.field == "keputusan":
        yes, no = _t("diff.decision", lang), _t("diff.not_decision", lang)
        return (yes if f.old else no), (yes if f.new else no)
    delta = list_delta(f.old, f.new) if f.field in IDENTITY_FIELDS else None
    if delta is None:
        return value_text(f.old, lang), value_text(f.new, lang)
    return "; ".join(delta[0]) or "-", "; ".join(delta[1]) or "-"


def short(text: str, limit: int = 40) -> str:
    """Text cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def step_label(ref: StepRef, lang: str = "id", old: StepRef | None = None) -> str:
    """``Langkah 5 (Memeriksa konsep…)``; with the old number when it moved."""
    number = str(ref.number)
    if old is not None and old.number != ref.number:
        number = _t("diff.step_renumbered", lang, new=ref.number, old=old.number)
    return _t("diff.step", lang, number=number, kegiatan=short(ref.kegiatan))


def field_name(name: str, lang: str = "id") -> str:
    """A field's name for the reader."""
    key = f"diff.field.{name}"
    return message(key, lang) if key in CATALOGUE else name


def _time_line_text(line: TimeLine, lang: str, arrow: str = "->") -> str:
    old, new = _span(line.old, line.calendar), _span(line.new, line.calendar)
    return f"{old} {arrow} {new} ({delta_text(line)})"


def _headline(d: SopDiff, lang: str, with_name: bool = True) -> str:
    if d.status == "added":
        return _t("diff.added_sop", lang, nama=d.nama, steps=d.steps_count[1],
                  total=_span(d.total.new, d.total.calendar) if d.total else "-")
    if d.status == "deleted":
        return _t("diff.deleted_sop", lang, nama=d.nama, steps=d.steps_count[0])
    if d.status == "unchanged":
        return _t("diff.unchanged", lang, nama=d.nama)
    kinds = {k: sum(s.kind == k for s in d.steps) for k in ("added", "removed")}
    changed = sum(s.kind == "changed" for s in d.steps)
    parts = []
    if kinds["added"]:
        parts.append(_t("diff.count_added", lang, n=kinds["added"]))
    if kinds["removed"]:
        parts.append(_t("diff.count_removed", lang, n=kinds["removed"]))
    if changed:
        parts.append(_t("diff.count_changed", lang, n=changed))
    if not parts:
        parts.append(_t("diff.count_none", lang))
    summary = ", ".join(parts)
    return _t("diff.changed_sop", lang, nama=d.nama, summary=summary) if with_name else summary


def text_lines(d: SopDiff, lang: str = "id") -> list[str]:
    """The report of one SOP as plain lines, most important first (without the file line)."""
    out: list[str] = [_headline(d, lang)]
    if d.status != "changed":
        return out
    if d.total is not None and (d.total.changed or any(p.changed for p in d.per_pelaksana)):
        low = _t("diff.lower_bound", lang) if any(d.lower_bound) else ""
        if d.total.changed:
            out.append(_t("diff.total", lang, change=_time_line_text(d.total, lang)) + low)
        else:
            total = _span(d.total.new, d.total.calendar)
            out.append(_t("diff.total_same", lang, total=total) + low)
        for line in d.per_pelaksana:
            if line.changed:
                out.append("  " + f"{line.name}: {_time_line_text(line, lang)}")
    for s in d.steps:
        if s.kind == "removed" and s.old is not None:
            out.append(_t("diff.step_removed", lang, step=step_label(s.old, lang),
                          who=", ".join(s.pelaksana), waktu=value_text(s.waktu, lang)))
    for s in d.steps:
        if s.kind == "added" and s.new is not None:
            out.append(_t("diff.step_added", lang, step=step_label(s.new, lang),
                          who=", ".join(s.pelaksana), waktu=value_text(s.waktu, lang)))
    for s in d.steps:
        if s.kind != "changed" or s.new is None:
            continue
        label = step_label(s.new, lang, s.old)
        if s.moved:
            out.append(_t("diff.step_moved", lang, step=label, old=s.old.number if s.old else "?",
                          new=s.new.number))
        for f in s.fields:
            out.append(f"{label}: {field_text(f, lang)}")
    for fc in d.flow:
        out.append(_t("diff.flow", lang, step=step_label(fc.step, lang, fc.old_step),
                      branch=fc.branch, old=fc.old, new=fc.new))
    for a in d.pelaksana:
        out.append(_actor_text(a, lang))
    for f in d.identity:
        out.append(_t("diff.identity", lang, change=field_text(f, lang)))
    return out


def _actor_text(a: ActorChange, lang: str) -> str:
    if a.kind == "added":
        return _t("diff.actor_added", lang, key=a.key, title=a.title)
    if a.kind == "removed":
        return _t("diff.actor_removed", lang, key=a.key, title=a.title)
    if a.kind == "title":
        return _t("diff.actor_title", lang, key=a.key, old=a.old_title, new=a.title)
    if a.kind == "order":
        return _t("diff.actor_order", lang, old=a.old_title, new=a.title)
    return _t("diff.actor_key", lang, old=a.old_key, new=a.key, title=a.title)


def write_text(diffs: list[SopDiff], stream: Any, lang: str = "id") -> None:
    """The plain-text report: one block per file."""
    for n, d in enumerate(diffs):
        if n:
            stream.write("\n")
        stream.write(f"{d.file}: " + text_lines(d, lang)[0] + "\n")
        for line in text_lines(d, lang)[1:]:
            stream.write(f"  {line}\n")
    if not diffs:
        stream.write(_t("diff.none", lang) + "\n")


def _md_rows(d: SopDiff, lang: str) -> list[tuple[str, str, str, str]]:
    rows: list[tuple[str, str, str, str]] = []
    what = _t("diff.md_step", lang)
    for s in d.steps:
        if s.kind == "removed" and s.old is not None:
            rows.append((step_label(s.old, lang), _t("diff.md_removed", lang),
                         f"{', '.join(s.pelaksana)}; {field_name('waktu', lang)} "
                         f"{value_text(s.waktu, lang)}", "-"))
    for s in d.steps:
        if s.kind == "added" and s.new is not None:
            rows.append((step_label(s.new, lang), _t("diff.md_added", lang), "-",
                         f"{', '.join(s.pelaksana)}; {field_name('waktu', lang)} "
                         f"{value_text(s.waktu, lang)}"))
    for s in d.steps:
        if s.kind != "changed" or s.new is None:
            continue
        label = step_label(s.new, lang, s.old)
        if s.moved and s.old is not None:
            rows.append((label, _t("diff.md_moved", lang), f"{what} {s.old.number}",
                         f"{what} {s.new.number}"))
        for f in s.fields:
            rows.append((label, field_name(f.field, lang), *field_cells(f, lang)))
    for fc in d.flow:
        rows.append((step_label(fc.step, lang, fc.old_step),
                     _t("diff.md_flow", lang, branch=fc.branch), fc.old, fc.new))
    for a in d.pelaksana:
        old = a.old_title if a.kind in ("title", "order") else (
            a.old_key if a.kind == "key" else None)
        rows.append((_t("diff.md_actor", lang), _t(f"diff.md_actor_{a.kind}", lang),
                     old if old is not None else ("-" if a.kind == "added" else a.title),
                     "-" if a.kind == "removed" else (a.title if a.kind != "key" else a.key)))
    for f in d.identity:
        rows.append((_t("diff.md_identity", lang), field_name(f.field, lang),
                     *field_cells(f, lang)))
    return rows


def write_markdown(diffs: list[SopDiff], stream: Any, lang: str = "id",
                   problems: Iterable[RevisiProblem] = ()) -> None:
    """A Markdown report ready to post as a pull-request comment."""
    changed = [d for d in diffs if d.changed]
    stream.write(f"## {_t('diff.md_title', lang)}\n\n")
    if not changed:
        stream.write(_t("diff.none", lang) + "\n")
    else:
        stream.write(_t("diff.md_summary", lang, n=len(changed)) + "\n")
    for p in problems:
        stream.write(f"\n> **{md_escape(revisi_text(p, lang))}**\n")
    invalid = [f for d in diffs for f in d.findings]
    if invalid:
        stream.write(f"\n### {_t('diff.md_invalid', lang)}\n\n")
        for f in invalid:
            where = f"{f.file}:{f.line}:{f.col}".replace("`", "'")
            stream.write(f"- `{where}` {f.code}: {md_escape(f.message(lang))}\n")
    for d in changed:
        name = d.file.replace("`", "'")
        stream.write(f"\n### `{name}`: {md_escape(d.nama)}\n\n")
        stream.write(md_escape(_headline(d, lang, with_name=False)) + "\n")
        if d.total is not None and (d.total.changed or d.status != "changed"):
            low = _t("diff.lower_bound", lang) if any(d.lower_bound) else ""
            stream.write(f"\n**{md_escape(_t('diff.md_total', lang))}:** "
                         f"{md_escape(_time_line_text(d.total, lang, ARROW))}{md_escape(low)}\n")
        per = [p for p in d.per_pelaksana if p.changed] if d.status == "changed" else []
        if per:
            head = (_t("diff.md_actor", lang), _t("diff.md_before", lang),
                    _t("diff.md_after", lang), _t("diff.md_delta", lang))
            stream.write("\n| " + " | ".join(head) + " |\n|---|---|---|---|\n")
            for line in per:
                cells = (line.name, _span(line.old, line.calendar), _span(line.new, line.calendar),
                         delta_text(line))
                stream.write("| " + " | ".join(md_escape(c) for c in cells) + " |\n")
        rows = _md_rows(d, lang) if d.status == "changed" else []
        if rows:
            head = (_t("diff.md_where", lang), _t("diff.md_change", lang),
                    _t("diff.md_before", lang), _t("diff.md_after", lang))
            stream.write("\n| " + " | ".join(head) + " |\n|---|---|---|---|\n")
            for row in rows:
                stream.write("| " + " | ".join(md_escape(c) for c in row) + " |\n")


def _span_json(span: Span | None, calendar: Calendar) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"min_menit": minutes_json(span.low), "max_menit": minutes_json(span.high),
            "teks": span_text(span, calendar)}


def _ref_json(ref: StepRef | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    return {"nomor": ref.number, "id": ref.id, "kegiatan": ref.kegiatan}


def to_dict(d: SopDiff, lang: str = "id") -> dict[str, Any]:
    """A JSON-ready dict of one diff."""
    return {
        "file": d.file,
        "old_file": d.old_file,
        "new_file": d.new_file,
        "status": d.status,
        "nama": d.nama,
        "summary": _headline(d, lang),
        "identity": [{"field": f.field, "old": f.old, "new": f.new} for f in d.identity],
        "pelaksana": [
            {"kind": a.kind, "key": a.key, "title": a.title, "old_key": a.old_key,
             "old_title": a.old_title}
            for a in d.pelaksana
        ],
        "steps": [
            {"kind": s.kind, "old": _ref_json(s.old), "new": _ref_json(s.new), "moved": s.moved,
             "fields": [{"field": f.field, "old": f.old, "new": f.new} for f in s.fields],
             "waktu": s.waktu, "pelaksana": s.pelaksana}
            for s in d.steps
        ],
        "flow": [
            {"step": _ref_json(fc.step), "old_step": _ref_json(fc.old_step),
             "branch": fc.branch, "old": fc.old, "new": fc.new}
            for fc in d.flow
        ],
        "time": None if d.total is None else {
            "total": {"old": _span_json(d.total.old, d.total.calendar),
                      "new": _span_json(d.total.new, d.total.calendar),
                      "delta": delta_text(d.total)},
            "lower_bound": {"old": d.lower_bound[0], "new": d.lower_bound[1]},
            "per_pelaksana": [
                {"pelaksana": p.name, "old": _span_json(p.old, p.calendar),
                 "new": _span_json(p.new, p.calendar),
                 "delta": delta_text(p)}
                for p in d.per_pelaksana
            ],
        },
        "revisi": {"old": d.revisi[0], "new": d.revisi[1]},
        "findings": [f.to_dict(lang) for f in d.findings],
    }


def write_json(diffs: list[SopDiff], stream: Any, lang: str = "id",
               problems: Iterable[RevisiProblem] = ()) -> None:
    """The JSON report (``report.jsonout``'s envelope): every file's diff and the revision
    problems."""
    doc = envelope(
        files=[to_dict(d, lang) for d in diffs],
        revisi_problems=[
            {"file": p.file, "old": p.old, "new": p.new, "message": revisi_text(p, lang)}
            for p in problems
        ],
    )
    write_document(doc, stream)


def revisi_text(p: RevisiProblem, lang: str = "id") -> str:
    """The message for an SOP changed without a new tanggal.revisi."""
    if p.new is None:
        return _t("diff.revisi_missing", lang, file=p.file)
    return _t("diff.revisi_not_later", lang, file=p.file, old=p.old or "-", new=p.new)


# --- loading both sides ------------------------------------------------------------------


@dataclass
class Review:
    """The diffs of a run, the revision problems, and whether some file was invalid."""

    diffs: list[SopDiff] = field(default_factory=list)
    problems: list[RevisiProblem] = field(default_factory=list)

    @property
    def invalid(self) -> list[Finding]:
        """The error findings of every new version, in order: these fail the run."""
        return [f for d in self.diffs for f in d.findings]

    @property
    def old_invalid(self) -> list[Finding]:
        """The error findings of the old versions: reported, never a failure."""
        return [f for d in self.diffs for f in d.old_findings]

    @property
    def changed(self) -> bool:
        """Whether some SOP's content differs."""
        return any(d.changed for d in self.diffs)


def _load(raw: bytes, label: str) -> tuple[Sop | None, list[Finding]]:
    from soptool.loading import load_bytes
    from soptool.rules.checks import run_checks

    doc = load_bytes(raw, label)
    errors = [f for f in run_checks(doc) if f.is_error]
    return doc.sop, errors


def _add(review: Review, old: tuple[Sop | None, list[Finding]] | None,
         new: tuple[Sop | None, list[Finding]] | None, old_file: str | None,
         new_file: str | None, calendar: Calendar) -> None:
    old_findings = old[1] if old else []
    findings = new[1] if new else []
    old_sop = old[0] if old else None
    new_sop = new[0] if new else None
    if old is not None and old_sop is None and new_sop is not None:
        # The old version cannot be read as an SOP: show the new one whole, as if added.
        d = compare(None, new_sop, old_file, new_file, calendar)
        d.findings, d.old_findings = findings, old_findings
        review.diffs.append(d)
        return
    if (old is not None and old_sop is None) or (new is not None and new_sop is None):
        # A side that cannot be read as an SOP at all: only its findings are shown.
        d = SopDiff(old_file, new_file, "unchanged", findings=findings,
                    old_findings=old_findings)
        review.diffs.append(d)
        return
    d = compare(old_sop, new_sop, old_file, new_file, calendar)
    d.findings = findings
    d.old_findings = old_findings
    review.diffs.append(d)
    problem = revisi_problem(d, old_sop, new_sop)
    if problem is not None:
        review.problems.append(problem)


def review_files(old: Path, new: Path, calendar: Calendar = DEFAULT_CALENDAR) -> Review:
    """Compare two SOP files (paths); unreadable files give findings, not exceptions."""
    from soptool.source.yamltree import read_bytes

    review = Review()
    sides = []
    for path in (old, new):
        raw = read_bytes(path, str(path))
        sides.append((None, [raw]) if isinstance(raw, Finding) else _load(raw, str(path)))
    _add(review, sides[0], sides[1], str(old), str(new), calendar)
    return review


def review_git(rev: str, paths: list[Path], cwd: Path,
               calendar: Calendar = DEFAULT_CALENDAR) -> Review:
    """Compare the working tree with a git revision, for the SOP files under ``paths``.

    Raises SoptoolError (not a repository, unknown revision, git failing).
    """
    from soptool.source import git as gitio
    from soptool.source.yamltree import read_bytes

    root = gitio.repo_root(cwd)
    commit = gitio.resolve_revision(rev, cwd)
    review = Review()
    for change in gitio.changed_sops(commit, paths, cwd):
        old = new = None
        old_file = new_file = None
        if change.old is not None:
            old_file = f"{rev}:{change.old}"
            old = _load(gitio.show(commit, change.old, root), old_file)
        if change.new is not None:
            new_file = gitio.display_path(change.new, root, cwd)
            raw = read_bytes(root / change.new, new_file)
            new = (None, [raw]) if isinstance(raw, Finding) else _load(raw, new_file)
        _add(review, old, new, old_file, new_file, calendar)
    return review
