"""The staff console for 意见征集 and 政府公报: views parse, call one action, redirect.

``/console/participation/``: the consultations and gazette issues of the agencies the user
drafts for, with forms to start new ones. A consultation's page: edit the draft, attachments,
open, moderate and answer the comments, close, publish the 采纳情况 — the buttons are
``CONSULTATION_TABLE.allowed``. An issue's page: the contents (one line per item: 栏目 and the
item's number), the PDF, publish. Someone who may not read the agency gets a 404; a commenter's
name and contact are shown only to the agency's officers who moderate (a supervisor reads the
masked name).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.agencies.access import C, agencies_for
from gongkai.agencies.models import Agency, User
from gongkai.agencies.params import IdField, YearField
from gongkai.console.acting import PageSteps, Step, fail_message
from gongkai.console.cases._common import _user
from gongkai.publications.access import (
    can_draft,
    get_consultation_for_staff,
    get_issue_for_staff,
    staff_consultations,
    staff_gazette,
)
from gongkai.publications.actions import gazette
from gongkai.publications.actions import participation as actions
from gongkai.publications.models import Consultation, GazetteIssue
from gongkai.publications.models.participation import (
    DEFAULT_PERIOD_DAYS,
    MAX_PERIOD_DAYS,
    MIN_PERIOD_DAYS,
    Adoption,
)
from gongkai.publications.participation_transitions import CONSULTATION_TABLE, GAZETTE_TABLE


def _drafting(user: User) -> list[Agency]:
    return [a for a in agencies_for(user, C.VIEW_AGENCY).order_by("name") if can_draft(user, a)]


class ConsultationForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Heading"), max_length=300)
    summary = forms.CharField(
        label=gettext_lazy("Explanatory note"), widget=forms.Textarea, required=False
    )
    draft_text = forms.CharField(
        label=gettext_lazy("Full text of the draft"), widget=forms.Textarea
    )
    how_to_comment = forms.CharField(
        label=gettext_lazy("Other ways to comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=gettext_lazy("Such as a postal address, an email address, a fax number."),
    )
    period_days = forms.IntegerField(
        label=gettext_lazy("Comment period (days)"),
        initial=DEFAULT_PERIOD_DAYS,
        min_value=MIN_PERIOD_DAYS,
        max_value=MAX_PERIOD_DAYS,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Worded here, in the request's language, from the rule's numbers.
        field = self.fields["period_days"]
        field.help_text = _(
            "At least %(min)s days (Interim Regulations on Major Administrative Decision-Making "
            "Procedures, article 14); a closing day on a holiday moves to the next working day."
        ) % {"min": MIN_PERIOD_DAYS}
        field.error_messages["min_value"] = _("The comment period is at least %(min)s days.") % {
            "min": MIN_PERIOD_DAYS
        }


class IssueForm(forms.Form):
    year = YearField(label=gettext_lazy("Calendar year"), required=True)
    number = forms.IntegerField(
        label=gettext_lazy("Issue number"), min_value=1, max_value=99, required=False,
        help_text=gettext_lazy("Leave empty for the next issue number."),
    )  # fmt: skip


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    drafting = _drafting(user)
    return render(
        request,
        "console/participation/home.html",
        {
            "consultations": staff_consultations(user)
            .select_related("agency")
            .order_by("-id")[:100],
            "issues": staff_gazette(user)
            .select_related("agency")
            .order_by("-year", "-number")[:100],
            "drafting": drafting,
            "form": ConsultationForm(),
            "issue_form": IssueForm(initial={"year": timezone.localdate().year}),
        },
    )


def _posted_id(request: HttpRequest, name: str) -> int:
    """A posted object id, cleaned: a hand-made value (``abc``, past 64 bits) finds nothing."""
    try:
        value = IdField(required=True).clean(request.POST.get(name, ""))
    except ValidationError:
        raise Http404(f"no such {name}") from None
    assert isinstance(value, int)
    return value


def _agency(request: HttpRequest) -> Agency:
    agency = Agency.objects.filter(pk=_posted_id(request, "agency")).first()
    if agency is None or not can_draft(request.user, agency):
        raise Http404("no such agency")
    return agency


@login_required
@require_POST
def new_consultation(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    agency = _agency(request)
    form = ConsultationForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("console:participation")
    try:
        made = actions.create_consultation(actor=user, agency=agency, **form.cleaned_data)
    except (ValidationError, PermissionDenied) as error:
        fail_message(request, error)
        return redirect("console:participation")
    return redirect("console:consultation", made.pk)


@login_required
def consultation(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    found = get_consultation_for_staff(user, pk)
    today = timezone.localdate()
    allowed = {t.action for t in CONSULTATION_TABLE.allowed(user, found, today)}
    form = ConsultationForm(
        initial={
            name: getattr(found, name)
            for name in ("title", "summary", "draft_text", "how_to_comment", "period_days")
        }
    )
    return render(
        request,
        "console/participation/consultation.html",
        {
            "c": found,
            "allowed": allowed,
            "can_act": can_draft(user, found.agency),
            "form": form,
            "comments": found.comments.order_by("submitted_at", "id"),
            "adoptions": [a for a in Adoption if a != Adoption.UNDECIDED],
            "events": found.events.select_related("actor").order_by("at", "pk"),
            "period_over": found.closes_on is not None and today > found.closes_on,
        },
    )


def _ops(*names: str) -> forms.ChoiceField:
    """Which button of a step was pressed (``op``); the first is the default."""
    return forms.ChoiceField(choices=[(n, n) for n in names], required=False)


def _op(values: dict[str, Any], default: str) -> str:
    return str(values.get("op") or default)


class EditForm(ConsultationForm):
    """``edit``: save the draft (``op=save``) or add an attachment (``op=attach``)."""

    op = _ops("save", "attach")
    file = forms.FileField(required=False, allow_empty_file=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.data.get("op") == "attach":  # the attachment's button posts no draft
            for name in ConsultationForm.base_fields:
                self.fields[name].required = False


class ModerateForm(forms.Form):
    """``moderate``: approve, reject or answer one comment."""

    op = forms.ChoiceField(choices=[(n, n) for n in ("approve", "reject", "answer")])
    comment = forms.CharField(required=False)
    adoption = forms.CharField(required=False, strip=False)
    reply = forms.CharField(required=False, strip=False)


class FeedbackForm(forms.Form):
    feedback = forms.CharField(required=False, strip=False)


def _comment(found: Consultation, value: str) -> Any:
    try:
        pk = IdField(required=True).clean(value)
    except ValidationError:
        raise Http404("no such comment") from None  # hand-made (``abc``, past 64 bits)
    made = found.comments.filter(pk=pk).first()
    if made is None:
        raise ValidationError(_("There is no such comment."))
    return made


def _edit(user: User, found: Consultation, f: dict[str, Any]) -> None:
    if _op(f, "save") == "save":
        values = {name: f[name] for name in ConsultationForm.base_fields}
        actions.update_consultation(actor=user, consultation=found, **values)
        return
    upload = f["file"]
    if upload is None:
        raise ValidationError(_("Please choose a file."))
    actions.add_consultation_attachment(
        actor=user, consultation=found, name=upload.name or "附件", content=upload.read(),
        content_type=upload.content_type or "",
    )  # fmt: skip


def _moderate(user: User, found: Consultation, f: dict[str, Any]) -> None:
    comment = _comment(found, f["comment"])
    if f["op"] == "answer":
        actions.answer_comment(
            actor=user, comment=comment, adoption=f["adoption"], reply=f["reply"][:2000]
        )
    else:
        actions.moderate_comment(actor=user, comment=comment, approve=f["op"] == "approve")


CONSULTATION_STEPS: PageSteps[Consultation] = PageSteps(
    table=CONSULTATION_TABLE,
    steps={
        "edit": Step(EditForm, _edit),
        "open": Step(
            forms.Form, lambda u, c, f: actions.open_consultation(actor=u, consultation=c)
        ),
        "moderate": Step(ModerateForm, _moderate),
        "close": Step(
            forms.Form, lambda u, c, f: actions.close_consultation(actor=u, consultation=c)
        ),
        "feedback": Step(
            FeedbackForm,
            lambda u, c, f: actions.publish_feedback(
                actor=u, consultation=c, feedback=f["feedback"][:20000]
            ),
        ),
    },
    page="console:consultation",
    template="console/participation/consultation.html",
    name="c",
    refused=gettext_lazy("“%(action)s” is not possible for this consultation now."),
    make_form=lambda form, data, _obj, _today: form(data),
)


@login_required
@require_POST
def consultation_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = _user(request)
    return CONSULTATION_STEPS.view(request, user, get_consultation_for_staff(user, pk), action)


@login_required
@require_POST
def new_issue(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    agency = _agency(request)
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("console:participation")
    try:
        made = gazette.create_issue(
            actor=user, agency=agency, year=form.cleaned_data["year"],
            number=form.cleaned_data["number"],
        )  # fmt: skip
    except (ValidationError, PermissionDenied) as error:
        fail_message(request, error)
        return redirect("console:participation")
    return redirect("console:gazette_issue", made.pk)


def contents_text(issue: GazetteIssue) -> str:
    return "\n".join(
        f"{e.section}｜{e.publication_id}" for e in issue.entries.order_by("position", "id")
    )


def parse_contents(text: str) -> list[tuple[str, int]]:
    """One line per item: ``栏目｜编号`` (the catalog item's number, as in its address)."""
    entries: list[tuple[str, int]] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        section, sep, number = line.replace("|", "｜").rpartition("｜")
        try:
            value = IdField(required=True).clean(number) if sep else None
        except ValidationError:
            value = None  # not a number ("²", "abc") or past 64 bits
        if value is None:
            raise ValidationError(_("Row %(n)d should read “section｜document number”.") % {"n": n})
        entries.append((section.strip(), value))
    return entries


@login_required
def gazette_issue(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    found = get_issue_for_staff(user, pk)
    allowed = {t.action for t in GAZETTE_TABLE.allowed(user, found, timezone.localdate())}
    return render(
        request,
        "console/participation/issue.html",
        {
            "issue": found,
            "allowed": allowed,
            "contents": contents_text(found),
            "entries": found.entries.select_related("publication"),
            "events": found.events.select_related("actor").order_by("at", "pk"),
        },
    )


class IssueEditForm(forms.Form):
    """``edit``: the contents (``op=contents``) or the PDF (``op=pdf``)."""

    op = _ops("contents", "pdf")
    contents = forms.CharField(required=False, strip=False)
    file = forms.FileField(required=False, allow_empty_file=True)


def _edit_issue(user: User, issue: GazetteIssue, f: dict[str, Any]) -> None:
    if _op(f, "contents") == "contents":
        entries = parse_contents(f["contents"][:20000])
        gazette.set_contents(actor=user, issue=issue, entries=entries)
        return
    upload = f["file"]
    if upload is None:
        raise ValidationError(_("Please choose a PDF file."))
    gazette.upload_pdf(actor=user, issue=issue, name=upload.name or "", content=upload.read())


GAZETTE_STEPS: PageSteps[GazetteIssue] = PageSteps(
    table=GAZETTE_TABLE,
    steps={
        "edit": Step(IssueEditForm, _edit_issue),
        "publish": Step(forms.Form, lambda u, i, f: gazette.publish_issue(actor=u, issue=i)),
    },
    page="console:gazette_issue",
    template="console/participation/issue.html",
    name="issue",
    refused=gettext_lazy("“%(action)s” is not possible for this issue now."),
    make_form=lambda form, data, _obj, _today: form(data),
)


@login_required
@require_POST
def gazette_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = _user(request)
    return GAZETTE_STEPS.view(request, user, get_issue_for_staff(user, pk), action)
