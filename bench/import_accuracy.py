"""How well `soptool import` reads signed SOP PDFs: rates against hand-read truth files.

    python bench/import_accuracy.py [FOLDER]   (default: ../shared/real-pdf)

Each ``<name>.pdf`` in FOLDER with a ``<name>.truth.yaml`` beside it is imported (nothing is
written) and compared with the truth: step count; per step kegiatan, pelaksana (by column
title), symbol kind (decision or not), waktu and output; each decision's two targets; each
``lanjut``; the identity fields; and whether the imported file validates. Text is compared
ignoring case and runs of spaces; branch labels Y/Ya and T/Tidak are equal; every Waktu that
is not measurable (empty, ``-``, disesuaikan, segera, sesuai kebutuhan, ...) equals every
other. A PDF whose procedure table is a picture is expected to say so and keep its identity.
Prints the rates and every mismatch; exits 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from soptool.importer.document import import_pdf  # noqa: E402

IDENTITY = ("nomor", "nama", "instansi", "tanggal.pembuatan", "tanggal.revisi",
            "tanggal.efektif", "disahkan_oleh.jabatan", "disahkan_oleh.nama",
            "disahkan_oleh.nip", "dasar_hukum", "kualifikasi_pelaksana", "keterkaitan",
            "peralatan", "peringatan", "pencatatan")
STEP_FIELDS = ("kegiatan", "pelaksana", "simbol", "waktu", "output")
_NOT_MEASURABLE = re.compile(
    r"^(-+|–|—|disesuaikan|menyesuaikan|tentatif|situasional|segera|sesuai\b.*|"
    r"tergantung\b.*|(harian|mingguan|bulanan|triwulanan|semesteran|tahunan)\b.*)$")
_MONTHS = {m: i + 1 for i, m in enumerate(
    ["januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
     "oktober", "november", "desember"])}
_MONTHS.update({m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"])})
_MONTHS.update({"pebruari": 2, "nopember": 11, "agt": 8, "ags": 8, "okt": 10, "des": 12,
                "peb": 2, "nop": 11, "mei": 5})


def norm(value: Any) -> str:
    """Text for comparing: a list joined by spaces, case folded, spaces collapsed."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = " ".join(norm(v) for v in value)
    return " ".join(str(value).split()).casefold()


def date_key(value: Any) -> str:
    """A date as YYYY-MM-DD or YYYY-MM, whatever month words it was printed with."""
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y-%m-%d")
    text = norm(value).strip(" .")
    if text.strip("-–— ") == "":
        return ""
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if m:
        return f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}"
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    if m:
        return f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    m = re.fullmatch(r"(?:(\d{1,2})\s+)?([a-z]+)\.?\s+(\d{4})", text)
    if m:
        word = m[2]
        month = _MONTHS.get(word) or next(
            (n for name, n in _MONTHS.items() if len(word) >= 3 and name.startswith(word)), 0)
        if month:
            return f"{m[3]}-{month:02d}" + (f"-{int(m[1]):02d}" if m[1] else "")
    return text


def not_measurable(value: Any) -> bool:
    text = norm(value)
    if not text:
        return True
    if _NOT_MEASURABLE.match(text):
        return True
    from soptool.timing.durations import DurationError, parse_duration

    try:
        parse_duration(text)
    except DurationError as exc:
        return exc.code == "SOP302"
    return False


def same_waktu(a: Any, b: Any) -> bool:
    if not_measurable(a) and not_measurable(b):
        return True
    return norm(a) == norm(b)


def dig(data: dict[str, Any], dotted: str) -> Any:
    value: Any = data
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def identity_equal(key: str, a: Any, b: Any) -> bool:
    if key.startswith("tanggal."):
        return date_key(a) == date_key(b)
    if key == "disahkan_oleh.nip":
        return re.sub(r"\D", "", str(a or "")) == re.sub(r"\D", "", str(b or ""))
    if isinstance(a, list) or isinstance(b, list):
        items_a = [norm(x) for x in (a if isinstance(a, list) else [a] if a else [])]
        items_b = [norm(x) for x in (b if isinstance(b, list) else [b] if b else [])]
        return items_a == items_b
    return norm(a) == norm(b)


def step_actors(step: dict[str, Any], actors: dict[str, Any]) -> list[str]:
    keys = step.get("pelaksana")
    keys = keys if isinstance(keys, list) else [keys]
    return sorted(norm(actors.get(k, k)) for k in keys if k is not None)


def target_number(target: Any, steps: list[dict[str, Any]], here: int) -> str:
    """A branch or lanjut target as a step number (from 1) or 'selesai'."""
    if target is None:
        return ""
    if isinstance(target, bool):
        return str(target)
    if isinstance(target, int):
        return "selesai" if target > len(steps) else str(target)
    text = str(target).strip()
    if text.lower() == "selesai":
        return "selesai"
    if text.isdigit():
        return text
    for k, step in enumerate(steps):
        if step.get("id") == text:
            return str(k + 1)
    return text


