"""Generated SOPs for render tests: long procedures with loops, jumps and end branches."""

from __future__ import annotations

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
