from __future__ import annotations

import string

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
