"""Hypothesis strategies: valid SOPs (as data and as commented YAML text), and mutations.

``sops()`` draws a valid SOP as a ``Generated``: the plain data (what soptool's loader reads:
every scalar text) and the YAML text written for it, with comments, shuffled key order and a
mix of block and flow style. Valid means ``soptool.validate`` reports no error (warnings such
as SOP302/SOP303 for an unmeasurable or missing ``waktu`` are allowed).

``mutated()`` draws the bytes of such a file after one to three mutations of one family
(``MUTATIONS``): structure, types, unicode, targets, YAML tags, line ends, bytes, tabs,
explicit keys, anchors, empty values. Most are no longer valid SOPs, some not valid YAML.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from soptool.timing.durations import UNIT_WORDS

# --- text -----------------------------------------------------------------------------

WORDS = (
    "Menyusun", "konsep", "rencana", "aksi", "Balai", "Memeriksa", "berkas", "permohonan",
    "Kepala", "Dinas", "dokumen", "RKT", "Ka.", "Sub/Bag", "(draft)", "1,5", "010", "no",
    "yes", "on", "off", "null", "true", "1e3", "1:30", "selesai", "Ya", "Tidak",
)  # fmt: skip
# Text that must come out escaped in HTML and in Markdown table cells, never evaluated.
PAYLOADS = (
    '<script>alert("x")</script>', "{{ 7*7 }}", "{% raw %}", "${x}", "A & B", "&amp;",
    '"kutip"', "'kutip'", "a|b", "a | b |", "\\|", "<b>tebal</b>", "`kode`", "*miring*",
    "# bukan komentar", "x: y", "[tautan](http://x)", "-->", "<!-- c -->", "]]>",
)  # fmt: skip
FANCY = (
    "\u0301", "e\u0301", "\u0651", "مرحبا", "\u200f", "\u202e", "\u202c", "שלום", "😀",
    "👨\u200d👩\u200d👧", "🇮🇩", "\u200b", "\u200d", "\ufeff", "\u00a0", "\u3000", "漢字",
    "ß", "İ", "ǅ", "\U0001d400", "\u0e01\u0e34", "ﷺ", "\u2028", "\u00ad",
)  # fmt: skip


def _join(parts: tuple[list[str], list[tuple[int, str]]]) -> str:
    words, extra = parts
    for at, piece in extra:
        words.insert(at % (len(words) + 1), piece)
    return " ".join(words)


_TEXT = st.tuples(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5),
                  st.lists(st.tuples(st.integers(0, 5), st.sampled_from(FANCY + PAYLOADS)),
                           max_size=2)).map(_join)
_PLAIN_TEXT = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join)


def texts(fancy: bool = True) -> st.SearchStrategy[str]:
    """A non-blank text value: Indonesian words, sometimes with unicode or markup payloads."""
    return _TEXT if fancy else _PLAIN_TEXT


ACTOR_KEYS = st.from_regex(r"[a-z][a-z_]{0,11}", fullmatch=True)
STEP_IDS = st.from_regex(r"[a-z][a-z0-9]{0,5}([-_][a-z0-9]{1,4}){0,2}", fullmatch=True)

# --- durations (docs/format.md section 5) -----------------------------------------------

UNITS = UNIT_WORDS  # every spelling the grammar accepts, from the grammar itself
UNMEASURED = ("disesuaikan", "Disesuaikan", "menyesuaikan", "tentatif", "situasional", "-",
              "\u2013", "\u2014")
RANGE_WORDS = ("-", " - ", " s.d. ", " s/d ", " sd ", " sampai ", " hingga ")


def _case(draw: Any, word: str) -> str:
    return draw(st.sampled_from((word, word.capitalize(), word.upper())))


@st.composite
def durations(draw: Any, measured_only: bool = False) -> str:
    """One ``waktu`` in one of the forms of docs/format.md section 5."""
    n = st.integers(1, 99)
    unit = draw(st.sampled_from(sorted(UNITS)))
    word = _case(draw, draw(st.sampled_from(UNITS[unit])))
    kinds = ["plain", "decimal", "parts", "parts_dan", "range", "range_units", "x24", "kerja"]
    if not measured_only:
        kinds.append("unmeasured")
    kind = draw(st.sampled_from(kinds))
    a, b = draw(n), draw(n)
    if kind == "plain":
        return f"{a} {word}"
    if kind == "decimal":
        return f"{a}{draw(st.sampled_from(',.'))}{draw(st.integers(0, 9))} {word}"
    if kind in ("parts", "parts_dan"):
        glue = " dan " if kind == "parts_dan" else " "
        return f"{a} {_case(draw, 'jam')}{glue}{b} {_case(draw, 'menit')}"
    if kind == "range":
        low, high = sorted((a, b))
        return f"{low}{draw(st.sampled_from(RANGE_WORDS))}{high} {word}"
    if kind == "range_units":
        return f"{draw(st.integers(1, 59))} menit{draw(st.sampled_from(RANGE_WORDS))}{b} jam"
    if kind == "x24":
        return f"{a}{draw(st.sampled_from((' x ', 'x', ' X ')))}24 jam"
    if kind == "kerja":
        return f"{a} {draw(st.sampled_from(('hari', 'minggu')))} kerja"
    return draw(st.sampled_from(UNMEASURED))


# --- dates and NIP ------------------------------------------------------------------------

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")


def _date(draw: Any, y: int, m: int, d: int) -> str:
    form = draw(st.integers(0, 2))
    if form == 0:
        return f"{y}-{m:02d}-{d:02d}"
    if form == 1:
        sep = draw(st.sampled_from("/-."))
        return f"{d:02d}{sep}{m:02d}{sep}{y}"
    return f"{d} {draw(st.sampled_from((MONTHS[m - 1], MONTHS[m - 1].lower())))} {y}"


@st.composite
def tanggal(draw: Any) -> dict[str, Any]:
    """pembuatan <= revisi, efektif (or empty)."""
    y = draw(st.integers(2000, 2025))
    m, d = draw(st.integers(1, 12)), draw(st.integers(1, 28))
    out: dict[str, Any] = {"pembuatan": _date(draw, y, m, d)}
    for key in ("revisi", "efektif"):
        if draw(st.booleans()):
            out[key] = _date(draw, y + draw(st.integers(1, 3)), m, d)
        elif draw(st.booleans()):
            out[key] = None
    return out


@st.composite
def nips(draw: Any) -> str:
    """18 digits: a plausible birth date, TMT CPNS at least 14 years later."""
    y = draw(st.integers(1950, 1990))
    tmt = draw(st.integers(y + 18, min(y + 35, 2020)))
    digits = (f"{y}{draw(st.integers(1, 12)):02d}{draw(st.integers(1, 28)):02d}"
              f"{tmt}{draw(st.integers(1, 12)):02d}{draw(st.sampled_from('12'))}"
              f"{draw(st.integers(0, 999)):03d}")
    if draw(st.booleans()):
        return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"
    return digits


# --- whole SOPs ---------------------------------------------------------------------------

BOXES = ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan", "peringatan",
         "pencatatan")


def _target(draw: Any, number: int, ids: list[str | None], n: int) -> str:
    """Step ``number`` (1-based) as a number, its id, or ``selesai`` past the last step."""
    if number > n:
        return draw(st.sampled_from(("selesai", "Selesai")))
    sid = ids[number - 1]
    if sid is not None and draw(st.booleans()):
        return sid
    return str(number)


def _text_or_list(draw: Any) -> Any:
    return draw(st.one_of(texts(), st.lists(texts(), max_size=3)))


@st.composite
def sop_data(draw: Any, max_steps: int = 40) -> dict[str, Any]:
    """A valid SOP as the plain data soptool reads (every scalar a str, or None)."""
    n_act = draw(st.integers(1, 8))
    keys = draw(st.lists(ACTOR_KEYS, min_size=n_act, max_size=n_act, unique=True))
    n = draw(st.integers(1, max_steps))
    ids: list[str | None] = []
    pool = draw(st.lists(STEP_IDS.filter(lambda s: s != "selesai"), max_size=n, unique=True))
    for _ in range(n):
        ids.append(pool.pop() if pool and draw(st.booleans()) else None)
    satuan = draw(st.sampled_from((None, None, None, "menit", "jam", "Hari")))
    steps: list[dict[str, Any]] = []
    used: set[str] = set()
    for i in range(n):
        k = i + 1
        step: dict[str, Any] = {"kegiatan": draw(texts())}
        who = draw(st.lists(st.sampled_from(keys), min_size=1, max_size=3, unique=True))
        used.update(who)
        step["pelaksana"] = who[0] if len(who) == 1 and draw(st.booleans()) else who
        if ids[i] is not None:
            step["id"] = ids[i]
        if draw(st.integers(0, 9)):
            if satuan and draw(st.booleans()):
                a, b = sorted((draw(st.integers(1, 90)), draw(st.integers(1, 90))))
                step["waktu"] = draw(st.sampled_from((str(a), f"{a}-{b}")))
            else:
                step["waktu"] = draw(durations())
        for opt in ("kelengkapan", "output"):
            if draw(st.booleans()):
                step[opt] = _text_or_list(draw)
        if draw(st.booleans()):
            step["keterangan"] = draw(texts())
        kind = draw(st.sampled_from(("plain", "plain", "decision", "lanjut")))
        if kind == "decision":
            forward = _target(draw, k + 1, ids, n)
            back = _target(draw, draw(st.integers(1, k)), ids, n)
            ya, tidak = (forward, back) if draw(st.booleans()) else (back, forward)
            dec: dict[str, Any] = {"ya": ya, "tidak": tidak}
            if draw(st.booleans()):
                dec["tanya"] = draw(texts())
            for lab in ("label_ya", "label_tidak"):
                if draw(st.integers(0, 3)) == 0:
                    dec[lab] = draw(texts())
            step["keputusan"] = dec
        elif kind == "lanjut":
            step["lanjut"] = _target(draw, k + 1, ids, n)
        steps.append(step)
    data: dict[str, Any] = {"nama": draw(texts()), "langkah": steps}
    # Every declared actor does a step (else SOP202, a warning: allowed, but keep it rare).
    data["pelaksana"] = {key: draw(texts()) for key in keys}
    if satuan:
        data["satuan_waktu"] = satuan
    if draw(st.booleans()):
        data["nomor"] = draw(st.from_regex(r"[0-9]{3}/[A-Z]{2,4}/20[0-9]{2}", fullmatch=True))
    if draw(st.booleans()):
        data["instansi"] = _text_or_list(draw)
    if draw(st.booleans()):
        data["tanggal"] = draw(tanggal())
    if draw(st.booleans()):
        d: dict[str, Any] = {"jabatan": draw(texts())}
        if draw(st.booleans()):
            d["nama"] = draw(texts())
        if draw(st.booleans()):
            d["nip"] = draw(nips())
        data["disahkan_oleh"] = d
    for box in BOXES:
        if draw(st.integers(0, 2)) == 0:
            data[box] = draw(st.one_of(st.none(), texts(), st.lists(texts(), max_size=3)))
    if draw(st.integers(0, 3)) == 0:
        data["batas_waktu"] = draw(durations(measured_only=True))
    return data


# --- YAML text ----------------------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ,./()_\-]*")
_NULL_WORDS = {"", "~", "null", "Null", "NULL"}


def _printable(ch: str) -> bool:
    o = ord(ch)
    return (ch in "\t" or 0x20 <= o <= 0x7E or 0xA0 <= o <= 0xD7FF and o not in (0x2028, 0x2029)
            or 0xE000 <= o <= 0xFFFD and o != 0xFEFF or 0x10000 <= o <= 0x10FFFF)


def quoted(text: str) -> str:
    """A double-quoted YAML scalar for any text."""
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif _printable(ch) and ch != "\t":
            out.append(ch)
        else:
            out.append(json.dumps(ch)[1:-1] if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


def scalar(draw: Any, text: str, flow: bool = False) -> str:
    """The text as a YAML scalar: plain when that reads back the same, else quoted."""
    style = draw(st.integers(0, 3))
    plain_ok = (_PLAIN.fullmatch(text) is not None and text not in _NULL_WORDS
                and not text.endswith(" ") and not (flow and "," in text))
    if plain_ok and style:
        return text
    if style < 2 and "'" not in text and all(_printable(c) and c != "\t" for c in text):
        return "'" + text + "'"
    return quoted(text)


COMMENT_TEXT = st.one_of(
    st.sampled_from(("", "catatan", "kosong: belum", "# dua", "'kutip' \"dua\"", "a: b",
                     "[x, y]", "😀 مرحبا", "e\u0301", "\u200b", "TODO #12", "ya/tidak")),
    st.text(st.characters(codec="utf-8", exclude_categories=(
        "Cc", "Cs", "Zl", "Zp", "Co", "Cn")), max_size=12).map(
        lambda s: s.replace("\ufeff", "").strip()))


def _comment(draw: Any) -> str:
    if draw(st.integers(0, 4)):
        return ""
    return "  # " + draw(COMMENT_TEXT)


def _emit(draw: Any, value: Any, indent: int, out: list[str], head: str) -> None:
    """Append lines for ``head`` (``key:`` or ``-``) followed by ``value``."""
    pad = " " * indent
    if value is None:
        null = draw(st.sampled_from(("", " ~", " null")))
        out.append(f"{pad}{head}{null}{_comment(draw)}")
    elif isinstance(value, str):
        out.append(f"{pad}{head} {scalar(draw, value)}{_comment(draw)}")
    elif isinstance(value, list):
        if not value or all(isinstance(v, str) for v in value) and draw(st.booleans()):
            items = ", ".join(scalar(draw, v, flow=True) for v in value)
            out.append(f"{pad}{head} [{items}]{_comment(draw)}")
            return
        out.append(f"{pad}{head}{_comment(draw)}")
        for item in value:
            if isinstance(item, dict):
                _emit_mapping(draw, item, indent + 4, out, first=f"{' ' * (indent + 2)}- ")
            else:
                _emit(draw, item, indent + 2, out, "-")
    elif all(v is None or isinstance(v, str) for v in value.values()) and draw(
            st.integers(0, 2)) == 0:
        items = ", ".join(f"{k}: " if v is None else f"{k}: {scalar(draw, v, flow=True)}"
                          for k, v in value.items())
        out.append(f"{pad}{head} {{{items}}}{_comment(draw)}")
    else:
        out.append(f"{pad}{head}{_comment(draw)}")
        _emit_mapping(draw, value, indent + 2, out)


def _emit_mapping(draw: Any, mapping: dict[str, Any], indent: int, out: list[str],
                  first: str | None = None) -> None:
    keys = draw(st.permutations(list(mapping)))
    for n, key in enumerate(keys):
        if draw(st.integers(0, 9)) == 0 and not (n == 0 and first):
            out.append(" " * indent + "# " + draw(COMMENT_TEXT))
        if n == 0 and first is not None:
            before = len(out)
            _emit(draw, mapping[key], indent, out, f"{key}:")
            out[before] = first + out[before][indent:]
        else:
            _emit(draw, mapping[key], indent, out, f"{key}:")


@dataclass(frozen=True)
class Generated:
    """A valid SOP: its plain data and a YAML text that reads as that data."""

    data: dict[str, Any]
    text: str

    @property
    def raw(self) -> bytes:
        """The text as UTF-8 bytes."""
        return self.text.encode("utf-8")


@st.composite
def sops(draw: Any, max_steps: int = 40) -> Generated:
    """A valid SOP and its YAML text (comments, any key order, block and flow lists)."""
    data = draw(sop_data(max_steps))
    out: list[str] = []
    if draw(st.integers(0, 3)) == 0:
        out.append("# " + draw(COMMENT_TEXT))
    _emit_mapping(draw, data, 0, out)
    if draw(st.integers(0, 5)) == 0:
        out.append("# " + draw(COMMENT_TEXT))
    end = "\n" if draw(st.integers(0, 5)) else ""
    return Generated(data, "\n".join(out) + end)


# --- mutations ----------------------------------------------------------------------------

_VALUE_AT = re.compile(r"^(\s*(?:- )?[A-Za-z_]+:)( .*)?$")
CONTROL = tuple(chr(c) for c in (*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F,
                                 0x85, 0x80, 0x9F))
INSERTS = CONTROL + FANCY + ("\t", "\ufffe", "\U0010ffff")
TAGS = ("!!omap", "!!seq", "!!str", "!!str []", "!!binary", "!x", "!!map", "!!set", "!!int",
        "!!null", "!!python/object:os.system", "!<tag:yaml.org,2002:str>", "!!timestamp",
        "!!float", "!!bool")
REPLACEMENTS = ("[]", "{}", "[a, b]", "{a: b}", "123", "true", "~", "null", "''", '""',
                "1e3", "-", "- x", "[[x]]", "{a: {b: c}}", "0x10", ".inf", "2025-01-01",
                "*x", "&a x", "|\n  blok", ">-\n  lipat", "? x", "[a, {b: c}]", '"\\0"',
                '"\\x01"', '"\\u200b"', '"\\ud800"', "'it''s'")
TARGETS = ("0", "-1", "999", "1", "2", "3", "selesai", "SELESAI", "tidak-ada", "", "[1, 2]",
           "1.5", "99999999999999999999", "Selesai ", '"1"', "{}")


def _value_lines(lines: list[str]) -> list[int]:
    return [i for i, ln in enumerate(lines) if _VALUE_AT.match(ln)]


def _pick(draw: Any, seq: list[int]) -> int | None:
    return draw(st.sampled_from(seq)) if seq else None


def _set_value(lines: list[str], i: int, value: str) -> None:
    m = _VALUE_AT.match(lines[i])
    assert m is not None
    lines[i] = m.group(1) + (" " + value if value else "")


def m_structure(draw: Any, lines: list[str]) -> list[str]:
    """Drop, duplicate, swap, re-indent lines; a scalar becomes a list or a mapping."""
    if not lines:
        return lines
    i = draw(st.integers(0, len(lines) - 1))
    op = draw(st.sampled_from(("drop", "dup", "swap", "indent", "dedent", "value", "move")))
    if op == "drop":
        del lines[i]
    elif op == "dup":
        lines.insert(i, lines[i])
    elif op == "swap":
        j = draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    elif op == "indent":
        lines[i] = " " * draw(st.integers(1, 4)) + lines[i]
    elif op == "dedent":
        lines[i] = lines[i].lstrip(" ")
    elif op == "move":
        line = lines.pop(i)
        lines.insert(draw(st.integers(0, len(lines))), line)
    else:
        j = _pick(draw, _value_lines(lines))
        if j is not None:
            _set_value(lines, j, draw(st.sampled_from(REPLACEMENTS)))
    return lines


def m_types(draw: Any, lines: list[str]) -> list[str]:
    """A value of the wrong type (list, mapping, number, boolean, null)."""
    j = _pick(draw, _value_lines(lines))
    if j is not None:
        _set_value(lines, j, draw(st.sampled_from(REPLACEMENTS[:12])))
    return lines


def m_unicode(draw: Any, lines: list[str]) -> list[str]:
    """Combining marks, RTL, emoji, zero-width and control characters, anywhere."""
    if not lines:
        return [draw(st.sampled_from(INSERTS))]
    i = draw(st.integers(0, len(lines) - 1))
    at = draw(st.integers(0, len(lines[i])))
    lines[i] = lines[i][:at] + draw(st.sampled_from(INSERTS)) + lines[i][at:]
    return lines


def m_targets(draw: Any, lines: list[str]) -> list[str]:
    """ya/tidak/lanjut missing, out of range, self-loops, unknown ids, wrong types."""
    idx = [i for i, ln in enumerate(lines) if re.match(r"\s*(- )?(ya|tidak|lanjut):", ln)]
    j = _pick(draw, idx)
    if j is None:
        return lines
    if draw(st.integers(0, 3)) == 0:
        del lines[j]
    else:
        _set_value(lines, j, draw(st.sampled_from(TARGETS)))
    return lines


def m_tags(draw: Any, lines: list[str]) -> list[str]:
    """A YAML tag before a value (or a key)."""
    j = _pick(draw, _value_lines(lines))
    if j is None:
        return lines
    m = _VALUE_AT.match(lines[j])
    assert m is not None
    tag = draw(st.sampled_from(TAGS))
    rest = (m.group(2) or "").strip()
    lines[j] = f"{m.group(1)} {tag}{' ' + rest if rest else ''}"
    return lines


def m_tabs(draw: Any, lines: list[str]) -> list[str]:
    """A tab after a scalar (before a comment or the line end), or as indentation."""
    j = _pick(draw, _value_lines(lines))
    if j is None:
        return lines
    where = draw(st.sampled_from(("end", "comment", "indent", "after_colon")))
    if where == "end":
        lines[j] = lines[j] + "\t"
    elif where == "comment":
        lines[j] = lines[j] + "\t# tab"
    elif where == "indent":
        lines[j] = "\t" + lines[j]
    else:
        lines[j] = lines[j].replace(": ", ":\t", 1)
    return lines


def m_explicit_keys(draw: Any, lines: list[str]) -> list[str]:
    """``? key # c`` / ``: value`` instead of ``key: value``."""
    j = _pick(draw, _value_lines(lines))
    if j is None:
        return lines
    m = re.match(r"^(\s*)(- )?([A-Za-z_]+):( .*)?$", lines[j])
    assert m is not None
    pad = m.group(1) + ("  " if m.group(2) else "")
    first = m.group(1) + (m.group(2) or "")
    comment = draw(st.sampled_from(("", " # c", " #")))
    value = (m.group(4) or "").strip()
    new = [f"{first}? {m.group(3)}{comment}", f"{pad}:{' ' + value if value else ''}"]
    if value.startswith("#") or not value:
        new[1] = f"{pad}:"
    lines[j:j + 1] = new
    return lines


