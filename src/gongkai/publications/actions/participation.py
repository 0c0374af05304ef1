"""意见征集: draft, open, comments from the public, moderation, close and the 采纳情况.

《重大行政决策程序暂行条例》第十四条: the draft decision and its explanation are published with
the period and the ways to comment; the period is in general not less than 30 days. 第十五条:
the opinions are studied and the 采纳情况 made public with the reasons. Comments come from
anyone, without an account: each carries a solved proof-of-work (``agencies.challenge``) and
takes a place under ``agencies.throttle.COMMENT`` (the applications' numbers); a repeated
submission of the same form stores nothing new. A comment is hidden until staff approve it; the
author's name and contact stay with the agency (the public reads a masked name).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies import challenge, throttle
from gongkai.agencies.access import Actor, Viewer, actor_user
from gongkai.agencies.lifecycle import record_event
from gongkai.agencies.models import Agency
from gongkai.agencies.queries import workday_calendar
from gongkai.core.calendar import WorkdayCalendar
from gongkai.publications.models.participation import (
    DEFAULT_PERIOD_DAYS,
    MAX_COMMENT,
    MAX_NAME,
    MAX_PERIOD_DAYS,
    MIN_PERIOD_DAYS,
    Adoption,
    CommentStatus,
    Consultation,
    ConsultationAttachment,
    ConsultationComment,
    ConsultationEvent,
    ConsultationEventKind,
    ConsultationStatus,
)
from gongkai.publications.participation_transitions import CONSULTATION_TABLE as TABLE

K = ConsultationEventKind
EDITABLE = ("title", "summary", "draft_text", "how_to_comment", "period_days")
MAX_ATTACHMENT = 20 * 1024 * 1024


class CommentError(ValidationError):
    """The comment cannot be taken (closed, empty, too long …): a message for the public."""


def _lock(consultation: Consultation) -> Consultation:
    return Consultation.objects.select_for_update().select_related("agency").get(pk=consultation.pk)


def _event(consultation: Consultation, actor: Viewer, kind: str, before: str, **data: Any) -> None:
    record_event(
        ConsultationEvent,
        actor=actor,
        kind=kind,
        before=before,
        after=consultation.status,
        data=data,
        consultation=consultation,
    )


def closing_day(opens_on: dt.date, days: int, calendar: WorkdayCalendar) -> dt.date:
    """The last day for comments: ``days`` full days after the day of publication.

    民法典第二百零一条: a period in days starts the next day; 第二百零三条: when its last day is a
    法定休假日 it ends on the next working day (the calendar's holidays and weekends).
    """
    last = opens_on + dt.timedelta(days=days)
    while not calendar.is_workday(last):
        last += dt.timedelta(days=1)
    return last


def period_message() -> str:
    """The refusal of a period outside MIN_PERIOD_DAYS … MAX_PERIOD_DAYS (第十四条's rule)."""
    return _(
        "The comment period is %(min)s to %(max)s days (《重大行政决策程序暂行条例》第十四条: "
        "generally no less than %(min)s days)."
    ) % {"min": MIN_PERIOD_DAYS, "max": MAX_PERIOD_DAYS}


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    values = {k: v for k, v in values.items() if k in EDITABLE}
    errors: dict[str, str] = {}
    if "title" in values:
        values["title"] = str(values["title"]).strip()
        if not values["title"]:
            errors["title"] = _("Please fill in the title.")
    if "draft_text" in values:
        values["draft_text"] = str(values["draft_text"]).strip()
        if not values["draft_text"]:
            errors["draft_text"] = _("Please fill in the full text of the draft.")
    if "period_days" in values:
        days = int(values["period_days"] or DEFAULT_PERIOD_DAYS)
        if not MIN_PERIOD_DAYS <= days <= MAX_PERIOD_DAYS:
            errors["period_days"] = period_message()
        values["period_days"] = days
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def create_consultation(*, actor: Actor, agency: Agency, **values: Any) -> Consultation:
    consultation = Consultation(agency=agency, created_by=actor_user(actor))
    TABLE.check(actor, consultation, "edit", timezone.localdate())
    for name, value in _clean({"period_days": DEFAULT_PERIOD_DAYS, **values}).items():
        setattr(consultation, name, value)
    if not consultation.title or not consultation.draft_text:
        raise ValidationError(_("Please fill in the title and the full text of the draft."))
    consultation.save()
    _event(consultation, actor, K.CREATED, "")
    return consultation


@transaction.atomic
def update_consultation(*, actor: Actor, consultation: Consultation, **values: Any) -> Consultation:
    consultation = _lock(consultation)
    TABLE.check(actor, consultation, "edit", timezone.localdate())
    changed = _clean(values)
    for name, value in changed.items():
        setattr(consultation, name, value)
    consultation.save()
    _event(consultation, actor, K.EDITED, consultation.status, fields=sorted(changed))
    return consultation


@transaction.atomic
def add_consultation_attachment(
    *, actor: Actor, consultation: Consultation, name: str, content: bytes, content_type: str = ""
) -> ConsultationAttachment:
    consultation = _lock(consultation)
    TABLE.check(actor, consultation, "edit", timezone.localdate())
    if not content or len(content) > MAX_ATTACHMENT:
        raise ValidationError(_("The attachment is empty or larger than 20 MB."))
    attachment = ConsultationAttachment(
        consultation=consultation, name=name[:200], content_type=content_type, size=len(content)
    )
    attachment.file.save(name, ContentFile(content), save=False)
    attachment.save()
    _event(consultation, actor, K.ATTACHED, consultation.status, name=attachment.name)
    return attachment


@transaction.atomic
def open_consultation(
    *, actor: Actor, consultation: Consultation, on: dt.date | None = None
) -> Consultation:
    """Publish the draft for comment from ``on`` (today; an earlier day when entered late)."""
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise ValidationError(_("The opening date cannot be later than today."))
    consultation = _lock(consultation)
    before = TABLE.check(actor, consultation, "open", today).apply(consultation)
    consultation.opens_on = on
    consultation.closes_on = closing_day(on, consultation.period_days, workday_calendar())
    consultation.save()
    _event(consultation, actor, K.OPENED, before, closes_on=consultation.closes_on.isoformat())
    return consultation


def accepting_comments(consultation: Consultation, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return (
        consultation.status == ConsultationStatus.OPEN
        and consultation.opens_on is not None
        and consultation.closes_on is not None
        and consultation.opens_on <= today <= consultation.closes_on
    )


def clean_comment(*, name: str, contact: str, body: str) -> dict[str, str]:
    values = {"name": name.strip(), "contact": contact.strip(), "body": body.strip()}
    errors: dict[str, str] = {}
    if not values["body"]:
        errors["body"] = _("Please write your comment.")
    elif len(values["body"]) > MAX_COMMENT:
        errors["body"] = _("The comment is at most %(n)d characters.") % {"n": MAX_COMMENT}
    if len(values["name"]) > MAX_NAME:
        errors["name"] = _("The name or organization is at most %(n)d characters.") % {
            "n": MAX_NAME
        }
    if len(values["contact"]) > 100:
        errors["contact"] = _("The contact details are at most 100 characters.")
    if errors:
        raise CommentError(errors)
    return values


def submit_comment(
    *,
    actor: Viewer,
    consultation: Consultation,
    name: str = "",
    contact: str = "",
    body: str,
    token: str,
    proof: str | None,
    address: str = "",
    today: dt.date | None = None,
) -> tuple[ConsultationComment, bool]:
    """A comment from the public; returns it and whether it is new (False: the same form again).

    Raises ``CommentError`` (input, period), ``challenge.ChallengeFailed`` (no valid
    proof-of-work) or ``throttle.Refused`` (over a limit): nothing is stored then. ``today``:
    the day it came in (a comment received by letter and entered later; never in the future).
    """
    now = timezone.localdate()
    today = today or now
    if today > now:
        raise CommentError(_("The date cannot be later than today."))
    if not token or len(token) > 64:
        raise CommentError(_("The form has expired; please reload the page and fill it in again."))
    existing = ConsultationComment.objects.filter(token=token, consultation=consultation).first()
    if existing is not None:
        return existing, False
    if not accepting_comments(consultation, today):
        raise CommentError(
            _("This consultation is not open for comment; no more comments are accepted.")
        )
    values = clean_comment(name=name, contact=contact, body=body)
    challenge.check(proof)
    with throttle.admit(throttle.COMMENT, address=address), transaction.atomic():
        consultation = _lock(consultation)
        if not accepting_comments(consultation, today):
            raise CommentError(
                _("This consultation is not open for comment; no more comments are accepted.")
            )
        at = timezone.now()
        if today != now:
            at = timezone.make_aware(dt.datetime.combine(today, dt.time(10)))
        comment = ConsultationComment.objects.create(
            consultation=consultation,
            address=address[:45],
            token=token,
            submitted_at=at,
            **values,
        )
        _event(consultation, actor, K.COMMENTED, consultation.status, comment=comment.pk)
    return comment, True


@transaction.atomic
def moderate_comment(
    *, actor: Actor, comment: ConsultationComment, approve: bool
) -> ConsultationComment:
    """Show the comment to the public (approve) or keep it hidden (abuse, personal data …)."""
    consultation = _lock(comment.consultation)
    TABLE.check(actor, consultation, "moderate", timezone.localdate())
    comment = ConsultationComment.objects.select_for_update().get(pk=comment.pk)
    comment.status = CommentStatus.APPROVED if approve else CommentStatus.REJECTED
    comment.moderated_by = actor_user(actor)
    comment.moderated_at = timezone.now()
    comment.save()
    _event(consultation, actor, K.MODERATED, consultation.status, comment=comment.pk,
           result=comment.status)  # fmt: skip
    return comment


@transaction.atomic
def answer_comment(
    *, actor: Actor, comment: ConsultationComment, adoption: str, reply: str = ""
) -> ConsultationComment:
    """第十五条: adopted, partly or not — with the reason when it is not adopted in full."""
    consultation = _lock(comment.consultation)
    TABLE.check(actor, consultation, "moderate", timezone.localdate())
    if adoption not in Adoption.values or adoption == Adoption.UNDECIDED:
        raise ValidationError(_("Please choose whether the comment is adopted."))
    if adoption != Adoption.ADOPTED and not reply.strip():
        raise ValidationError(_("Give the reasons for a comment not adopted or partly adopted."))
    comment = ConsultationComment.objects.select_for_update().get(pk=comment.pk)
    comment.adoption = adoption
    comment.reply = reply.strip()
    comment.save()
    _event(consultation, actor, K.ANSWERED, consultation.status, comment=comment.pk,
           adoption=adoption)  # fmt: skip
    return comment


def _day(on: dt.date | None) -> dt.date:
    today = timezone.localdate()
    if on is not None and on > today:
        raise ValidationError(_("The date cannot be later than today."))
    return on or today


@transaction.atomic
def close_consultation(
    *, actor: Actor, consultation: Consultation, on: dt.date | None = None
) -> Consultation:
    """After the last day (第十四条: the period is given in full); ``on``: today or earlier."""
    on = _day(on)
    consultation = _lock(consultation)
    before = TABLE.check(actor, consultation, "close", on).apply(consultation)
    consultation.closed_on = on
    consultation.save()
    _event(consultation, actor, K.CLOSED, before)
    return consultation


@transaction.atomic
def publish_feedback(
    *, actor: Actor, consultation: Consultation, feedback: str, on: dt.date | None = None
) -> Consultation:
    """第十五条: the 采纳情况 and reasons, once every comment is moderated and answered."""
    on = _day(on)
    consultation = _lock(consultation)
    if consultation.closed_on is not None and on < consultation.closed_on:
        raise ValidationError(_("The feedback date cannot be earlier than the closing date."))
    consultation.feedback = feedback.strip()
    if not consultation.feedback:
        raise ValidationError(_("Please fill in the feedback on adoption."))
    before = TABLE.check(actor, consultation, "feedback", timezone.localdate()).apply(consultation)
    consultation.feedback_on = on
    consultation.save()
    _event(consultation, actor, K.FEEDBACK, before)
    return consultation
