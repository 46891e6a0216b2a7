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
    "SOP012": (
        "berkas tersimpan sebagai {encoding}; simpan ulang sebagai UTF-8",
        "the file is saved as {encoding}; save it again as UTF-8",
    ),
    "SOP013": (
        "karakter kendali {char} tidak boleh ada dalam teks SOP; hapus atau ganti dengan "
        "teks biasa",
        "the control character {char} is not allowed in SOP text; remove it or write plain "
        "text instead",
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
    "SOP109": (
        "id '{text}' dicadangkan untuk akhir prosedur; pilih id lain",
        "id '{text}' is reserved for the end of the procedure; choose another id",
    ),
    "SOP110": (
        "status '{text}' tidak dikenal; status yang diterima: {choices}{hint}",
        "status '{text}' is not known; accepted statuses: {choices}{hint}",
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
        "langkah {steps} membentuk perulangan yang tidak pernah keluar menuju selesai",
        "steps {steps} form a loop that never leads out to the end",
    ),
    "SOP208": (
        "langkah {step} adalah keputusan; 'lanjut' tidak berlaku di sini, alurnya diatur oleh "
        "'ya' dan 'tidak'",
        "step {step} is a decision; 'lanjut' does not apply, its flow is set by 'ya' and "
        "'tidak'",
    ),
    "SOP210": (
        "pelaksana '{key}' disebut dua kali pada langkah {step}",
        "pelaksana '{key}' is named twice in step {step}",
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
    "SOP306": (
        "proyeksi ke kalender terlalu panjang: {days} hari kerja dari --mulai, lebih dari "
        "batas {limit} hari (sekitar 50 tahun kerja)",
        "the calendar projection is too long: {days} working days from --mulai, more than "
        "the limit of {limit} days (about 50 working years)",
    ),
    "SOP307": (
        "waktu '{text}' tidak dikenal (maksud Anda '{suggestion}'?); langkah ini tidak ikut "
        "dijumlahkan",
        "duration '{text}' is not understood (did you mean '{suggestion}'?); this step is left "
        "out of totals",
    ),
    "SOP308": (
        "volume '{text}' tidak terbaca: {reason}; tulis angka dan periodenya, mis. "
        "'1200 per tahun' (periode: {periods})",
        "volume '{text}' cannot be read: {reason}; write a count and its period, e.g. "
        "'1200 per tahun' (periods: {periods})",
    ),
    "volume.empty": ("kosong", "it is empty"),
    "volume.no_period": ("periodenya tidak ditulis", "its period is missing"),
    "volume.period": ("periodenya bukan tahun, bulan, minggu atau hari",
                      "its period is not tahun, bulan, minggu or hari"),
    "volume.form": ("bukan angka dengan periode", "it is not a count with a period"),
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
    "SOP406": (
        "'digantikan_oleh' diisi, tetapi status SOP ini {status}: tulis 'status: digantikan', "
        "atau hapus 'digantikan_oleh'",
        "'digantikan_oleh' is filled in, but this SOP's status is {status}: write "
        "'status: digantikan', or remove 'digantikan_oleh'",
    ),
    "SOP407": (
        "SOP berstatus digantikan tanpa 'digantikan_oleh': tulis nomor SOP penggantinya",
        "an SOP with status digantikan has no 'digantikan_oleh': write the nomor of the SOP "
        "that replaces it",
    ),
    "SOP408": (
        "'digantikan_oleh' menyebut nomor SOP ini sendiri ({nomor}): tulis nomor SOP "
        "penggantinya",
        "'digantikan_oleh' names this SOP's own nomor ({nomor}): write the nomor of the SOP "
        "that replaces it",
    ),
    "SOP409": (
        "SOP pengganti '{target}' tidak ditemukan: tidak ada SOP bernomor itu di antara "
        "berkas yang diperiksa maupun di folder {folder}{hint}",
        "the replacing SOP '{target}' is not found: no SOP has that nomor among the files "
        "checked nor in the folder {folder}{hint}",
    ),
    "SOP410": (
        "nomor '{nomor}' sudah dipakai oleh {other}",
        "nomor '{nomor}' is already used by {other}",
    ),
    # --- soptool diff, soptool fmt (issue 6) --------------------------------------------
    "FMT001": (
        "fmt tidak mengubah berkas ini: komentar '# {comment}' akan hilang (misalnya komentar "
        "di dalam [ ] atau {{ }}); pindahkan ke barisnya sendiri",
        "fmt leaves this file alone: the comment '# {comment}' would be lost (such as a comment "
        "inside [ ] or {{ }}); move it to a line of its own",
    ),
    "FMT002": (
        "fmt tidak mengubah berkas ini: menulis ulang nilai di sini akan mengubah isinya "
        "(misalnya nilai kosong di dalam [ ] atau {{ }}); tulis nilainya, atau pakai bentuk "
        "'kunci: nilai' satu per baris",
        "fmt leaves this file alone: rewriting the value here would change it (such as an "
        "empty value inside [ ] or {{ }}); write the value, or use 'key: value', one a line",
    ),
    "FMT003": (
        "fmt tidak mengubah berkas ini: tag YAML '{tag}' tidak dipakai format SOP dan tidak "
        "dapat ditulis ulang tanpa mengubah artinya; hapus tag itu",
        "fmt leaves this file alone: the YAML tag '{tag}' is not part of the SOP format and "
        "cannot be rewritten without changing its meaning; remove the tag",
    ),
    "FMT004": (
        "fmt tidak mengubah berkas ini: kunci ditulis dengan '? ' (kunci eksplisit YAML); "
        "tulis sebagai 'kunci: nilai'",
        "fmt leaves this file alone: a key is written with '? ' (a YAML explicit key); "
        "write it as 'key: value'",
    ),
    "FMT005": (
        "fmt tidak mengubah berkas ini: terjadi kesalahan tak terduga ({detail}); ini bug "
        "soptool, mohon laporkan beserta berkasnya",
        "fmt leaves this file alone: an unexpected error occurred ({detail}); this is a "
        "soptool bug, please report it with the file",
    ),
    "FMT006": (
        "fmt tidak mengubah berkas ini: ada karakter tab di dalam teks tanpa tanda kutip; "
        "ganti tab itu dengan spasi, atau beri teksnya tanda kutip",
        "fmt leaves this file alone: there is a tab character inside unquoted text; replace "
        "the tab with a space, or put the text in quotes",
    ),
    "FMT007": (
        "fmt tidak mengubah berkas ini: teks di sini tidak dapat ditulis ulang persis seperti "
        "aslinya, karena berisi karakter {char} yang hanya dapat ditulis fmt sebagai escape "
        "(misalnya karakter tak terlihat U+FEFF, atau tab di dalam tanda kutip); hapus "
        "karakter itu, atau tulis teksnya dengan tanda kutip ganda dan escape (\\uFEFF, \\t)",
        "fmt leaves this file alone: the text here cannot be written back exactly as it is: "
        "it holds the character {char}, which fmt can only write as an escape (such as an "
        "invisible U+FEFF, or a tab inside quotes); remove that character, or write the text "
        "in double quotes with an escape (\\uFEFF, \\t)",
    ),
    "git.path_unknown": (
        "path tidak ada, baik di working tree maupun di revisi itu: {path}",
        "path exists neither in the working tree nor in that revision: {path}",
    ),
    "git.missing": (
        "program git tidak ditemukan; pasang git untuk memakai --git",
        "the git program was not found; install git to use --git",
    ),
    "git.not_repo": (
        "{path} tidak berada di dalam repositori git",
        "{path} is not inside a git repository",
    ),
    "git.bad_rev": (
        "revisi git '{rev}' tidak dikenal (contoh: HEAD~1, main, origin/main, sebuah hash)",
        "git revision '{rev}' is not known (e.g. HEAD~1, main, origin/main, a hash)",
    ),
    "git.show_failed": (
        "tidak dapat membaca {path} pada revisi {rev}: {detail}",
        "cannot read {path} at revision {rev}: {detail}",
    ),
    "git.outside": (
        "{path} berada di luar repositori git {root}",
        "{path} is outside the git repository {root}",
    ),
    "git.diff_failed": ("git diff gagal: {detail}", "git diff failed: {detail}"),
    "serve.address": (
        "Situs tersedia di {url} — tekan Ctrl-C untuk berhenti",
        "The site is at {url} — press Ctrl-C to stop",
    ),
    "serve.stopped": ("Server dihentikan.", "Server stopped."),
    "serve.rebuilt": ("Situs dibangun ulang (versi {build}).", "Site rebuilt (version {build})."),
    "serve.problems": ("{count} masalah ditemukan:", "{count} problems found:"),
    "serve.build_failed": (
        "situs tidak dapat dibangun: {detail}", "the site cannot be built: {detail}",
    ),
    "serve.bad_port": (
        "--port harus antara 0 dan 65535, bukan {port}", "--port must be 0 to 65535, not {port}",
    ),
    "serve.port_in_use": (
        "tidak dapat membuka {host}:{port} ({detail}); port itu mungkin sedang dipakai: pilih "
        "yang lain dengan --port",
        "cannot listen on {host}:{port} ({detail}); the port may be in use: choose another "
        "with --port",
    ),
    "history.clean": ("sama dengan commit terakhir", "as in the last commit"),
    "history.modified": ("perubahan belum di-commit", "changes not committed yet"),
    "history.untracked": ("belum pernah di-commit", "never committed"),
    "history.outside": ("tidak berada di dalam repositori git", "not in a git repository"),
    "diff.needs_files": (
        "diff LAMA BARU membandingkan dua berkas, bukan folder: {path} (untuk folder, pakai "
        "--git REVISI PATH)",
        "diff OLD NEW compares two files, not folders: {path} (for folders, use --git REV PATH)",
    ),
    "diff.old_invalid": (
        "versi lama tidak valid (ini tidak membuat pemeriksaan gagal):",
        "the old version is not valid (this does not fail the check):",
    ),
    "diff.usage": (
        "berikan dua berkas (soptool diff LAMA BARU) atau --git REVISI [PATH...]",
        "give two files (soptool diff OLD NEW) or --git REVISION [PATH...]",
    ),
    "diff.require_revisi_git": (
        "--require-revisi hanya berlaku bersama --git",
        "--require-revisi only applies with --git",
    ),
    "diff.none": ("Tidak ada perubahan isi SOP.", "No change to any SOP's content."),
    "diff.empty": ("(kosong)", "(empty)"),
    "diff.unchanged": (
        "{nama}: tidak ada perubahan isi (hanya tata letak atau komentar)",
        "{nama}: no change of content (layout or comments only)",
    ),
    "diff.added_sop": (
        "SOP baru: {nama} ({steps} langkah, waktu kerja {total})",
        "new SOP: {nama} ({steps} steps, working time {total})",
    ),
    "diff.deleted_sop": (
        "SOP dihapus: {nama} ({steps} langkah)",
        "SOP deleted: {nama} ({steps} steps)",
    ),
    "diff.changed_sop": ("{nama}: {summary}", "{nama}: {summary}"),
    "diff.count_added": ("{n} langkah baru", "{n} step(s) added"),
    "diff.count_removed": ("{n} langkah dihapus", "{n} step(s) removed"),
    "diff.count_changed": ("{n} langkah berubah", "{n} step(s) changed"),
    "diff.count_none": ("langkah tetap", "steps unchanged"),
    "diff.total": ("Waktu kerja total: {change}", "Total working time: {change}"),
    "diff.total_same": (
        "Waktu kerja total tetap {total}; per pelaksana:",
        "Total working time unchanged at {total}; per pelaksana:",
    ),
    "diff.lower_bound": (
        " (batas bawah: ada langkah tanpa waktu terukur)",
        " (lower bound: some steps have no measurable time)",
    ),
    "diff.step": ("Langkah {number} ({kegiatan})", "Step {number} ({kegiatan})"),
    "diff.step_renumbered": ("{new}, dulu {old}", "{new}, was {old}"),
    "diff.step_removed": (
        "{step} dihapus (pelaksana {who}; waktu {waktu})",
        "{step} removed (pelaksana {who}; waktu {waktu})",
    ),
    "diff.step_added": (
        "{step} baru (pelaksana {who}; waktu {waktu})",
        "{step} added (pelaksana {who}; waktu {waktu})",
    ),
    "diff.step_moved": (
        "{step}: dipindah dari urutan {old} ke {new}",
        "{step}: moved from position {old} to {new}",
    ),
    "diff.flow": (
        "{step}: alur '{branch}' {old} -> {new}", "{step}: '{branch}' flow {old} -> {new}"
    ),
    "diff.actor_added": ("Pelaksana baru: {title} ({key})", "Pelaksana added: {title} ({key})"),
    "diff.actor_removed": (
        "Pelaksana dihapus: {title} ({key})", "Pelaksana removed: {title} ({key})"
    ),
    "diff.actor_title": (
        "Pelaksana {key} berganti nama: {old} -> {new}",
        "Pelaksana {key} renamed: {old} -> {new}",
    ),
    "diff.actor_order": (
        "Urutan kolom pelaksana: {old} -> {new}",
        "Order of the pelaksana columns: {old} -> {new}",
    ),
    "diff.actor_key": (
        "Kunci pelaksana {title}: {old} -> {new}",
        "Key of pelaksana {title}: {old} -> {new}",
    ),
    "diff.became_decision": ("kini menjadi keputusan", "is now a decision"),
    "diff.no_longer_decision": ("tidak lagi menjadi keputusan", "is no longer a decision"),
    "diff.decision": ("keputusan", "decision"),
    "diff.not_decision": ("bukan keputusan", "not a decision"),
    "diff.list_added": ("ditambah: {items}", "added: {items}"),
    "diff.list_removed": ("dihapus: {items}", "removed: {items}"),
    "diff.identity": ("Identitas, {change}", "Identity, {change}"),
    "diff.field.nomor": ("nomor SOP", "SOP number"),
    "diff.field.status": ("status", "status"),
    "diff.field.digantikan_oleh": ("digantikan oleh", "replaced by"),
    "diff.field.nama": ("nama SOP", "SOP name"),
    "diff.field.tanggal.pembuatan": ("tanggal pembuatan", "date made"),
    "diff.field.tanggal.revisi": ("tanggal revisi", "revision date"),
    "diff.field.tanggal.efektif": ("tanggal efektif", "effective date"),
    "diff.field.disahkan_oleh.jabatan": ("jabatan pengesah", "approver's position"),
    "diff.field.disahkan_oleh.nama": ("nama pengesah", "approver's name"),
    "diff.field.disahkan_oleh.nip": ("NIP pengesah", "approver's NIP"),
    "diff.field.tujuan": ("maksud dan tujuan", "purpose"),
    "diff.field.dasar_hukum": ("dasar hukum", "legal basis"),
    "diff.field.kualifikasi_pelaksana": ("kualifikasi pelaksana", "qualifications"),
    "diff.field.batas_waktu": ("batas waktu", "time limit"),
    "diff.field.volume": ("volume", "volume"),
    "diff.field.satuan_waktu": ("satuan waktu", "time unit"),
    "diff.field.kegiatan": ("kegiatan", "kegiatan"),
    "diff.field.pelaksana": ("pelaksana", "pelaksana"),
    "diff.field.keputusan": ("keputusan", "decision"),
    "diff.field.keputusan.tanya": ("pertanyaan keputusan", "decision question"),
    "diff.field.keputusan.label_ya": ("label 'ya'", "'ya' label"),
    "diff.field.keputusan.label_tidak": ("label 'tidak'", "'tidak' label"),
    "diff.revisi_missing": (
        "{file}: isi SOP berubah tetapi tanggal.revisi tidak diisi; isi tanggal revisi yang baru",
        "{file}: the SOP's content changed but tanggal.revisi is empty; set a new revision date",
    ),
    "diff.revisi_not_later": (
        "{file}: isi SOP berubah tetapi tanggal.revisi tidak maju ({old} -> {new}); isi tanggal "
        "revisi yang baru",
        "{file}: the SOP's content changed but tanggal.revisi did not move forward "
        "({old} -> {new}); set a new revision date",
    ),
    "diff.md_title": ("Tinjauan perubahan SOP", "SOP change review"),
    "diff.md_summary": ("{n} SOP berubah.", "SOPs changed: {n}."),
    "diff.md_total": ("Waktu kerja total", "Total working time"),
    "diff.md_step": ("langkah", "step"),
    "diff.md_removed": ("dihapus", "removed"),
    "diff.md_added": ("baru", "added"),
    "diff.md_moved": ("dipindah", "moved"),
    "diff.md_flow": ("alur '{branch}'", "'{branch}' flow"),
    "diff.md_actor": ("Pelaksana", "Pelaksana"),
    "diff.md_actor_added": ("baru", "added"),
    "diff.md_actor_removed": ("dihapus", "removed"),
    "diff.md_actor_title": ("berganti nama", "renamed"),
    "diff.md_actor_key": ("kunci berganti", "key renamed"),
    "diff.md_actor_order": ("urutan kolom", "column order"),
    "diff.md_invalid": ("Berkas tidak valid", "Invalid files"),
    "diff.md_identity": ("Identitas", "Identity"),
    "diff.md_where": ("Bagian", "Where"),
    "diff.md_change": ("Perubahan", "Change"),
    "diff.md_before": ("Sebelum", "Before"),
    "diff.md_after": ("Sesudah", "After"),
    "diff.md_delta": ("Selisih", "Difference"),
    "fmt.would_change": ("{file}: akan diformat ulang", "{file}: would be reformatted"),
    "fmt.changed": ("{file}: diformat ulang", "{file}: reformatted"),
    "fmt.summary": (
        "{files} berkas: {changed} diformat ulang, {same} sudah rapi, {failed} gagal",
        "{files} files: {changed} reformatted, {same} already formatted, {failed} failed",
    ),
    "fmt.summary_check": (
        "{files} berkas: {changed} perlu diformat ulang, {same} sudah rapi, {failed} gagal",
        "{files} files: {changed} would be reformatted, {same} already formatted, "
        "{failed} failed",
    ),
    "fmt.write_failed": (
        "{file}: tidak dapat ditulis: {detail}", "{file}: cannot be written: {detail}"
    ),
    "fmt.changed_meanwhile": (
        "{file}: berkas berubah selama fmt berjalan; tidak ditimpa (jalankan fmt lagi)",
        "{file}: the file changed while fmt ran; not overwritten (run fmt again)",
    ),
    # --- soptool baru ---------------------------------------------------------------------
    "baru.made": (
        "SOP baru dibuat: {path} ({actors} pelaksana, {steps} langkah)",
        "new SOP made: {path} ({actors} actors, {steps} steps)",
    ),
    "baru.next": (
        "Langkah berikutnya: isi berkas itu, lalu: soptool validate {path}",
        "Next: fill in that file, then: soptool validate {path}",
    ),
    "baru.exists": (
        "{path} sudah ada; tidak ditimpa (hapus atau pindahkan berkas itu dulu, atau pilih "
        "nama lain dengan -o BERKAS)",
        "{path} already exists; not overwritten (remove or move that file first, or choose "
        "another name with -o FILE)",
    ),
    "baru.no_folder": (
        "folder {folder} tidak ada (untuk {path}); buat dulu foldernya, atau pilih -o lain",
        "folder {folder} does not exist (for {path}); make the folder first, or choose "
        "another -o",
    ),
    "baru.write_failed": (
        "{path} tidak dapat ditulis: {detail}", "{path} cannot be written: {detail}"
    ),
    "baru.empty_nama": (
        "nama SOP tidak boleh kosong; contoh: soptool baru \"Pelayanan Surat Masuk\"",
        "the SOP's name must not be empty; for example: soptool baru \"Pelayanan Surat "
        "Masuk\"",
    ),
    "baru.empty_pelaksana": (
        "--pelaksana tidak boleh kosong; contoh: --pelaksana \"Kepala Seksi\"",
        "--pelaksana must not be empty; for example: --pelaksana \"Kepala Seksi\"",
    ),
    "baru.bad_text": (
        "{what} harus satu baris teks, tanpa baris baru atau karakter kendali ({char} di "
        "'{text}')",
        "{what} must be one line of text, without line breaks or control characters "
        "({char} in '{text}')",
    ),
    "baru.what_nama": ("nama SOP", "the SOP's name"),
    "baru.bad_today": (
        "SOPTOOL_TODAY harus tanggal berbentuk TTTT-BB-HH (misalnya 2026-01-05), bukan "
        "'{value}'",
        "SOPTOOL_TODAY must be a date written YYYY-MM-DD (for example 2026-01-05), not "
        "'{value}'",
    ),
    "import.written": (
        "{source} -> {target}: {steps} langkah, {actors} pelaksana",
        "{source} -> {target}: {steps} steps, {actors} actors",
    ),
    "import.to_check": (
        "  {count} bacaan perlu diperiksa (cari PERIKSA di berkas):",
        "  {count} readings to check (search the file for PERIKSA):",
    ),
    "import.note": ("    {where}: {text}", "    {where}: {text}"),
    "import.findings": (
        "  soptool validate: {errors} galat, {warnings} peringatan",
        "  soptool validate: {errors} errors, {warnings} warnings",
    ),
    "import.picture": (
        "{source}: halaman {page} ({what}) berupa gambar (hasil pindai atau tempelan), tidak "
        "dapat dibaca tanpa OCR",
        "{source}: page {page} ({what}) is a picture (a scan or a pasted image) and cannot "
        "be read without OCR",
    ),
    "import.picture_table": ("tabel prosedur", "the procedure table"),
    "import.picture_identity": ("lembar identitas", "the identity sheet"),
    "import.partial": (
        "{source} -> {target}: hanya identitas yang terbaca; langkah-langkahnya perlu "
        "diketik (berkas ini belum lengkap)",
        "{source} -> {target}: only the identity could be read; its steps must be typed "
        "(this file is not complete)",
    ),
    "import.exists": (
        "{source}: {target} sudah ada; tidak ditimpa (hapus atau pindahkan dulu, atau pakai "
        "-o FOLDER lain)",
        "{source}: {target} already exists; not overwritten (remove or move it first, or "
        "use another -o FOLDER)",
    ),
    "import.write_failed": (
        "{source}: {target} tidak dapat ditulis: {detail}",
        "{source}: {target} cannot be written: {detail}",
    ),
    "import.unreadable": ("tidak dapat dibaca: {detail}", "cannot be read: {detail}"),
    "import.not_pdf": ("bukan berkas PDF", "not a PDF file"),
    "import.broken_pdf": (
        "PDF rusak, terkunci kata sandi, atau tidak dapat dibaca ({detail})",
        "the PDF is damaged, password-protected or unreadable ({detail})",
    ),
    "import.bug": (
        "soptool gagal membaca PDF ini karena kesalahan di soptool sendiri ({detail}); "
        "mohon laporkan bug ini beserta PDF-nya",
        "soptool failed to read this PDF because of a bug in soptool itself ({detail}); "
        "please report it with the PDF",
    ),
    "import.no_table": (
        "tabel prosedur tidak ditemukan (apakah ini SOP AP?)",
        "no procedure table found (is this an SOP AP?)",
    ),
    "import.failed": ("{source}: {reason}", "{source}: {reason}"),
    "import.summary": (
        "{files} PDF: {written} diimpor, {partial} sebagian, {failed} gagal; {notes} bacaan "
        "perlu diperiksa",
        "{files} PDFs: {written} imported, {partial} partly, {failed} failed; {notes} "
        "readings to check",
    ),
    "import.missing_extra": (
        "soptool import memerlukan pdfplumber, yang belum terpasang: pip install "
        "'soptool[import]'",
        "soptool import needs pdfplumber, which is not installed: pip install "
        "'soptool[import]'",
    ),
    "import.not_a_folder": (
        "{path} bukan folder", "{path} is not a folder"
    ),
    "import.no_pdf": (
        "tidak ada berkas PDF di {path}", "no PDF files in {path}"
    ),
    # --- soptool import: the notes on uncertain readings (# PERIKSA: ... in the file, which
    # is always Indonesian; the summary and --format json in the run's language) ----------
    # the identity sheet
    "import.note.identity_unreadable": (
        "lembar identitas tidak terbaca ({error})",
        "the identity sheet could not be read ({error})",
    ),
    "import.note.identity_picture": (
        "lembar identitas berupa gambar (tanpa teks); isi identitas dengan tangan",
        "the identity sheet is a picture (no text); fill in the identity by hand",
    ),
    "import.note.identity_missing": (
        "lembar identitas tidak ditemukan",
        "no identity sheet was found",
    ),
    "import.note.field_unread": (
        "{label} tidak terbaca di PDF",
        "{label} could not be read in the PDF",
    ),
    "import.note.signer_unread": (
        "pejabat yang mengesahkan tidak terbaca di PDF",
        "the approving official could not be read in the PDF",
    ),
    # the procedure table
    "import.note.head_rule_unread": (
        "garis bawah kepala tabel tidak terbaca",
        "the rule under the table's header could not be read",
    ),
    "import.note.column_rules_unread": (
        "garis kolom tabel tidak terbaca",
        "the table's column rules could not be read",
    ),
    "import.note.column_rules_guessed": (
        "garis kolom tabel tidak terbaca; batas kolom ditebak dari judul kolom dan letak teks",
        "the table's column rules could not be read; the column bounds were guessed from the "
        "column titles and where the text stands",
    ),
    "import.note.no_actor_columns": (
        "kolom pelaksana tidak ditemukan",
        "no actor (pelaksana) columns were found",
    ),
    "import.note.actors_differ": (
        "kolom pelaksana di halaman {page} berbeda dari halaman sebelumnya: {titles}",
        "the actor columns on page {page} differ from those on the page before: {titles}",
    ),
    "import.note.page_unreadable": (
        "halaman {page} tidak terbaca ({error}); tabel di halaman ini dilewati",
        "page {page} could not be read ({error}); the table on this page was skipped",
    ),
    "import.note.step_text_unreadable": (
        "teks langkah ini tidak terbaca ({error})",
        "the text of this step could not be read ({error})",
    ),
    "import.note.number_unreadable": (
        "nomor langkah tidak terbaca: {number!r}",
        "the step number could not be read: {number!r}",
    ),
    "import.note.text_above_first": (
        "teks di atas langkah pertama tidak terbaca sebagai langkah",
        "the text above the first step could not be read as a step",
    ),
    "import.note.merged_cell": (
        "sel {label} langkah {step} bergabung dengan langkah {holder}; teksnya dibaca di "
        "langkah {holder} saja",
        "the {label} cell of step {step} is merged with step {holder}; its text is read in "
        "step {holder} only",
    ),
    "import.note.numbered": (
        "langkah ke-{n} bernomor {number!r} di PDF (nomor dilewati atau berulang); urutan "
        "baris yang dipakai",
        "row {n} of the table is numbered {number!r} in the PDF (a number skipped or "
        "repeated); the order of the rows is used",
    ),
    "import.note.kegiatan_empty": (
        "kolom Kegiatan kosong di PDF",
        "the Kegiatan column is empty in the PDF",
    ),
    "import.note.waktu_empty": (
        "kolom Waktu langkah {step} kosong di PDF",
        "the Waktu column of step {step} is empty in the PDF",
    ),
    # the flowchart
    "import.note.flow_unreadable": (
        "bagan alir tidak terbaca ({error}); alur dianggap berurutan",
        "the flowchart could not be read ({error}); the steps are taken to follow one "
        "another in order",
    ),
    "import.note.no_symbol": (
        "tidak ada simbol bagan alir di baris ini",
        "there is no flowchart symbol in this row",
    ),
    "import.note.many_decisions": (
        "baris ini memuat {count} simbol keputusan; yang dibaca hanya yang pertama",
        "this row holds {count} decision symbols; only the first is read",
    ),
    "import.note.arrows_between": (
        "di baris ini panah berjalan antarsimbol ({arrows}); dibaca sebagai satu langkah "
        "dengan beberapa pelaksana",
        "in this row arrows run from symbol to symbol ({arrows}); read as one step with "
        "several actors",
    ),
    "import.note.arrow": ("{source} ke {target}", "{source} to {target}"),
    "import.note.back_to_start": (
        "panah kembali ke langkah 1 (simbol mulai)",
        "an arrow goes back to step 1 (the start symbol)",
    ),
    "import.note.connectors_paired": (
        "penghubung antarhalaman tanpa nomor dipasangkan menurut urutannya",
        "off-page connectors without a number were paired in the order they stand",
    ),
    "import.note.arrow_without_symbol": (
        "ada panah yang berakhir tanpa simbol; panah itu diabaikan",
        "an arrow ends at no symbol; that arrow is ignored",
    ),
    "import.note.no_way_out": (
        "simbol di kolom {actor} tidak punya panah keluar",
        "the symbol in column {actor} has no arrow going out",
    ),
    "import.note.no_arrow_on": (
        "dari langkah {step} tidak ada panah ke langkah lain; dianggap lanjut ke langkah "
        "{next}",
        "no arrow goes from step {step} to another step; taken to go on to step {next}",
    ),
    "import.note.many_arrows": (
        "dari langkah {step} ada {count} panah keluar (ke langkah {targets}); dipilih "
        "langkah {chosen}",
        "{count} arrows go out of step {step} (to steps {targets}); step {chosen} was chosen",
    ),
    "import.note.branch_forks": (
        "satu cabang keputusan bercabang lagi (ke langkah {targets}); dipilih langkah "
        "{chosen}",
        "a branch of the decision forks again (to steps {targets}); step {chosen} was chosen",
    ),
    "import.note.decision_many_arrows": (
        "dari simbol keputusan ada {count} panah keluar; dipilih dua",
        "{count} arrows go out of the decision symbol; two were chosen",
    ),
    "import.note.branches_unread": (
        "cabang keputusan tidak terbaca; ya dianggap ke langkah berikut",
        "the decision's branches could not be read; 'ya' is taken to go to the next step",
    ),
    "import.note.one_branch": (
        "simbol keputusan hanya punya satu panah keluar; cabang yang lain dianggap ke {target}",
        "the decision symbol has only one arrow going out; the other branch is taken to go "
        "to {target}",
    ),
    "import.note.labels_unclear": (
        "label cabang keputusan tidak jelas; cabang ke langkah berikut (atau yang lurus ke "
        "bawah) dianggap 'ya'",
        "the decision's branch labels are unclear; the branch to the next step (or the one "
        "straight down) is taken as 'ya'",
    ),
    # what the file is written with
    "import.note.waktu_unreadable": (
        "Waktu tercetak \"{text}\" tidak terbaca sebagai lama waktu; tidak ditulis. Tulis "
        "ulang, misalnya 2 jam.",
        "The printed Waktu \"{text}\" cannot be read as a duration; it is not written. Write "
        "it again, for example 2 jam.",
    ),
    "import.note.kegiatan_missing": (
        "kolom Kegiatan kosong di PDF; isi kegiatannya.",
        "the Kegiatan column is empty in the PDF; fill in the activity.",
    ),
    "import.note.no_actor": (
        "tidak ada simbol di kolom pelaksana mana pun; dipilih kolom pertama.",
        "there is no symbol in any actor column; the first column was chosen.",
    ),
    "import.note.decision_no_branches": (
        "belah ketupat tanpa dua cabang yang terbaca; ditulis sebagai langkah biasa.",
        "a diamond without two readable branches; written as an ordinary step.",
    ),
    # words inside the notes
    "import.note.to_step": ("langkah {step}", "step {step}"),
    "import.note.to_end": ("selesai", "the end (selesai)"),
    "import.note.and": (" dan ", " and "),
    "import.note.comma": (", ", ", "),
    "import.note.count2": ("dua", "two"),
    "import.note.count3": ("tiga", "three"),
    "import.note.count4": ("empat", "four"),
    "import.note.count5": ("lima", "five"),
    "import.note.count6": ("enam", "six"),
    # --- UI texts -----------------------------------------------------------------------
    "yaml.colon": (
        "tanda ':' yang diharapkan tidak ditemukan (kunci tanpa ':' atau indentasi salah)",
        "could not find the expected ':' (a key without ':' or a wrong indentation)",
    ),
    "yaml.token": (
        "ada karakter yang tidak boleh mengawali nilai (tab, '@' atau '`'): pakai spasi untuk "
        "indentasi, atau tulis nilainya dalam tanda kutip",
        "a character that cannot start a value (tab, '@' or '`'): indent with spaces, or quote "
        "the value",
    ),
    "yaml.mapping_here": (
        "tanda ': ' tidak boleh di sini: tulis nilai yang memuat ': ' di dalam tanda kutip, "
        "atau periksa indentasinya",
        "': ' is not allowed here: quote a value that contains ': ', or check the indentation",
    ),
    "yaml.block_end": (
        "indentasi tidak konsisten: butir atau kunci ini tidak sejajar dengan sebelumnya",
        "inconsistent indentation: this item or key is not aligned with the previous ones",
    ),
    "yaml.eof": (
        "berkas berakhir terlalu cepat: ada tanda kutip atau kurung yang belum ditutup",
        "the file ends too early: a quote or a bracket is not closed",
    ),
    "yaml.flow": (
        "daftar [..] atau pemetaan {{..}} tidak ditulis dengan benar: periksa koma dan "
        "kurungnya",
        "a [..] list or {{..}} mapping is not written correctly: check its commas and brackets",
    ),
    "yaml.documents": (
        "berkas memuat lebih dari satu dokumen YAML ('---'): satu berkas untuk satu SOP",
        "the file holds more than one YAML document ('---'): one file per SOP",
    ),
    "yaml.unacceptable": (
        "karakter {char} tidak diizinkan dalam YAML; hapus karakter itu",
        "the character {char} is not allowed in YAML; remove it",
    ),
    "ui.in_step": (" pada langkah {step}", " in step {step}"),
    "ui.is_directory": ("ini sebuah folder, bukan berkas", "this is a folder, not a file"),
    "ui.not_found": ("berkas tidak ada", "the file does not exist"),
    "ui.not_regular": (
        "bukan berkas biasa (pipa atau perangkat)", "not a regular file (a pipe or a device)"
    ),
    "ui.permission": ("tidak ada izin membaca", "permission denied"),
    "ui.did_you_mean": (" (maksud Anda '{suggestion}'?)", " (did you mean '{suggestion}'?)"),
    "ui.allowed_keys": (" (kunci yang dikenal: {keys})", " (known keys: {keys})"),
    "ui.error": ("galat", "error"),
    "ui.output_failed": (
        "keluaran tidak dapat ditulis: {reason}", "the output cannot be written: {reason}"
    ),
    "ui.disk_full": ("ruang disk penuh", "no space left on the disk"),
    "ui.file_too_big": ("berkas melampaui batas ukuran", "the file exceeds the size limit"),
    "ui.io_failed": ("galat masukan/keluaran perangkat", "a device input/output error"),
    "ui.warning": ("peringatan", "warning"),
    "ui.summary": (
        "{files} berkas diperiksa: {errors} galat, {warnings} peringatan",
        "{files} file(s) checked: {errors} error(s), {warnings} warning(s)",
    ),
    "ui.summary_ok": (
        "{files} berkas diperiksa: semua valid",
        "{files} file(s) checked: all valid",
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
    "ui.progress": ("{done}/{total} berkas", "{done}/{total} files"),
    # --- the command line's own words (help and usage errors) ---------------------------
    "cli.usage": ("Penggunaan:", "Usage:"),
    "cli.options_metavar": ("[OPSI]", "[OPTIONS]"),
    "cli.command_metavar": ("PERINTAH [ARG]...", "COMMAND [ARGS]..."),
    "cli.arguments": ("Argumen", "Arguments"),
    "cli.options": ("Opsi", "Options"),
    "cli.commands": ("Perintah", "Commands"),
    "cli.help": ("Tampilkan bantuan ini lalu keluar.", "Show this message and exit."),
    "cli.install_completion": ("Pasang pelengkapan perintah (completion) untuk shell ini.",
                               "Install completion for the current shell."),
    "cli.show_completion": ("Tampilkan skrip pelengkapan untuk shell ini, untuk disalin atau "
                            "dipasang sendiri.",
                            "Show completion for the current shell, to copy it or customize "
                            "the installation."),
    "cli.try_help": ("Coba '{command} --help' untuk bantuan.",
                     "Try '{command} --help' for help."),
    "cli.no_such_option": ("opsi tidak dikenal: {option}", "no such option: {option}"),
    "cli.did_you_mean": (" (maksud Anda {names}?)", " (did you mean {names}?)"),
    "cli.no_such_command": ("perintah tidak dikenal: '{name}'", "no such command: '{name}'"),
    "cli.missing_command": ("perintah belum diberikan", "missing command"),
    "cli.missing_argument": ("argumen {name} wajib diberikan", "missing argument {name}"),
    "cli.missing_option": ("opsi {name} wajib diberikan", "missing option {name}"),
    "cli.needs_value": ("opsi {option} memerlukan nilai", "option {option} requires a value"),
    "cli.takes_no_value": ("opsi {option} tidak menerima nilai",
                           "option {option} does not take a value"),
    "cli.extra_arguments": ("argumen berlebih: {args}", "unexpected extra arguments: {args}"),
    "cli.bad_value": ("nilai tidak valid untuk {name}: {reason}",
                      "invalid value for {name}: {reason}"),
    "cli.bad_choice": ("'{value}' bukan pilihan yang dikenal; pilih: {choices}",
                       "'{value}' is not a known choice; choose: {choices}"),
    "cli.bad_integer": ("harus bilangan bulat", "must be a whole number"),
    "cli.too_small": ("tidak boleh kurang dari {min}", "must be at least {min}"),
    # --- render (issue 4) ---------------------------------------------------------------
    "render.stdout_many": (
        "'-o -' (stdout) hanya untuk satu berkas; untuk beberapa berkas, -o harus sebuah "
        "folder",
        "'-o -' (stdout) takes one file only; for several files, -o must be a folder",
    ),
    "render.out_not_dir": (
        "dengan beberapa berkas, -o harus sebuah folder (folder yang ada, atau akhiri "
        "dengan '/' agar dibuat), tetapi {path} bukan folder",
        "with several files, -o must be a folder (an existing folder, or end it with '/' "
        "to have it made), but {path} is not a folder",
    ),
    "render.no_folder": ("folder {path} tidak ada", "folder {path} does not exist"),
    "render.collision": (
        "{first} dan {second} akan ditulis ke berkas yang sama ({path}); render keduanya "
        "secara terpisah dengan -o",
        "{first} and {second} would be written to the same file ({path}); render them "
        "separately with -o",
    ),
    "render.over_input": (
        "keluaran {path} adalah berkas masukan; render tidak pernah menimpanya, juga "
        "dengan --timpa; pilih nama lain dengan -o",
        "output {path} is an input file; render never writes over it, not even with "
        "--timpa; choose another name with -o",
    ),
    "render.over_yaml": (
        "keluaran {path} bernama .yaml/.yml; render tidak pernah menulis berkas YAML, "
        "juga dengan --timpa; pilih nama .html, .md atau .pdf dengan -o",
        "output {path} is named .yaml/.yml; render never writes a YAML file, not even "
        "with --timpa; choose a .html, .md or .pdf name with -o",
    ),
    "render.over_folder": (
        "keluaran {path} adalah sebuah folder; render tidak pernah menimpanya, juga dengan "
        "--timpa",
        "output {path} is a folder; render never writes over it, not even with --timpa",
    ),
    "render.over_special": (
        "keluaran {path} bukan berkas biasa (tautan simbolik, pipa, atau perangkat); render "
        "tidak pernah menimpanya, juga dengan --timpa",
        "output {path} is not a regular file (a symbolic link, a pipe or a device); render "
        "never writes over it, not even with --timpa",
    ),
    "render.exists": (
        "{path} sudah ada dan tidak ditimpa; tambahkan --timpa untuk merender ulang dan "
        "menimpanya",
        "{path} already exists and was not overwritten; add --timpa to render it again over "
        "the old one",
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
    "render.interrupted": (
        "dihentikan; dokumen yang sudah ditulis tetap ada, tidak ada berkas sementara "
        "yang tertinggal",
        "stopped; the documents already written are kept, no temporary file is left",
    ),
    # --- render --format pdf (issue 13) --------------------------------------------------
    "render.pdf_missing": (
        "format pdf memerlukan WeasyPrint, yang belum terpasang; pasang dengan "
        "pip install 'soptool[pdf]'",
        "the pdf format needs WeasyPrint, which is not installed; install it with "
        "pip install 'soptool[pdf]'",
    ),
    "render.pdf_library": (
        "WeasyPrint tidak dapat memuat pustaka sistemnya (Pango): {reason}; di Debian/Ubuntu "
        "pasang dengan apt-get install libpango-1.0-0 libpangoft2-1.0-0",
        "WeasyPrint cannot load its system libraries (Pango): {reason}; on Debian/Ubuntu "
        "install them with apt-get install libpango-1.0-0 libpangoft2-1.0-0",
    ),
    "render.pdf_stdout": (
        "PDF tidak dapat ditulis ke stdout ini; tulis ke berkas dengan -o",
        "a PDF cannot be written to this stdout; write it to a file with -o",
    ),
    # --- site (issue 14) -----------------------------------------------------------------
    "site.out_missing": (
        "folder keluaran situs belum ditentukan; tambahkan -o FOLDER (mis. -o _site)",
        "no output folder for the site; add -o FOLDER (e.g. -o _site)",
    ),
    "site.out_not_dir": (
        "keluaran {path} bukan folder; situs ditulis ke sebuah folder",
        "output {path} is not a folder; the site is written into a folder",
    ),
    "site.out_not_ours": (
        "folder {path} sudah berisi berkas lain dan bukan situs soptool (tidak ada "
        ".soptool-site.json); pilih folder kosong atau folder situs yang dibuat soptool",
        "folder {path} already holds other files and is not a soptool site (no "
        ".soptool-site.json); choose an empty folder or a site folder soptool made",
    ),
    "site.bad_manifest": (
        "{path} rusak atau bukan manifes situs soptool; hapus folder situs lalu buat ulang",
        "{path} is damaged or not a soptool site manifest; remove the site folder and build "
        "it again",
    ),
    "site.over_input": (
        "folder keluaran {path} berisi berkas SOP masukan; pilih folder lain",
        "output folder {path} holds input SOP files; choose another folder",
    ),
    "site.write_error": (
        "situs tidak dapat ditulis ke {path}: {reason}",
        "the site cannot be written to {path}: {reason}",
    ),
    "site.skipped": (
        "{file}: tidak dimasukkan ke situs karena ada {errors} galat",
        "{file}: left out of the site because of {errors} errors",
    ),
    "site.no_pdf": (
        "PDF tidak dibuat: {reason}",
        "no PDFs made: {reason}",
    ),
    "site.done": (
        "situs {path}: {sops} SOP; {written} berkas ditulis, {unchanged} tidak berubah, "
        "{removed} dihapus",
        "site {path}: {sops} SOPs; {written} files written, {unchanged} unchanged, "
        "{removed} removed",
    ),
    "site.invalid": (
        "{count} berkas SOP tidak valid dan tidak dimasukkan ke situs",
        "{count} SOP files are invalid and were left out of the site",
    ),
    "site.interrupted": (
        "dihentikan; berkas yang sudah ditulis tetap ada dan dibuat ulang pada build "
        "berikutnya bila perlu",
        "stopped; the files already written are kept and remade by the next build when "
        "needed",
    ),
    # --- init (issue 15) -----------------------------------------------------------------
    "init.made": ("dibuat", "made"),
    "init.left": ("dibiarkan", "left"),
    "init.exists": ("sudah ada; tidak diubah", "already there; not changed"),
    "init.parent_not_dir": (
        "foldernya terhalang berkas dengan nama yang sama",
        "its folder is blocked by a file of the same name",
    ),
    "init.summary": (
        "soptool init: {made} berkas dibuat, {left} dibiarkan, di {folder}",
        "soptool init: {made} files made, {left} left, in {folder}",
    ),
    "init.source.release": (
        "pre-commit dan CI memasang soptool rilis {rev} dari {repo}",
        "pre-commit and CI install soptool release {rev} from {repo}",
    ),
    "init.source.git": (
        "pre-commit dan CI memasang soptool dari {repo} pada komit {rev} (asal soptool "
        "yang terpasang di sini)",
        "pre-commit and CI install soptool from {repo} at commit {rev} (where the soptool "
        "installed here came from)",
    ),
    "init.source.checkout": (
        "pre-commit dan CI memasang soptool dari checkout setempat {repo} pada komit {rev}; "
        "untuk CI di server, jalankan ulang dengan --repo ALAMAT --rev REVISI yang dapat "
        "dijangkau server itu",
        "pre-commit and CI install soptool from the local checkout {repo} at commit {rev}; "
        "for CI on a server, run again with --repo ADDRESS --rev REVISION it can reach",
    ),
    "init.source.option": (
        "pre-commit dan CI memasang soptool dari {repo} pada revisi {rev}",
        "pre-commit and CI install soptool from {repo} at revision {rev}",
    ),
    "init.git_init": (
        "git: repositori baru dibuat (git init)",
        "git: a new repository was made (git init)",
    ),
    "init.committed": (
        "git: commit {commit} \"{subject}\" ({count} berkas)",
        "git: commit {commit} \"{subject}\" ({count} files)",
    ),
    "init.next": (
        "Langkah berikutnya: {cd}soptool validate sops/ && pre-commit install\n"
        "SOP baru: soptool baru \"Nama SOP\" --pelaksana \"Jabatan\"",
        "Next: {cd}soptool validate sops/ && pre-commit install\n"
        "A new SOP: soptool baru \"SOP name\" --pelaksana \"Position\"",
    ),
    "init.not_dir": (
        "{path} bukan folder; soptool init membuat repositori SOP di sebuah folder",
        "{path} is not a folder; soptool init makes the SOP repository in a folder",
    ),
    "init.write_error": (
        "{path} tidak dapat ditulis: {reason}",
        "{path} cannot be written: {reason}",
    ),
    "init.repo_without_rev": (
        "--repo memerlukan --rev (tag atau komit yang ada di repositori itu)",
        "--repo needs --rev (a tag or commit that exists in that repository)",
    ),
    "init.git_identity": (
        "git belum tahu nama dan surel Anda, jadi commit pertama tidak dibuat (berkasnya "
        "sudah ada). Atur sekali: git config --global user.name \"Nama Anda\" dan git "
        "config --global user.email \"surel@kantor.go.id\", lalu jalankan ulang soptool "
        "init --git",
        "git does not know your name and e-mail yet, so the first commit was not made (the "
        "files are there). Set them once: git config --global user.name \"Your Name\" and "
        "git config --global user.email \"you@office.go.id\", then run soptool init --git "
        "again",
    ),
    "init.git_failed": (
        "{step} gagal: {detail}",
        "{step} failed: {detail}",
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
    "type.target": (
        "nomor langkah, id langkah, atau 'selesai'",
        "a step number, a step id, or 'selesai'",
    ),
    "found.list": ("daftar", "a list"),
    "found.text": ("teks", "text"),
    "found.mapping": ("pemetaan", "a mapping"),
    "found.null": ("kosong", "empty"),
    # --- duration and soptool.yaml (issue 3) ---------------------------------------------
    "CFG001": (
        "'kalender.{key}' harus berupa angka (misalnya 7,5), bukan '{text}'",
        "'kalender.{key}' must be a number (e.g. 7,5), not '{text}'",
    ),
    "CFG002": (
        "'kalender.{key}' = {text} di luar batas: {rule}",
        "'kalender.{key}' = {text} is out of range: {rule}",
    ),
    "CFG003": (
        "'kalender.cuti_bersama' harus true atau false, bukan '{text}'",
        "'kalender.cuti_bersama' must be true or false, not '{text}'",
    ),
    "CFG004": (
        "'abk.jam_kerja_efektif' harus berupa jumlah jam setahun, lebih dari 0 dan paling "
        "banyak {high} (misalnya 1250), bukan '{text}'",
        "'abk.jam_kerja_efektif' must be a number of hours in a year, more than 0 and at most "
        "{high} (e.g. 1250), not '{text}'",
    ),
    "CFG005": (
        "'pemangku' jabatan '{name}' harus bilangan bulat (jumlah pegawai, misalnya 2), "
        "bukan '{text}'",
        "'pemangku' of position '{name}' must be a whole number (how many employees, e.g. 2), "
        "not '{text}'",
    ),
    "CFG006": (
        "pelaksana '{title}' dipetakan ke dua jabatan: '{name}' dan '{other}' (baris {line}); "
        "satu judul pelaksana hanya boleh masuk satu jabatan",
        "pelaksana '{title}' is mapped to two positions: '{name}' and '{other}' (line {line}); "
        "one pelaksana title may belong to one position only",
    ),
    # --- soptool beban (issue 16) ----------------------------------------------------------
    "beban.heading": (
        "Analisis beban kerja dari {count} SOP: jam kerja efektif {jam} jam setahun per "
        "pegawai; setahun = {hari} hari kerja ({minggu} minggu) x {per_hari} jam",
        "Workload analysis from {count} SOPs: {jam} effective working hours a year per "
        "employee; a year = {hari} working days ({minggu} weeks) x {per_hari} hours",
    ),
    "beban.ulang": ("Setiap putaran ulang (rework) dihitung {n} kali tambahan.",
                    "Every rework loop is counted {n} more times."),
    "beban.summary_title": ("Ringkasan per jabatan", "Summary per position"),
    "beban.col_jabatan": ("Jabatan", "Position"),
    "beban.col_beban": ("Beban kerja (jam/th)", "Workload (h/yr)"),
    "beban.col_kebutuhan": ("Kebutuhan pegawai", "Employees needed"),
    "beban.col_bulat": ("Dibulatkan", "Rounded"),
    "beban.col_pemangku": ("Pemangku", "Holders"),
    "beban.col_selisih": ("Kelebihan/kekurangan", "Surplus/shortage"),
    "beban.col_ej": ("EJ", "EJ"),
    "beban.col_tugas": ("Uraian tugas (SOP, langkah)", "Task (SOP, step)"),
    "beban.col_hasil": ("Satuan hasil", "Output unit"),
    "beban.col_volume": ("Volume/th", "Volume/yr"),
    "beban.col_norma": ("Norma waktu (menit)", "Time norm (min)"),
    "beban.col_beban_tugas": ("Beban kerja (jam/th)", "Workload (h/yr)"),
    "beban.legend": (
        "Beban kerja = volume setahun x norma waktu (menit) / 60. Kebutuhan pegawai = jumlah "
        "beban kerja / {jam} jam, dibulatkan setengah ke atas. Kelebihan/kekurangan = pemangku "
        "- kebutuhan dibulatkan. EJ (efektivitas jabatan) = jumlah beban kerja / ({jam} x "
        "pemangku): A di atas 1,00; B 0,90-1,00; C 0,70-0,89; D 0,50-0,69; E di bawah 0,50.",
        "Workload = yearly volume x time norm (minutes) / 60. Employees needed = total "
        "workload / {jam} hours, rounded half up. Surplus/shortage = holders - employees "
        "needed, rounded. EJ (position efficiency) = total workload / ({jam} x holders): A "
        "above 1.00; B 0.90-1.00; C 0.70-0.89; D 0.50-0.69; E below 0.50.",
    ),
    "beban.star": (
        "* batas bawah: ada langkah tanpa waktu terukur, yang tidak ikut dihitung",
        "* a lower bound: some steps have no measurable time and are not counted",
    ),
    "beban.position_title": ("{name} (pemangku: {pemangku})",
                             "{name} (holders: {pemangku})"),
    "beban.position_unmapped": ("[tidak ada di abk.jabatan]", "[not in abk.jabatan]"),
    "beban.where": ("{sop}, langkah {step}", "{sop}, step {step}"),
    "beban.at_least": ("sedikitnya", "at least"),
    "beban.total_line": ("Jumlah beban kerja: {beban} jam setahun",
                         "Total workload: {beban} hours a year"),
    "beban.need_line": (
        "Kebutuhan pegawai: {beban} / {jam} = {need}, dibulatkan {bulat}",
        "Employees needed: {beban} / {jam} = {need}, rounded {bulat}",
    ),
    "beban.ej_line": (
        "Pemangku {pemangku}: {selisih}; EJ {ej}, predikat {nilai}",
        "Holders {pemangku}: {selisih}; EJ {ej}, grade {nilai}",
    ),
    "beban.no_pemangku": (
        "Pemangku tidak diisi di soptool.yaml (abk.jabatan): kelebihan/kekurangan dan EJ "
        "tidak dihitung",
        "Holders not given in soptool.yaml (abk.jabatan): surplus/shortage and EJ are not "
        "computed",
    ),
    "beban.zero_pemangku": ("Pemangku 0: EJ tidak dapat dihitung",
                            "Holders 0: EJ cannot be computed"),
    "beban.surplus": ("kelebihan", "surplus"),
    "beban.shortage": ("kekurangan", "shortage"),
    "beban.even": ("sesuai", "even"),
    "beban.grade.A": ("sangat baik", "very good"),
    "beban.grade.B": ("baik", "good"),
    "beban.grade.C": ("cukup", "fair"),
    "beban.grade.D": ("sedang", "moderate"),
    "beban.grade.E": ("kurang", "poor"),
    "beban.note_no_time": ("waktu tidak terukur ({waktu}): tidak ikut dihitung",
                           "no measurable time ({waktu}): not counted"),
    "beban.note_ulang": ("termasuk {n} kali putaran ulang", "including {n} rework passes"),
    "beban.note_unmapped": ("pelaksana tidak ada di abk.jabatan", "pelaksana not in abk.jabatan"),
    "beban.note_lower": ("batas bawah: {count} langkah tanpa waktu terukur",
                         "lower bound: {count} steps without measurable time"),
    "beban.note_no_tasks": ("tidak ada langkah di SOP yang dihitung",
                            "no step in the SOPs counted"),
    "beban.skipped_title": ("Tidak dihitung ({count} SOP):", "Not counted ({count} SOPs):"),
    "beban.skip_volume": ("tanpa volume", "no volume"),
    "beban.skip_status": ("status {status}: tidak berlaku", "status {status}: not in force"),
    "beban.skip_invalid": ("tidak valid; lihat galatnya", "not valid; see its errors"),
    "beban.warning_word": ("peringatan", "warning"),
    "beban.no_mapping": (
        "soptool.yaml tidak memetakan jabatan (abk.jabatan): setiap pelaksana dihitung "
        "dengan judulnya sendiri, tanpa pemangku",
        "soptool.yaml maps no positions (abk.jabatan): each pelaksana is counted under its "
        "own title, without holders",
    ),
    "beban.unmapped": (
        "pelaksana '{title}' ({file}) tidak ada di abk.jabatan; dihitung sebagai jabatan "
        "sendiri",
        "pelaksana '{title}' ({file}) is not in abk.jabatan; counted as a position of its own",
    ),
    "beban.written": ("ditulis {file}", "wrote {file}"),
    "beban.xlsx_needs_output": ("--format xlsx menulis berkas: sebutkan -o BERKAS.xlsx",
                                "--format xlsx writes a file: give -o FILE.xlsx"),
    "beban.exists": ("{path} sudah ada; tidak ditimpa (pakai --timpa untuk menimpanya)",
                     "{path} exists; not overwritten (use --timpa to overwrite it)"),
    "beban.is_input": ("{path} adalah berkas masukan; tidak ditimpa",
                       "{path} is an input file; not overwritten"),
    "beban.is_dir": ("{path} adalah folder; sebutkan nama berkas",
                     "{path} is a folder; name a file"),
    "beban.cannot_write": ("{path} tidak dapat ditulis: {reason}",
                           "{path} cannot be written: {reason}"),
    "config.above": ("harus lebih dari {low} dan paling banyak {high}",
                     "it must be more than {low} and at most {high}"),
    "config.whole": ("harus bilangan bulat dari {low} sampai {high}",
                     "it must be a whole number from {low} to {high}"),
    "duration.bad_max": (
        "--max '{text}' bukan durasi yang dapat dibaca (contoh: '40 hari', '2 minggu', "
        "'1 bulan')",
        "--max '{text}' is not a duration that can be read (e.g. '40 hari', '2 minggu', "
        "'1 bulan')",
    ),
    "duration.bad_mulai": (
        "--mulai '{text}' bukan tanggal yang sah: {reason}",
        "--mulai '{text}' is not a valid date: {reason}",
    ),
    "duration.bad_config": (
        "pengaturan proyek tidak dapat dipakai ({count} galat di atas)",
        "the project settings cannot be used ({count} errors above)",
    ),
    "duration.heading": (
        "Waktu kerja menurut jalur utama (1 hari kerja = {jam} jam, 1 minggu = {hari} hari, "
        "1 bulan = {bulan} hari kerja)",
        "Working time along the main path (1 working day = {jam} hours, 1 week = {hari} "
        "days, 1 month = {bulan} working days)",
    ),
    "duration.col_sop": ("SOP", "SOP"),
    "duration.col_total": ("Total", "Total"),
    "duration.col_hours": ("Jam kerja", "Working hours"),
    "duration.col_limit": ("Batas waktu", "Time limit"),
    "duration.col_status": ("Status", "Status"),
    "duration.col_finish": ("Selesai", "Finishes"),
    "duration.exceeded": ("MELEBIHI", "EXCEEDED"),
    "duration.sum_row": ("Jumlah {count} SOP", "Sum of {count} SOPs"),
    "duration.sum_failed": ("{count} melebihi", "{count} exceeded"),
    "duration.lower_note": (
        "* batas bawah: ada langkah tanpa waktu terukur (lihat rincian)",
        "* lower bound: some steps have no measurable time (see the details)",
    ),
    "duration.invalid": (
        "{count} berkas tidak valid dan tidak dihitung (galatnya dicetak di stderr)",
        "{count} files are not valid and are not counted (their errors are printed on stderr)",
    ),
    "duration.breach_batas": (
        "GAGAL: '{nama}' ({file}) memerlukan {total}, melebihi batas_waktu {limit} "
        "({minutes})",
        "FAILED: '{nama}' ({file}) takes {total}, more than its batas_waktu {limit} "
        "({minutes})",
    ),
    "duration.breach_max": (
        "GAGAL: '{nama}' ({file}) memerlukan {total}, melebihi --max {limit} ({minutes})",
        "FAILED: '{nama}' ({file}) takes {total}, more than --max {limit} ({minutes})",
    ),
    "duration.at_least": ("paling sedikit", "at least"),
    "duration.total_line": (
        "Total: {total}, {count} langkah jalur utama: {steps}",
        "Total: {total}, {count} steps on the main path: {steps}",
    ),
    "duration.start": ("Mulai {day}", "Starts {day}"),
    "duration.finish_one": (
        "selesai {day} ({days} hari kerja)",
        "finishes {day} ({days} working days)",
    ),
    "duration.finish_range": (
        "selesai paling cepat {low} ({low_days} hari kerja), paling lambat {high} "
        "({high_days} hari kerja)",
        "finishes at the earliest {low} ({low_days} working days), at the latest {high} "
        "({high_days} working days)",
    ),
    "duration.per_actor": (
        "Per pelaksana (langkah dengan beberapa pelaksana dihitung untuk masing-masing):",
        "Per pelaksana (a step with several actors counts for each):",
    ),
    "duration.no_time": (
        "Langkah tanpa waktu terukur ({count}, tidak ikut dihitung): {steps}",
        "Steps without measurable time ({count}, left out of the total): {steps}",
    ),
    "duration.no_time_none": (
        "Semua langkah memiliki waktu terukur.",
        "Every step has a measurable time.",
    ),
    "duration.empty": ("kosong", "empty"),
    "duration.loop": (
        "Putaran ulang: langkah {step} ({label}) menuju langkah {target} lalu kembali ke "
        "langkah {step}; satu putaran (langkah {steps}) = {time} ({hours}); {counted}",
        "Rework loop: step {step} ({label}) leads to step {target} and back to step {step}; "
        "one pass (steps {steps}) = {time} ({hours}); {counted}",
    ),
    "duration.loop_counted": (
        "dihitung {n} kali tambahan (--ulang {n})",
        "counted {n} extra times (--ulang {n})",
    ),
    "duration.loop_not_counted": (
        "tidak dihitung (tambahkan dengan --ulang N)",
        "not counted (add it with --ulang N)",
    ),
    "duration.holidays": (
        "Libur yang dilewati ({count}):",
        "Holidays passed over ({count}):",
    ),
    "duration.holidays_none": (
        "Tidak ada hari libur yang dilewati.",
        "No holidays are passed over.",
    ),
    "duration.weekend": ("(jatuh pada akhir pekan)", "(falls on a weekend)"),
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
    return value
