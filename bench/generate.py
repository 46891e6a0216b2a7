"""A deterministic corpus of realistic SOP files for the benchmark.

``generate_corpus(outdir, n, seed)`` writes ``n`` SOPs of 5-30 steps each, with 2-7
pelaksana, decisions with rework loops (a branch back to an earlier step) and early exits
(a branch to ``selesai``), alternative branches joined again with ``lanjut``, every duration
form of docs/format.md, and every identity field filled in. ``big_sop(steps, seed)`` gives one SOP
of any number of steps (50, 500, 5,000) for the scaling measurements.

The text is written the way people write these files by hand (block style, plain scalars,
``ya: 4`` unquoted, a comment here and there), so that generic YAML parsers see the same
ints and dates they would see in real files. Every file generated is valid for soptool
(warnings allowed, no errors): the smoke test asserts it.

Run ``python bench/generate.py OUTDIR --n 2000`` to write a corpus by hand.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
from pathlib import Path
from typing import Any

MONTHS = (
    "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
).split()

DAERAH = [
    "Kabupaten Balangan", "Kota Padang", "Kabupaten Sleman", "Kota Makassar",
    "Kabupaten Banyumas", "Kota Pontianak", "Kabupaten Gianyar", "Kabupaten Aceh Besar",
    "Kota Ambon", "Kabupaten Jayapura", "Kabupaten Lombok Timur", "Kota Samarinda",
    "Kabupaten Bogor", "Kota Kupang", "Kabupaten Minahasa", "Provinsi Jawa Tengah",
    "Provinsi Sumatera Barat", "Provinsi Kalimantan Selatan",
]  # fmt: skip
DINAS = [
    ("Dinas Pendidikan dan Kebudayaan", "Disdikbud"),
    ("Dinas Kesehatan", "Dinkes"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"),
    ("Dinas Perhubungan", "Dishub"),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda"),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD"),
    ("Dinas Sosial", "Dinsos"),
    ("Inspektorat Daerah", "Inspektorat"),
    ("Sekretariat Daerah", "Setda"),
    ("Dinas Lingkungan Hidup", "DLH"),
]  # fmt: skip
KEMENTERIAN = [
    ("Kementerian Pendidikan Dasar dan Menengah",
     "Direktorat Jenderal Guru, Tenaga Kependidikan, dan Pendidikan Guru",
     "Balai Guru dan Tenaga Kependidikan"),
    ("Kementerian Kesehatan", "Direktorat Jenderal Pelayanan Kesehatan", "Balai Besar Kesehatan"),
    ("Kementerian Agama", "Direktorat Jenderal Pendidikan Islam", "Kantor Wilayah"),
    ("Kementerian Keuangan", "Direktorat Jenderal Perbendaharaan", "Kantor Pelayanan"),
]  # fmt: skip
PROSES = [
    ("Penyusunan", ["Rencana Kerja Tahunan", "Rencana Aksi", "Laporan Kinerja",
                    "Rencana Strategis", "Rencana Kerja dan Anggaran", "Perjanjian Kinerja"]),
    ("Pelayanan", ["Penerbitan Izin Usaha", "Legalisir Ijazah", "Surat Keterangan Pindah",
                   "Kartu Keluarga", "Akta Kelahiran", "Rekomendasi Teknis"]),
    ("Pengelolaan", ["Arsip Dinamis", "Barang Milik Daerah", "Surat Masuk", "Surat Keluar",
                     "Pengaduan Masyarakat", "Data Kepegawaian"]),
    ("Pengajuan", ["Cuti Pegawai", "Kenaikan Pangkat", "Perjalanan Dinas",
                   "Pencairan Anggaran", "Tugas Belajar"]),
    ("Verifikasi", ["Dokumen Pertanggungjawaban", "Data Penerima Bantuan",
                    "Usulan Kegiatan", "Berkas Permohonan"]),
]  # fmt: skip
JABATAN = [
    ("kadis", "Kepala Dinas"), ("sekretaris", "Sekretaris"), ("kabid", "Kepala Bidang"),
    ("kasubag_umum", "Kepala Sub Bagian Umum dan Kepegawaian"),
    ("kasubag_program", "Kepala Sub Bagian Program"), ("kasi", "Kepala Seksi Pelayanan"),
    ("analis", "Analis Kebijakan"), ("penelaah", "Penelaah Teknis Kebijakan"),
    ("pengadministrasi", "Pengadministrasi Perkantoran"), ("loket", "Petugas Loket"),
    ("operator", "Operator Layanan Operasional"), ("arsiparis", "Arsiparis"),
    ("bendahara", "Bendahara Pengeluaran"), ("verifikator", "Verifikator Keuangan"),
    ("ketua_tim", "Ketua Tim Kerja"), ("ppk", "Pejabat Pembuat Komitmen (PPK)"),
    ("pemohon", "Pemohon"), ("pranata_komputer", "Pranata Komputer"),
]  # fmt: skip
KERJA = [
    ("Menerima", "berkas permohonan"), ("Memeriksa", "kelengkapan berkas"),
    ("Mencatat", "dalam buku agenda"), ("Mendisposisikan", "surat kepada bidang terkait"),
    ("Menyusun", "konsep dokumen"), ("Menelaah", "konsep dokumen"),
    ("Memverifikasi", "data dan dokumen pendukung"), ("Membahas", "konsep dengan tim kerja"),
    ("Mengoreksi", "draf dokumen"), ("Memparaf", "konsep surat"),
    ("Menandatangani", "dokumen"), ("Menggandakan", "dokumen yang telah ditandatangani"),
    ("Mengarsipkan", "dokumen"), ("Mengunggah", "dokumen ke aplikasi"),
    ("Menyampaikan", "hasil kepada pemohon"), ("Menginput", "data ke sistem informasi"),
    ("Melakukan", "koordinasi dengan unit kerja terkait"), ("Mengirimkan", "surat undangan"),
    ("Melaksanakan", "rapat pembahasan"), ("Menyusun", "notulen rapat"),
    ("Mencetak", "surat keputusan"), ("Meneruskan", "berkas kepada atasan"),
]  # fmt: skip
BENDA = [
    "formulir permohonan", "berkas permohonan", "dokumen konsep", "surat pengantar",
    "lembar disposisi", "buku agenda", "daftar hadir", "notulen rapat", "surat keputusan",
    "nota dinas", "laporan", "aplikasi SRIKANDI", "dokumen pendukung", "KTP dan KK",
]  # fmt: skip
PERALATAN = [
    "Komputer", "Printer", "Scanner", "Jaringan internet", "Alat tulis kantor",
    "Aplikasi SRIKANDI", "Aplikasi SIMPEG", "Lemari arsip", "Telepon", "Stempel dinas",
]  # fmt: skip
DASAR = [
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah",
    "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara",
    "Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 25 "
    "Tahun 2009 tentang Pelayanan Publik",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun "
    "2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan",
    "Peraturan Presiden Nomor 21 Tahun 2023 tentang Hari Kerja dan Jam Kerja Instansi "
    "Pemerintah dan Pegawai Aparatur Sipil Negara",
    "Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017 tentang Tata Cara Perencanaan, "
    "Pengendalian dan Evaluasi Pembangunan Daerah",
]  # fmt: skip
KUALIFIKASI = [
    "Memahami tugas pokok dan fungsi", "S1 - Sarjana Sederajat", "D III - Diploma Sederajat",
    "Mampu mengoperasikan komputer", "Memahami tata naskah dinas",
    "Memahami peraturan perundang-undangan terkait",
]  # fmt: skip
PERINGATAN = [
    "Apabila SOP ini tidak dilaksanakan, pelayanan akan terhambat",
    "Berkas yang tidak lengkap dikembalikan kepada pemohon", "Tepat waktu",
    "Kerahasiaan data pribadi pemohon wajib dijaga",
]  # fmt: skip
PERTANYAAN = [
    ("Berkas lengkap?", "Lengkap", "Tidak lengkap"),
    ("Konsep sudah sesuai?", None, None),
    ("Disetujui?", "Setuju", "Tidak setuju"),
    ("Data valid?", None, None),
    ("Memenuhi persyaratan?", "Memenuhi", "Tidak memenuhi"),
]  # fmt: skip

# Every form of docs/format.md: units, decimal comma and point, several parts, ranges,
# "N x 24 jam", working-day words. Bare numbers and not-measurable words are added below.
DURASI = [
    "5 menit", "10 menit", "15 menit", "30 menit", "60 menit", "45 mnt", "1 jam", "2 jam",
    "5 jam", "25 jam", "1,5 jam", "0.5 hari", "1 hari", "3 hari", "1 Hari", "1 Minggu",
    "2 minggu", "1 bulan", "1 jam 30 menit", "2 hari 4 jam", "1-2 hari", "30 menit - 1 jam",
    "1 s.d. 3 hari", "2 sampai 3 hari", "1 x 24 jam", "3 x 24 jam", "3 hari kerja",
    "2 minggu kerja", "1 pekan", "2 hr", "20 minutes", "1 hour", "90 detik", "2 bln",
    "1 mgg", "3 days", "1 week", "1 month", "2 hours", "15 min",
]  # fmt: skip
TIDAK_TERUKUR = ["disesuaikan", "tentatif", "-"]
BATAS = ["40 hari kerja", "14 x 24 jam", "5 hari kerja", "1 bulan", "3 hari", "2 minggu"]

_RESERVED = {"null", "true", "false", "yes", "no", "on", "off", "y", "n", "~"}
_PLAIN = re.compile(r"[A-Za-z0-9(][^\n]*")


def scalar(text: str) -> str:
    """A scalar as people write it (block context): plain where YAML allows, else quoted."""
    plain = (_PLAIN.fullmatch(text) and ": " not in text and " #" not in text
             and text == text.strip() and not text.endswith(":"))
    if plain and text.lower() not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)


def slug(text: str) -> str:
    """An id (docs/format.md slug) from a few words."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _date(rng: random.Random, start: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, 600))


