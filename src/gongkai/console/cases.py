"""The staff console for disclosure applications: inbox, register, case page, one form per action.

Views parse, call one action from ``gongkai.cases.actions``, then render or redirect. Every case
is fetched through ``access.get_case_for_staff`` (404 for anyone who may not know it exists, the
anonymous visitor included); the buttons on the case page are exactly ``transitions.allowed``;
identity numbers are shown in full only where ``access.sees_full_identity`` says so, and are
masked in every list and export.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies.access import C, agencies_for, can
from gongkai.agencies.choices import Role
from gongkai.agencies.models import Agency, User
from gongkai.agencies.queries import workday_calendar
from gongkai.cases import access, actions, clock, protect, queries, transitions
from gongkai.cases.choices import (
    CONCLUDED,
    OPEN,
    ApplicantType,
    AttachmentKind,
    Channel,
    ConsultationAnswer,
    ConsultationKind,
    Delivery,
    FormWanted,
    IdKind,
    LetterKind,
    LetterState,
    ServiceMethod,
    Status,
)
from gongkai.cases.letters import LetterUnavailable, ensure_rendered
from gongkai.cases.models import Assistance, Case, CaseEvent, Consultation
from gongkai.core import fees, outcomes
from gongkai.core.calendar import WorkdayCalendar

PAGE_SIZE = 50
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# -- plain-language labels --------------------------------------------------------------------

EVENT_LABELS: dict[str, Promise] = {
    "submitted": gettext_lazy("Submitted online"),
    "registered": gettext_lazy("Registered by staff"),
    "receipt_confirmed": gettext_lazy("Receipt confirmed"),
    "receipt_issued": gettext_lazy("Acknowledgement issued"),
    "assigned": gettext_lazy("Assigned"),
    "assistance_requested": gettext_lazy("Another unit asked to assist"),
    "assistance_received": gettext_lazy("Assistance received"),
    "correction_requested": gettext_lazy("Correction requested"),
    "correction_received": gettext_lazy("Correction received, clock restarted"),
    "closed_correction_lapsed": gettext_lazy("Closed: no correction in time"),
    "consulted": gettext_lazy("Consultation sent"),
    "consultation_answered": gettext_lazy("Consultation answer recorded"),
    "third_party_notified": gettext_lazy("Third party notified of disclosure"),
    "reasons_requested": gettext_lazy("Applicant asked for reasons (Article 35)"),
    "extended": gettext_lazy("Deadline extended"),
    "office_date_set": gettext_lazy("Later reply date set (Article 35)"),
    "fee_notice": gettext_lazy("Fee notice issued"),
    "fee_paid": gettext_lazy("Fee paid"),
    "closed_fee_unpaid": gettext_lazy("Closed: fee not paid in time"),
    "split": gettext_lazy("Split into separate applications"),
    "split_from": gettext_lazy("Created by splitting an application"),
    "decided": gettext_lazy("Decision recorded"),
    "legal_review_signed": gettext_lazy("Legal review signed off"),
    "served": gettext_lazy("Reply served"),
    "withdrawn": gettext_lazy("Withdrawn"),
    "reopen": gettext_lazy("Reopened"),
    "attachment_added": gettext_lazy("File attached"),
    "deadline_recomputed": gettext_lazy("Deadline recomputed (calendar changed)"),
}

DATA_LABELS: dict[str, Promise] = {
    "channel": gettext_lazy("Channel"),
    "items": gettext_lazy("What to supplement"),
    "deadline": gettext_lazy("Deadline"),
    "late": gettext_lazy("Late"),
    "due_on": gettext_lazy("Due"),
    "note": gettext_lazy("Note"),
    "kind": gettext_lazy("Kind"),
    "consultee": gettext_lazy("Consulted"),
    "answer": gettext_lazy("Answer"),
    "workdays": gettext_lazy("Working days"),
    "from": gettext_lazy("From"),
    "to": gettext_lazy("To"),
    "to_name": gettext_lazy("Officer"),
    "reason": gettext_lazy("Reason"),
    "reasons": gettext_lazy("Reasons"),
    "amount": gettext_lazy("Amount (yuan)"),
    "basis": gettext_lazy("Basis"),
    "explanation": gettext_lazy("Explanation"),
    "pay_by": gettext_lazy("Pay by"),
    "outcome": gettext_lazy("Outcome"),
    "method": gettext_lazy("Method"),
    "into": gettext_lazy("Split into"),
    "unit": gettext_lazy("Unit"),
    "name": gettext_lazy("File"),
    "provisional": gettext_lazy("Provisional"),
    "years": gettext_lazy("Calendar years"),
    "by_applicant": gettext_lazy("By the applicant"),
}
# Keys whose value another key already says in words.
HIDDEN_DATA = {"label", "consultation"}

DUE_LABELS: dict[str, Promise] = {
    "overdue": gettext_lazy("Overdue"),
    "due_soon": gettext_lazy("Due soon"),
    "running": gettext_lazy("Running"),
}


def _choice_label(key: str, value: Any) -> str:
    enums: dict[str, Any] = {
        "channel": Channel,
        "method": ServiceMethod,
        "answer": ConsultationAnswer,
    }
    if key in enums:
        try:
            return str(enums[key](value).label)
        except ValueError:
            return str(value)
    if key == "kind":
        for enum in (ConsultationKind, AttachmentKind):
            if value in enum.values:
                return str(enum(value).label)
    if key == "basis":
        try:
            return fees.BASIS_LABELS[fees.Basis(value)]
        except ValueError:
            return str(value)
    if key == "outcome":
        return outcome_label(str(value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    if value is None:
        return "—"
    return str(value)


def outcome_label(code: str) -> str:
    if not code:
        return ""
    try:
        return f"{code} {outcomes.get(code).label}"
    except ValueError:
        return code


def status_label(value: str) -> str:
    try:
        return str(Status(value).label)
    except ValueError:
        return value


@dataclass(frozen=True)
class TimelineEntry:
    event: CaseEvent
    who: str
    what: str
    before: str
    after: str
    data: list[tuple[str, str]]


def timeline_entry(event: CaseEvent) -> TimelineEntry:
    data = [
        (str(DATA_LABELS.get(key, key)), _choice_label(key, value))
        for key, value in event.data.items()
        if key not in HIDDEN_DATA and not (event.kind == "assigned" and key in {"from", "to"})
    ]
    return TimelineEntry(
        event=event,
        who=str(event.actor) if event.actor is not None else event.actor_label,
        what=str(EVENT_LABELS.get(event.kind, event.kind)),
        before=status_label(event.status_before) if event.status_before else "",
        after=status_label(event.status_after) if event.status_after else "",
        data=data,
    )


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not user.is_active:
        raise Http404("no such application")
    return user


def _add_errors(form: forms.Form, exc: ValidationError, *, only_new: bool = False) -> None:
    """A ``CaseError`` onto the form: by field where the form has it, else above the form."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            if only_new and name in form.errors:
                continue
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


