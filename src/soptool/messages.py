"""The message catalogue: every text a user reads, in Indonesian first and English.

A message is looked up by its key (a finding code such as ``SOP201`` or a UI key such as
``ui.summary``) and formatted with ``str.format`` keyword arguments. Indonesian (``id``) is
the default language; ``--lang en`` or ``SOPTOOL_LANG=en`` switches to English.
"""

from __future__ import annotations

import os
from typing import Any

LANGS = ("id", "en")

# code -> (Indonesian, English)
CATALOGUE: dict[str, tuple[str, str]] = {
    # --- SOP0xx: reading the file -------------------------------------------------------
    "SOP001": (
        "berkas tidak dapat dibaca: {reason}",
        "file cannot be read: {reason}",
    ),
    "SOP002": (
        "berkas bukan teks UTF-8 yang sah (bita {byte} tidak valid); simpan ulang sebagai UTF-8",
        "file is not valid UTF-8 text (invalid byte {byte}); save it again as UTF-8",
    ),
    "SOP003": (
        "sintaks YAML tidak valid: {problem}",
        "invalid YAML syntax: {problem}",
    ),
    "SOP004": (
        "kunci '{key}' ditulis dua kali (pertama di baris {first_line}, lagi di baris {line})",
        "key '{key}' is written twice (first on line {first_line}, again on line {line})",
    ),
    "SOP005": (
        "anchor dan alias YAML ('&', '*') tidak diizinkan dalam berkas SOP; tulis nilainya "
        "secara langsung",
        "YAML anchors and aliases ('&', '*') are not allowed in an SOP file; write the value "
        "out",
    ),
    "SOP006": (
        "berkas terlalu besar ({size} bita; batas {limit} bita)",
        "file is too large ({size} bytes; the limit is {limit} bytes)",
    ),
    "SOP007": (
        "struktur bersarang terlalu dalam (lebih dari {limit} tingkat)",
        "nesting is too deep (more than {limit} levels)",
    ),
    "SOP008": (
        "berkas kosong: sebuah SOP paling sedikit memerlukan 'nama', 'pelaksana' dan 'langkah'",
        "file is empty: an SOP needs at least 'nama', 'pelaksana' and 'langkah'",
    ),
    "SOP009": (
        "isi berkas harus berupa pemetaan (kunci: nilai), bukan {found}",
        "the file must hold a mapping (key: value), not {found}",
    ),
    "SOP010": (
        "berkas tampaknya biner (berisi bita NUL), bukan teks YAML",
        "the file looks binary (it contains NUL bytes), not YAML text",
    ),
    "SOP011": (
        "kunci harus berupa teks biasa, bukan {found}",
        "a key must be plain text, not {found}",
    ),
    # --- SOP1xx: the shape of the file (schema) -----------------------------------------
    "SOP101": (
        "kunci tidak dikenal '{key}'{hint}",
        "unknown key '{key}'{hint}",
    ),
    "SOP100": (
        "nilai '{field}'{where} tidak valid: {detail}",
        "the value of '{field}'{where} is not valid: {detail}",
    ),
    "SOP102": (
        "'{field}'{where} wajib diisi",
        "'{field}'{where} is required",
    ),
    "SOP103": (
        "'{field}'{where} harus berupa {expected}",
        "'{field}'{where} must be {expected}",
    ),
    "SOP104": (
        "tanggal '{text}' tidak valid: {reason}",
        "date '{text}' is not valid: {reason}",
    ),
    "SOP105": (
        "id '{text}' tidak valid: gunakan huruf kecil, angka dan tanda hubung, diawali huruf "
        "(contoh: susun-konsep)",
        "id '{text}' is not valid: use lower-case letters, digits and hyphens, starting with a "
        "letter (e.g. susun-konsep)",
    ),
    "SOP106": (
        "'{field}'{where} tidak boleh kosong",
        "'{field}'{where} must not be empty",
    ),
    "SOP108": (
        "satuan_waktu '{text}' tidak dikenal; satuan yang diterima: {units}",
        "satuan_waktu '{text}' is not a known unit; accepted units: {units}",
    ),
    # --- SOP2xx: actors and flow --------------------------------------------------------
    "SOP201": (
        "pelaksana '{key}' tidak dideklarasikan di bagian 'pelaksana'{hint}",
        "pelaksana '{key}' is not declared under 'pelaksana'{hint}",
    ),
    "SOP202": (
        "pelaksana '{key}' ({title}) dideklarasikan tetapi tidak melakukan langkah apa pun",
        "pelaksana '{key}' ({title}) is declared but does no step",
    ),
    "SOP203": (
        "id langkah '{id}' sudah dipakai oleh langkah {first}",
        "step id '{id}' is already used by step {first}",
    ),
    "SOP204": (
        "tujuan '{target}' tidak ada: gunakan nomor langkah (1-{count}), id langkah, atau "
        "'selesai'{hint}",
        "target '{target}' does not exist: use a step number (1-{count}), a step id, or "
        "'selesai'{hint}",
    ),
    "SOP205": (
        "cabang 'ya' dan 'tidak' pada keputusan langkah {step} menuju tempat yang sama "
        "({target}); sebuah keputusan harus bercabang",
        "the 'ya' and 'tidak' branches of the decision in step {step} go to the same place "
        "({target}); a decision must branch",
    ),
    "SOP206": (
        "langkah {step} tidak pernah dicapai dari langkah 1",
        "step {step} is never reached from step 1",
    ),
    "SOP207": (
        "langkah {step} berada dalam perulangan yang tidak pernah keluar menuju selesai",
        "step {step} is in a loop that never leads out to the end",
    ),
    "SOP208": (
        "langkah {step} adalah keputusan; 'lanjut' tidak berlaku di sini, alurnya diatur oleh "
        "'ya' dan 'tidak'",
        "step {step} is a decision; 'lanjut' does not apply, its flow is set by 'ya' and "
        "'tidak'",
    ),
    "SOP209": (
        "langkah 1 tidak boleh menjadi tujuan alur: langkah 1 adalah simbol Mulai",
        "step 1 must not be a flow target: step 1 is the start symbol",
    ),
    # --- SOP3xx: durations --------------------------------------------------------------
    "SOP301": (
        "waktu '{text}' tidak dapat dibaca: {reason}. Satuan yang diterima: {units}",
        "duration '{text}' cannot be read: {reason}. Accepted units: {units}",
    ),
    "SOP302": (
        "waktu '{text}' tidak terukur; langkah ini tidak ikut dijumlahkan",
        "duration '{text}' is not measurable; this step is left out of totals",
    ),
    "SOP303": (
        "langkah {step} tidak mencantumkan waktu; langkah ini tidak ikut dijumlahkan",
        "step {step} has no waktu; it is left out of totals",
    ),
    "SOP304": (
        "waktu '{text}' berupa angka tanpa satuan; tulis satuannya (mis. '{text} menit') atau "
        "tetapkan 'satuan_waktu' untuk SOP ini",
        "duration '{text}' is a number without a unit; write the unit (e.g. '{text} menit') or "
        "set 'satuan_waktu' for this SOP",
    ),
    "SOP305": (
        "batas_waktu '{text}' tidak terukur; batas waktu harus berupa durasi",
        "batas_waktu '{text}' is not measurable; a time limit must be a duration",
    ),
    # --- SOP4xx: identity ---------------------------------------------------------------
    "SOP401": (
        "tanggal {field} ({date}) lebih awal dari tanggal pembuatan ({pembuatan})",
        "the {field} date ({date}) is before the pembuatan date ({pembuatan})",
    ),
    "SOP402": (
        "NIP '{text}' harus 18 angka (sekarang {count} angka)",
        "NIP '{text}' must be 18 digits (it has {count})",
    ),
    "SOP403": (
        "NIP '{text}' memuat tanggal lahir yang mustahil ({birth})",
        "NIP '{text}' holds an impossible birth date ({birth})",
    ),
    "SOP404": (
        "NIP '{text}' memuat TMT CPNS yang mustahil ({tmt})",
        "NIP '{text}' holds an impossible civil-service start (TMT CPNS {tmt})",
    ),
    "SOP405": (
        "identitas SOP belum lengkap: '{field}' belum diisi",
        "the SOP identity is incomplete: '{field}' is not filled in",
    ),
    # --- UI texts -----------------------------------------------------------------------
    "ui.in_step": (" pada langkah {step}", " in step {step}"),
    "ui.is_directory": ("ini sebuah folder, bukan berkas", "this is a folder, not a file"),
    "ui.not_found": ("berkas tidak ada", "the file does not exist"),
    "ui.permission": ("tidak ada izin membaca", "permission denied"),
    "ui.did_you_mean": (" (maksud Anda '{suggestion}'?)", " (did you mean '{suggestion}'?)"),
    "ui.allowed_keys": (" (kunci yang dikenal: {keys})", " (known keys: {keys})"),
    "ui.error": ("galat", "error"),
    "ui.warning": ("peringatan", "warning"),
    "ui.summary": (
        "{files} berkas diperiksa: {errors} galat, {warnings} peringatan",
        "{files} files checked: {errors} errors, {warnings} warnings",
    ),
    "ui.summary_ok": (
        "{files} berkas diperiksa: semua valid",
        "{files} files checked: all valid",
    ),
    "ui.strict_failed": (
        "gagal karena --strict: peringatan dihitung sebagai galat",
        "failed because of --strict: warnings count as errors",
    ),
    "ui.no_files": (
        "tidak ada berkas SOP (*.yaml, *.yml) di {path}",
        "no SOP files (*.yaml, *.yml) in {path}",
    ),
    "ui.path_missing": ("path tidak ada: {path}", "path does not exist: {path}"),
    "ui.bad_lang": (
        "bahasa '{lang}' tidak dikenal; pilih: {choices}",
        "language '{lang}' is not known; choose: {choices}",
    ),
    "ui.bad_format": (
        "format '{fmt}' tidak dikenal; pilih: {choices}",
        "format '{fmt}' is not known; choose: {choices}",
    ),
    # --- render (issue 4) ---------------------------------------------------------------
    "render.stdout_many": (
        "'-o -' (stdout) hanya untuk satu berkas; untuk beberapa berkas, -o harus sebuah "
        "folder",
        "'-o -' (stdout) takes one file only; for several files, -o must be a folder",
    ),
    "render.out_not_dir": (
        "dengan beberapa berkas, -o harus sebuah folder, tetapi {path} adalah berkas",
        "with several files, -o must be a folder, but {path} is a file",
    ),
    "render.no_folder": ("folder {path} tidak ada", "folder {path} does not exist"),
    "render.collision": (
        "{first} dan {second} akan ditulis ke berkas yang sama ({path}); render keduanya "
        "secara terpisah dengan -o",
        "{first} and {second} would be written to the same file ({path}); render them "
        "separately with -o",
    ),
    "render.over_input": (
        "keluaran {path} adalah berkas masukan; pilih nama lain dengan -o",
        "output {path} is an input file; choose another name with -o",
    ),
    "render.templates_missing": (
        "folder templat {path} tidak ada", "template folder {path} does not exist",
    ),
    "render.template_error": (
        "templat {name} tidak dapat dipakai: {reason}",
        "template {name} cannot be used: {reason}",
    ),
    "render.write_error": (
        "tidak dapat menulis {path}: {reason}", "cannot write {path}: {reason}",
    ),
    "render.skipped": (
        "{file}: tidak dirender karena ada {errors} galat",
        "{file}: not rendered because of {errors} errors",
    ),
    # reasons for SOP301
    "dur.range_shape": ("rentang harus berbentuk 'A - B'", "a range must read 'A - B'"),
    "dur.range_low_unit": (
        "batas bawah rentang tidak bersatuan", "the lower bound of the range has no unit"
    ),
    "dur.range_order": (
        "batas bawah rentang lebih besar dari batas atasnya",
        "the lower bound of the range is larger than its upper bound",
    ),
    "dur.unknown_word": ("'{word}' tidak dikenal", "'{word}' is not understood"),
    "dur.unknown_unit": ("satuan '{word}' tidak dikenal", "unit '{word}' is not known"),
    "dur.no_number": ("tidak ada angka dan satuan", "there is no number and unit"),
    # reasons for SOP104
    "date.shape": (
        "tulis sebagai 2025-12-17 atau 17 Desember 2025",
        "write it as 2025-12-17 or 17 Desember 2025",
    ),
    "date.month": ("nama bulan '{word}' tidak dikenal", "month name '{word}' is not known"),
    "date.month_number": ("bulan {month} tidak ada", "there is no month {month}"),
    "date.day": (
        "{month} {year} tidak memiliki tanggal {day}",
        "{month} {year} has no day {day}",
    ),
    # expected types for SOP103
    "type.text": ("teks", "text"),
    "type.list": ("daftar (list)", "a list"),
    "type.mapping": ("pemetaan (kunci: nilai)", "a mapping (key: value)"),
    "type.text_or_list": ("teks atau daftar teks", "text or a list of text"),
    "type.bool": ("true atau false", "true or false"),
    "type.number": ("angka", "a number"),
    "type.target": (
        "nomor langkah, id langkah, atau 'selesai'",
        "a step number, a step id, or 'selesai'",
    ),
    "found.list": ("daftar", "a list"),
    "found.text": ("teks", "text"),
    "found.mapping": ("pemetaan", "a mapping"),
    "found.null": ("kosong", "empty"),
}


def default_lang() -> str:
    """The language from SOPTOOL_LANG, Indonesian when unset or unknown."""
    lang = os.environ.get("SOPTOOL_LANG", "id").strip().lower()
    return lang if lang in LANGS else "id"


def message(key: str, lang: str = "id", /, **params: Any) -> str:
    """Look up a message by key and format it; unknown keys give the key itself."""
    texts = CATALOGUE.get(key)
    if texts is None:
        return key
    text = texts[1] if lang == "en" else texts[0]
    # Parameters may themselves be message keys (e.g. an expected type): translate them.
    resolved = {k: _resolve(v, lang) for k, v in params.items()}
    return text.format(**resolved)


def _resolve(value: Any, lang: str) -> Any:
    """Translate a parameter that is itself a message: a key, or a (key, params) pair."""
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], dict):
        return message(value[0], lang, **value[1])
    if isinstance(value, str) and value.startswith(("type.", "found.", "ui.", "dur.", "date.")):
        texts = CATALOGUE.get(value)
        if texts is not None:
            return texts[1] if lang == "en" else texts[0]
    return value
