"""xl_dashboard: children's social care performance dashboards as native Excel workbooks.

from xl_dashboard import load_inputs, compute, write_dashboard
results = compute(load_inputs("inputs.xlsx", annex_a="annex_a.xlsx"))
"""

from .api import build, compute, load_inputs, write_data_csv
from .dashboard.build import write_dashboard
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
