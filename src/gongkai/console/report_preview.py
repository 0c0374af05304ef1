"""The live preview of the current year's annual report (issue 14): computed from the records
to date each time the page is opened, with the same renderer as the report page (the tables of
``core.report.render``, the prose one paragraph a line), clearly marked 预览 — not a draft,
nothing stored, no step to take. A government's preview is its roll-up over its subtree.

The agency is fetched through ``agencies_for(VIEW_CASES)``, as a draft is (404 for anyone who
may not read its cases).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from gongkai.agencies.access import C, agencies_for
from gongkai.agencies.choices import GOVERNMENTS
from gongkai.annual_reports import queries
from gongkai.annual_reports.choices import NARRATIVE_SECTIONS
from gongkai.console.reports import _user, prose_html, section_title
from gongkai.core.report.compute import CarryOverError
from gongkai.core.report.render.html import CSS as REPORT_CSS
from gongkai.core.report.render.html import table_html
from gongkai.core.report.render.layout import layout, report_title


def _section(key: str, texts: dict[str, object]) -> tuple[str, str, SafeString]:
    return key, section_title(key), prose_html(str(texts.get(key) or ""))


@login_required
def preview(request: HttpRequest, agency_id: int) -> HttpResponse:
    user = _user(request)
    agency = agencies_for(user, C.VIEW_CASES).filter(pk=agency_id, is_active=True).first()
    if agency is None:
        raise Http404("no such agency")
    today = timezone.localdate()
    year = today.year
    context: dict[str, object] = {
        "agency": agency,
        "year": year,
        "today": today,
        "deadline": queries.deadline(agency, year),
        "government": agency.kind in GOVERNMENTS,
        "report_css": REPORT_CSS,
    }
    try:
        numbers = queries.preview(agency, year)
    except CarryOverError as exc:
        context["problem"] = str(exc)
        return render(request, "console/reports/preview.html", context, status=409)
    texts = numbers.extra.get("narrative", {})
    context |= {
        "title": report_title(numbers),
        # the core escapes every text it puts into the table
        "tables": [(t.key, t.title, mark_safe(table_html(t))) for t in layout(numbers)],
        "before": [_section(key, texts) for key in NARRATIVE_SECTIONS if key in ("opening", "一")],
        "after": [_section(key, texts) for key in NARRATIVE_SECTIONS if key in ("五", "六")],
        "units": len(numbers.extra.get("computed", {}).get("units", [])),
    }
    return render(request, "console/reports/preview.html", context)
