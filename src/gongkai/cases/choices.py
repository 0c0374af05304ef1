"""Kinds and statuses of disclosure applications as data.

Applicant types are the annual report's columns and their labels are the official column names
(data, never translated). The statuses and the transitions between them live in
``transitions.py``, which the interface asks what to offer.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.lifecycle import EventKind
from gongkai.core import deadlines
from gongkai.core import letters as core_letters


class Channel(models.TextChoices):
    """How the application arrived (第三十一条 decides which day is the day of receipt)."""

    ONLINE = deadlines.Channel.ONLINE.value, _("Online")
    EMAIL = deadlines.Channel.EMAIL.value, _("E-mail")
    REGISTERED_POST = deadlines.Channel.REGISTERED_POST.value, _("Registered post or EMS")
    ORDINARY_LETTER = deadlines.Channel.ORDINARY_LETTER.value, _("Ordinary letter")
    IN_PERSON = deadlines.Channel.IN_PERSON.value, _("In person")
    FAX = deadlines.Channel.FAX.value, _("Fax")


# Channels whose receipt day is the day both sides confirmed it (第三十一条第二、三项).
CONFIRMED_CHANNELS = frozenset({Channel.ORDINARY_LETTER, Channel.EMAIL, Channel.FAX})


class ApplicantType(models.TextChoices):
    """Exactly the columns of the annual report's section 三 (official wording)."""

    NATURAL = "natural", "自然人"
    BUSINESS = "business", "商业企业"
    RESEARCH = "research", "科研机构"
    NONPROFIT = "nonprofit", "社会公益组织"
    LEGAL = "legal", "法律服务机构"
    OTHER = "other", "其他"


class IdKind(models.TextChoices):
    RESIDENT_ID = "resident_id", _("Resident identity card")
    CREDIT_CODE = "credit_code", _("Unified social credit code")
    OTHER = "other", _("Other identity document")


class FormWanted(models.TextChoices):
    """第二十九条: the form in which the information is wanted."""

    PAPER = "paper", _("Paper")
    ELECTRONIC = "electronic", _("Electronic")
    VIEWING = "viewing", _("Viewing in person")


class Delivery(models.TextChoices):
    """第二十九条: how the applicant wants to obtain it."""

    POST = "post", _("By post")
    EMAIL = "email", _("By e-mail")
    ONLINE = "online", _("Online, on this platform")
    IN_PERSON = "in_person", _("Collect in person")


class Status(models.TextChoices):
    AWAITING_CONFIRMATION = "awaiting_confirmation", _("Awaiting confirmation of receipt")
    OPEN = "open", _("Being handled")
    AWAITING_CORRECTION = "awaiting_correction", _("Awaiting correction")
    CONSULTING = "consulting", _("Consultation under way")
    AWAITING_PAYMENT = "awaiting_payment", _("Awaiting fee payment")
    DECIDED = "decided", _("Decided, to be served")
    SERVED = "served", _("Replied")
    CLOSED = "closed", _("Closed without a reply")
    SPLIT = "split", _("Split into separate applications")


# Concluded (办结): counted in the report's results by outcome, in the year of conclusion.
CONCLUDED = frozenset({Status.SERVED, Status.CLOSED})
# Open: the statutory clock runs (or is paused); counted as carried forward at 31 December.
OPEN = frozenset(
    {
        Status.AWAITING_CONFIRMATION,
        Status.OPEN,
        Status.AWAITING_CORRECTION,
        Status.CONSULTING,
        Status.AWAITING_PAYMENT,
        Status.DECIDED,
    }
)


class ConsultationKind(models.TextChoices):
    THIRD_PARTY = deadlines.PauseKind.THIRD_PARTY.value, _("Third party (Article 32)")
    CO_PRODUCER = deadlines.PauseKind.CO_PRODUCER.value, _("Co-producing agency (Article 34)")


class ConsultationAnswer(models.TextChoices):
    AGREES = "agrees", _("Agrees to disclosure")
    OBJECTS = "objects", _("Objects to disclosure")
    LAPSED = "lapsed", _("No answer within 15 working days")