# -- the inbox --------------------------------------------------------------------------------

STATUS_FILTERS = [
    ("open", gettext_lazy("All open")),
    ("concluded", gettext_lazy("All concluded")),
    ("any", gettext_lazy("Any status")),
    *Status.choices,
]


def outcome_choices(codes: Iterable[str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Outcomes grouped like the report's rows (予以公开 … 其他处理), with their row codes."""
    wanted = set(codes)
    return [
        (
            label,
            [
                (o.code, f"{o.code} {o.label}")
                for o in outcomes.OUTCOMES.values()
                if o.group is group and o.code in wanted
            ],
        )
        for group, label in outcomes.GROUP_LABELS.items()
        if any(o.group is group and o.code in wanted for o in outcomes.OUTCOMES.values())
    ]


class InboxFilter(forms.Form):
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
    year = forms.IntegerField(
        label=gettext_lazy("Year"), required=False, min_value=2000, max_value=2100
    )
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=100)

    def __init__(self, data: Mapping[str, Any] | None, *, agencies: QuerySet[Agency]) -> None:
        super().__init__(data)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = agencies


def filtered_cases(user: User, params: Mapping[str, Any]) -> tuple[InboxFilter, QuerySet[Case]]:
    agencies = agencies_for(user, C.VIEW_CASES).order_by("name")
    form = InboxFilter(params, agencies=agencies)
    form.is_valid()
    f = form.cleaned_data
    cases = access.cases_for_staff(user).select_related("agency", "assigned_to")
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

    @property
    def due_label(self) -> str:
        return str(DUE_LABELS.get(self.due, ""))


def _rows(cases: Iterable[Case], today: dt.date, calendar: WorkdayCalendar) -> list[Row]:
    return [Row(case, queries.due_state(case, today, calendar)) for case in cases]


def _calendar(today: dt.date) -> WorkdayCalendar:
    return workday_calendar(predict_through=today.year + 1)


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form, cases = filtered_cases(user, request.GET)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = _rows(page.object_list, today, _calendar(today))
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
        },
    )


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
    return [
        case.number,
        case.agency.name,
        case.get_status_display(),
        case.get_channel_display(),
        case.get_applicant_type_display(),
        case.applicant_name,
        case.id_number_masked,
        case.phone_masked,
        case.description,
        case.received_on.isoformat() if case.received_on else "",
        case.due_on.isoformat() if case.due_on else "",
        row.due_label,
        str(case.assigned_to) if case.assigned_to else "",
        outcome_label(case.outcome),
        case.concluded_on.isoformat() if case.concluded_on else "",
        _("yes") if case.served_late else "",
    ]


