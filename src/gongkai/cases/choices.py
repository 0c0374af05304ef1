"""Kinds and statuses of disclosure applications as data.

Applicant types are the annual report's columns and their labels are the official column names
(data, never translated). The statuses and the transitions between them live in
``transitions.py``, which the interface asks what to offer.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core import deadlines


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


class LetterKind(models.TextChoices):
    """The documents of statute.md §6: the values of ``core.letters.LetterKind`` (official titles
    there), with interface labels here."""

    RECEIPT = "receipt", _("Acknowledgement of receipt")
    CORRECTION = "correction", _("Notice to supplement the application")
    EXTENSION = "extension", _("Notice of extension")
    DEFERRAL = "deferral", _("Notice of a later reply date (Article 35)")
    REASONS_REQUEST = "reasons_request", _("Request for reasons (Article 35)")
    THIRD_PARTY_CONSULTATION = "third_party_consultation", _("Consultation of a third party")
    THIRD_PARTY_NOTICE = "third_party_notice", _("Notice to a third party of disclosure")
    CO_PRODUCER_CONSULTATION = "co_producer_consultation", _("Consultation of a co-producer")
    FEE_NOTICE = "fee_notice", _("Fee notice")
    REPLY = "reply", _("Reply to the application")
    NOT_HANDLED = "not_handled", _("Notice of not handling")


class LetterState(models.TextChoices):
    PENDING = "pending", _("Being generated")
    # Issued in bulk (the demo's history, migrations): rendered when first downloaded.
    ON_DEMAND = "on_demand", _("Generated when first downloaded")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Generation failed")
