"""The staff console for the annual report (政府信息公开工作年度报告; issue 7).

The list of the reports a member of staff may read, with a button that starts next year's
draft; the report page (the tables with every cell of section 三 linked to the cases behind it,
the check findings and continuity with last year, the prose sections with one edit form each
and their version history, recompute, mark reviewed, publish, downloads once published); the
drill-down from a cell to its units and cases; the import of last year's published report.

Views parse, call one action from ``gongkai.annual_reports.actions``, then render or redirect.
Reports are fetched through ``annual_reports.access`` (404 for anyone who may not read them);
the buttons shown are the steps ``annual_reports.transitions.TABLE`` allows the viewer.
Official labels (row labels, section titles, finding messages) are data, never translated.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.agencies import params
from gongkai.agencies.access import C, agencies_for
from gongkai.agencies.choices import GOVERNMENTS
from gongkai.agencies.models import Agency, User
from gongkai.annual_reports import access, actions, queries, submissions
from gongkai.annual_reports.choices import DOCUMENT_KINDS, NARRATIVE_SECTIONS, Status
from gongkai.annual_reports.models import AnnualReport, NarrativeVersion
from gongkai.annual_reports.transitions import TABLE
from gongkai.cases.models import Case
from gongkai.console.cases import outcome_label
from gongkai.core.report.formats import APPLICANT_COLUMNS, first_reporting_year
from gongkai.core.report.model import Report
from gongkai.core.report.narrative import SECTION_TITLES
from gongkai.core.report.render.html import CSS as REPORT_CSS
from gongkai.core.report.render.html import table_html
from gongkai.core.report.render.layout import layout, report_title

FIRST_YEAR = first_reporting_year()  # earlier reports followed local formats: out of scope


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # login_required guarantees it
    return request.user


def section_title(section: str) -> str:
    """The official heading of a prose section; the opening paragraph has none."""
    if section == "opening":
        return _("Opening paragraph")
    return SECTION_TITLES[section]


def _errors(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


# -- the list ------------------------------------------------------------------------------------


class StartForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label=gettext_lazy("Agency"))
    year = forms.IntegerField(
        label=gettext_lazy("Year"), min_value=FIRST_YEAR, max_value=params.LAST_YEAR
    )
    rollup = forms.BooleanField(
        label=gettext_lazy("Include every unit below (the combined report of a government)"),
        required=False,
    )
    # A government may combine a chosen set of its units instead of the whole subtree.
    units = forms.ModelMultipleChoiceField(queryset=Agency.objects.all(), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        agency, units = data.get("agency"), data.get("units")
        if agency is not None and units:
            allowed = set(queries.rollup_units(agency))
            if any(unit.pk not in allowed for unit in units):
                raise forms.ValidationError(_("Choose units of the agency's own subtree."))
        return data

    def __init__(self, data: Mapping[str, Any] | None, *, user: User) -> None:
        super().__init__(data)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = agencies_for(user, C.EDIT_REPORTS).filter(is_active=True)


@dataclass(frozen=True)
class Start:
    """A button "start the draft for YEAR" for an agency whose report is not begun."""

    agency: Agency
    year: int
    government: bool
    units: tuple[Agency, ...] = ()


def _units_below(agency: Agency) -> tuple[Agency, ...]:
    if agency.kind not in GOVERNMENTS:
        return ()
    ids = [pk for pk in queries.rollup_units(agency) if pk != agency.pk]
    return tuple(Agency.objects.filter(pk__in=ids, is_active=True).order_by("name"))


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    readable = agencies_for(user, C.VIEW_CASES)
    reports = list(
        access.visible_reports(user)
        .filter(agency__in=readable)
        .select_related("agency")
        .order_by("-year", "agency__name")
    )
    year = timezone.localdate().year - 1
    begun = {(r.agency_id, r.year) for r in reports}
    starts = [
        Start(agency, year, agency.kind in GOVERNMENTS, _units_below(agency))
        for agency in agencies_for(user, C.EDIT_REPORTS).filter(is_active=True).order_by("name")
        if (agency.pk, year) not in begun
    ]
    return render(
        request,
        "console/reports/list.html",
        {
            "reports": [(r, queries.deadline(r.agency, r.year)) for r in reports],
            "starts": starts,
            "year": year,
            "can_import": agencies_for(user, C.EDIT_REPORTS).exists(),
            # the current year's live preview (report_preview.py), at any time of the year
            "previews": agencies_for(user, C.EDIT_REPORTS).filter(is_active=True).order_by("name"),
            "this_year": year + 1,
        },
    )


@login_required
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = StartForm(request.POST, user=user)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("console:reports:list")
    data = form.cleaned_data
    try:
        chosen = list(data["units"]) or None
        if chosen is not None and data["agency"] not in chosen:
            chosen.append(data["agency"])  # the government's own applications count too
        report = actions.create_draft(
            actor=user,
            agency=data["agency"],
            year=data["year"],
            rollup=data["rollup"] and chosen is None,
            units=chosen,
        )
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
        return redirect("console:reports:list")
    messages.success(
        request,
        _("The draft of %(agency)s for %(year)s is computed.")
        % {"agency": report.agency.name, "year": report.year},
    )
    return redirect("console:reports:report", report.pk)


# -- import of last year's published report ----------------------------------------------------


class ImportForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label=gettext_lazy("Agency"))
    year = forms.IntegerField(
        label=gettext_lazy("Year of the report"),
        min_value=FIRST_YEAR,
        max_value=params.LAST_YEAR,
        required=False,
        help_text=gettext_lazy("Optional: the import stops if the report is for another year."),
    )
    text = forms.CharField(
        label=gettext_lazy("The published report's text or HTML"),
        widget=forms.Textarea(attrs={"rows": 12}),
        required=False,
        help_text=gettext_lazy("Copy the whole report from the website where it is published."),
    )
    json_file = forms.FileField(
        label=gettext_lazy("Or its JSON (gongkai/annual-report@1)"), required=False
    )

    MAX_BYTES = 5 * 1024 * 1024

    def __init__(
        self,
        data: Mapping[str, Any] | None,
        files: MultiValueDict[str, UploadedFile[Any]] | None = None,
        *,
        user: User,
    ) -> None:
        super().__init__(data, files)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = agencies_for(user, C.EDIT_REPORTS).filter(is_active=True)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        text = (cleaned.get("text") or "").strip()
        upload = cleaned.get("json_file")
        if bool(text) == bool(upload):
            raise ValidationError(_("Paste the report's text or upload its JSON, not both."))
        if upload is not None:
            if upload.size > self.MAX_BYTES:
                raise ValidationError(_("The file is too large."))
            cleaned["json"] = upload.read()
        else:
            cleaned["json"] = None
        cleaned["text"] = text or None
        return cleaned


class _Wanted(params.ParamsForm):
    agency = params.IdField()
    year = params.YearField()


@login_required
def import_report(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not agencies_for(user, C.EDIT_REPORTS).exists():
        raise Http404("nothing to import into")
    posted = request.method == "POST"
    form = ImportForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        user=user,
    )
    if not posted:
        wanted = _Wanted(request.GET)  # a prefill: what is refused is left blank
        form.initial = {"agency": wanted.value("agency"), "year": wanted.value("year")}
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            report = actions.import_prior_year(
                actor=user,
                agency=data["agency"],
                json=data["json"],
                text=data["text"],
                year=data["year"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name, errors in exc.error_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
        else:
            messages.success(
                request,
                _("The %(year)s report of %(agency)s is imported.")
                % {"year": report.year, "agency": report.agency.name},
            )
            return redirect("console:reports:report", report.pk)
    return render(
        request,
        "console/reports/import.html",
        {"form": form},
        status=400 if posted else 200,
    )


# -- the report page ---------------------------------------------------------------------------


class NarrativeForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Text"),
        widget=forms.Textarea(attrs={"rows": 10}),
        strip=False,
    )


_COLUMNS = {c.key: (i, c.label) for i, c in enumerate(APPLICANT_COLUMNS)}
_APPLICATION_CELL = re.compile(
    r'<td class="num" data-key="applications\.([0-9.]+)\.([a-z_]+)">([^<]+)</td>'
)


def linked_tables(report: AnnualReport, numbers: Report) -> list[tuple[str, str, SafeString]]:
    """(key, title, table HTML) for the three tables of ``numbers`` (the report's draft or its
    snapshot), section 三's number cells linked to the drill-down page of the cell."""
    spec = numbers.spec
    out = []
    for table in layout(numbers):
        html = table_html(table)
        if table.key == "applications":

            def link(match: re.Match[str]) -> str:
                row, column, text = match.groups()
                if row not in spec.application_keys or column not in _COLUMNS:
                    return match.group(0)
                url = reverse("console:reports:cell", args=[report.pk, row, column])
                # The number alone says little to a screen reader: name its row and column.
                name = f"{spec.application_line(row).label} {_COLUMNS[column][1]}：{text}"
                return (
                    f'<td class="num" data-key="applications.{row}.{column}">'
                    f'<a href="{escape(url)}" aria-label="{escape(name)}">{text}</a></td>'
                )

            html = _APPLICATION_CELL.sub(link, html)
        out.append((table.key, table.title, mark_safe(html)))  # the core escapes every text
    return out