class ServiceMethod(models.TextChoices):
    """第三十一条 / statute.md §4: on time means served by the due date, by these dates."""

    POST = "post", _("By post (date handed to China Post)")
    DIRECT = "direct", _("Direct service (date signed for)")
    ONLINE = "online", _("On the platform (date delivered)")
    EMAIL = "email", _("By e-mail (date sent)")


class AttachmentKind(models.TextChoices):
    IDENTITY = "identity", _("Copy of identity document")
    AUTHORISATION = "authorisation", _("Letter of authorisation")
    OTHER = "other", _("Other supporting document")


class OnlineServiceDate(models.TextChoices):
    """Which day an online reply counts as delivered (送达), as the office configures it."""

    DELIVERED = "delivered", _("The day it is made available on the platform")
    FIRST_DOWNLOAD = "first_download", _("The day the applicant first downloads it")


class Disclosure(models.TextChoices):
    """What the applicant gets of one item of the reply (第三十六条, 第三十七条)."""

    WHOLE = "whole", _("Released whole")
    REDACTED = "redacted", _("Released with parts removed (Article 37)")
    WITHHELD = "withheld", _("Withheld")
    PUBLISHED = "published", _("Already published (where to find it)")


class LetterKind(models.TextChoices):
    """The documents of statute.md §6: exactly the members of ``core.letters.LetterKind`` (whose
    official titles are printed), with interface labels here; ``_check_letter_kinds`` below
    refuses to import if the two ever disagree."""

    RECEIPT = core_letters.LetterKind.RECEIPT.value, _("Acknowledgement of receipt")
    CORRECTION = core_letters.LetterKind.CORRECTION.value, _("Notice to supplement the application")
    EXTENSION = core_letters.LetterKind.EXTENSION.value, _("Notice of extension")
    REASONS_REQUEST = (
        core_letters.LetterKind.REASONS_REQUEST.value,
        _("Request for reasons (Article 35)"),
    )
    DEFERRAL = (
        core_letters.LetterKind.DEFERRAL.value,
        _("Notice of a later reply date (Article 35)"),
    )
    THIRD_PARTY_CONSULTATION = (
        core_letters.LetterKind.THIRD_PARTY_CONSULTATION.value,
        _("Consultation of a third party"),
    )
    THIRD_PARTY_NOTICE = (
        core_letters.LetterKind.THIRD_PARTY_NOTICE.value,
        _("Notice to a third party of disclosure"),
    )
    CO_PRODUCER_CONSULTATION = (
        core_letters.LetterKind.CO_PRODUCER_CONSULTATION.value,
        _("Consultation of a co-producer"),
    )
    FEE_NOTICE = core_letters.LetterKind.FEE_NOTICE.value, _("Fee notice")
    REPLY = core_letters.LetterKind.REPLY.value, _("Reply to the application")
    NOT_HANDLED = core_letters.LetterKind.NOT_HANDLED.value, _("Notice of not handling")


def _check_letter_kinds() -> None:
    """One set of letter kinds: the same names, values and order as the core enum."""
    ours = [(kind.name, kind.value) for kind in LetterKind]
    core = [(kind.name, kind.value) for kind in core_letters.LetterKind]
    if ours != core:
        raise ImproperlyConfigured(f"cases LetterKind {ours} differs from core {core}")


_check_letter_kinds()


class LetterState(models.TextChoices):
    PENDING = "pending", _("Being generated")
    # Issued in bulk (the demo's history, migrations): rendered when first downloaded.
    ON_DEMAND = "on_demand", _("Generated when first downloaded")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Generation failed")


