"""The console's 监督保障: the scorecard of the units a head or supervisor may read, each figure
linked to the records behind it, its XLSX; 督办单 issued from a figure, answered by the unit with
evidence, accepted or sent back by the supervising office: its steps (answer, accept, send back)
are ``console/acting.py``'s ``Steps`` over ``supervision.transitions.TABLE``, as for applications
and disputes.

Views parse, call ``supervision.scorecard`` or one action of ``supervision.actions``, then render
or redirect; units outside the viewer's scorecard and orders outside its reach are 404.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies import params
from gongkai.agencies.access import C, agencies_for, can
from gongkai.agencies.models import Agency
from gongkai.annual_reports.models import AnnualReport
from gongkai.cases.models import Case
from gongkai.console import files
from gongkai.console.acting import Step, Steps
from gongkai.console.cases._common import _add_errors, _user
from gongkai.disputes.models import Dispute
from gongkai.publications.models import CatalogItem, Publication
from gongkai.supervision import actions, queries, registry, scorecard
from gongkai.supervision.choices import OrderStatus
from gongkai.supervision.models import ChannelCheck, Order
from gongkai.supervision.transitions import TABLE

METRIC_LABELS = {
    "received": gettext_lazy("Applications received"),
    "answered": gettext_lazy("Applications answered"),
    "late_replies": gettext_lazy("Replied late"),
    "overdue_open": gettext_lazy("Open and overdue now"),
    "late_publications": gettext_lazy("Published late (Article 26)"),
    "late_interpretations": gettext_lazy("Interpretations published late"),
    "missing_interpretations": gettext_lazy("Normative documents without interpretation"),
    "catalog_empty": gettext_lazy("Catalog items with nothing published"),
    "disputes": gettext_lazy("Reviews and suits filed"),
    "corrected": gettext_lazy("Corrected by review or court"),
}


class _Year(params.ParamsForm):
    year = params.YearField()


class _IssueParams(params.ParamsForm):
    year = params.YearField()
    check = params.IdField()


def _unit(user: Any, agency_id: int) -> Agency:
    unit = agencies_for(user, C.VIEW_SCORECARD).filter(pk=agency_id).first()
    if unit is None:
        raise Http404("no such unit")
    return unit


def scorecard_page(request: HttpRequest) -> HttpResponse:
    """The scorecard of one year (``?year=``, last year by default); a refused year is a 400
    with a message and no figures."""
    user = _user(request)
    today = timezone.localdate()
    wanted = _Year(request.GET)
    year = wanted.value("year") or today.year - 1
    cards = [] if wanted.problems else scorecard.compute(user, year)
    issuing = set(agencies_for(user, C.ISSUE_ORDERS).values_list("pk", flat=True))
    return render(
        request,
        "console/supervision/scorecard.html",
        {
            "year": year,
            "years": range(today.year, today.year - 6, -1),
            "problems": wanted.problems,
            "cards": cards,
            "issuing": issuing,
            "orders": queries.orders_for(user).select_related("unit")[:200],
            "today": today,
            "overdue_ids": {
                o.pk
                for o in queries.overdue(today).filter(pk__in=queries.orders_for(user).values("pk"))
            },
        },
        status=wanted.http_status,
    )


def scorecard_xlsx(request: HttpRequest) -> HttpResponse:
    wanted = _Year(request.GET)
    if wanted.problems:
        return scorecard_page(request)  # the page with the message, 400
    user = _user(request)
    year = wanted.value("year") or timezone.localdate().year - 1
    return HttpResponse(
        scorecard.to_xlsx(scorecard.compute(user, year), year),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="scorecard-{year}.xlsx"'},
    )


def _link(record: Any) -> tuple[str, str]:
    """(text, console URL) of one record behind a figure."""
    if isinstance(record, Case):
        return f"{record.number} {record.get_status_display()}", reverse(
            "console:cases:case", args=[record.pk]
        )
    if isinstance(record, Publication):
        return f"{record.index_number} {record.title}", reverse("console:item", args=[record.pk])
    if isinstance(record, CatalogItem):
        return f"{record.domain} {record.number} {record.matter}", reverse(
            "console:catalog_item", args=[record.agency_id, record.pk]
        )
    if isinstance(record, Dispute):
        return str(record), reverse("console:disputes:dispute", args=[record.pk])
    assert isinstance(record, AnnualReport)
    return str(record), reverse("console:reports:report", args=[record.pk])


def members_page(request: HttpRequest, year: int, agency_id: int, metric: str) -> HttpResponse:
    user = _user(request)
    unit = _unit(user, agency_id)
    if metric not in scorecard.METRICS or not params.FIRST_YEAR <= year <= params.LAST_YEAR:
        raise Http404("no such figure")
    records = scorecard.members(unit, year, metric)[:1000]
    return render(
        request,
        "console/supervision/members.html",
        {
            "unit": unit,
            "year": year,
            "metric": metric,
            "label": METRIC_LABELS[metric],
            "rows": [_link(r) for r in records],
            "can_issue": can(user, C.ISSUE_ORDERS, unit),
        },
    )


# -- 督办单 -------------------------------------------------------------------------------------


class IssueForm(forms.Form):
    finding = forms.CharField(
        label=gettext_lazy("Finding"), widget=forms.Textarea(attrs={"rows": 3})
    )
    requirement = forms.CharField(
        label=gettext_lazy("Requirement"), widget=forms.Textarea(attrs={"rows": 3})
    )
    workdays = forms.IntegerField(
        label=gettext_lazy("Working days to rectify"),
        min_value=1,
        max_value=actions.MAX_WORKDAYS,
        initial=10,
    )


def issue(request: HttpRequest, agency_id: int) -> HttpResponse:
    user = _user(request)
    unit = _unit(user, agency_id)
    if not can(user, C.ISSUE_ORDERS, unit):
        raise PermissionDenied("may not issue supervision orders to this unit")
    source = request.GET.get("metric", "")
    source = source if source in scorecard.METRICS else ""
    wanted = _IssueParams(request.GET)
    source_year: int | None = wanted.value("year")
    initial = {}
    if source:
        label = METRIC_LABELS[source]
        initial["finding"] = f"{source_year}年度：{label}" if source_year else str(label)
    check_id = wanted.value("check")
    check = (
        ChannelCheck.objects.filter(pk=check_id, channel__agency=unit, passed=False).first()
        if check_id
        else None
    )
    if check is not None:
        initial["finding"] = registry.failed_finding(check)
    if wanted.problems:
        form = IssueForm(initial=initial)
        return render(
            request,
            "console/supervision/issue.html",
            {"unit": unit, "form": form, "problems": wanted.problems},
            status=400,
        )
    posted = request.method == "POST"
    form = IssueForm(request.POST if posted else None, initial=initial)
    if posted and form.is_valid():
        try:
            order = actions.issue(
                actor=user,
                unit=unit,
                source=source,
                source_year=source_year if source else None,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Supervision order %(n)s issued.") % {"n": order.number})
            return redirect("console:supervision:order", order.pk)
    return render(
        request,
        "console/supervision/issue.html",
        {"unit": unit, "form": form},
        status=400 if posted else 200,
    )


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("What was rectified"), widget=forms.Textarea(attrs={"rows": 4})
    )


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note (required to send back)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class EvidenceForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Evidence"))


def _review(accept: bool) -> Step[Order]:
    return Step(
        ReviewForm,
        lambda u, o, f: actions.review(actor=u, order=o, accept=accept, note=f["note"]),
    )


# The 督办单's steps: exactly the TABLE's transitions with a form (attach is the upload below).
STEPS: dict[str, Step[Order]] = {
    "answer": Step(AnswerForm, lambda u, o, f: actions.answer(actor=u, order=o, text=f["text"])),
    "accept": _review(accept=True),
    "send_back": _review(accept=False),
}

ORDER_STEPS: Steps[Order] = Steps(
    table=TABLE,
    steps=STEPS,
    page="console:supervision:order",
    template="console/supervision/action.html",
    name="order",
    refused=gettext_lazy("“%(action)s” is not possible for this supervision order now."),
    make_form=lambda form, data, _order, _today: form(data),
)


def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """GET: the step's form. POST: run it; bad input → the form again (400); done → the page."""
    user = _user(request)
    return ORDER_STEPS.view(request, user, queries.get_order(user, pk), action)


def order_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    order = queries.get_order(user, pk)
    # The steps post to ``act``; the page itself takes only the evidence upload (``attach``).
    posted = request.method == "POST"
    if posted and files.attach_posted(
        request,
        EvidenceForm(request.POST, request.FILES),
        lambda data: actions.attach(actor=user, order=order, upload=data["file"]),
        invalid=_("Choose a file."),
    ):
        return redirect("console:supervision:order", order.pk)
    today = timezone.localdate()
    return render(
        request,
        "console/supervision/order.html",
        {
            "order": order,
            "overdue": queries.is_overdue(order, today),
            "answered_late": queries.answered_late(order),
            "allowed": {t.action for t in TABLE.allowed(user, order, today)},
            "answer_form": AnswerForm(),
            "review_form": ReviewForm(),
            "evidence_form": EvidenceForm(),
            "events": order.events.select_related("actor").order_by("at", "pk"),
            "documents": order.documents.order_by("added_at", "pk"),
            "issued": OrderStatus.ISSUED,
        },
        status=400 if posted else 200,
    )


def order_document(request: HttpRequest, pk: int, document_id: int) -> FileResponse:
    order = queries.get_order(_user(request), pk)
    return files.download(order.documents.filter(pk=document_id).first())
