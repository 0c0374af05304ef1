"""Each action of the transition table: its form and the call of its action; the view that
shows the form and runs it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from gongkai.cases import actions, transitions
from gongkai.cases.models import Case
from gongkai.console.acting import Step, Steps
from gongkai.console.cases._common import _case_for_page, _user
from gongkai.console.cases.forms import (
    AssignForm,
    ConsultForm,
    DecideForm,
    EmptyForm,
    ExtendForm,
    FeeNoticeForm,
    NoteForm,
    NotifyThirdPartyForm,
    OnForm,
    RecordAssistanceForm,
    RecordConsultationForm,
    RecordPaymentForm,
    RecordSearchForm,
    ReopenForm,
    RequestAssistanceForm,
    RequestCorrectionForm,
    RequestReasonsForm,
    ServeForm,
    SetOfficeDateForm,
    SplitForm,
    _lines,
)


def seal_missing(case: Case) -> Promise | None:
    """Serving without a configured seal: the letters go out unsealed (the letter itself is
    unchanged), so say so before the officer serves them."""
    if case.agency.seal_image:
        return None
    return gettext_lazy(
        "This agency has no seal configured: the letters will be served without a seal. "
        "Upload the seal in the agency settings first, or print the letters, seal them by hand "
        "and serve them on paper."
    )


STEPS: dict[str, Step[Case]] = {
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
    "record_search": Step(
        RecordSearchForm,
        lambda u, c, f: actions.record_search(
            actor=u,
            case=c,
            searched_on=f["searched_on"],
            places=_lines(f["places"]),
            terms=_lines(f["terms"]),
            result=f["result"],
            found=f["found"],
        ),
        gettext_lazy(
            "The internal search sheet: where the office looked for the information, with what "
            "terms, and what it found. An answer that the information is not held needs one "
            "(Article 36(4))."
        ),
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
            actor=u,
            case=c,
            method=f["method"],
            served_on=f["served_on"],
            reference=f.get("reference", ""),
        ),
        gettext_lazy("On time means served by the due date: the posting date for mail."),
        warning=seal_missing,
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


CASE_STEPS: Steps[Case] = Steps(
    table=transitions.TABLE,
    steps=STEPS,
    page="console:cases:case",
    template="console/cases/action.html",
    name="case",
    refused=gettext_lazy("“%(action)s” is not possible for this application now."),
    make_form=lambda form, data, case, today: form(data, case=case, today=today),
)


def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """GET: the action's form. POST: run it; bad input → the form again; done → the case page."""
    user = _user(request)
    return CASE_STEPS.view(request, user, _case_for_page(user, pk), action)
