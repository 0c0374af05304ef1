"""Applying online (第二十九条), the receipt, the status lookup and a registered applicant's list.

Views parse, call one action (``cases.actions.submit_online``) or a read, and respond. No account
is needed: the receipt page is reachable only in the session that submitted (the case id is kept
there), and a status lookup puts the case id it verified in the session, so letter downloads
check the same factor without asking again.

Against floods (issue 12): a new application and a new public account take a place under the
limits of ``agencies.throttle`` (per address and in all, counted in the database; over a limit
the page answers 429 with the time to wait), and an anonymous one carries a solved
proof-of-work (``agencies.challenge``; the form's script solves it, nothing is asked of the
person). A repeated submission of the same form (same token) stores nothing new and needs
neither.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.agencies import actions as agency_actions
from gongkai.agencies import challenge, throttle
from gongkai.agencies.access import C, SystemActor, agencies_for
from gongkai.agencies.auth import client_ip
from gongkai.agencies.models import Agency, User
from gongkai.cases import actions, lookup
from gongkai.cases.access import cases_of_applicant
from gongkai.cases.choices import AttachmentKind, LetterKind, Status
from gongkai.cases.letters import LetterUnavailable, ensure_rendered
from gongkai.cases.models import Case, Letter
from gongkai.cases.transitions import VerifiedApplicant, permitted
from gongkai.core import deadlines as d
from gongkai.portal.forms import ApplicationForm, MultipleFileField, RegisterForm, TrackForm

log = logging.getLogger(__name__)

RECEIPT = "gongkai_receipt"  # {"id": case id, "secret": lookup code not yet shown}
TRACKED = "gongkai_tracked"  # case ids verified by a status lookup in this session
MAX_TRACKED = 20


def _public_agencies() -> QuerySet[Agency]:
    return agencies_for(AnonymousUser(), C.VIEW_PUBLIC_GUIDE).order_by("kind", "name")


# -- 申请公开 -------------------------------------------------------------------------------


def choose_agency(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/apply/choose.html", {"agencies": _public_agencies()})


def _place_errors(
    form: ApplicationForm, error: ValidationError, *, only_new: bool = False
) -> list[str]:
    """Put each message of ``error`` next to its field; return those about the attachments.

    ``only_new``: leave fields that already carry the form's own message alone.
    """
    about_files: list[str] = []
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return about_files
    for field, messages_ in error.message_dict.items():
        if only_new and field in form.errors:
            continue
        if field in form.fields:
            form.add_error(field, messages_)
        elif field == "attachments":
            about_files.extend(messages_)
        else:
            form.add_error(None, messages_)
    return about_files


CHALLENGE_FIELD = "challenge"


def _challenge_message(reason: challenge.Reason) -> str:
    if reason == "missing":
        return _(
            "This form checks in your browser that it is not sent by a machine, which needs "
            "JavaScript (there is no puzzle to solve). Please enable JavaScript and submit "
            "again, or apply by letter or in person."
        )
    return _("The automatic anti-abuse check expired or was already used. Please submit again.")


def _too_many(refused: throttle.Refused, what: str) -> str:
    minutes = max(1, -(-int(refused.retry_after.total_seconds()) // 60))
    if what == "account":
        return _(
            "Too many accounts have been created from your network. "
            "Please try again in %(minutes)d minutes."
        ) % {"minutes": minutes}
    return _(
        "Too many applications have been submitted from your network or in total. Please try "
        "again in %(minutes)d minutes, or apply by letter or in person."
    ) % {"minutes": minutes}


def _refused(response: HttpResponse, refused: throttle.Refused | None) -> HttpResponse:
    if refused is not None:
        response.status_code = 429
        response["Retry-After"] = str(max(1, int(refused.retry_after.total_seconds())))
    return response


def _repeated(token: str | None) -> bool:
    """The form was submitted already (a double click, a reload): its case exists."""
    return bool(token) and Case.objects.filter(submission_token=token).exists()


def _submit(
    request: HttpRequest, agency: Agency, data: dict[str, Any], uploads: list[Any]
) -> tuple[Case, str]:
    """Check the proof-of-work, take a place under the limits, file; raises what refuses."""

    def file() -> tuple[Case, str]:
        return actions.submit_online(
            actor=request.user, agency=agency, data=data, token=data["token"], attachments=uploads
        )

    if _repeated(data["token"]):
        return file()  # the same form again: the first case, nothing stored
    if not request.user.is_authenticated:
        try:
            challenge.check(request.POST.get(CHALLENGE_FIELD))
        except challenge.ChallengeFailed:
            if _repeated(data["token"]):  # its double, sent at once, stored it meanwhile
                return file()
            raise
    with throttle.admit(throttle.APPLY, address=client_ip(request)) as admission:
        case, secret = file()
        if not secret:  # raced with its own double: the other request stored it
            admission.give_back()
    return case, secret


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = get_object_or_404(_public_agencies(), pk=agency_id)
    file_errors: list[str] = []
    refused: throttle.Refused | None = None
    if request.method == "POST":
        form = ApplicationForm(request.POST, request.FILES)
        if not _repeated(request.POST.get("token")):
            refused = throttle.refusal(throttle.APPLY, address=client_ip(request))
        if refused is not None:
            form.is_valid()  # the input comes back as typed, with the reason on top
            form.add_error(None, _too_many(refused, "application"))
        elif form.is_valid():
            data = form.cleaned_data
            uploads = [(AttachmentKind.IDENTITY.value, f) for f in data["identity_copy"]] + [
                (AttachmentKind.AUTHORISATION.value, f) for f in data["authorisation"]
            ]
            try:
                case, secret = _submit(request, agency, data, uploads)
            except challenge.ChallengeFailed as failed:
                form.add_error(None, _challenge_message(failed.reason))
            except throttle.Refused as over:
                refused = over
                form.add_error(None, _too_many(over, "application"))
            except actions.CaseError as error:
                file_errors = _place_errors(form, error)
            else:
                previous = request.session.get(RECEIPT) or {}
                if not secret and previous.get("id") == case.pk:
                    secret = previous.get("secret", "")  # a double submit: keep the first code
                request.session[RECEIPT] = {"id": case.pk, "secret": secret}
                return redirect("portal:receipt", number=case.number)
        else:
            # Every problem at once: what the form could not parse, then the law's checks.
            try:
                actions.clean_application(request.POST)
            except actions.CaseError as error:
                _place_errors(form, error, only_new=True)
        if form.files:
            file_errors.append(_("Please choose the files again."))
        if not form.data.get("token"):  # an expired or stripped form gets a new one
            data = request.POST.copy()
            data["token"] = secrets.token_urlsafe(32)
            form.data = data
    else:
        form = ApplicationForm(initial={"token": secrets.token_urlsafe(32)})
    response = render(
        request,
        "portal/apply/form.html",
        {
            "agency": agency,
            "form": form,
            "file_errors": file_errors,
            "max_mb": settings.GONGKAI_UPLOAD_MAX_MB,
            "challenge_needed": not request.user.is_authenticated,
        },
    )
    return _refused(response, refused)


def _receipt_case(request: HttpRequest, number: str) -> Case:
    held = request.session.get(RECEIPT) or {}
    case_id = held.get("id")
    case = (
        Case.objects.select_related("agency").filter(pk=case_id, number=number).first()
        if isinstance(case_id, int)
        else None
    )
    if case is None:
        raise Http404("no receipt in this session")
    return case


def _dates(case: Case) -> dict[str, Any]:
    return {
        "received_cn": d.cn(case.received_on) if case.received_on else "",
        "due_cn": d.cn(case.due_on) if case.due_on else "",
        "workdays": d.REPLY_WORKDAYS,
    }


def receipt(request: HttpRequest, number: str) -> HttpResponse:
    case = _receipt_case(request, number)
    held = dict(request.session[RECEIPT])
    secret = held.pop("secret", "")
    if secret:  # shown once
        request.session[RECEIPT] = {**held, "secret": ""}
    return render(
        request,
        "portal/apply/receipt.html",
        {"case": case, "secret": secret, "channel": case.get_channel_display(), **_dates(case)},
    )


def receipt_pdf(request: HttpRequest, number: str) -> HttpResponse:
    """申请接收回执 as PDF, for this session's application.

    The official letter (``cases.letters``, issued by ``submit_online``), rendered now if the
    worker has not done so yet; should that fail, a plain page with the same facts, so that the
    applicant always leaves with a receipt.
    """
    case = _receipt_case(request, number)
    letter = case.letters.filter(kind=LetterKind.RECEIPT).order_by("-pk").first()
    content: bytes | None = None
    if letter is not None:
        try:
            rendered = ensure_rendered(letter)
            with rendered.pdf.open("rb") as handle:
                content = handle.read()
        except Exception:
            log.exception("receipt letter %s could not be rendered", letter.pk)
    return HttpResponse(
        content or render_receipt_pdf(case),
        content_type="application/pdf",
        headers={"Content-Disposition": 'attachment; filename="receipt.pdf"'},
    )


def render_receipt_pdf(case: Case) -> bytes:
    """The fallback: the receipt's facts on one A4 page (WeasyPrint, the bundled font)."""
    from weasyprint import HTML

    from gongkai.core.report.render.pdf import font_path

    html = render_to_string(
        "portal/apply/receipt_pdf.html",
        {"case": case, "font_uri": font_path().as_uri(), **_dates(case)},
    )
    return bytes(HTML(string=html).write_pdf())


