"""Generated SOPs for render tests: long procedures with loops, jumps and end branches."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from soptool.commands.validate import validate_file
from soptool.model import Sop

ACTORS = {
    "staf": "Staf Pelaksana",
    "analis": "Analis Kebijakan",
    "kasubag": "Kepala Subbagian Umum dan Kepegawaian",
    "sekretaris": "Sekretaris",
    "kabid": "Kepala Bidang",
    "kadis": "Kepala Dinas",
}


def long_sop(steps: int = 60) -> str:
    """An SOP of ``steps`` steps: every 7th a decision that loops back, every 11th a jump
    forward, every 5th with two actors, and a decision near the end whose Tidak ends."""
    keys = list(ACTORS)
    lines = [
        "nomor: 999/SOP/UJI/2025",
        "nama: Prosedur Panjang untuk Uji Halaman",
        "instansi:",
        "  - Pemerintah Kabupaten Contoh",
        "tanggal:",
        "  pembuatan: 2025-01-02",
        "disahkan_oleh:",
        "  jabatan: Kepala Dinas Contoh",
        "pelaksana:",
    ]
    lines += [f"  {k}: {t}" for k, t in ACTORS.items()]
    lines.append("langkah:")
    for n in range(1, steps + 1):
        actor = keys[(n * 5) % len(keys)]
        lines.append(f"  - id: l{n}")
        text = f"Kegiatan nomor {n}, memeriksa dan menyiapkan berkas tahap {n}"
        if n % 9 == 0:
            text += " beserta seluruh lampiran, tanda terima dan catatan pendukungnya"
        lines.append(f"    kegiatan: {text}")
        if n % 5 == 0 and n < steps:
            other = keys[(n * 5 + 2) % len(keys)]
            lines.append(f"    pelaksana: [{actor}, {other}]")
        else:
            lines.append(f"    pelaksana: {actor}")
        lines.append(f"    waktu: {n % 4 + 1} jam")
        lines.append(f"    output: dokumen tahap {n}")
        if n == steps - 2:
            lines += ["    keputusan:", "      tanya: Lanjut ke penutupan?",
                      f"      ya: l{n + 1}", "      tidak: selesai"]
        elif n % 7 == 0 and n < steps - 2:
            lines += ["    keputusan:", f"      tanya: Tahap {n} sudah benar?",
                      f"      ya: l{n + 1}", f"      tidak: l{n - 3}"]
        elif n % 11 == 0 and n + 3 < steps - 2:
            lines += ["    keputusan:", "      tanya: Perlu tahap tambahan?",
                      f"      ya: l{n + 1}", f"      tidak: l{n + 3}"]
    return "\n".join(lines) + "\n"


ROOT = Path(__file__).resolve().parent.parent
SOPS = ROOT / "sops"
# soptool's own valid documents: every import round trip reads these back
OWN = sorted([*SOPS.glob("*.yaml"), *(ROOT / "tests" / "data" / "valid").glob("*.yaml")])
# Real signed SOPs with hand-read truth files, beside the project (not part of it): the tests
# that read them skip where the folder is absent.
REAL_PDF = ROOT.parent / "shared" / "real-pdf"
needs_real_pdf = pytest.mark.skipif(not REAL_PDF.is_dir(), reason=f"{REAL_PDF} not present")

CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="headless Chromium not installed (/usr/bin/chromium): apt-get install chromium")


def print_pdf(html: str, tmp: Path, name: str = "dokumen") -> Path:
    """The HTML printed to PDF by headless Chromium, as an office prints the document."""
    page = tmp / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    pdf = tmp / f"{name}.pdf"
    subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={tmp / 'profil'}", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", page.as_uri()],
        check=True, capture_output=True, timeout=120)
    assert pdf.exists() and pdf.stat().st_size > 0
    return pdf
SEEDS = sorted(SOPS.glob("*.yaml"))


def load_sop(path: Path) -> Sop:
    """A valid SOP from a file (fails the test if it does not validate)."""
    result = validate_file(path, keep=True)
    assert result.errors == 0, [f.message() for f in result.findings]
    assert result.loaded is not None and result.loaded.sop is not None
    return result.loaded.sop


def write_long(tmp: Path, steps: int = 60) -> Path:
    """The generated SOP written to a file."""
    path = tmp / f"panjang-{steps}.yaml"
    path.write_text(long_sop(steps), encoding="utf-8")
    return path


def sop_text(kegiatan: str, extra: str = "") -> str:
    """A small valid SOP whose second step's kegiatan is ``kegiatan`` (YAML-quoted)."""
    quoted = '"' + kegiatan.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"""nomor: 1/UJI/2025
nama: Uji Teks
instansi: [Dinas Uji]
tanggal:
  pembuatan: 2025-12-17
disahkan_oleh:
  jabatan: Kepala Dinas Uji
pelaksana:
  staf: Staf
  kepala: Kepala
langkah:
  - kegiatan: Mulai proses
    pelaksana: kepala
    waktu: 1 jam
  - kegiatan: {quoted}
    pelaksana: staf
    waktu: 2 jam
{extra}  - kegiatan: Selesai proses
    pelaksana: kepala
    waktu: 30 menit
"""


def random_sop(seed: int, steps: int = 14, actors: int = 4) -> str:
    """A random valid SOP: decisions loop back or jump forward or end, steps with 1-2 actors."""
    import random

    rnd = random.Random(seed)
    keys = [f"p{i}" for i in range(actors)]
    lines = ["nama: Acak", "pelaksana:"] + [f"  {k}: Pelaksana {k}" for k in keys]
    lines.append("langkah:")
    for n in range(1, steps + 1):
        who = rnd.sample(keys, 2 if rnd.random() < 0.2 and actors > 1 else 1)
        lines.append(f"  - kegiatan: Langkah {n}")
        lines.append(f"    pelaksana: [{', '.join(who)}]")
        if 2 < n < steps - 1 and rnd.random() < 0.3:
            other = rnd.choice([rnd.randint(2, n - 1), min(steps, n + rnd.randint(2, 4)),
                                "selesai"])
            ya, tidak = (n + 1, other) if rnd.random() < 0.7 else (other, n + 1)
            lines += ["    keputusan:", f"      ya: {ya}", f"      tidak: {tidak}"]
    return "\n".join(lines) + "\n"