def is_decision(step: dict[str, Any]) -> bool:
    return isinstance(step.get("keputusan"), dict)


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> bool:
        self.total += 1
        self.right += ok
        return ok

    def rate(self) -> str:
        if not self.total:
            return "   -  (0)"
        return f"{100 * self.right / self.total:5.1f}% ({self.right}/{self.total})"


@dataclass
class Report:
    tallies: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    mismatches: list[str] = field(default_factory=list)

    def check(self, what: str, ok: bool, where: str, got: Any, want: Any) -> None:
        if not self.tallies[what].add(ok):
            self.mismatches.append(f"{where}: {what}: dibaca {got!r}, seharusnya {want!r}")


def compare(pdf: Path, truth_path: Path, report: Report) -> str:
    truth = yaml.safe_load(truth_path.read_text("utf-8"))
    result = import_pdf(pdf, pdf.name)
    name = pdf.stem[:48]
    composed = result.composed
    if composed is None or composed.text is None:
        report.mismatches.append(f"{name}: tidak terbaca: {result.failure_key} "
                                 f"{result.failure_params}")
        report.tallies["berkas terbaca"].add(False)
        return "gagal"
    report.tallies["berkas terbaca"].add(True)
    got = yaml.safe_load(composed.text) or {}
    for key in IDENTITY:
        report.check("identitas", identity_equal(key, dig(got, key), dig(truth, key)),
                     f"{name} {key}", dig(got, key), dig(truth, key))
    if result.pictures:
        report.tallies["halaman gambar dikenali"].add(True)
        return "gambar"
    steps_got = got.get("langkah") or []
    steps_want = truth.get("langkah") or []
    report.check("jumlah langkah", len(steps_got) == len(steps_want), name,
                 len(steps_got), len(steps_want))
    report.tallies["valid (tanpa galat)"].add(result.errors == 0)
    if result.errors:
        report.mismatches.append(f"{name}: soptool validate: " + "; ".join(
            f"{f.line}:{f.col} {f.code} {f.message()}" for f in result.findings
            if f.is_error))
    actors_got = got.get("pelaksana") or {}
    actors_want = truth.get("pelaksana") or {}
    report.check("judul kolom pelaksana",
                 [norm(v) for v in actors_got.values()] == [norm(v) for v in
                                                            actors_want.values()],
                 name, list(actors_got.values()), list(actors_want.values()))
    for k, want in enumerate(steps_want):
        where = f"{name} langkah {k + 1}"
        have = steps_got[k] if k < len(steps_got) else {}
        report.check("kegiatan", norm(have.get("kegiatan")) == norm(want.get("kegiatan")),
                     where, have.get("kegiatan"), want.get("kegiatan"))
        a, b = step_actors(have, actors_got), step_actors(want, actors_want)
        report.check("pelaksana", a == b, where, a, b)
        report.check("simbol", is_decision(have) == is_decision(want), where,
                     "keputusan" if is_decision(have) else "proses",
                     "keputusan" if is_decision(want) else "proses")
        report.check("waktu", same_waktu(have.get("waktu"), want.get("waktu")), where,
                     have.get("waktu"), want.get("waktu"))
        report.check("output", norm(have.get("output")) == norm(want.get("output")), where,
                     have.get("output"), want.get("output"))
        if is_decision(want):
            mine = have.get("keputusan") if is_decision(have) else {}
            pair_got = (target_number(mine.get("ya"), steps_got, k),
                        target_number(mine.get("tidak"), steps_got, k))
            pair_want = (target_number(want["keputusan"].get("ya"), steps_want, k),
                         target_number(want["keputusan"].get("tidak"), steps_want, k))
            report.check("keputusan (kedua tujuan)", pair_got == pair_want, where, pair_got,
                         pair_want)
        lanjut_got = target_number(have.get("lanjut"), steps_got, k)
        lanjut_want = target_number(want.get("lanjut"), steps_want, k)
        if lanjut_got or lanjut_want:
            report.check("lanjut", lanjut_got == lanjut_want, where, lanjut_got, lanjut_want)
    return "dibaca"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path,
                        default=ROOT.parent / "shared" / "real-pdf")
    args = parser.parse_args(argv)
    pdfs = sorted(p for p in args.folder.glob("*.pdf")
                  if p.with_name(p.stem + ".truth.yaml").exists())
    if not pdfs:
        print(f"tidak ada PDF dengan .truth.yaml di {args.folder}", file=sys.stderr)
        return 2
    report = Report()
    started = time.perf_counter()
    for pdf in pdfs:
        status = compare(pdf, pdf.with_name(pdf.stem + ".truth.yaml"), report)
        print(f"{status:7} {pdf.name}")
    elapsed = time.perf_counter() - started
    print(f"\n{len(pdfs)} PDF dalam {elapsed:.2f} s\n")
    for what, tally in report.tallies.items():
        print(f"  {what:28} {tally.rate()}")
    print(f"\n{len(report.mismatches)} ketidakcocokan:")
    for line in report.mismatches:
        print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
