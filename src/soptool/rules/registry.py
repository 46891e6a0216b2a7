"""The rules registry: every finding code in one table, with what the README says of it.

Each ``Rule`` names its code (which is also its message key in ``report.messages``), its
severity, the stage that emits it, a one-line Indonesian description (the README's code
table is generated from these, see ``markdown_table``) and, for a semantic check, the check
function in ``rules.checks`` that emits it. ``run_checks`` takes its checks from here.

Stages: ``reading`` (``source.yamltree``: bytes and YAML), ``shape`` (``loading``: the
file's shape against the model), ``checks`` (``rules.checks``: a model that has a shape)
``duration`` (``commands.duration``: the limits of measuring a valid SOP) and ``run``
(``rules.crossref``: across the files validated together).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from soptool.findings import Severity
from soptool.report.messages import message
from soptool.rules import checks as c
from soptool.rules.checks import Check


class Stage(str, Enum):
    """Which part of soptool emits a finding."""

    READING = "reading"
    SHAPE = "shape"
    CHECKS = "checks"
    DURATION = "duration"
    RUN = "run"

    @property
    def module(self) -> str:
        """The module that emits the findings of this stage."""
        return _MODULES[self]


_MODULES = {
    Stage.READING: "soptool.source.yamltree",
    Stage.SHAPE: "soptool.loading",
    Stage.CHECKS: "soptool.rules.checks",
    Stage.DURATION: "soptool.commands.duration",
    Stage.RUN: "soptool.rules.crossref",
}


@dataclass(frozen=True)
class Rule:
    """One finding code."""

    code: str
    severity: Severity
    stage: Stage
    doc: str  # Indonesian, one line, Markdown: the README's code table
    check: Check | None = None  # the function in rules.checks that emits it

    @property
    def message_key(self) -> str:
        """The key of this rule's message in ``report.messages``."""
        return self.code


E, W = Severity.ERROR, Severity.WARNING
R, S, C, D, N = Stage.READING, Stage.SHAPE, Stage.CHECKS, Stage.DURATION, Stage.RUN

