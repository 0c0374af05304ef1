"""The inbox: filters, the list of cases with their deadline state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy

from gongkai.agencies.access import C, agencies_for
from gongkai.agencies.models import Agency, User
from gongkai.agencies.params import ParamsForm, YearField
from gongkai.agencies.queries import calendar_for
from gongkai.cases import access, queries
from gongkai.cases.choices import CONCLUDED, OPEN, ApplicantType, Channel, Status
from gongkai.cases.models import Case
from gongkai.console.cases._common import PAGE_SIZE, _user
from gongkai.console.cases.labels import DUE_LABELS, outcome_choices
from gongkai.core import outcomes
from gongkai.core.calendar import WorkdayCalendar

STATUS_FILTERS = [
    ("open", gettext_lazy("All open")),
    ("concluded", gettext_lazy("All concluded")),
    ("any", gettext_lazy("Any status")),
    *Status.choices,
]


class InboxFilter(ParamsForm):
    scope = forms.ChoiceField(
        label=gettext_lazy("Whose"),
        required=False,
        choices=[
            ("all", gettext_lazy("Everything I can see")),
            ("mine", gettext_lazy("Assigned to me")),
        ],
    )
    agency = forms.ModelChoiceField(
        label=gettext_lazy("Agency"), queryset=Agency.objects.none(), required=False
    )
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=STATUS_FILTERS, required=False)
    channel = forms.ChoiceField(
        label=gettext_lazy("Channel"), choices=[("", "—"), *Channel.choices], required=False
    )
    applicant_type = forms.ChoiceField(
        label=gettext_lazy("Applicant type"),
        choices=[("", "—"), *ApplicantType.choices],
        required=False,
    )
    outcome = forms.ChoiceField(
        label=gettext_lazy("Outcome"),
        choices=[("", "—"), *outcome_choices(outcomes.OUTCOMES)],
        required=False,
    )
    year = YearField()
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=100)

    def __init__(self, data: Mapping[str, Any] | None, *, agencies: QuerySet[Agency]) -> None:
        super().__init__(data)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = agencies


def filtered_cases(user: User, params: Mapping[str, Any]) -> tuple[InboxFilter, QuerySet[Case]]:
    """The cases the filters ask for; none when a filter was refused (``form.problems``)."""
    agencies = agencies_for(user, C.VIEW_CASES).order_by("name")
    form = InboxFilter(params, agencies=agencies)
    cases = access.cases_for_staff(user).select_related("agency", "assigned_to")
    if not form.is_valid():
        return form, cases.none()
    f = form.cleaned_data
    if f.get("scope") == "mine":
        cases = cases.filter(assigned_to=user)
    if f.get("agency"):
        cases = cases.filter(agency=f["agency"])
    status = f.get("status") or "open"
    if status == "open":
        cases = cases.filter(status__in=OPEN)
    elif status == "concluded":
        cases = cases.filter(status__in=CONCLUDED)
    elif status != "any":
        cases = cases.filter(status=status)
    for name in ("channel", "applicant_type", "outcome"):
        if f.get(name):
            cases = cases.filter(**{name: f[name]})
    if f.get("year"):
        year = f["year"]
        cases = cases.filter(
            Q(received_on__year=year) | Q(received_on__isnull=True, submitted_on__year=year)
        )
    q = (f.get("q") or "").strip()
    if q:
        cases = cases.filter(
            Q(number__icontains=q) | Q(applicant_name__icontains=q) | Q(description__icontains=q)
        )
    return form, cases.order_by(F("due_on").asc(nulls_last=True), "number", "pk")


@dataclass(frozen=True)
class Row:
    case: Case
    due: str  # 'overdue', 'due_soon', 'running' or ''
    repeat: queries.Repeat | None = None  # an earlier application it may repeat (第三十六条第六项)

    @property
    def due_label(self) -> str:
        return str(DUE_LABELS.get(self.due, ""))


def _rows(
    cases: Iterable[Case], today: dt.date, calendar: WorkdayCalendar, *, repeats: bool = False
) -> list[Row]:
    """The rows, with the repeat flag when asked (one query for a page; not for exports)."""
    if not repeats:
        return [Row(case, queries.due_state(case, today, calendar)) for case in cases]
    cases = list(cases)
    found = queries.repeats_of(cases)
    return [
        Row(
            case, queries.due_state(case, today, calendar), next(iter(found.get(case.pk, [])), None)
        )
        for case in cases
    ]


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form, cases = filtered_cases(user, request.GET)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = _rows(page.object_list, today, calendar_for(today), repeats=True)
    params = {k: v for k, v in request.GET.items() if k != "page" and v}
    return render(
        request,
        "console/cases/inbox.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": urlencode(params),
            "can_register": agencies_for(user, C.HANDLE_CASES).exists(),
            # Agency administrators keep the letter templates (they see no cases themselves).
            "template_agencies": list(agencies_for(user, C.MANAGE_AGENCY).order_by("name")[:50]),
            "today": today,
            "problems": form.problems,
        },
        status=form.http_status,
    )
