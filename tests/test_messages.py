from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from soptool.report.messages import CATALOGUE, message


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_message_formats_in_both_languages(key: str) -> None:
    for lang, text in zip(("id", "en"), CATALOGUE[key], strict=True):
        names = {f for _, f, _, _ in string.Formatter().parse(text) if f}
        out = message(key, lang, **{n: f"<{n}>" for n in names})
        for n in names:
            assert f"<{n}>" in out


def test_user_text_is_never_translated() -> None:
    # A pelaksana key that looks like a message key stays as written.
    assert message("SOP201", "id", key="ui.error", hint="") == (
        "pelaksana 'ui.error' tidak dideklarasikan di bagian 'pelaksana'")


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_import_notes_take_the_same_params_in_both_languages() -> None:
    notes = [k for k in CATALOGUE if k.startswith("import.note.")]
    assert len(notes) > 30
    for key in notes:
        indonesian, english = CATALOGUE[key]
        assert _fields(indonesian) == _fields(english), key


def test_every_import_note_the_importer_makes_is_in_the_catalogue() -> None:
    importer = Path(__file__).resolve().parents[1] / "src" / "soptool" / "importer"
    used = {m for path in importer.glob("*.py")
            for m in re.findall(r'"(import\.note\.[a-z_0-9]+)"', path.read_text("utf-8"))}
    assert len(used) > 30
    assert sorted(used - set(CATALOGUE)) == []
