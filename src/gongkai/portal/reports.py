"""The published annual reports on the public site (政府信息公开工作年度报告; issue 7).

``/reports/``: every published report by year and agency. ``/reports/<id>/``: the report as
its readers expect it — the opening paragraph, section 一, the three tables (the core's HTML
renderer), the two charts (inline SVG from ``core.report.charts``, each pointing at its table
as the text alternative), sections 五 and 六 — and the downloads, served from the files stored
when the report was published. Only published reports exist here: a draft or reviewed report
is 404 to everyone, staff included (the console shows those). Nothing here writes.
"""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from gongkai.annual_reports.access import published_reports
from gongkai.annual_reports.choices import DOCUMENT_KINDS, FileKind
from gongkai.annual_reports.models import AnnualReport, ReportFile
from gongkai.core.report import charts, narrative
from gongkai.core.report.render.html import CSS as REPORT_CSS
from gongkai.core.report.render.html import table_html
from gongkai.core.report.render.layout import layout, report_title

CONTENT_TYPES = {
    FileKind.HTML: "text/html; charset=utf-8",
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.PDF: "application/pdf",
    FileKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileKind.JSON: "application/json",
}
assert set(CONTENT_TYPES) == set(DOCUMENT_KINDS)
SITE_NAME = "政府信息公开平台"  # official wording in the report's own text: data, not gettext
# The prose sections around the tables, in the order of the printed report.
BEFORE_TABLES = ("一",)
AFTER_TABLES = ("五", "六")


def _published(pk: int) -> AnnualReport:
    report = published_reports().select_related("agency").filter(pk=pk).first()
    if report is None:
        raise Http404("no such report")
    return report


def index(request: HttpRequest) -> HttpResponse:
    reports = published_reports().select_related("agency").order_by("-year", "agency__name")
    return render(request, "portal/reports/index.html", {"reports": reports})


def paragraphs(text: str) -> list[str]:
    """The prose as printed: one paragraph a line (the drafts write one line per paragraph)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _section(key: str, texts: dict[str, Any]) -> tuple[str, str, list[str]]:
    return key, narrative.SECTION_TITLES[key], paragraphs(str(texts.get(key) or ""))


def _stored(file: ReportFile | None) -> str:
    """A chart as frozen when the report was published ("" if there is none to read)."""
    if file is None:
        return ""
    try:
        with file.file.open("rb") as f:
            content: bytes = f.read()
    except OSError:
        return ""
    return content.decode("utf-8")


def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    record = _published(pk)
    report = record.report()
    last = published_reports().filter(agency_id=record.agency_id, year=record.year - 1).first()
    texts = report.extra.get("narrative") or {}
    opening = str(texts.get("opening") or "") or narrative.opening(
        # An imported report without its opening: the standard one, pointing here.
        report,
        site_name=SITE_NAME,
        site_url=request.build_absolute_uri(),
        contact=record.agency.name,
    )
    files = {f.kind: f for f in record.files.all()}
    tables = [(t.key, t.title, mark_safe(table_html(t))) for t in layout(report)]
    return render(
        request,
        "portal/reports/report.html",
        {
            "record": record,
            "title": report_title(report),
            "opening": paragraphs(opening),
            "before": [_section(k, texts) for k in BEFORE_TABLES],
            "after": [_section(k, texts) for k in AFTER_TABLES],
            "tables": tables,
            "report_css": REPORT_CSS,
            # The charts frozen at publishing (an imported report has none: drawn from its
            # numbers). The core escapes every text it puts into the SVG.
            "outcome_chart": mark_safe(
                _stored(files.get(FileKind.OUTCOMES_SVG)) or charts.outcome_chart(report)
            ),
            "yoy_chart": mark_safe(
                _stored(files.get(FileKind.YOY_SVG))
                or charts.yoy_chart(report, last.report() if last is not None else None)
            ),
            "previous": last,
            "files": [files[k] for k in sorted(DOCUMENT_KINDS) if k in files],
            "notes": report.extra.get("notes") or [],
        },
    )


def report_file(request: HttpRequest, pk: int, kind: str) -> FileResponse:
    """One rendering of the published report, as stored when it was published."""
    record = _published(pk)
    if kind not in DOCUMENT_KINDS:
        raise Http404("no such file")
    stored = record.files.filter(kind=kind).first()
    if stored is None:
        raise Http404("no such file")
    filename = f"{report_title(record.report())}.{kind}"
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=kind != FileKind.HTML,
        filename=filename,
        content_type=CONTENT_TYPES[FileKind(kind)],
    )