# -- 查询进度 -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            case = lookup.find_case(
                form.cleaned_data["number"], form.cleaned_data["factor"], client_ip(request)
            )
        except lookup.Throttled:
            form.add_error(None, _("Too many failed attempts. Please try again later."))
            status = 429
        else:
            if case is not None:
                tracked = [i for i in request.session.get(TRACKED, []) if i != case.pk]
                request.session[TRACKED] = [case.pk, *tracked][:MAX_TRACKED]
                return redirect("portal:track_case", case_id=case.pk)
            # One message for an unknown number and a wrong factor: nothing to enumerate.
            form.add_error(
                None, _("No application matches this tracking number and second factor.")
            )
            if lookup.phone_refused(form.cleaned_data["number"]):  # keyed by number: no hint
                form.add_error(
                    None,
                    _(
                        "After too many wrong tries, the phone digits no longer open this "
                        "tracking number: use the lookup code from your receipt."
                    ),
                )
    return render(request, "portal/apply/track.html", {"form": form}, status=status)


def _tracked_case(request: HttpRequest, case_id: int) -> Case:
    if case_id not in request.session.get(TRACKED, []):
        raise Http404("not verified in this session")
    return get_object_or_404(Case.objects.select_related("agency"), pk=case_id)


class CorrectionAnswerForm(forms.Form):
    """补正 online: what the notice asked for, in words and files (the application's checks)."""

    text = forms.CharField(
        label=gettext_lazy("What you supplement"),
        required=False,
        max_length=actions.correction.ANSWER_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    attachments = MultipleFileField(label=gettext_lazy("Files"))


def _applicant(request: HttpRequest, case: Case, own: bool) -> Any:
    """Who acts for the applicant here: the signed-in applicant on their own page, else the
    visitor this session verified for this case (tracking number + second factor)."""
    return request.user if own else VerifiedApplicant(case.pk)


def _correction(case: Case, today: Any) -> dict[str, Any]:
    """What the tracking page says during 补正 (第三十条): the items, the 补正期限, the clock."""
    if case.status != Status.AWAITING_CORRECTION:
        return {"correction": None}
    correction = getattr(case, "correction", None)
    if correction is None:
        return {"correction": None}
    return {
        "correction": correction,
        "correction_deadline_cn": d.cn(correction.deadline),
        "correction_lapsed": today > correction.deadline,
    }


def _status_page(
    request: HttpRequest,
    case: Case,
    letter_url: str,
    form: CorrectionAnswerForm | None = None,
    status: int = 200,
) -> HttpResponse:
    own = letter_url == "portal:my_letter"
    view = lookup.public_view(case)
    today = timezone.localdate()
    can_answer = permitted(_applicant(request, case, own), case, "answer_correction", today)
    return render(
        request,
        "portal/apply/status.html",
        {
            **_correction(case, today),
            "can_answer": can_answer,
            "answer_form": form or CorrectionAnswerForm(),
            "answer_url": "portal:my_correction" if own else "portal:track_correction",
            "view": view,
            "case": case,
            "letter_url": letter_url,
            "released_url": "portal:my_released" if own else "portal:track_released",
            "concluded": case.status in {Status.SERVED, Status.CLOSED},
            # Only on the registered applicant's own page (a tracking-number visitor may not).
            "can_withdraw": letter_url == "portal:my_letter"
            and permitted(request.user, case, "withdraw_own", timezone.localdate()),
            **_dates(case),
        },
        status=status,
    )


@require_POST
def _answer(request: HttpRequest, case: Case, letter_url: str, page: str) -> HttpResponse:
    own = letter_url == "portal:my_letter"
    form = CorrectionAnswerForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            actions.answer_correction(
                actor=_applicant(request, case, own),
                case=case,
                text=form.cleaned_data["text"],
                uploads=form.cleaned_data["attachments"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, _("Your supplement is received; the reply period starts again today.")
            )
            return redirect(page, case_id=case.pk)
    case.refresh_from_db()
    return _status_page(request, case, letter_url, form, status=400)


def track_correction(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _tracked_case(request, case_id)
    return _answer(request, case, "portal:track_letter", "portal:track_case")


def my_correction(request: HttpRequest, case_id: int) -> HttpResponse:
    return _answer(request, _own_case(request, case_id), "portal:my_letter", "portal:my_case")


def track_case(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _tracked_case(request, case_id)
    return _status_page(request, case, "portal:track_letter")


def _letter_file(case: Case, letter_id: int) -> FileResponse:
    letter: Letter | None = lookup.served_letters(case).filter(pk=letter_id).first()
    if letter is None:
        raise Http404("no such letter")
    try:
        letter = ensure_rendered(letter)
    except LetterUnavailable:
        raise Http404("the letter could not be generated") from None
    field, suffix = (letter.pdf, "pdf") if letter.pdf else (letter.docx, "docx")
    if not field:
        raise Http404("no file")
    if letter.kind == LetterKind.REPLY:
        actions.delivered_by_download(case, timezone.localdate())
    name = f"{case.number}-{letter.get_kind_display()}.{suffix}"
    return FileResponse(field.open("rb"), as_attachment=True, filename=name)


def track_letter(request: HttpRequest, case_id: int, letter_id: int) -> FileResponse:
    return _letter_file(_tracked_case(request, case_id), letter_id)


def _released_file(request: HttpRequest, case: Case, item_id: int) -> FileResponse:
    """A released copy, once served; each download recorded (the original is never served)."""
    item = lookup.released_to_applicant(case).filter(pk=item_id).first()
    if item is None:
        raise Http404("no such file")
    actions.record_download(actor=request.user, item=item, channel="web")
    suffix = str(item.file.name).rsplit(".", 1)[-1]
    return FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=f"{item.name}.{suffix}",
        content_type=item.content_type or "application/octet-stream",
    )


def track_released(request: HttpRequest, case_id: int, item_id: int) -> FileResponse:
    return _released_file(request, _tracked_case(request, case_id), item_id)


# -- registered applicants ------------------------------------------------------------------


@login_required(login_url="portal:login")
def my_applications(request: HttpRequest) -> HttpResponse:
    cases = cases_of_applicant(request.user).select_related("agency").order_by("-created_at")
    return render(request, "portal/apply/mine.html", {"cases": cases})


def _own_case(request: HttpRequest, case_id: int) -> Case:
    # Anyone else, signed in or not, gets a 404: they may not learn the case exists.
    found = cases_of_applicant(request.user).select_related("agency").filter(pk=case_id).first()
    if found is None:
        raise Http404("no such application")
    return found


def my_case(request: HttpRequest, case_id: int) -> HttpResponse:
    return _status_page(request, _own_case(request, case_id), "portal:my_letter")


@require_POST
def withdraw_own(request: HttpRequest, case_id: int) -> HttpResponse:
    """A registered applicant withdraws their own application (3.6.3: 其他)."""
    case = _own_case(request, case_id)
    try:
        actions.withdraw(actor=request.user, case=case, note=_("Withdrawn by the applicant online"))
    except actions.CaseError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect("portal:my_case", case_id=case.pk)


def my_letter(request: HttpRequest, case_id: int, letter_id: int) -> FileResponse:
    return _letter_file(_own_case(request, case_id), letter_id)


def my_released(request: HttpRequest, case_id: int, item_id: int) -> FileResponse:
    return _released_file(request, _own_case(request, case_id), item_id)


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """A public account: only to see one's applications together (none is needed to apply)."""
    form = RegisterForm(request.POST or None)
    refused: throttle.Refused | None = None
    if request.method == "POST":
        refused = throttle.refusal(throttle.REGISTER, address=client_ip(request))
        if refused is not None:
            form.is_valid()
            form.add_error(None, _too_many(refused, "account"))
        elif form.is_valid():
            try:
                user = _create_account(request, form)
            except challenge.ChallengeFailed as failed:
                form.add_error(None, _challenge_message(failed.reason))
            except throttle.Refused as over:
                refused = over
                form.add_error(None, _too_many(over, "account"))
            else:
                if user is not None:
                    login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
                    messages.success(request, _("Your account is ready."))
                    return redirect("portal:my_applications")
    response = render(request, "portal/apply/register.html", {"form": form})
    return _refused(response, refused)


def _create_account(request: HttpRequest, form: RegisterForm) -> User | None:
    """The new account, or None with the form's errors placed; raises what refuses."""
    data = form.cleaned_data
    challenge.check(request.POST.get(CHALLENGE_FIELD))
    with throttle.admit(throttle.REGISTER, address=client_ip(request)) as admission:
        try:
            return agency_actions.create_user(
                actor=SystemActor(label="public registration"),
                username=data["username"],
                email=data["email"],
                password=data["password"],
                staff=False,
            )
        except ValidationError as error:
            admission.give_back()
            if hasattr(error, "error_dict"):
                for field, messages_ in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, messages_)
            else:  # the password validators
                form.add_error("password", error.messages)
            return None
