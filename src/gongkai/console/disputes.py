"""The console's 行政复议 / 行政诉讼: the list, recording one from a case, its page (the
respondent's deadline explained, documents, stages, outcome) and one form per step.

Views parse, call one action of ``gongkai.disputes.actions``, then render or redirect. Every
dispute is fetched through ``disputes.access`` (404 for anyone who may not know it exists); the
step buttons are exactly ``transitions.TABLE.allowed``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies.access import C, agencies_for, can
from gongkai.agencies.models import Agency, User
from gongkai.agencies.queries import calendar_for
from gongkai.cases import access as case_access
from gongkai.cases.models import Case
from gongkai.console import files
from gongkai.console.acting import Step, Steps
from gongkai.console.cases._common import DATE_WIDGET, _add_errors, _user
from gongkai.disputes import actions, deadlines, queries
from gongkai.disputes.access import (
    disputes_for_staff,
    get_dispute_for_staff,
    get_document_for_staff,
    sees_evidence,
)
from gongkai.disputes.choices import DocumentKind, Kind, Outcome, Stage
from gongkai.disputes.models import Dispute
from gongkai.disputes.transitions import TABLE

STATE_LABELS = {
    "running": gettext_lazy("reply running"),
    "due_soon": gettext_lazy("reply due soon"),
    "overdue": gettext_lazy("reply overdue"),
    "done": gettext_lazy("replied"),
}


def dispute_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    today = timezone.localdate()
    calendar = calendar_for(today)
    rows = []
    for d in disputes_for_staff(user).select_related("agency", "case")[:500]:
        deadline = deadlines.deadline_of(d, calendar)
        state = deadlines.state_of(d, today, calendar)
        rows.append((d, deadline, state, STATE_LABELS.get(state, "")))
    return render(request, "console/disputes/list.html", {"rows": rows})


class NewDisputeForm(forms.Form):
    case_number = forms.CharField(
        label=gettext_lazy("Application number"),
        max_length=40,
        required=False,
        help_text=gettext_lazy("Leave empty when the application is not identified yet."),
    )
    agency = forms.ModelChoiceField(
        label=gettext_lazy("Respondent"), queryset=Agency.objects.none(), required=False
    )
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Kind.choices)
    body = forms.CharField(label=gettext_lazy("Review body or court"), max_length=200)
    reference = forms.CharField(label=gettext_lazy("Case number"), max_length=100, required=False)
    filed_on = forms.DateField(label=gettext_lazy("Date filed"), widget=DATE_WIDGET)
    follows = forms.ModelChoiceField(
        label=gettext_lazy("Review it follows"), queryset=Dispute.objects.none(), required=False
    )
    copy_received_on = forms.DateField(
        label=gettext_lazy("Copy received"),
        required=False,
        widget=DATE_WIDGET,
        help_text=gettext_lazy(
            "The day the copy of the application or complaint reached the office: the reply "
            "period runs from then."
        ),
    )
    simplified = forms.BooleanField(
        label=gettext_lazy("Simplified procedure (review)"), required=False
    )
    note = forms.CharField(
        label=gettext_lazy("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, data: Mapping[str, Any] | None, *, case: Case | None, user: User) -> None:
        super().__init__(data, initial={"case_number": case.number} if case else None)
        agencies = self.fields["agency"]
        assert isinstance(agencies, forms.ModelChoiceField)
        agencies.queryset = agencies_for(user, C.HANDLE_CASES).order_by("name")
        if case is not None:
            field = self.fields["follows"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = Dispute.objects.filter(case=case, kind=Kind.REVIEW)


def _case_by_number(user: User, number: str) -> Case | None:
    case = Case.objects.filter(number=number.strip()).select_related("agency").first()
    if case is None:
        return None
    try:
        return case_access.get_case_for_staff(user, case.pk)
    except Http404:
        return None


def new_dispute(request: HttpRequest) -> HttpResponse:
    """Record a review or suit about an application (``?case=<pk>`` from the case page)."""
    user = _user(request)
    case: Case | None = None
    if request.GET.get("case"):
        case = case_access.get_case_for_staff(user, request.GET["case"])
    posted = request.method == "POST"
    if posted and request.POST.get("case_number"):
        case = _case_by_number(user, request.POST["case_number"]) or case
    form = NewDisputeForm(request.POST if posted else None, case=case, user=user)
    if posted and form.is_valid():
        f = form.cleaned_data
        number = f["case_number"].strip()
        if number and (case is None or case.number != number):
            form.add_error("case_number", _("No application with this number in your units."))
        else:
            case = case if number else None
            try:
                dispute = actions.record_dispute(
                    actor=user,
                    case=case,
                    agency=f["agency"],
                    kind=f["kind"],
                    body=f["body"],
                    filed_on=f["filed_on"],
                    follows=f["follows"],
                    reference=f["reference"],
                    note=f["note"],
                )
                if f["copy_received_on"]:
                    actions.record_copy_received(
                        actor=user,
                        dispute=dispute,
                        on=f["copy_received_on"],
                        simplified=f["simplified"],
                    )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Review or suit recorded."))
                return redirect("console:disputes:dispute", dispute.pk)
    return render(
        request,
        "console/disputes/new.html",
        {"form": form, "case": case},
        status=400 if posted else 200,
    )


class AttachForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=DocumentKind.choices)
    file = forms.FileField(label=gettext_lazy("File"))


def dispute_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    dispute = get_dispute_for_staff(user, pk)
    today = timezone.localdate()
    calendar = calendar_for(today)
    deadline = deadlines.deadline_of(dispute, calendar)
    state = deadlines.state_of(dispute, today, calendar)
    return render(
        request,
        "console/disputes/dispute.html",
        {
            "dispute": dispute,
            "case": dispute.case,
            "agency": dispute.agency,
            "deadline": deadline,
            "state": state,
            "state_label": STATE_LABELS.get(state, ""),
            "late": bool(deadline and dispute.replied_on and deadline.late(dispute.replied_on)),
            "events": dispute.events.select_related("actor").order_by("at", "pk"),
            "documents": dispute.documents.order_by("added_at", "pk"),
            "others": (
                queries.for_case(dispute.case).exclude(pk=dispute.pk) if dispute.case else []
            ),
            "allowed": [t for t in TABLE.allowed(user, dispute, today) if t.action in STEPS],
            "can_attach": can(user, C.HANDLE_CASES, dispute.agency),
            "attach_form": AttachForm(),
            "evidence_shown": sees_evidence(user, dispute),
        },
    )


def document_file(request: HttpRequest, pk: int, document_id: int) -> FileResponse:
    document = get_document_for_staff(_user(request), document_id)
    if document.dispute_id != pk:
        raise Http404("no such document")
    return files.download(document)


def attach(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    dispute = get_dispute_for_staff(user, pk)
    if request.method == "POST":
        files.attach_posted(
            request,
            AttachForm(request.POST, request.FILES),
            lambda data: actions.attach_document(
                actor=user, dispute=dispute, upload=data["file"], kind=data["kind"]
            ),
            invalid=_("Choose a file and its kind."),
        )
    return redirect("console:disputes:dispute", dispute.pk)


# -- one form per step ---------------------------------------------------------------------


class OnForm(forms.Form):
    on = forms.DateField(label=gettext_lazy("Date"), widget=DATE_WIDGET)


class CopyForm(OnForm):
    simplified = forms.BooleanField(
        label=gettext_lazy("Simplified procedure (review)"), required=False
    )


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Outcome"),
        choices=[(v, lbl) for v, lbl in Outcome.choices if v != Outcome.PENDING],
    )
    on = forms.DateField(label=gettext_lazy("Date decided"), widget=DATE_WIDGET)
    note = forms.CharField(
        label=gettext_lazy("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class LinkForm(forms.Form):
    case_number = forms.CharField(label=gettext_lazy("Application number"), max_length=40)


def _link(user: User, dispute: Dispute, f: dict[str, Any]) -> object:
    case = _case_by_number(user, f["case_number"])
    if case is None:
        raise ValidationError({"case_number": _("No application with this number in your units.")})
    return actions.link_case(actor=user, dispute=dispute, case=case)


STEPS: dict[str, Step[Dispute]] = {
    "accept": Step(
        OnForm,
        lambda u, d, f: actions.set_stage(actor=u, dispute=d, stage=Stage.ACCEPTED, on=f["on"]),
        gettext_lazy("The review body accepted the application, or the court docketed the suit."),
    ),
    "receive_copy": Step(
        CopyForm,
        lambda u, d, f: actions.record_copy_received(
            actor=u, dispute=d, on=f["on"], simplified=f["simplified"]
        ),
        gettext_lazy(
            "The day the copy of the application or complaint was received: a review's reply is "
            "due in 10 working days (Administrative Review Law, Articles 48 and 88), a defence in "
            "15 days (Administrative Litigation Law, Article 67)."
        ),
    ),
    "reply": Step(
        OnForm,
        lambda u, d, f: actions.record_reply(actor=u, dispute=d, on=f["on"]),
        gettext_lazy("The day the reply or defence was submitted with the evidence."),
    ),
    "link": Step(
        LinkForm,
        _link,
        gettext_lazy("The application this review or suit is about."),
    ),
    "decide": Step(
        DecideForm,
        lambda u, d, f: actions.record_decision(
            actor=u, dispute=d, outcome=f["outcome"], decided_on=f["on"], note=f["note"]
        ),
        gettext_lazy("A corrected decision reopens the application for a new reply."),
    ),
}


DISPUTE_STEPS: Steps[Dispute] = Steps(
    table=TABLE,
    steps=STEPS,
    page="console:disputes:dispute",
    template="console/disputes/action.html",
    name="dispute",
    refused=gettext_lazy("“%(action)s” is not possible for this review or suit now."),
    make_form=lambda form, data, _dispute, today: form(data, initial={"on": _default_on(today)}),
)


def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """GET: the step's form. POST: run it; bad input → the form again; done → the page."""
    user = _user(request)
    return DISPUTE_STEPS.view(request, user, get_dispute_for_staff(user, pk), action)


def _default_on(today: dt.date) -> str:
    return today.isoformat()
