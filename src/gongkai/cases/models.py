"""Disclosure applications (依申请公开): the case, its timeline and what hangs off it.

State changes go through ``actions/``; nothing else saves these models. Events and decisions
are immutable once written (``lifecycle.Immutable``): the timeline is the audit log.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.lifecycle import Immutable, TimelineEvent
from gongkai.agencies.models import Agency, User
from gongkai.cases.choices import (
    ApplicantType,
    AttachmentKind,
    CaseEventKind,
    Channel,
    ConsultationAnswer,
    ConsultationKind,
    Delivery,
    Disclosure,
    FormWanted,
    IdKind,
    LetterKind,
    LetterState,
    OnlineServiceDate,
    ServiceMethod,
    Status,
)
from gongkai.core import fees
from gongkai.core.ids import mask_phone


class Counter(models.Model):
    """The last number given per agency, year and series (tracking numbers, letter numbers)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    series = models.CharField(max_length=20)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["agency", "year", "series"], name="case_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}/{self.series}: {self.last}"


class Case(models.Model):
    """One application for one matter (一事一申请), as filed and as handled."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="cases"
    )
    number = models.CharField(_("tracking number"), max_length=40, unique=True)
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    # -- how it arrived (第三十一条) --
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    submitted_on = models.DateField(_("date submitted or arrived"))
    signed_for_on = models.DateField(_("date signed for"), null=True, blank=True)
    confirmed_on = models.DateField(_("date receipt confirmed"), null=True, blank=True)
    received_on = models.DateField(_("date of receipt"), null=True, blank=True, db_index=True)
    # -- who applies (第二十九条) --
    applicant_type = models.CharField(
        _("applicant type"), max_length=20, choices=ApplicantType.choices
    )
    applicant_name = models.CharField(_("name"), max_length=200)
    id_kind = models.CharField(_("identity document"), max_length=20, choices=IdKind.choices)
    id_number_encrypted = models.TextField(editable=False)  # protect.encrypt
    id_number_hash = models.CharField(max_length=64, db_index=True, editable=False)
    id_number_masked = models.CharField(_("identity number"), max_length=40, editable=False)
    contact_person = models.CharField(_("contact person"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30)
    phone_last4 = models.CharField(max_length=4, editable=False)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("postal address"), max_length=300, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    applicant_user = models.ForeignKey(
        User,
        verbose_name=_("registered applicant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    # -- what is sought --
    description = models.TextField(_("information sought"))
    document_number = models.CharField(_("document number, if known"), max_length=100, blank=True)
    purpose = models.TextField(_("purpose (optional)"), blank=True)
    form_wanted = models.CharField(_("form wanted"), max_length=20, choices=FormWanted.choices)
    delivery = models.CharField(_("how to obtain it"), max_length=20, choices=Delivery.choices)
    # -- handling --
    assigned_to = models.ForeignKey(
        User,
        verbose_name=_("officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_cases",
    )
    split_from = models.ForeignKey(
        "self",
        verbose_name=_("split from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="split_into",
    )
    # The clock, recomputed by every action (clock.py) and stored for sorting and reminders.
    due_on = models.DateField(_("reply due"), null=True, blank=True, db_index=True)
    due_provisional = models.BooleanField(default=False)
    # -- conclusion --
    outcome = models.CharField(_("outcome"), max_length=10, blank=True)  # core.outcomes code
    concluded_on = models.DateField(_("date concluded"), null=True, blank=True, db_index=True)
    served_late = models.BooleanField(_("replied late"), default=False)
    # A reopened case (after 复议/诉讼 corrected it) keeps its first conclusion for the report:
    # it is not a new application (core/report/compute.py).
    first_concluded_on = models.DateField(null=True, blank=True, editable=False)
    first_outcome = models.CharField(max_length=10, blank=True, editable=False)
    reopened_count = models.PositiveSmallIntegerField(default=0)
    # Status lookup without an account: tracking number + phone's last 4 digits, or this secret
    # (sent by e-mail), stored hashed.
    lookup_secret_hash = models.CharField(max_length=128, blank=True, editable=False)
    # Idempotency of online submission: the form's one-time token (a double submit → one case).
    submission_token = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering: ClassVar[list[str]] = ["-received_on", "-pk"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(
                fields=["submission_token"],
                condition=~Q(submission_token=""),
                name="case_submission_token_unique",
            )
        ]
        indexes: ClassVar[list[Any]] = [
            models.Index(fields=["agency", "status", "due_on"]),
            # The annual report's one grouped count reads only this index (bench/report.py:
            # 5.4 s → 0.7 s at 1,000,000 cases on SQLite; CONTRIBUTING.md).
            models.Index(
                fields=[
                    "received_on",
                    "first_concluded_on",
                    "agency",
                    "applicant_type",
                    "status",
                    "first_outcome",
                ],
                name="case_report_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)


class CaseEvent(TimelineEvent):
    """One line of the timeline: who did what, when, with the status before and after.

    Written only by the actions, through ``lifecycle.record_event``.
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=40, choices=CaseEventKind.choices)

    class Meta(TimelineEvent.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"


class Correction(models.Model):
    """补正 (第三十条): requested once; the supplemented application restarts the clock."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="correction")
    requested_on = models.DateField(_("notice sent"))
    items = models.JSONField(_("what to supplement"), default=list)
    deadline = models.DateField(_("supplement by"))
    received_on = models.DateField(_("supplement received"), null=True, blank=True)
    note = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"补正 {self.case_id} {self.requested_on}"


class Consultation(models.Model):
    """征求意见 (第三十二条 third party, 第三十四条 co-producer): the time is not counted."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="consultations")
    kind = models.CharField(_("kind"), max_length=20, choices=ConsultationKind.choices)
    consultee = models.CharField(_("consulted"), max_length=200)
    consultee_address = models.CharField(_("address"), max_length=300, blank=True)
    sent_on = models.DateField(_("letter sent"))
    delivered_on = models.DateField(_("letter received by the consultee"), null=True, blank=True)
    answered_on = models.DateField(_("answer received"), null=True, blank=True)
    answer = models.CharField(
        _("answer"), max_length=20, choices=ConsultationAnswer.choices, blank=True
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["sent_on", "pk"]

    def __str__(self) -> str:
        return f"征求意见 {self.case_id} {self.consultee}"


class Assistance(models.Model):
    """协办: another unit must help answer, by its own due date."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="assistance")
    unit = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField()
    due_on = models.DateField()
    answered_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"协办 {self.case_id} {self.unit_id}"


class Extension(models.Model):
    """第三十三条: once, at most 20 working days, approved by the head, before the deadline."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="extension")
    granted_on = models.DateField()
    workdays = models.PositiveSmallIntegerField()
    approved_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()

    def __str__(self) -> str:
        return f"延期 {self.case_id} +{self.workdays}"


class OfficeSetDate(models.Model):
    """第三十五条: reasonable but too many requests to meet the period — the office's own date."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="office_date")
    set_on = models.DateField()
    due_on = models.DateField()
    reason = models.TextField()

    def __str__(self) -> str:
        return f"第三十五条 {self.case_id} {self.due_on}"


class FeeNotice(models.Model):
    """信息处理费 (国办函〔2020〕109号): notice, the applicant's receipt of it, payment."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="fee")
    basis = models.CharField(max_length=20, choices=[(b.value, b.value) for b in fees.Basis])
    pages = models.PositiveIntegerField(null=True, blank=True)
    nth_in_month = models.PositiveIntegerField(null=True, blank=True)
    amount = models.PositiveIntegerField()  # 元
    explanation = models.TextField()
    notice_on = models.DateField()
    delivered_on = models.DateField(null=True, blank=True)
    pay_by = models.DateField()
    paid_on = models.DateField(null=True, blank=True)
    receipt_number = models.CharField(max_length=60, blank=True)

    def __str__(self) -> str:
        return f"收费 {self.case_id} {self.amount}元"


class Decision(Immutable):
    """A decision on the application (a reopened case gets a second one; both are kept)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(max_length=10)
    reasons = models.TextField(blank=True)
    articles = models.JSONField(default=list)
    decided_on = models.DateField()
    decided_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    legal_review_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    legal_review_on = models.DateField(null=True, blank=True)
    served_on = models.DateField(null=True, blank=True)
    service_method = models.CharField(max_length=20, choices=ServiceMethod.choices, blank=True)
    # How it can be proved: the post's tracking number (挂号/EMS), the e-mail address it was
    # sent to, or the number of the 自行领取回执 the applicant signed on collection.
    service_reference = models.CharField(max_length=100, blank=True)
    # 送达: the day the applicant has the reply — under the agency's ``OnlineServiceRule`` for
    # online service (the platform's delivery day, or the first download), else ``served_on``.
    delivered_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.outcome} {self.decided_on}"


def _private_path(instance: Any, filename: str) -> str:
    # Outside any served URL: downloads go through a view that checks rights.
    return f"cases/{instance.case.agency_id}/{instance.case_id}/{filename}"


class CaseAttachment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=20, choices=AttachmentKind.choices)
    name = models.CharField(_("file name"), max_length=200)
    file = models.FileField(upload_to=_private_path)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    added_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name


class OnlineServiceRule(models.Model):
    """An office's rule for the 送达 date of replies served on the platform (no row: delivered
    the day it is made available)."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="+")
    served_on = models.CharField(
        _("online reply delivered on"),
        max_length=20,
        choices=OnlineServiceDate.choices,
        default=OnlineServiceDate.DELIVERED,
    )

    def __str__(self) -> str:
        return f"{self.agency_id} {self.served_on}"


def _released_path(instance: Any, filename: str) -> str:
    return f"cases/{instance.case.agency_id}/{instance.case_id}/released/{filename}"


class ReleasedItem(models.Model):
    """One item of what a decision provides (答复材料): a file, or a published item pointed at.

    ``file`` is what the applicant may download (a PDF where it could be converted, the redacted
    copy of a 区分处理); ``original`` is the office's copy (the Word file, the unredacted PDF, a
    withheld document) and is never served to the applicant. Changed only by
    ``actions/release.py``; frozen into the reply letter when the decision is made.
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="released")
    disclosure = models.CharField(_("disclosure"), max_length=20, choices=Disclosure.choices)
    name = models.CharField(_("title"), max_length=200)
    file = models.FileField(upload_to=_released_path, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    pages = models.PositiveIntegerField(null=True, blank=True)
    original = models.FileField(upload_to=_released_path, blank=True)
    original_name = models.CharField(max_length=200, blank=True)
    # Why something is withheld or removed: a withholding row of the statute table
    # (core.outcomes.WITHHOLDING_ROWS, e.g. "3.3.4" 第十五条), or another law named by the officer.
    reason = models.CharField(_("reason"), max_length=10, blank=True)
    other_law = models.CharField(_("other law"), max_length=200, blank=True)
    # A 3.2-style "已主动公开" answer: the published item and its 索引号, frozen when linked.
    publication = models.ForeignKey(
        "publications.Publication",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    index_number = models.CharField(_("index number"), max_length=100, blank=True)
    # The redaction log (区分处理): what, where, which article, who, when — one entry a box.
    redactions = models.JSONField(default=list, blank=True)
    added_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar[list[str]] = ["added_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.name} ({self.disclosure})"


class ReleaseDownload(models.Model):
    """Each download of a released file by the applicant (the first may be the 送达 date)."""

    item = models.ForeignKey(ReleasedItem, on_delete=models.PROTECT, related_name="downloads")
    at = models.DateTimeField(default=timezone.now)
    by_user = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    channel = models.CharField(max_length=10, default="web")  # web / api

    def __str__(self) -> str:
        return f"{self.item_id} {self.at:%Y-%m-%d %H:%M}"


class Letter(models.Model):
    """A document issued in the case (statute.md §6), generated in the background."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(_("kind"), max_length=30, choices=LetterKind.choices)
    number = models.CharField(_("letter number"), max_length=60, blank=True)
    issued_on = models.DateField(_("date"))
    # Everything the letter says, frozen when it is issued (core.letters.LetterData as JSON).
    data = models.JSONField(default=dict)
    state = models.CharField(
        max_length=10, choices=LetterState.choices, default=LetterState.PENDING
    )
    error = models.TextField(blank=True)
    docx = models.FileField(upload_to=_private_path, blank=True)
    pdf = models.FileField(upload_to=_private_path, blank=True)
    # The applicant may download it once it is served (or, for a receipt, at once).
    served_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar[list[str]] = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class LetterTemplate(models.Model):
    """An agency's own DOCX template for one kind of letter (replaces the default)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="letter_templates")
    kind = models.CharField(max_length=30, choices=LetterKind.choices)
    file = models.FileField(upload_to="letter-templates/")
    uploaded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["agency", "kind"], name="letter_template_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.kind}"


class SearchRecord(models.Model):
    """内部检索单: where the office searched for the information, with what terms, what it found.

    Recorded by the officer as the search is done; 条例第三十六条第四项 (本机关不掌握, 3.4.1) may
    only be answered once at least one exists (``actions.decide``): when the answer is
    challenged, this is the evidence that the office looked (the disputes evidence pack
    includes it).
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="searches")
    searched_on = models.DateField(_("date searched"))
    searched_by = models.ForeignKey(
        User, verbose_name=_("searched by"), on_delete=models.PROTECT, related_name="+"
    )
    # Archives, information systems, departments: one place a line.
    places = models.JSONField(_("where searched"), default=list)
    terms = models.JSONField(_("search terms"), default=list)
    result = models.TextField(_("what was found"))
    found = models.BooleanField(_("the information was found"), default=False)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar[list[str]] = ["searched_on", "pk"]

    def __str__(self) -> str:
        return f"检索 {self.case_id} {self.searched_on}"