def m_anchors(draw: Any, lines: list[str]) -> list[str]:
    """An anchor on one value and an alias as another."""
    idx = _value_lines(lines)
    if len(idx) < 2:
        return lines
    a, b = sorted(draw(st.lists(st.sampled_from(idx), min_size=2, max_size=2, unique=True)))
    m = _VALUE_AT.match(lines[a])
    assert m is not None
    lines[a] = f"{m.group(1)} &a{m.group(2) or ''}"
    if draw(st.booleans()):
        _set_value(lines, b, "*a")
    return lines


def m_empty(draw: Any, lines: list[str]) -> list[str]:
    """Values left empty (``key:``), or empty list items (``-``)."""
    for _ in range(draw(st.integers(1, 3))):
        j = _pick(draw, _value_lines(lines))
        if j is not None:
            _set_value(lines, j, draw(st.sampled_from(("", "", "# kosong"))))
    return lines


def m_documents(draw: Any, lines: list[str]) -> list[str]:
    """Document markers, directives, deep nesting, very long lines."""
    op = draw(st.sampled_from(("start", "second", "end", "directive", "deep", "long")))
    if op == "start":
        return ["---", *lines]
    if op == "second":
        return [*lines, "---", "nama: dua"]
    if op == "end":
        return [*lines, "...", "sisa"]
    if op == "directive":
        return ["%YAML 1.1", "---", *lines]
    if op == "deep":
        depth = draw(st.integers(30, 80))
        return [*lines, "keterangan: " + "[" * depth + "]" * depth]
    return [*lines, "peringatan: " + "x" * draw(st.integers(1000, 20000))]


