"""xl_dashboard: children's social care performance dashboards as native Excel workbooks.

from xl_dashboard import load_inputs, compute, write_dashboard
results = compute(load_inputs("inputs.xlsx", annex_a="annex_a.xlsx"))
"""

from __future__ import annotations

import importlib

from .errors import XlDashboardError

__all__ = [
    "XlDashboardError",
    "build",
    "compute",
    "load_inputs",
    "write_dashboard",
    "write_data_csv",
]
__version__ = "0.1.0"

# Imported on first use, so the command line answers `--help` without importing pandas.
_LAZY = {
    "build": ".api",
    "compute": ".api",
    "load_inputs": ".api",
    "write_data_csv": ".api",
    "write_dashboard": ".dashboard.build",
}


def __getattr__(name: str) -> object:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value
