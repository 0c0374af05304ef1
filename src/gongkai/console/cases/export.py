"""The inbox as CSV or XLSX: identity numbers and phones masked, no spreadsheet formulas."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies.queries import calendar_for
from gongkai.cases.access import masked_contact
from gongkai.console.cases._common import _user
from gongkai.console.cases.labels import outcome_label
from gongkai.console.cases.listing import Row, _rows, filtered_cases

EXPORT_COLUMNS = (
    gettext_lazy("Tracking number"),
    gettext_lazy("Agency"),
    gettext_lazy("Status"),
    gettext_lazy("Channel"),
    gettext_lazy("Applicant type"),
    gettext_lazy("Applicant"),
    gettext_lazy("Identity number"),
    gettext_lazy("Phone"),
    gettext_lazy("Information sought"),
    gettext_lazy("Received"),
    gettext_lazy("Reply due"),
    gettext_lazy("Deadline state"),
    gettext_lazy("Officer"),
    gettext_lazy("Outcome"),
    gettext_lazy("Concluded"),
    gettext_lazy("Replied late"),
)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    """Text as text: a name or request typed by the public never becomes a spreadsheet formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def export_rows(rows: Iterable[Row]) -> Iterable[list[str]]:
    """One line per case; identity numbers and phones masked, always."""
    yield [str(c) for c in EXPORT_COLUMNS]
    for row in rows:
        yield [_cell(value) for value in _export_line(row)]


def _export_line(row: Row) -> list[str]:
    case = row.case
    contact = masked_contact(case)  # whoever exports: a file travels further than a page
    return [
        case.number,
        case.agency.name,
        case.get_status_display(),
        case.get_channel_display(),
        case.get_applicant_type_display(),
        case.applicant_name,
        contact.id_number,
        contact.phone,
        case.description,
        case.received_on.isoformat() if case.received_on else "",
        case.due_on.isoformat() if case.due_on else "",
        row.due_label,
        str(case.assigned_to) if case.assigned_to else "",
        outcome_label(case.outcome),
        case.concluded_on.isoformat() if case.concluded_on else "",
        _("yes") if case.served_late else "",
    ]


def _export(request: HttpRequest) -> tuple[list[list[str]], HttpResponse | None]:
    """The export's lines, or the 400 answer saying which filter was refused."""
    user = _user(request)
    form, cases = filtered_cases(user, request.GET)
    if form.problems:
        refused = HttpResponse(
            "\n".join(form.problems), status=400, content_type="text/plain; charset=utf-8"
        )
        return [], refused
    today = timezone.localdate()
    return list(
        export_rows(_rows(cases.iterator(chunk_size=500), today, calendar_for(today)))
    ), None


@login_required
def export_csv(request: HttpRequest) -> HttpResponse:
    lines, refused = _export(request)
    if refused is not None:
        return refused
    out = io.StringIO()
    out.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with the BOM
    csv.writer(out).writerows(lines)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="applications.csv"'
    return response


@login_required
def export_xlsx(request: HttpRequest) -> HttpResponse:
    from openpyxl import Workbook

    lines, refused = _export(request)
    if refused is not None:
        return refused
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Applications")[:31]
    for line in lines:
        sheet.append(line)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="applications.xlsx"'
    return response
