from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see Indonesian messages and no colour unless they ask otherwise."""
    monkeypatch.delenv("SOPTOOL_LANG", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


# Hypothesis profiles for tests/fuzz (registered here, before pytest reads
# --hypothesis-profile). "fuzz" is what the fuzz tests run by default: few examples, a fixed
# derandomized order and no example database, so CI is deterministic and bounded. "long" is
# for developers: `python -m pytest tests/fuzz --hypothesis-profile long` (see
# tests/fuzz/README.md). Other tests keep hypothesis's default profile.
_FUZZ_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
                HealthCheck.large_base_example]
# The short run does not shrink: a failure shows the example as drawn (shrinking a whole
# SOP file can take minutes); rerun with the long profile to shrink it.
settings.register_profile("fuzz", max_examples=6, deadline=None, derandomize=True,
                          database=None, suppress_health_check=_FUZZ_HEALTH,
                          phases=[Phase.explicit, Phase.generate], print_blob=True)
settings.register_profile("long", max_examples=100_000, deadline=None,
                          suppress_health_check=_FUZZ_HEALTH, print_blob=True)


@pytest.fixture(scope="session")
def printed_own(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], Path]:
    """One of soptool's own documents (render_helpers.OWN) rendered to HTML and printed by
    Chromium, once per run: the import tests of each layer read the same PDFs."""
    from soptool.render.document import render

    from .render_helpers import load_sop, print_pdf

    made: dict[Path, Path] = {}

    def pdf_of(source: Path) -> Path:
        if source not in made:
            folder = tmp_path_factory.mktemp("dicetak")
            made[source] = print_pdf(render(load_sop(source), "html"), folder, source.stem)
        return made[source]

    return pdf_of
