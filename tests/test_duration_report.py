"""The duration report made per file (in worker processes for many files) and laid out once.

Each file's ``Shown`` (its table row, breach lines, details, or JSON object) is made where
the file is measured; these tests pin that the result does not depend on where that was,
and that the JSON written from per-SOP texts is what ``json.dump`` of the list writes.
"""

from __future__ import annotations

import io
import json
import shutil
from fractions import Fraction
from pathlib import Path

from soptool.commands.duration import (
    Job,
    Show,
    Shown,
    TextReport,
    measure,
    measure_files,
    to_dict,
    write_json,
)
from soptool.loading import load_bytes
from soptool.report.jsonout import envelope
from soptool.timing.durations import DEFAULT_CALENDAR, Calendar
from soptool.workers import PARALLEL_MIN_FILES, map_in_order

ROOT = Path(__file__).resolve().parent.parent

# A name with a line break, quotes and non-ASCII text; a range, seconds and a missing time.
ODD = """\
nama: "Baris satu\\nbaris \\"dua\\" \\u2028 éè"
batas_waktu: 1 jam
pelaksana: {a: Petugas, b: Kepala}
langkah:
  - {kegiatan: Satu, pelaksana: a, waktu: 30 menit - 1 jam}
  - {kegiatan: Dua, pelaksana: [a, b], waktu: 90 detik}
  - kegiatan: Tiga
    pelaksana: b
    waktu: tentatif
    keputusan: {ya: selesai, tidak: 1}
"""


def corpus(tmp_path: Path) -> list[Path]:
    """More files than run in one process: the seeds, the fixtures and an odd SOP."""
    seeds = sorted((ROOT / "sops").glob("*.yaml"))
    seeds += sorted((ROOT / "tests" / "data" / "duration").glob("**/*.yaml"))
    (tmp_path / "odd.yaml").write_text(ODD, encoding="utf-8")
    seeds.append(tmp_path / "odd.yaml")
    paths = []
    for k in range(PARALLEL_MIN_FILES + 10):
        target = tmp_path / f"sop-{k:03d}.yaml"
        shutil.copy(seeds[k % len(seeds)], target)
        paths.append(target)
    return paths


def report(results: list[tuple[object, Shown | None]], fmt: str) -> str:
    items = [s for _, s in results if s is not None]
    invalid = sum(s is None for _, s in results)
    out = io.StringIO()
    if fmt == "json":
        write_json(items, out)
    else:
        TextReport(out, "id").write(items, invalid, DEFAULT_CALENDAR)
    return out.getvalue()


def test_workers_and_one_process_write_the_same_report(tmp_path: Path) -> None:
    paths = corpus(tmp_path)
    job = Job(DEFAULT_CALENDAR, ulang=1, max_limit=Fraction(3000))
    for fmt in ("text", "json"):
        show = Show(job, fmt, "id", False, "50 jam")
        results = list(map_in_order(show, paths, jobs=1))
        assert any(shown is None for _, shown in results)  # the invalid fixture
        serial = report(results, fmt)
        assert report(list(measure_files(paths, show)), fmt) == serial
        assert "Baris satu" in serial


def test_json_from_per_sop_texts_is_json_dump_of_the_list() -> None:
    loaded = load_bytes(ODD.encode(), "odd.yaml")
    assert loaded.sop is not None, loaded.findings
    items = [measure(loaded.sop, "odd.yaml", cal, ulang=2, max_limit=Fraction(45))
             for cal in (DEFAULT_CALENDAR, Calendar(Fraction(29, 4)))]
    expected = json.dumps(envelope(files=[to_dict(i) for i in items]), ensure_ascii=False,
                          indent=2) + "\n"
    for some in (items, [Shown("x", False, False, (0, 0), json=t) for t in
                         (json.dumps(to_dict(i), ensure_ascii=False, indent=2)
                          .replace("\n", "\n    ") for i in items)]):
        out = io.StringIO()
        write_json(some, out)
        assert out.getvalue() == expected
    empty = io.StringIO()
    write_json([], empty)
    assert empty.getvalue() == json.dumps(envelope(files=[]), indent=2) + "\n"


def test_shown_carries_no_model() -> None:
    loaded = load_bytes(ODD.encode(), "odd.yaml")
    assert loaded.sop is not None
    shown = TextReport(None, "id", max_text="45 menit").show(
        measure(loaded.sop, "odd.yaml", DEFAULT_CALENDAR, max_limit=Fraction(45)))
    assert shown.failed and shown.lower_bound
    assert shown.cells[-1] == "MELEBIHI"
    assert shown.name[0].startswith("Baris satu")
    assert "--max 45 menit" in shown.breaches
    assert all(isinstance(getattr(shown, f), (str, bool, tuple, type(None)))
               for f in shown.__dataclass_fields__)


def test_a_prebuilt_flow_gives_the_same_findings() -> None:
    # duration builds each SOP's flow once, for the checks and the measurement.
    from soptool.graph import build_flow
    from soptool.loading import load_file
    from soptool.rules.checks import run_checks

    data = ROOT / "tests" / "data"
    paths = sorted(data.glob("**/*.yaml")) + sorted((ROOT / "sops").glob("*.yaml"))
    with_flow = 0
    for path in paths:
        doc = load_file(path, str(path))
        if doc.sop is None:
            continue
        with_flow += 1
        assert run_checks(doc, build_flow(doc.sop)) == run_checks(doc), path
    assert with_flow > 10


def test_names_wrap_as_textwrap_wraps_them() -> None:
    import textwrap

    from soptool.commands.duration import NAME_WIDTH, wrap_name

    names = ["", " ", "   ", "Pelayanan", "  Pelayanan Izin", "Pelayanan Izin  ", "a\tb",
             "a\nb", "a\u3000", "\u00a0a", "x" * NAME_WIDTH, "x" * (NAME_WIDTH + 1),
             "kata " * 8 + "akhir", "a  b   c", "Satu-dua-tiga " * 5, "é" * 44, " " * 50 + "a"]
    for name in names:
        assert wrap_name(name) == tuple(textwrap.wrap(name, NAME_WIDTH) or [""]), repr(name)
