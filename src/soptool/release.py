"""Where soptool is published and how a release is named: the one place a release updates.

A release sets ``__version__`` (src/soptool/__init__.py) and ``version`` (pyproject.toml) to
the same X.Y.Z, commits, and tags that commit ``vX.Y.Z`` (``release_tag()``) in
``REPOSITORY``. ``soptool init`` writes that address and tag into an office repository's
.pre-commit-config.yaml and CI workflows when soptool was installed from a release; the
README's snippets show the same (tests/test_init.py checks that they agree).
"""

from __future__ import annotations

from soptool import __version__

# The public git repository of soptool: pre-commit clones it, pip installs from it.
REPOSITORY = "https://github.com/soptool/soptool"


def release_tag(version: str = __version__) -> str:
    """The git tag of a release: ``v`` and the version, e.g. ``v0.1.0``."""
    return f"v{version}"
