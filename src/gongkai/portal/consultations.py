"""意见征集 on the public site: the list, a consultation, its comment form and its feedback.

``/consultations/``: those in progress (征集中) and those closed, newest first. A consultation's
page shows the draft, its explanation and attachments, the period, the comments staff have
approved (authors masked: the name's first character, never the contact) and, once published,
the 采纳情况. The form (``/consultations/<id>/comment/``) takes a comment from anyone, with the
applications' abuse limits (``publications.actions.participation.submit_comment``): a solved
proof-of-work and the ``throttle.COMMENT`` limits (over a limit: 429 and how long to wait).
"""

from __future__ import annotations

import secrets

from django import forms
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from gongkai.agencies import challenge, throttle
from gongkai.agencies.auth import client_ip
from gongkai.portal import pagecache
from gongkai.portal.filters import PageParams
from gongkai.publications.access import (
    get_consultation_for_public,
    public_comments,
    public_consultations,
)
from gongkai.publications.actions import participation as actions
from gongkai.publications.models.participation import (
    MAX_COMMENT,
    MAX_NAME,
    ConsultationStatus,
)
from gongkai.publications.participation import comment_counts

PER_PAGE = 20
COMMENTS_PER_PAGE = 50  # approved comments shown a page at a time (a popular draft gets 10⁴)


def in_progress(agency_ids: set[int] | None = None) -> list[object]:
    """Consultations taking comments today (the home and unit pages show them too)."""
    today = timezone.localdate()
    found = public_consultations().filter(
        status=ConsultationStatus.OPEN, opens_on__lte=today, closes_on__gte=today
    )
    if agency_ids is not None:
        found = found.filter(agency_id__in=agency_ids)
    return list(found.select_related("agency").order_by("closes_on", "-id"))


@pagecache.reads(*PageParams.base_fields)
def index(request: HttpRequest) -> HttpResponse:
    params = PageParams(request.GET)
    current = in_progress()
    ended = (
        public_consultations()
        .exclude(pk__in=[c.pk for c in current])  # type: ignore[attr-defined]
        .select_related("agency")
        .order_by("-closes_on", "-id")
    )
    page = Paginator(ended if not params.problems else ended.none(), PER_PAGE).get_page(
        params.value("page")
    )
    return render(
        request,
        "portal/consultations/index.html",
        {"current": current, "page": page, "problems": params.problems},
        status=params.http_status,
    )


@pagecache.reads(*PageParams.base_fields)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    params = PageParams(request.GET)
    consultation = get_consultation_for_public(pk)
    comments = public_comments(consultation).order_by("submitted_at", "id")
    if params.problems:
        comments = comments.none()
    page = Paginator(comments, COMMENTS_PER_PAGE).get_page(params.value("page"))
    return render(
        request,
        "portal/consultations/detail.html",
        {
            "c": consultation,
            "page": page,
            "problems": params.problems,
            "accepting": actions.accepting_comments(consultation),
            "feedback": consultation.status == ConsultationStatus.FEEDBACK,
            "counts": comment_counts(consultation),
        },
        status=params.http_status,
    )


def attachment(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    consultation = get_consultation_for_public(pk)
    found = consultation.attachments.filter(pk=attachment_id).first()
    if found is None:
        raise Http404("no such attachment")
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)


class CommentForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    body = forms.CharField(
        label=gettext_lazy("Comment text"),
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy(
            "At most 2000 characters. Published after moderation; content unrelated to the "
            "consultation or containing personal information is not published."
        ),
        error_messages={
            "required": gettext_lazy("Please write your comment."),
            "max_length": gettext_lazy("The comment is at most 2000 characters."),
        },
    )
    name = forms.CharField(
        label=gettext_lazy("Name or organization (optional)"),
        max_length=MAX_NAME,
        required=False,
        help_text=gettext_lazy("Only the first character is shown when published."),
        error_messages={
            "max_length": gettext_lazy("The name or organization is at most 50 characters.")
        },
    )
    contact = forms.CharField(
        label=gettext_lazy("Contact details (optional)"),
        max_length=100,
        required=False,
        help_text=gettext_lazy(
            "A telephone number or email address, only for this agency to contact you; not "
            "published."
        ),
        error_messages={
            "max_length": gettext_lazy("The contact details are at most 100 characters.")
        },
    )


def _too_many(refused: throttle.Refused) -> str:
    minutes = max(1, -(-int(refused.retry_after.total_seconds()) // 60))
    return _(
        "Too many comments have been submitted from your network; please try again in %(minutes)d "
        "minutes, or comment another way."
    ) % {"minutes": minutes}


def _challenge_message(reason: challenge.Reason) -> str:
    if reason == "missing":
        return _(
            "This form needs JavaScript enabled in the browser for an automatic anti-abuse check "
            "(nothing for you to do); please enable it and submit again."
        )
    return _("The automatic anti-abuse check has expired or was already used; please submit again.")


@require_http_methods(["GET", "POST"])
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_consultation_for_public(pk)
    accepting = actions.accepting_comments(consultation)
    refused: throttle.Refused | None = None
    if request.method == "POST" and accepting:
        form = CommentForm(request.POST)
        refused = throttle.refusal(throttle.COMMENT, address=client_ip(request))
        if refused is not None:
            form.is_valid()
            form.add_error(None, _too_many(refused))
        elif form.is_valid():
            data = form.cleaned_data
            try:
                actions.submit_comment(
                    actor=request.user,
                    consultation=consultation,
                    name=data["name"],
                    contact=data["contact"],
                    body=data["body"],
                    token=data["token"],
                    proof=request.POST.get("challenge"),
                    address=client_ip(request),
                )
            except challenge.ChallengeFailed as failed:
                form.add_error(None, _challenge_message(failed.reason))
            except throttle.Refused as over:
                refused = over
                form.add_error(None, _too_many(over))
            except actions.CommentError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                return render(request, "portal/consultations/thanks.html", {"c": consultation})
        if not form.data.get("token"):
            data = request.POST.copy()
            data["token"] = secrets.token_urlsafe(32)
            form.data = data
    else:
        form = CommentForm(initial={"token": secrets.token_urlsafe(32)})
    response = render(
        request,
        "portal/consultations/comment.html",
        {"c": consultation, "form": form, "accepting": accepting},
        status=409 if request.method == "POST" and not accepting else 200,
    )
    if refused is not None:
        response.status_code = 429
        response["Retry-After"] = str(max(1, int(refused.retry_after.total_seconds())))
    return response
