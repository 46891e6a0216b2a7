"""soptool: validate, time, render and review Indonesian government SOPs kept as YAML.

The Python API, loaded on first use (so that ``import soptool`` stays cheap):

- ``Sop``: the format's pydantic model (``Sop.model_validate``, ``Sop.model_json_schema``);
- ``load(path_or_text) -> Sop``, raising ``SopInvalid`` with the findings;
- ``validate(path_or_text) -> list[Finding]``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Finding", "Sop", "SopInvalid", "__version__", "load", "validate"]

if TYPE_CHECKING:
    from soptool.api import load, validate
    from soptool.findings import Finding, SopInvalid
    from soptool.model import Sop

_LAZY = {"Sop": "soptool.model", "load": "soptool.api", "validate": "soptool.api",
         "SopInvalid": "soptool.findings", "Finding": "soptool.findings"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'soptool' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