LINE_MUTATIONS = {
    "structure": m_structure, "types": m_types, "unicode": m_unicode, "targets": m_targets,
    "tags": m_tags, "tabs": m_tabs, "explicit_keys": m_explicit_keys, "anchors": m_anchors,
    "empty": m_empty, "documents": m_documents,
}  # fmt: skip


def line_ends(draw: Any, text: str) -> bytes:
    """LF, CRLF, CR-only or a mix."""
    style = draw(st.sampled_from(("crlf", "cr", "mixed")))
    parts = text.split("\n")
    if style == "crlf":
        return "\r\n".join(parts).encode("utf-8")
    if style == "cr":
        return "\r".join(parts).encode("utf-8")
    out = parts[0]
    for part in parts[1:]:
        out += draw(st.sampled_from(("\n", "\r\n", "\r"))) + part
    return out.encode("utf-8")


def byte_damage(draw: Any, raw: bytes) -> bytes:
    """A BOM, a NUL, bytes that are not UTF-8, truncation (maybe inside a character)."""
    op = draw(st.sampled_from(("bom", "nul", "invalid", "truncate", "utf16", "bom_twice")))
    at = draw(st.integers(0, len(raw)))
    if op == "bom":
        return b"\xef\xbb\xbf" + raw
    if op == "bom_twice":
        return b"\xef\xbb\xbf" + raw[:at] + b"\xef\xbb\xbf" + raw[at:]
    if op == "nul":
        return raw[:at] + b"\0" + raw[at:]
    if op == "invalid":
        bad = draw(st.sampled_from((b"\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", b"\x80",
                                    b"\xf4\x90\x80\x80", b"\xc0\xaf")))
        return raw[:at] + bad + raw[at:]
    if op == "utf16":
        return b"\xff\xfe" + raw.decode("utf-8").encode("utf-16-le")
    return raw[:at]


