"""JSON: the schema form, exactly as ``Report.to_json`` writes it."""

from __future__ import annotations

from gongkai.core.report.model import Report


def render(report: Report) -> bytes:
    return (report.to_json() + "\n").encode("utf-8")
