"""Whatever the report core renders, the reader reads back to the same tables."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core.reader import read_bytes
from gongkai.core.report import Report
from gongkai.core.report.render import render
from tests.core.strategies import any_report

SLOW_OK = [HealthCheck.too_slow, HealthCheck.large_base_example, HealthCheck.data_too_large]


def _complete(report: Report) -> Report:
    """The shape real reports have: rows missing only at the end (a cut), all dispute groups.

    (A table reduced to a few scattered blank rows reads as a lost table, on purpose.)
    """
    spec = report.spec
    if report.applications is not None:
        keys = spec.application_keys[: len(report.applications)]
        report.applications = {k: report.applications.get(k, [None] * 7) for k in keys}
    if report.proactive is not None:
        keys = tuple(spec.proactive_rows)[: len(report.proactive)]
        report.proactive = {
            k: report.proactive.get(k) or {c.key: None for c in spec.proactive_columns(k)}
            for k in keys
        }
    if report.disputes is not None:
        report.disputes = {
            g: report.disputes.get(g, [None] * 5)
            for g in ("review", "litigation_direct", "litigation_after_review")
        }
    return report


def _same(data: bytes, name: str, report: Report) -> None:
    read = read_bytes(data, name).report
    assert read is not None
    assert (read.agency, read.year, read.format) == (report.agency, report.year, report.format)
    assert read.proactive == (report.proactive or None)
    assert read.applications == (report.applications or None)
    assert read.disputes == report.disputes


def _has_tables(report: Report) -> bool:
    return bool(report.proactive or report.applications or report.disputes)


@settings(max_examples=40, suppress_health_check=SLOW_OK, deadline=None)
@given(any_report().filter(_has_tables), st.sampled_from(["html", "md", "docx"]))
def test_rendered_html_markdown_and_docx_read_back_to_the_same_tables(
    report: Report, to: str
) -> None:
    report = _complete(report)
    _same(render(report, to), f"report.{to}", report)


@settings(max_examples=4, suppress_health_check=SLOW_OK, deadline=None)
@given(any_report().filter(_has_tables))
def test_rendered_pdf_reads_back_to_the_same_tables(report: Report) -> None:
    report = _complete(report)
    _same(render(report, "pdf"), "report.pdf", report)