def _write_date(rng: random.Random, day: dt.date) -> str:
    if rng.random() < 0.5:
        return day.isoformat()
    return f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}"


def _nip(rng: random.Random) -> str:
    birth = dt.date(rng.randint(1962, 1995), rng.randint(1, 12), rng.randint(1, 28))
    tmt = (birth.year + rng.randint(22, 28), rng.randint(1, 12))
    sex, seq = rng.randint(1, 2), rng.randint(1, 9)
    parts = [f"{birth:%Y%m%d}", f"{tmt[0]}{tmt[1]:02d}", str(sex), f"{seq:03d}"]
    return " ".join(parts) if rng.random() < 0.7 else "".join(parts)


class _Sop:
    """One SOP being written: identity, actors, steps as plain data plus YAML text."""

    def __init__(self, rng: random.Random, steps: int, actors: int) -> None:
        self.rng = rng
        self.steps = steps
        proses, objek = rng.choice(PROSES)
        self.nama = f"{proses} {rng.choice(objek)}"
        self.satuan = rng.choice(["menit", "jam", None, None, None])
        self.actors = dict(rng.sample(JABATAN, actors))
        self.keys = list(self.actors)

    def identity(self, number: int) -> list[str]:
        rng = self.rng
        daerah = rng.choice(DAERAH)
        if rng.random() < 0.75:
            dinas, singkat = rng.choice(DINAS)
            instansi = [f"Pemerintah {daerah}", f"{dinas} {daerah}"]
        else:
            kem, ditjen, balai = rng.choice(KEMENTERIAN)
            singkat = "".join(w[0] for w in balai.split())
            instansi = [kem, ditjen, f"{balai} {daerah.replace('Kabupaten ', '')}"]
        made = _date(rng, dt.date(2021, 1, 4))
        revisi = made + dt.timedelta(days=rng.randint(30, 400)) if rng.random() < 0.4 else None
        efektif = (revisi or made) + dt.timedelta(days=rng.randint(0, 30))
        year = made.year
        lines = [
            f"# SOP {self.nama}, {instansi[-1]}.",
            f"nomor: {number:03d}/SOP/{singkat}/{year}",
            f"nama: {scalar(self.nama)}",
            "instansi:",
            *(f"  - {scalar(x)}" for x in instansi),
            "tanggal:",
            f"  pembuatan: {_write_date(rng, made)}",
            f"  revisi: {_write_date(rng, revisi)}" if revisi else "  revisi:",
            f"  efektif: {_write_date(rng, efektif)}",
            "disahkan_oleh:",
            f"  jabatan: {scalar(f'Kepala {instansi[-1]}')}",
            f"  nama: {scalar(_person(rng))}",
            f"  nip: {_nip(rng)}",
            "dasar_hukum:",
            *(f"  - {scalar(x)}" for x in rng.sample(DASAR, rng.randint(2, 5))),
            "kualifikasi_pelaksana:",
            *(f"  - {scalar(x)}" for x in rng.sample(KUALIFIKASI, rng.randint(1, 3))),
            "keterkaitan:",
            f"  - SOP {scalar(rng.choice(rng.choice(PROSES)[1]))}",
            "peralatan:",
            *(f"  - {scalar(x)}" for x in rng.sample(PERALATAN, rng.randint(2, 5))),
            "peringatan:" if rng.random() < 0.8 else "peringatan: []",
        ]
        if lines[-1] == "peringatan:":
            lines += [f"  - {scalar(x)}" for x in rng.sample(PERINGATAN, rng.randint(1, 2))]
        lines += [
            "pencatatan:",
            f"  - Dicatat dan didata dalam berkas kearsipan {scalar(instansi[-1])} secara "
            "elektronik dan/atau manual",
            f"batas_waktu: {rng.choice(BATAS)}",
        ]
        if self.satuan:
            lines.append(f"satuan_waktu: {self.satuan}")
        lines += ["", "pelaksana:", *(f"  {k}: {scalar(v)}" for k, v in self.actors.items())]
        return lines

    def duration(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.005:
            return ""  # written as `waktu:` with nothing after it
        if roll < 0.04:
            return rng.choice(TIDAK_TERUKUR)
        if self.satuan and roll < 0.4:
            return str(rng.choice([5, 10, 15, 30, 45, 60, 90, 120]) if self.satuan == "menit"
                       else rng.choice([1, 2, 3, 4, 8]))
        return rng.choice(DURASI)

    def plan(self) -> list[dict[str, Any]]:
        """Steps as dicts: actor(s), decision branches or lanjut, ids where targeted."""
        rng, n = self.rng, self.steps
        steps: list[dict[str, Any]] = [{} for _ in range(n)]
        i = 1
        while i < n - 1:
            roll = rng.random()
            if roll < 0.14 and i >= 2:  # checking step: rework loop back to an earlier one
                back = rng.randint(max(0, i - 4), i - 1)
                steps[i]["keputusan"] = ("next", back)
            elif roll < 0.2:  # early exit: the request is refused, the procedure ends
                steps[i]["keputusan"] = ("next", "selesai")
            elif roll < 0.25 and i + 3 < n:  # two alternatives joined again
                steps[i]["keputusan"] = ("next", i + 2)
                steps[i]["alt"] = True
                steps[i + 1]["lanjut"] = i + 3
                i += 3
                continue
            i += 1
        # Every actor does some step; the rest spread over the actors.
        order = list(range(n))
        rng.shuffle(order)
        for k, step in enumerate(order):
            if k < len(self.keys):
                steps[step]["actors"] = [self.keys[k]]
            else:
                steps[step]["actors"] = [rng.choice(self.keys)]
            if rng.random() < 0.08 and len(self.keys) > 1:
                other = rng.choice([a for a in self.keys if a not in steps[step]["actors"]])
                steps[step]["actors"].append(other)
        return steps

    def body(self) -> list[str]:
        rng = self.rng
        plan = self.plan()
        targeted: set[int] = set()
        for i, s in enumerate(plan):
            for t in s.get("keputusan", ()):
                if t != "selesai":
                    targeted.add(i + 1 if t == "next" else t)
            if "lanjut" in s:
                targeted.add(s["lanjut"])
        ids: dict[int, str] = {}
        used: set[str] = set()
        lines = ["", "langkah:"]
        for i in sorted(targeted):
            if rng.random() < 0.6:
                name = base = slug(rng.choice(KERJA)[1])[:30].strip("-")
                while name in used:
                    name = f"{base}-{len(used) + 1}"
                used.add(name)
                ids[i] = name

        def target(t: Any, i: int) -> str:
            if t == "selesai":
                return "selesai"
            index = i + 1 if t == "next" else t
            return ids.get(index, str(index + 1))

        for i, s in enumerate(plan):
            verb, obj = rng.choice(KERJA)
            if i == 0:
                verb, obj = "Menerima", f"{rng.choice(BENDA)} dan {rng.choice(BENDA)}"
            actors = s["actors"]
            if i in ids:
                lines.append(f"  - id: {ids[i]}")
                lines.append(f"    kegiatan: {scalar(f'{verb} {obj}')}")
            else:
                lines.append(f"  - kegiatan: {scalar(f'{verb} {obj}')}")
            if len(actors) == 1:
                lines.append(f"    pelaksana: {actors[0]}")
            else:
                lines.append(f"    pelaksana: [{', '.join(actors)}]")
            if rng.random() < 0.3:
                lines.append("    kelengkapan:")
                lines += [f"      - {scalar(b)}" for b in rng.sample(BENDA, 2)]
            else:
                lines.append(f"    kelengkapan: {scalar(rng.choice(BENDA))}")
            waktu = self.duration()
            lines.append(f"    waktu: {scalar(waktu)}" if waktu else "    waktu:")
            lines.append(f"    output: {scalar(rng.choice(BENDA))}")
            if rng.random() < 0.1:
                lines.append("    keterangan: Dapat dilakukan secara daring")
            if "keputusan" in s:
                ya, tidak = s["keputusan"]
                question, label_ya, label_tidak = rng.choice(PERTANYAAN)
                if s.get("alt"):
                    question, label_ya, label_tidak = ("Jenis perjalanan?", "Dinas", "Pribadi")
                lines.append("    keputusan:")
                lines.append(f"      tanya: {scalar(question)}")
                lines.append(f"      ya: {target(ya, i)}")
                lines.append(f"      tidak: {target(tidak, i)}")
                if label_ya:
                    lines.append(f"      label_ya: {scalar(label_ya)}")
                    lines.append(f"      label_tidak: {scalar(label_tidak)}")
            if "lanjut" in s:
                lines.append(f"    lanjut: {target(s['lanjut'], i)}")
        return lines


def _person(rng: random.Random) -> str:
    first = rng.choice(["Ahmad", "Siti", "Budi", "Dewi", "Rahmat", "Nur", "Agus", "Sri",
                        "Hendra", "Rina", "Made", "Yohanes", "Fitri", "Wahyu"])
    last = rng.choice(["Hidayat", "Lestari", "Santoso", "Rahmawati", "Saputra", "Wijaya",
                       "Nasution", "Pratama", "Siregar", "Kurniawan", "Sinaga", "Putri"])
    title = rng.choice(["S.Pd., M.AP", "S.E., M.Si.", "S.Sos.", "S.H., M.H.", "Drs.", "S.T."])
    return f"{first} {last}, {title}" if title != "Drs." else f"Drs. {first} {last}"


def sop_text(rng: random.Random, number: int, steps: int, actors: int) -> str:
    """The YAML text of one SOP with the given number of steps and actors."""
    sop = _Sop(rng, steps, min(actors, steps))
    return "\n".join(sop.identity(number) + sop.body()) + "\n"


def generate_corpus(outdir: Path, n: int, seed: int = 35) -> list[Path]:
    """Write ``n`` SOP files of 5-30 steps into ``outdir``; the paths, in order."""
    rng = random.Random(seed)
    outdir.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(n):
        text = sop_text(rng, k + 1, rng.randint(5, 30), rng.randint(2, 7))
        path = outdir / f"sop-{k + 1:05d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def big_sop(steps: int, seed: int = 35) -> str:
    """The YAML text of one SOP of ``steps`` steps (7 pelaksana), for scaling."""
    return sop_text(random.Random(seed * 1_000_003 + steps), 1, steps, 7)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--n", type=int, default=2000, help="how many SOPs (default 2000)")
    parser.add_argument("--seed", type=int, default=35)
    parser.add_argument("--steps", type=int, nargs="*", default=[],
                        help="also write one SOP of each of these numbers of steps")
    args = parser.parse_args()
    generate_corpus(args.outdir, args.n, args.seed)
    for k in args.steps:
        (args.outdir / f"big-{k}.yaml").write_text(big_sop(k, args.seed), encoding="utf-8")


if __name__ == "__main__":
    main()
