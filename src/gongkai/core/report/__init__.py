"""The annual report as data: formats, the ``Report`` value, checks, roll-up and renderers."""

from gongkai.core.report.checks import Finding, check, has_errors
from gongkai.core.report.formats import FORMATS, ReportFormat, format_for_year, get_format
from gongkai.core.report.model import Report, ReportError
from gongkai.core.report.rollup import RollupError, rollup

__all__ = [
    "FORMATS",
    "Finding",
    "Report",
    "ReportError",
    "ReportFormat",
    "RollupError",
    "check",
    "format_for_year",
    "get_format",
    "has_errors",
    "rollup",
]