class CaseEventKind(EventKind):
    """What a line of a case's timeline records; the label is the staff wording (the case page),
    ``public_label`` what the applicant reads when tracking the application (None: not shown)."""

    SUBMITTED = "submitted", _("Submitted online")
    REGISTERED = "registered", _("Registered by staff")
    RECEIPT_CONFIRMED = "receipt_confirmed", _("Receipt confirmed")
    RECEIPT_ISSUED = "receipt_issued", _("Acknowledgement issued")
    ASSIGNED = "assigned", _("Assigned")
    ASSISTANCE_REQUESTED = "assistance_requested", _("Another unit asked to assist")
    ASSISTANCE_RECEIVED = "assistance_received", _("Assistance received")
    CORRECTION_REQUESTED = "correction_requested", _("Correction requested")
    CORRECTION_RECEIVED = "correction_received", _("Correction received, clock restarted")
    CLOSED_CORRECTION_LAPSED = "closed_correction_lapsed", _("Closed: no correction in time")
    CONSULTED = "consulted", _("Consultation sent")
    CONSULTATION_ANSWERED = "consultation_answered", _("Consultation answer recorded")
    THIRD_PARTY_NOTIFIED = "third_party_notified", _("Third party notified of disclosure")
    REASONS_REQUESTED = "reasons_requested", _("Applicant asked for reasons (Article 35)")
    EXTENDED = "extended", _("Deadline extended")
    OFFICE_DATE_SET = "office_date_set", _("Later reply date set (Article 35)")
    FEE_NOTICE = "fee_notice", _("Fee notice issued")
    FEE_PAID = "fee_paid", _("Fee paid")
    CLOSED_FEE_UNPAID = "closed_fee_unpaid", _("Closed: fee not paid in time")
    SPLIT = "split", _("Split into separate applications")
    SPLIT_FROM = "split_from", _("Created by splitting an application")
    DECIDED = "decided", _("Decision recorded")
    LEGAL_REVIEW_SIGNED = "legal_review_signed", _("Legal review signed off")
    SERVED = "served", _("Reply served")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REOPEN = "reopen", _("Reopened")
    ATTACHMENT_ADDED = "attachment_added", _("File attached")
    DEADLINE_RECOMPUTED = "deadline_recomputed", _("Deadline recomputed (calendar changed)")
    RELEASE_ADDED = "release_added", _("Information to release added")
    RELEASE_REMOVED = "release_removed", _("Information to release removed")
    RELEASE_DOWNLOADED = "release_downloaded", _("Released information downloaded")
    REDACTED = "redacted", _("Redacted copy made (Article 37)")
    # 条例第四十四条: released information proposed for proactive disclosure (a catalog draft).
    PROACTIVE_DRAFT = "proactive_draft", _("Proposed for proactive disclosure (Article 44)")
    SEARCH_RECORDED = "search_recorded", _("Internal search recorded")


# What the applicant reads: plain words without names or notes; anything else (assignment,
# internal review, 协办, staff attachments, the decision before it is served) stays inside.
CaseEventKind.PUBLIC = {
    CaseEventKind.SUBMITTED: _("Application received online"),
    CaseEventKind.REGISTERED: _("Application registered by the office"),
    CaseEventKind.RECEIPT_CONFIRMED: _("Date of receipt confirmed"),
    CaseEventKind.RECEIPT_ISSUED: _("Acknowledgement of receipt issued"),
    CaseEventKind.CORRECTION_REQUESTED: _("You were asked to supplement the application"),
    CaseEventKind.CORRECTION_RECEIVED: _("Supplement received; the period starts again"),
    CaseEventKind.CLOSED_CORRECTION_LAPSED: _(
        "Closed: the application was not supplemented in time"
    ),
    CaseEventKind.CONSULTED: _("Third party or other agency consulted; the period is paused"),
    CaseEventKind.CONSULTATION_ANSWERED: _("Consultation concluded; the period runs again"),
    CaseEventKind.REASONS_REQUESTED: _("You were asked to explain the request"),
    CaseEventKind.EXTENDED: _("Reply period extended"),
    CaseEventKind.OFFICE_DATE_SET: _("The office set a reasonable reply date"),
    CaseEventKind.FEE_NOTICE: _("Fee notice issued; the period is paused"),
    CaseEventKind.FEE_PAID: _("Fee paid; the period runs again"),
    CaseEventKind.CLOSED_FEE_UNPAID: _("Closed: the fee was not paid in time"),
    CaseEventKind.SERVED: _("Reply served"),
    CaseEventKind.WITHDRAWN: _("Application withdrawn"),
    CaseEventKind.SPLIT: _("Split into separate applications"),
    CaseEventKind.REOPEN: _("Reopened for a new reply"),
    CaseEventKind.DEADLINE_RECOMPUTED: _("Due date recalculated after a calendar change"),
    CaseEventKind.RELEASE_DOWNLOADED: _("You downloaded the information provided"),
}