def _export(request: HttpRequest) -> list[list[str]]:
    user = _user(request)
    _form, cases = filtered_cases(user, request.GET)
    today = timezone.localdate()
    return list(export_rows(_rows(cases.iterator(chunk_size=500), today, _calendar(today))))


@login_required
def export_csv(request: HttpRequest) -> HttpResponse:
    out = io.StringIO()
    out.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with the BOM
    csv.writer(out).writerows(_export(request))
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="applications.csv"'
    return response


@login_required
def export_xlsx(request: HttpRequest) -> HttpResponse:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Applications")[:31]
    for line in _export(request):
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


# -- registering a paper, e-mail or fax application --------------------------------------------

STAFF_CHANNELS = [(value, label) for value, label in Channel.choices if value != Channel.ONLINE]


class RegisterForm(forms.Form):
    agency = forms.ModelChoiceField(label=gettext_lazy("Agency"), queryset=Agency.objects.none())
    channel = forms.ChoiceField(label=gettext_lazy("Channel"), choices=STAFF_CHANNELS)
    submitted_on = forms.DateField(
        label=gettext_lazy("Date submitted or arrived"), widget=DATE_WIDGET
    )
    signed_for_on = forms.DateField(
        label=gettext_lazy("Date signed for (registered post)"), required=False, widget=DATE_WIDGET
    )
    confirmed_on = forms.DateField(
        label=gettext_lazy("Date receipt confirmed with the applicant"),
        required=False,
        widget=DATE_WIDGET,
        help_text=gettext_lazy(
            "Ordinary letters, e-mail and fax: the day both sides confirmed it (Article 31). "
            "Leave empty if not yet confirmed."
        ),
    )
    applicant_type = forms.ChoiceField(
        label=gettext_lazy("Applicant type"), choices=ApplicantType.choices
    )
    applicant_name = forms.CharField(label=gettext_lazy("Name"), max_length=200, required=False)
    id_kind = forms.ChoiceField(label=gettext_lazy("Identity document"), choices=IdKind.choices)
    id_number = forms.CharField(
        label=gettext_lazy("Identity number"), max_length=40, required=False
    )
    contact_person = forms.CharField(
        label=gettext_lazy("Contact person"), max_length=100, required=False
    )
    phone = forms.CharField(label=gettext_lazy("Phone"), max_length=30, required=False)
    email = forms.CharField(label=gettext_lazy("E-mail"), max_length=254, required=False)
    address = forms.CharField(label=gettext_lazy("Postal address"), max_length=300, required=False)
    postcode = forms.CharField(label=gettext_lazy("Postcode"), max_length=6, required=False)
    description = forms.CharField(
        label=gettext_lazy("Information sought"), widget=forms.Textarea, required=False
    )
    document_number = forms.CharField(
        label=gettext_lazy("Document number, if known"), max_length=100, required=False
    )
    purpose = forms.CharField(
        label=gettext_lazy("Purpose (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    form_wanted = forms.ChoiceField(label=gettext_lazy("Form wanted"), choices=FormWanted.choices)
    delivery = forms.ChoiceField(label=gettext_lazy("How to obtain it"), choices=Delivery.choices)

    def __init__(self, data: Mapping[str, Any] | None, *, agencies: QuerySet[Agency]) -> None:
        super().__init__(data)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = agencies
        if len(agencies) == 1:
            field.initial = agencies[0]

    ARRIVAL = ("agency", "channel", "submitted_on", "signed_for_on", "confirmed_on")

    def arrival_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.ARRIVAL]

    def applicant_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in self.ARRIVAL]