_PLACEHOLDER = re.compile(r"【[^】]*】")


def prose_html(text: str) -> SafeString:
    """The prose one paragraph a line, its 【…】 placeholders marked for the eye."""
    paragraphs = []
    for line in text.splitlines():
        if line.strip():
            marked = _PLACEHOLDER.sub(
                lambda m: f'<mark class="placeholder-text">{m.group(0)}</mark>', escape(line)
            )
            paragraphs.append(f"<p>{marked}</p>")
    return mark_safe("".join(paragraphs))  # every line escaped above


@dataclass
class Section:
    key: str
    title: str
    text: str
    html: SafeString
    form: NarrativeForm
    versions: list[NarrativeVersion]


# What each finding checks, as the findings table names it (its code is data, not wording:
# kept in the row's data-code; the message names the place in the report's own labels).
FINDING_NAMES = {
    "apps.balance": gettext_lazy("Rows 1 and 2 against rows 3 and 4"),
    "apps.results_sum": gettext_lazy("Total of the handling results"),
    "apps.row_total": gettext_lazy("Total of the applicant columns"),
    "disputes.group_total": gettext_lazy("Total of a review or litigation group"),
    "carry.continuity": gettext_lazy("Carried over from last year"),
    "proactive.in_force": gettext_lazy("Documents in force"),
    "cells.negative": gettext_lazy("Count below zero"),
    "yoy.jump": gettext_lazy("Change on last year"),
    "cells.blank": gettext_lazy("Blank cells"),
    "narrative.all_done": gettext_lazy("Text against the tables"),
    "narrative.number": gettext_lazy("Text against the tables"),
    "narrative.percent": gettext_lazy("Text against the tables"),
    "layout.order": gettext_lazy("Parts of the report"),
    # the reader's, on a report imported from its published text
    "cell_unreadable": gettext_lazy("Cell not read"),
    "row_not_in_form": gettext_lazy("Row not in the form"),
    "truncated": gettext_lazy("Text cut short"),
    "tables_missing": gettext_lazy("Table missing"),
    "unit_assumed": gettext_lazy("Unit assumed"),
    "format_guessed": gettext_lazy("Form assumed"),
    "format_unknown": gettext_lazy("Form not known"),
    "year_guessed": gettext_lazy("Year assumed"),
    "year_given": gettext_lazy("Year given"),
    "year_doubtful": gettext_lazy("Year in doubt"),
    "agency_unknown": gettext_lazy("Agency not named"),
    "ocr": gettext_lazy("Read from a scan"),
    "ocr_unsure": gettext_lazy("Scan not legible"),
}