_RULES = (
    # --- SOP0xx: reading the file --------------------------------------------------------
    Rule("SOP001", E, R, "berkas tidak terbaca (tidak ada, sebuah folder, tanpa izin baca, "
                         "bukan berkas biasa)"),
    Rule("SOP002", E, R, "bukan teks UTF-8 (menyebut bita yang salah)"),
    Rule("SOP003", E, R, "sintaks YAML tidak valid"),
    Rule("SOP004", E, R, "kunci ganda (menyebut kedua barisnya)"),
    Rule("SOP005", E, R, "anchor/alias YAML (`&`, `*`)"),
    Rule("SOP006", E, R, "berkas terlalu besar (> 5 MiB)"),
    Rule("SOP007", E, R, "bersarang terlalu dalam (> 64 tingkat)"),
    Rule("SOP008", E, R, "berkas kosong"),
    Rule("SOP009", E, R, "isi berkas bukan pemetaan (kunci: nilai)"),
    Rule("SOP010", E, R, "berkas biner (berisi bita NUL)"),
    Rule("SOP011", E, R, "kunci bukan teks biasa (misalnya daftar sebagai kunci)"),
    Rule("SOP012", E, R, "tersimpan sebagai UTF-16, bukan UTF-8"),
    Rule("SOP013", E, R, "karakter kendali dalam teks (`\\0`, `\\x07`, U+0080–U+009F; "
                         "selain tab dan akhir baris), juga bila ditulis sebagai escape YAML"),
    # --- SOP1xx: the shape of the file ---------------------------------------------------
    Rule("SOP100", E, S, "nilai tidak valid menurut format (cadangan untuk kesalahan bentuk "
                         "yang tidak memiliki kode sendiri)"),
    Rule("SOP101", E, S, "kunci tidak dikenal, dengan \"maksud Anda ...?\""),
    Rule("SOP102", E, S, "isian wajib tidak ada (`nama`, `pelaksana`, `langkah`, `kegiatan`, "
                         "`ya`/`tidak` keputusan)"),
    Rule("SOP103", E, S, "jenis nilai salah (teks, daftar, pemetaan)"),
    Rule("SOP104", E, S, "tanggal mustahil atau tak terbaca (`31 Februari 2025`, "
                         "`2025-13-01`)"),
    Rule("SOP105", E, S, "id langkah tidak berbentuk slug (`susun-konsep`)"),
    Rule("SOP106", E, S, "isian wajib kosong (`nama`, `pelaksana`, `langkah`, `kegiatan`, "
                         "`ya`/`tidak` keputusan)"),
    Rule("SOP108", E, C, "`satuan_waktu` bukan satuan yang dikenal", c.check_durations),
    Rule("SOP109", E, S, "id langkah `selesai` dicadangkan untuk akhir prosedur"),
    Rule("SOP110", E, C, "`status` bukan `draf`, `berlaku`, `digantikan` atau `dicabut`, "
                         "dengan \"maksud Anda ...?\"", c.check_status),
    # --- SOP2xx: actors and flow ---------------------------------------------------------
    Rule("SOP201", E, C, "pelaksana langkah tidak dideklarasikan", c.check_actors),
    Rule("SOP202", W, C, "pelaksana dideklarasikan tetapi tidak melakukan langkah apa pun",
         c.check_actors),
    Rule("SOP203", E, C, "id langkah dipakai dua kali", c.check_ids),
    Rule("SOP204", E, C, "tujuan `ya`/`tidak`/`lanjut` tidak ada", c.check_flow),
    Rule("SOP205", E, C, "kedua cabang keputusan menuju tempat yang sama", c.check_flow),
    Rule("SOP206", E, C, "langkah yang tidak pernah dicapai dari langkah 1", c.check_flow),
    Rule("SOP207", E, C, "perulangan tanpa jalan keluar menuju selesai", c.check_flow),
    Rule("SOP208", E, C, "`lanjut` pada langkah keputusan", c.check_flow),
    Rule("SOP210", E, C, "pelaksana yang sama disebut dua kali pada satu langkah",
         c.check_actors),
    # --- SOP3xx: durations ---------------------------------------------------------------
    Rule("SOP301", E, C, "waktu tak terbaca (dikutip, dengan daftar satuan)",
         c.check_durations),
    Rule("SOP302", W, C, "waktu tidak terukur (`disesuaikan`, `tentatif`, `-`, `Segera`, "
                         "`Sesuai kebutuhan`, `Bulanan`): tidak ikut dijumlahkan",
         c.check_durations),
    Rule("SOP303", W, C, "waktu tidak diisi: tidak ikut dijumlahkan", c.check_durations),
    Rule("SOP304", E, C, "angka tanpa satuan, tanpa `satuan_waktu`", c.check_durations),
    Rule("SOP305", E, C, "`batas_waktu` tidak terukur", c.check_durations),
    Rule("SOP306", E, D, "proyeksi `--mulai` lebih dari 50 tahun kerja (hanya "
                         "`soptool duration`)"),
    Rule("SOP307", W, C, "waktu tampaknya salah ketik (`semingu`: maksud Anda `seminggu`?): "
                         "tidak ikut dijumlahkan", c.check_durations),
    Rule("SOP308", E, C, "`volume` tak terbaca: bukan angka dengan periodenya "
                         "(`1200 per tahun`, `5 per minggu`)", c.check_volume),
    # --- SOP4xx: identity ----------------------------------------------------------------
    Rule("SOP401", E, C, "tanggal revisi atau efektif sebelum tanggal pembuatan",
         c.check_dates),
    Rule("SOP402", E, C, "NIP bukan 18 angka", c.check_nip),
    Rule("SOP403", E, C, "tanggal lahir di dalam NIP mustahil", c.check_nip),
    Rule("SOP404", E, C, "TMT CPNS di dalam NIP mustahil", c.check_nip),
    Rule("SOP405", W, C, "identitas belum lengkap (`nomor`, `instansi`, `tanggal.pembuatan`, "
                         "`disahkan_oleh.jabatan`): draf boleh belum bernomor", c.check_identity),
    Rule("SOP406", W, C, "`digantikan_oleh` pada SOP yang statusnya bukan `digantikan`",
         c.check_status),
    Rule("SOP407", W, C, "`status: digantikan` tanpa `digantikan_oleh`", c.check_status),
    Rule("SOP408", E, C, "`digantikan_oleh` menyebut nomor SOP itu sendiri", c.check_status),
    Rule("SOP409", E, N, "`digantikan_oleh` menyebut nomor yang tidak dimiliki SOP mana pun "
                         "yang diperiksa bersama, maupun di folder berkas itu"),
    Rule("SOP410", W, N, "`nomor` yang sama dipakai dua berkas yang diperiksa bersama"),
)

RULES: dict[str, Rule] = {rule.code: rule for rule in sorted(_RULES, key=lambda r: r.code)}

# Each check once, in the order of its first code. (The order does not show: run_checks sorts
# the findings by position and code, and each code comes from one check only.)
CHECKS: tuple[Check, ...] = tuple(dict.fromkeys(
    rule.check for rule in RULES.values() if rule.check is not None))


def rule(code: str) -> Rule:
    """The rule of a finding code; KeyError for an unknown one."""
    return RULES[code]


def markdown_table() -> str:
    """The README's code table (section "Yang diperiksa"), one row per code."""
    lines = ["| kode | tingkat | pemeriksaan |", "|---|---|---|"]
    for r in RULES.values():
        word = message(f"ui.{r.severity.value}", "id")
        lines.append(f"| {r.code} | {word} | {r.doc} |")
    return "\n".join(lines) + "\n"


MARK_BEGIN, MARK_END = "<!-- kode:mulai -->", "<!-- kode:selesai -->"
_BLOCK = re.compile(re.escape(MARK_BEGIN) + r"\n(.*?)" + re.escape(MARK_END), re.S)


def readme_table(text: str) -> str | None:
    """The generated table as it stands in a README's text (None without the markers)."""
    found = _BLOCK.search(text)
    return found.group(1) if found else None


def update_readme(path: Path) -> bool:
    """Write the generated table between the markers of ``path``; whether it changed."""
    text = path.read_text(encoding="utf-8")
    if readme_table(text) is None:
        raise ValueError(f"{path}: no {MARK_BEGIN} ... {MARK_END} markers")
    new = _BLOCK.sub(lambda _: f"{MARK_BEGIN}\n{markdown_table()}{MARK_END}", text, count=1)
    if new == text:
        return False
    path.write_text(new, encoding="utf-8")
    return True
