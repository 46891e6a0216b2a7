"""Where soptool's own templates are: one small module, so that commands which only need
the folder (init, baru, site) do not import the renderer and its layout to find it."""

from __future__ import annotations

from pathlib import Path


def builtin_templates() -> Path:
    """The templates shipped with soptool (installed package, else the repository's)."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "templates"
    if installed.is_dir():
        return installed
    return package.parent.parent / "templates"