@login_required
def register(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    agencies = agencies_for(user, C.HANDLE_CASES).order_by("name")
    if not agencies.exists():
        raise PermissionDenied("registering applications needs a case officer")
    form = RegisterForm(request.POST if request.method == "POST" else None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data
        try:
            case = actions.register(
                actor=user,
                agency=f["agency"],
                data={name: f[name] for name in actions.APPLICANT_FIELDS},
                channel=f["channel"],
                submitted_on=f["submitted_on"],
                signed_for_on=f["signed_for_on"],
                confirmed_on=f["confirmed_on"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request, _("Application registered: %(number)s") % {"number": case.number}
            )
            return redirect("console:cases:case", case.pk)
    elif request.method == "POST":
        # Every problem at once: the application's own checks too, not only the form's.
        try:
            actions.clean_application(request.POST)
        except ValidationError as exc:
            _add_errors(form, exc, only_new=True)
    return render(request, "console/cases/register.html", {"form": form})


# -- the case page ----------------------------------------------------------------------------


def _case_for_page(user: User, pk: int) -> Case:
    """The case with everything its page and the transition guards read, in few queries."""
    access.get_case_for_staff(user, pk)  # the rights check: 404 otherwise
    return (
        Case.objects.select_related(
            "agency",
            "assigned_to",
            "split_from",
            "correction",
            "extension__approved_by",
            "office_date",
            "fee",
        )
        .prefetch_related("consultations", "split_into")
        .get(pk=pk)
    )


def case_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    case = _case_for_page(user, pk)
    today = timezone.localdate()
    deadline = clock.deadline_of(case, as_of=today)
    due = queries.due_state(case, today, deadline.calendar) if deadline else ""
    events = [timeline_entry(e) for e in case.events.select_related("actor").order_by("at", "pk")]
    decisions = list(case.decisions.select_related("decided_by", "legal_review_by"))
    full_id = (
        protect.decrypt(case.id_number_encrypted) if access.sees_full_identity(user, case) else ""
    )
    return render(
        request,
        "console/cases/case.html",
        {
            "case": case,
            "outcome": outcome_label(case.outcome),
            "full_id": full_id,
            "deadline": deadline,
            "due": due,
            "due_label": DUE_LABELS.get(due, ""),
            "events": events,
            "consultations": case.consultations.all(),
            "assistance": case.assistance.select_related("unit"),
            "decisions": [(d, outcome_label(d.outcome)) for d in decisions],
            "letters": case.letters.all(),
            "attachments": case.attachments.all(),
            "fee": getattr(case, "fee", None),
            "correction": getattr(case, "correction", None),
            "extension": getattr(case, "extension", None),
            "office_date": getattr(case, "office_date", None),
            "basis_labels": {str(k): v for k, v in fees.BASIS_LABELS.items()},
            "allowed": [t for t in transitions.allowed(user, case, today) if t.action in STEPS],
            "can_attach": can(user, C.HANDLE_CASES, case.agency),
            "attach_form": AttachForm(),
            "letter_ready": LetterState.READY,
            "letter_failed": LetterState.FAILED,
        },
    )


def letter_file(request: HttpRequest, pk: int, letter_id: int, fmt: str) -> FileResponse:
    """A letter's DOCX or PDF, after the same rights check as the case page."""
    case = access.get_case_for_staff(_user(request), pk)
    letter = case.letters.filter(pk=letter_id).first()
    if letter is None or fmt not in {"docx", "pdf"}:
        raise Http404("no such letter")
    try:
        letter = ensure_rendered(letter)
    except LetterUnavailable:
        raise Http404("the letter could not be generated (see its error)") from None
    stored = letter.docx if fmt == "docx" else letter.pdf
    if not stored:
        raise Http404("letter not generated yet")
    name = f"{case.number}-{LetterKind(letter.kind).label}.{fmt}"
    return FileResponse(stored.open("rb"), as_attachment=True, filename=name)


def attachment_file(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    case = access.get_case_for_staff(_user(request), pk)
    attachment = case.attachments.filter(pk=attachment_id).first()
    if attachment is None or not attachment.file:
        raise Http404("no such file")
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )


class AttachForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=AttachmentKind.choices)
    file = forms.FileField(label=gettext_lazy("File"))


def attach(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    case = access.get_case_for_staff(user, pk)
    if request.method != "POST":
        return redirect("console:cases:case", case.pk)
    form = AttachForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            actions.add_attachment(
                actor=user,
                case=case,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("File attached."))
    else:
        messages.error(request, _("Choose a file and its kind."))
    return redirect("console:cases:case", case.pk)


# -- one form per action ----------------------------------------------------------------------


def _date_field(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE_WIDGET)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class CaseForm(forms.Form):
    """A form for one action on one case; dates default to today."""

    def __init__(self, data: Mapping[str, Any] | None, *, case: Case, today: dt.date) -> None:
        super().__init__(data)
        self.case = case
        for field in self.fields.values():
            if isinstance(field, forms.DateField) and field.required and field.initial is None:
                field.initial = today
        self.setup(case)

    def setup(self, case: Case) -> None:
        """Choices that depend on the case."""

    def _queryset(self, name: str, queryset: QuerySet[Any]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = queryset
        if len(queryset) == 1:
            field.initial = queryset[0]


class OnForm(CaseForm):
    on = _date_field(gettext_lazy("Date"))


class NoteForm(OnForm):
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class EmptyForm(CaseForm):
    pass


class AssignForm(CaseForm):
    officer = forms.ModelChoiceField(label=gettext_lazy("Officer"), queryset=User.objects.none())

    def setup(self, case: Case) -> None:
        self._queryset(
            "officer",
            User.objects.filter(
                is_active=True, memberships__agency=case.agency, memberships__role=Role.OFFICER
            )
            .distinct()
            .order_by("username"),
        )


class RequestAssistanceForm(CaseForm):
    unit = forms.ModelChoiceField(label=gettext_lazy("Unit"), queryset=Agency.objects.none())
    due_on = _date_field(gettext_lazy("The unit's due date"))
    note = forms.CharField(
        label=gettext_lazy("What is needed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def setup(self, case: Case) -> None:
        self._queryset(
            "unit",
            Agency.objects.filter(is_active=True).exclude(pk=case.agency_id).order_by("name"),
        )


class _LabelledChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        if isinstance(obj, Assistance):
            return f"{obj.unit.name}（{obj.due_on:%Y-%m-%d}）"
        if isinstance(obj, Consultation):
            return f"{obj.consultee}（{obj.sent_on:%Y-%m-%d}）"
        return str(obj)


class RecordAssistanceForm(NoteForm):
    assistance = _LabelledChoice(label=gettext_lazy("Request"), queryset=Assistance.objects.none())
    field_order = ("assistance", "on", "note")

    def setup(self, case: Case) -> None:
        self._queryset(
            "assistance", case.assistance.filter(answered_on__isnull=True).select_related("unit")
        )


class RequestCorrectionForm(CaseForm):
    on = _date_field(gettext_lazy("Date of the notice"))
    items = forms.CharField(
        label=gettext_lazy("What the applicant must supplement (one item per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    deadline = _date_field(gettext_lazy("Supplement by"))


class ConsultForm(CaseForm):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=ConsultationKind.choices)
    consultee = forms.CharField(label=gettext_lazy("Consulted"), max_length=200, required=False)
    consultee_address = forms.CharField(
        label=gettext_lazy("Address"), max_length=300, required=False
    )
    sent_on = _date_field(gettext_lazy("Letter sent"))


class RecordConsultationForm(CaseForm):
    consultation = _LabelledChoice(
        label=gettext_lazy("Consultation"), queryset=Consultation.objects.none()
    )
    answer = forms.ChoiceField(label=gettext_lazy("Answer"), choices=ConsultationAnswer.choices)
    answered_on = _date_field(gettext_lazy("Answer received (or the day the period lapsed)"))
    delivered_on = _date_field(gettext_lazy("Letter received by the consultee"), required=False)
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def setup(self, case: Case) -> None:
        self._queryset("consultation", case.consultations.filter(answered_on__isnull=True))


class NotifyThirdPartyForm(CaseForm):
    consultation = _LabelledChoice(
        label=gettext_lazy("Consultation"), queryset=Consultation.objects.none()
    )
    on = _date_field(gettext_lazy("Date"))
    reasons = forms.CharField(
        label=gettext_lazy("Why the public interest requires disclosure"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def setup(self, case: Case) -> None:
        self._queryset("consultation", case.consultations.filter(answer=ConsultationAnswer.OBJECTS))


class RequestReasonsForm(NoteForm):
    respond_by = _date_field(gettext_lazy("Answer by"))

    def setup(self, case: Case) -> None:
        self.fields["respond_by"].initial = None


class ExtendForm(CaseForm):
    granted_on = _date_field(gettext_lazy("Approved on"))
    workdays = forms.IntegerField(
        label=gettext_lazy("Working days"), initial=20, min_value=1, max_value=20
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class SetOfficeDateForm(CaseForm):
    set_on = _date_field(gettext_lazy("Date"))
    due_on = _date_field(gettext_lazy("New reply date"))
    reason = forms.CharField(
        label=gettext_lazy("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def setup(self, case: Case) -> None:
        self.fields["due_on"].initial = None


class FeeNoticeForm(CaseForm):
    basis = forms.ChoiceField(
        label=gettext_lazy("Basis"), choices=[(b.value, fees.BASIS_LABELS[b]) for b in fees.Basis]
    )
    pages = forms.IntegerField(
        label=gettext_lazy("Pages (per-page basis)"), required=False, min_value=0
    )
    notice_on = _date_field(gettext_lazy("Date of the notice"))
    payment_method = forms.CharField(
        label=gettext_lazy("How to pay (account, payee, reference)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RecordPaymentForm(CaseForm):
    paid_on = _date_field(gettext_lazy("Paid on"))
    receipt_number = forms.CharField(
        label=gettext_lazy("Receipt number"), max_length=60, required=False
    )


class SplitForm(CaseForm):
    descriptions = forms.CharField(
        label=gettext_lazy("The matters, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


REASONS_HELP = gettext_lazy("Required for every outcome except %(codes)s.")


class DecideForm(CaseForm):
    outcome = forms.ChoiceField(label=gettext_lazy("Outcome"), choices=[])
    decided_on = _date_field(gettext_lazy("Decided on"))
    reasons = forms.CharField(
        label=gettext_lazy("Reasons, stated for the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    provision = forms.CharField(
        label=gettext_lazy("How the information is provided (disclosure)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    published_at = forms.CharField(
        label=gettext_lazy("Where it is already published, if so"),
        required=False,
        max_length=500,
    )
    extra_articles = forms.CharField(
        label=gettext_lazy("Further articles cited (one per line, e.g. the exemption's article)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def setup(self, case: Case) -> None:
        field = self.fields["outcome"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *outcome_choices(outcomes.DECIDABLE)]
        free = [c for c in outcomes.DECIDABLE if not outcomes.get(c).reasons_required]
        self.fields["reasons"].help_text = REASONS_HELP % {"codes": "、".join(free)}


class ServeForm(CaseForm):
    method = forms.ChoiceField(label=gettext_lazy("Method"), choices=ServiceMethod.choices)
    served_on = _date_field(gettext_lazy("Served on"))


class ReopenForm(OnForm):
    reason = forms.CharField(
        label=gettext_lazy("The decision that requires a new reply"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


Run = Callable[[User, Case, dict[str, Any]], object]


@dataclass(frozen=True)
class Step:
    form: type[CaseForm]
    run: Run
    intro: Promise | None = None


STEPS: dict[str, Step] = {
    "confirm_receipt": Step(
        OnForm,
        lambda u, c, f: actions.confirm_receipt(actor=u, case=c, on=f["on"]),
        gettext_lazy("The day the office and the applicant confirmed receipt (Article 31)."),
    ),
    "issue_receipt": Step(
        EmptyForm,
        lambda u, c, f: actions.issue_receipt(actor=u, case=c),
        gettext_lazy("Issue the acknowledgement of receipt with the tracking number."),
    ),
    "assign": Step(
        AssignForm, lambda u, c, f: actions.assign(actor=u, case=c, officer=f["officer"])
    ),
    "request_assistance": Step(
        RequestAssistanceForm,
        lambda u, c, f: actions.request_assistance(
            actor=u, case=c, unit=f["unit"], due_on=f["due_on"], note=f["note"]
        ),
    ),
    "record_assistance": Step(
        RecordAssistanceForm,
        lambda u, c, f: actions.record_assistance(
            actor=u, assistance=f["assistance"], on=f["on"], note=f["note"]
        ),
    ),
    "request_correction": Step(
        RequestCorrectionForm,
        lambda u, c, f: actions.request_correction(
            actor=u, case=c, on=f["on"], items=_lines(f["items"]), deadline=f["deadline"]
        ),
        gettext_lazy(
            "Once only, within 7 working days of receipt, listing everything to supplement "
            "(Article 30)."
        ),
    ),
    "record_correction": Step(
        NoteForm,
        lambda u, c, f: actions.record_correction(actor=u, case=c, on=f["on"], note=f["note"]),
        gettext_lazy("The day the supplemented application arrived: the 20 working days restart."),
    ),
    "close_correction_lapsed": Step(
        OnForm,
        lambda u, c, f: actions.close_correction_lapsed(actor=u, case=c, on=f["on"]),
        gettext_lazy("The applicant did not supplement in time: the application is abandoned."),
    ),
    "consult": Step(
        ConsultForm,
        lambda u, c, f: actions.consult(
            actor=u,
            case=c,
            kind=f["kind"],
            consultee=f["consultee"],
            consultee_address=f["consultee_address"],
            sent_on=f["sent_on"],
        ),
        gettext_lazy("The time until the answer, at most 15 working days, is not counted."),
    ),
    "record_consultation": Step(
        RecordConsultationForm,
        lambda u, c, f: actions.record_consultation(
            actor=u,
            consultation=f["consultation"],
            answer=f["answer"],
            answered_on=f["answered_on"],
            delivered_on=f["delivered_on"],
            note=f["note"],
        ),
    ),
    "notify_third_party": Step(
        NotifyThirdPartyForm,
        lambda u, c, f: actions.notify_third_party(
            actor=u, case=c, consultation=f["consultation"], on=f["on"], reasons=f["reasons"]
        ),
    ),
    "request_reasons": Step(
        RequestReasonsForm,
        lambda u, c, f: actions.request_reasons(
            actor=u, case=c, on=f["on"], respond_by=f["respond_by"], note=f["note"]
        ),
    ),
    "extend": Step(
        ExtendForm,
        lambda u, c, f: actions.extend(
            actor=u, case=c, granted_on=f["granted_on"], workdays=f["workdays"], reason=f["reason"]
        ),
        gettext_lazy(
            "Once, at most 20 working days, approved by the head of the office and notified "
            "before the deadline (Article 33)."
        ),
    ),
    "set_office_date": Step(
        SetOfficeDateForm,
        lambda u, c, f: actions.set_office_date(
            actor=u, case=c, set_on=f["set_on"], due_on=f["due_on"], reason=f["reason"]
        ),
    ),
    "fee_notice": Step(
        FeeNoticeForm,
        lambda u, c, f: actions.fee_notice(
            actor=u,
            case=c,
            basis=f["basis"],
            notice_on=f["notice_on"],
            pages=f["pages"],
            payment_method=f["payment_method"],
        ),
        gettext_lazy("The amount follows from the bands of Guobanhan [2020] No. 109."),
    ),
    "record_payment": Step(
        RecordPaymentForm,
        lambda u, c, f: actions.record_payment(
            actor=u, case=c, paid_on=f["paid_on"], receipt_number=f["receipt_number"]
        ),
    ),
    "close_fee_unpaid": Step(
        OnForm, lambda u, c, f: actions.close_fee_unpaid(actor=u, case=c, on=f["on"])
    ),
    "split": Step(
        SplitForm,
        lambda u, c, f: actions.split(actor=u, case=c, descriptions=_lines(f["descriptions"])),
    ),
    "decide": Step(
        DecideForm,
        lambda u, c, f: actions.decide(
            actor=u,
            case=c,
            outcome=f["outcome"],
            decided_on=f["decided_on"],
            reasons=f["reasons"],
            extra_articles=_lines(f["extra_articles"]),
            provision=f["provision"],
            published_at=f["published_at"],
        ),
    ),
    "sign_legal_review": Step(
        OnForm, lambda u, c, f: actions.sign_legal_review(actor=u, case=c, on=f["on"])
    ),
    "serve": Step(
        ServeForm,
        lambda u, c, f: actions.serve(
            actor=u, case=c, method=f["method"], served_on=f["served_on"]
        ),
        gettext_lazy("On time means served by the due date: the posting date for mail."),
    ),
    "withdraw": Step(
        NoteForm,
        lambda u, c, f: actions.withdraw(actor=u, case=c, on=f["on"], note=f["note"]),
    ),
    "reopen": Step(
        ReopenForm,
        lambda u, c, f: actions.reopen(actor=u, case=c, on=f["on"], reason=f["reason"]),
    ),
}


def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """GET: the action's form. POST: run it; bad input → the form again; done → the case page."""
    user = _user(request)
    case = _case_for_page(user, pk)
    step = STEPS.get(action)
    if step is None or action not in transitions.TRANSITIONS:
        raise Http404("no such action")
    transition = transitions.TRANSITIONS[action]
    today = timezone.localdate()
    if transition.capability is not None and not can(user, transition.capability, case.agency):
        raise PermissionDenied(f"{user} may not {action} in {case.agency}")
    posted = request.method == "POST"
    if not posted and not transitions.permitted(user, case, action, today):
        messages.error(
            request,
            _("“%(action)s” is not possible for this application now.")
            % {"action": transition.label},
        )
        return redirect("console:cases:case", case.pk)
    form = step.form(request.POST if posted else None, case=case, today=today)
    if posted and form.is_valid():
        try:
            step.run(user, case, form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("%(action)s: done.") % {"action": transition.label})
            return redirect("console:cases:case", case.pk)
    return render(
        request,
        "console/cases/action.html",
        {"case": case, "form": form, "transition": transition, "step": step},
        status=400 if posted else 200,
    )