FAMILIES = (*LINE_MUTATIONS, "line_ends", "bytes")


@st.composite
def damaged_line_ends(draw: Any, text: str) -> bytes:
    """The text with LF, CRLF, CR-only or mixed line ends, then damaged bytes."""
    return byte_damage(draw, line_ends(draw, text))


@dataclass(frozen=True)
class Mutated:
    """A generated SOP after mutations: its bytes, and which mutations made them."""

    source: Generated
    raw: bytes
    applied: tuple[str, ...]

    def __repr__(self) -> str:
        return f"Mutated(applied={self.applied!r}, raw={self.raw!r})"


@st.composite
def mutated(draw: Any, families: tuple[str, ...] = FAMILIES, max_steps: int = 12) -> Mutated:
    """A generated SOP's bytes after one to three mutations from ``families``."""
    gen = draw(sops(max_steps=max_steps))
    lines = gen.text.split("\n")
    applied: list[str] = []
    line_families = [f for f in families if f in LINE_MUTATIONS]
    if line_families:
        for _ in range(draw(st.integers(1, 3))):
            name = draw(st.sampled_from(line_families))
            lines = LINE_MUTATIONS[name](draw, lines)
            applied.append(name)
    raw = "\n".join(lines).encode("utf-8")
    if "line_ends" in families and (not line_families or draw(st.booleans())):
        raw = line_ends(draw, raw.decode("utf-8"))
        applied.append("line_ends")
    if "bytes" in families and (not applied or draw(st.integers(0, 3)) == 0):
        raw = byte_damage(draw, raw)
        applied.append("bytes")
    return Mutated(gen, raw, tuple(applied))
