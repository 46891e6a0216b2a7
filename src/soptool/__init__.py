"""soptool: validate, time, render and review Indonesian government SOPs kept as YAML."""

__version__ = "0.1.0"
