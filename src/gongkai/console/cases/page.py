"""The case page (its buttons are exactly ``transitions.allowed``), its letters and files."""

from __future__ import annotations

from django import forms
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies.access import C, can
from gongkai.agencies.models import User
from gongkai.cases import access, actions, clock, forms_docs, queries, transitions
from gongkai.cases.choices import AttachmentKind, CaseEventKind, LetterKind, LetterState
from gongkai.cases.letters import LetterUnavailable, ensure_rendered
from gongkai.cases.models import Case
from gongkai.console import files
from gongkai.console.cases import released
from gongkai.console.cases._common import _case_for_page, _user
from gongkai.console.cases.labels import DUE_LABELS, outcome_label, timeline_entry
from gongkai.console.cases.steps import STEPS, seal_missing
from gongkai.core import fees


def case_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    case = _case_for_page(user, pk)
    today = timezone.localdate()
    deadline = clock.deadline_of(case, as_of=today)
    due = queries.due_state(case, today, deadline.calendar) if deadline else ""
    events = [timeline_entry(e) for e in case.events.select_related("actor").order_by("at", "pk")]
    decisions = list(case.decisions.select_related("decided_by", "legal_review_by"))
    allowed = [t for t in transitions.allowed(user, case, today) if t.action in STEPS]
    return render(
        request,
        "console/cases/case.html",
        {
            "case": case,
            "outcome": outcome_label(case.outcome),
            "contact": access.applicant_contact(user, case),
            "deadline": deadline,
            "due": due,
            "due_label": DUE_LABELS.get(due, ""),
            "events": events,
            "consultations": case.consultations.all(),
            "assistance": case.assistance.select_related("unit"),
            "decisions": [(d, outcome_label(d.outcome)) for d in decisions],
            "letters": case.letters.all(),
            "attachments": case.attachments.all(),
            "attachments_shown": access.sees_personal_data(user, case),
            "fee": getattr(case, "fee", None),
            "correction": getattr(case, "correction", None),
            "extension": getattr(case, "extension", None),
            "office_date": getattr(case, "office_date", None),
            "basis_labels": {str(k): v for k, v in fees.BASIS_LABELS.items()},
            "allowed": allowed,
            "can_attach": can(user, C.HANDLE_CASES, case.agency),
            "attach_form": AttachForm(),
            "letter_ready": LetterState.READY,
            "letter_failed": LetterState.FAILED,
            **released.section(user, case),
            **forms_section(
                user,
                case,
                [e.event.kind for e in events],
                serving=any(t.action == "serve" for t in allowed),
            ),
        },
    )


def forms_section(user: User, case: Case, kinds: list[str], *, serving: bool) -> dict[str, object]:
    """The internal forms this case has (handling agency's case roles only) and, when the
    viewer may serve the reply now, whether its letters would go out without a seal."""
    shown = access.sees_personal_data(user, case)
    warning = seal_missing(case)
    return {
        "case_forms": [(name, forms_docs.NAMES[name]) for name in forms_docs.available(case, kinds)]
        if shown
        else [],
        "searches": case.searches.select_related("searched_by")
        if CaseEventKind.SEARCH_RECORDED in kinds
        else [],
        "seal_missing": serving and warning is not None,
        "seal_warning": warning,
    }


def form_file(request: HttpRequest, pk: int, name: str, fmt: str) -> HttpResponse:
    """An internal form as DOCX or PDF: the handling agency's case roles only (the 申请表 holds
    the applicant's contact data), 404 for everyone else and for a form the case lacks."""
    user = _user(request)
    case = access.get_case_for_staff(user, pk)
    if not access.sees_personal_data(user, case):
        raise Http404("no such form")
    try:
        data = forms_docs.render(case, name, fmt)
    except KeyError:
        raise Http404("no such form") from None
    filename = f"{case.number}-{forms_docs.NAMES[name]}.{fmt}"
    content_type = {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }[fmt]
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


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
    """An uploaded file (the applicant's identity copy, letters …): the handling agency's case
    roles only, like the internal forms; a supervisor reads the case page masked, no files."""
    user = _user(request)
    case = access.get_case_for_staff(user, pk)
    if not access.sees_personal_data(user, case):
        raise Http404("no such file")
    return files.download(case.attachments.filter(pk=attachment_id).first())


class AttachForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=AttachmentKind.choices)
    file = forms.FileField(label=gettext_lazy("File"))


def attach(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    case = access.get_case_for_staff(user, pk)
    if request.method == "POST":
        files.attach_posted(
            request,
            AttachForm(request.POST, request.FILES),
            lambda data: actions.add_attachment(
                actor=user, case=case, kind=data["kind"], upload=data["file"]
            ),
            invalid=_("Choose a file and its kind."),
        )
    return redirect("console:cases:case", case.pk)