def _named(finding: Mapping[str, Any]) -> dict[str, Any]:
    """A finding with the name of what it checks (``label``) for the findings table."""
    return {**finding, "label": FINDING_NAMES.get(finding.get("code", ""), _("Other"))}


def _sections(
    report: AnnualReport, numbers: Report, bound: tuple[str, NarrativeForm] | None = None
) -> list[Section]:
    texts = numbers.extra.get("narrative", {})
    versions: dict[str, list[NarrativeVersion]] = {}
    for version in report.narrative_versions.order_by("section", "-number"):
        versions.setdefault(version.section, []).append(version)
    out = []
    for key in NARRATIVE_SECTIONS:
        text = texts.get(key, "")
        if bound is not None and bound[0] == key:
            form = bound[1]
        else:
            form = NarrativeForm(initial={"text": text})
        out.append(
            Section(key, section_title(key), text, prose_html(text), form, versions.get(key, []))
        )
    return out


def _report_page(
    request: HttpRequest,
    report: AnnualReport,
    *,
    bound: tuple[str, NarrativeForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = _user(request)
    agency = report.agency
    published = report.status == Status.PUBLISHED
    # The buttons are the steps the life cycle's table allows this viewer now.
    allowed = {t.action for t in TABLE.allowed(user, report, timezone.localdate())}
    findings = [_named(f) for f in report.findings or []]
    previous = (
        AnnualReport.objects.filter(agency=agency, year=report.year - 1)
        .only("pk", "year", "status", "source", "agency_id")
        .first()
    )
    continuity = [f for f in findings if f.get("code") == "carry.continuity"]
    numbers = report.report()
    return render(
        request,
        "console/reports/report.html",
        {
            "report": report,
            "title": report_title(numbers),
            "deadline": queries.deadline(agency, report.year),
            # 条例第四十九条: publishing submits the report to this office
            "office": submissions.supervising_office(agency) if published else None,
            "tables": linked_tables(report, numbers),
            "report_css": REPORT_CSS,
            "findings": findings,
            "errors": [f for f in findings if f.get("level") == "error"],
            "previous": previous,
            "continuity": continuity,
            "sections": _sections(report, numbers, bound),
            "placeholders": actions.placeholders(report) if not published else [],
            "allowed": allowed,
            "editable": "edit" in allowed,
            "files": list(report.files.filter(kind__in=DOCUMENT_KINDS).order_by("kind"))
            if published
            else [],
            "events": report.events.order_by("at", "pk"),
            "units": len(report.units),
        },
        status=status,
    )


@login_required
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for_editor(_user(request), pk)
    return _report_page(request, report)


@login_required
@require_POST
def edit_section(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    user = _user(request)
    report = access.get_report_for_editor(user, pk)
    if section not in NARRATIVE_SECTIONS:
        raise Http404("no such section")
    form = NarrativeForm(request.POST)
    if form.is_valid():
        try:
            version = actions.edit_narrative(
                actor=user, report=report, section=section, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for errors in exc.error_dict.values():
                    form.add_error("text", errors)
            else:
                form.add_error(None, exc.messages)
        else:
            messages.success(
                request,
                _("%(section)s: version %(n)s saved.")
                % {"section": section_title(section), "n": version.number},
            )
            return redirect(
                reverse("console:reports:report", args=[report.pk]) + f"#section-{section}"
            )
    return _report_page(request, report, bound=(section, form), status=400)


def _step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    user = _user(request)
    report = access.get_report_for_editor(user, pk)
    try:
        if step == "recompute":
            report = actions.recompute(actor=user, report=report)
            done = _("Recomputed from the records.")
        elif step == "review":
            report = actions.mark_reviewed(actor=user, report=report)
            done = _("Marked reviewed.")
        else:
            report = actions.publish(actor=user, report=report)
            done = _("Published. The report is on the public site.")
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("console:reports:report", report.pk)


@login_required
@require_POST
def recompute(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "recompute")


@login_required
@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "review")


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "publish")


# -- drill-down --------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitRow:
    agency_id: int
    name: str
    count: int


@login_required
def cell(request: HttpRequest, pk: int, row: str, column: str) -> HttpResponse:
    """The units behind one cell of section 三, then the cases of one unit (``?unit=``)."""
    user = _user(request)
    report = access.get_report_for_editor(user, pk)
    computed = report.report()
    spec = computed.spec
    if row not in spec.application_keys or column not in _COLUMNS:
        raise Http404("no such cell")
    index, column_label = _COLUMNS[column]
    units = access.cell_cases_for_viewer(user, report, row, column)
    chosen = None
    unit_param = request.GET.get("unit")
    if unit_param is not None:
        chosen = next((u for u in units if str(u.agency_id) == unit_param), None)
        if chosen is None:
            raise Http404("no such unit")
    elif len(units) == 1:
        chosen = units[0]
    cases: list[tuple[Case, str]] = []
    if chosen is not None:
        found = list(
            Case.objects.filter(pk__in=chosen.case_ids)
            .only(
                "pk",
                "number",
                "applicant_type",
                "received_on",
                "first_concluded_on",
                "first_outcome",
            )
            .order_by("received_on", "pk")
        )
        cases = [(c, outcome_label(c.first_outcome)) for c in found]
    value = (computed.applications or {}).get(row, [None] * len(APPLICANT_COLUMNS))[index]
    behind = sum(u.count for u in units)
    return render(
        request,
        "console/reports/cell.html",
        {
            "report": report,
            "title": report_title(computed),
            "row_label": spec.application_line(row).label,
            "row": row,
            "column": column,
            "column_label": column_label,
            "value": value,
            "units": [UnitRow(u.agency_id, u.agency_name, u.count) for u in units],
            "behind": behind,
            "unexplained": max(0, value - behind) if isinstance(value, int) else 0,
            "chosen": chosen,
            "cases": cases,
        },
    )
