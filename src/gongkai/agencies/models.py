"""Agencies (a tree), staff accounts and their roles, the calendar table, the audit trail.

State changes go through ``actions.py``; nothing else saves these models.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.choices import (
    ALLOWED_PARENTS,
    AgencyKind,
    CalendarDayKind,
    FailureScope,
    Role,
)
from gongkai.core.deadlines import Rules
from gongkai.core.ids import IdError, validate_credit_code
from gongkai.core.numbering import (
    DEFAULT_INDEX_PATTERN,
    DEFAULT_LETTER_PATTERN,
    PatternError,
    check_pattern,
    render_pattern,
)

# A tree deeper than this is a data error (a cycle that slipped in); province → … → 派出机构 is 6.
MAX_DEPTH = 12


def validate_credit_code_field(value: str) -> None:
    try:
        validate_credit_code(value)
    except IdError as exc:
        raise ValidationError(
            _("Not a valid unified social credit code: %(reason)s"),
            code="credit_code",
            params={"reason": str(exc)},
        ) from exc


def validate_number_pattern(value: str) -> None:
    try:
        check_pattern(value)
    except PatternError as exc:
        raise ValidationError(
            _("Not a valid numbering pattern: %(reason)s"),
            code="pattern",
            params={"reason": str(exc)},
        ) from exc


class User(AbstractUser):
    """A person: staff (with memberships) or, later, a registered applicant.

    Chinese names are not split into first and last name: ``full_name`` holds 姓名 as written.
    ``is_superuser`` is the platform administrator (系统管理员).
    """

    full_name = models.CharField(_("full name"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")  # type: ignore[assignment]  # lazy text, as Django intends
        verbose_name_plural = _("users")  # type: ignore[assignment]

    def __str__(self) -> str:
        return f"{self.full_name}（{self.username}）" if self.full_name else self.username


class Agency(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(
        _("short name"), max_length=30, help_text=_("Used in letter numbers, e.g. 瓯海财")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        blank=True,
        validators=[validate_credit_code_field],
    )
    # Contact block (the 公开指南 publishes it).
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    office_hours = models.CharField(_("office hours"), max_length=200, blank=True)
    # Per-agency settings: where the law leaves a choice (statute.md §4, §6).
    index_number_pattern = models.CharField(
        _("index number pattern"),
        max_length=100,
        default=DEFAULT_INDEX_PATTERN,
        validators=[validate_number_pattern],
    )
    letter_number_pattern = models.CharField(
        _("letter number pattern"),
        max_length=100,
        default=DEFAULT_LETTER_PATTERN,
        validators=[validate_number_pattern],
    )
    reconsideration_body = models.CharField(
        _("administrative reconsideration body"),
        max_length=100,
        blank=True,
        help_text=_(
            "Named in every decision letter, usually the people's government at the same level"
        ),
    )
    fee_notice_pauses_clock = models.BooleanField(
        _("fee notice pauses the clock"),
        default=True,
        help_text=_(
            "Whether the time from a fee notice to payment is excluded from the reply period "
            "(the regulation leaves it open; default: excluded)"
        ),
    )
    legal_review_required = models.BooleanField(
        _("decisions need a legal review"),
        default=False,
        help_text=_("A reviewer signs off every decision before the reply is served"),
    )
    letter_header = models.CharField(_("letter header"), max_length=100, blank=True)
    seal_image = models.ImageField(_("seal image"), upload_to="agencies/seals/", blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    EDITABLE_FIELDS: ClassVar[tuple[str, ...]] = (
        "name",
        "short_name",
        "kind",
        "parent",
        "credit_code",
        "address",
        "phone",
        "email",
        "office_hours",
        "index_number_pattern",
        "letter_number_pattern",
        "reconsideration_body",
        "fee_notice_pauses_clock",
        "legal_review_required",
        "letter_header",
        "seal_image",
        "is_active",
    )
    # Fields only a platform administrator changes: they move the agency in the tree or rename it.
    STRUCTURAL_FIELDS: ClassVar[frozenset[str]] = frozenset(
        {"name", "kind", "parent", "credit_code", "is_active"}
    )

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering: ClassVar[list[str]] = ["name"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(
                fields=["credit_code"],
                condition=~Q(credit_code=""),
                name="agency_credit_code_unique",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        self.credit_code = self.credit_code.strip().upper()
        if (
            self.pk is not None
            and self.parent_id is not None
            and (self.parent_id == self.pk or self.pk in self.ancestor_ids())
        ):
            raise ValidationError(
                {"parent": _("An agency cannot be placed under itself or its own subordinate.")}
            )
        parent_kind = self.parent.kind if self.parent is not None else None
        allowed = ALLOWED_PARENTS.get(self.kind)
        if allowed is not None and parent_kind not in allowed:
            if parent_kind is None:
                message = _("A %(kind)s needs a parent agency.")
            else:
                message = _("A %(kind)s cannot be placed under a %(parent_kind)s.")
            raise ValidationError(
                {
                    "parent": ValidationError(
                        message,
                        code="parent_kind",
                        params={
                            "kind": AgencyKind(self.kind).label,
                            "parent_kind": AgencyKind(parent_kind).label if parent_kind else "",
                        },
                    )
                }
            )

    def ancestor_ids(self) -> list[int]:
        """Ids from the parent up to the root (one query per level; trees are shallow)."""
        found: list[int] = []
        parent_id = self.parent_id
        while parent_id is not None:
            if parent_id in found or len(found) > MAX_DEPTH:
                break  # a cycle: clean() refuses to create one; stop rather than loop
            found.append(parent_id)
            parent_id = (
                Agency.objects.filter(pk=parent_id).values_list("parent_id", flat=True).first()
            )
        return found

    def clock_rules(self) -> Rules:
        return Rules(fee_pauses_clock=self.fee_notice_pauses_clock)

    def letter_number(self, year: int, n: int) -> str:
        return render_pattern(
            self.letter_number_pattern,
            year=year,
            n=n,
            short=self.short_name,
            credit_code=self.credit_code,
        )

    def index_number(self, year: int, n: int) -> str:
        return render_pattern(
            self.index_number_pattern,
            year=year,
            n=n,
            short=self.short_name,
            credit_code=self.credit_code,
        )


class Membership(models.Model):
    """One role of one person in one agency; a person may hold several."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering: ClassVar[list[str]] = ["agency__name", "user__username", "role"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency} · {self.get_role_display()}"


class CalendarDay(models.Model):
    """One exceptional day: a holiday, or a weekend day made a working day (调休上班)."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=CalendarDayKind.choices)
    name = models.CharField(_("name"), max_length=50, blank=True)
    source = models.CharField(
        _("source document"),
        max_length=200,
        blank=True,
        help_text=_("The State Council notice, e.g. 国办发明电〔2024〕12号"),
    )
    entered_by = models.ForeignKey(
        User,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering: ClassVar[list[str]] = ["date"]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.get_kind_display()} {self.name}".strip()


class CalendarYear(models.Model):
    """Whether a year's notice has been confirmed; a year without a confirmed row is provisional."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    confirmed = models.BooleanField(_("confirmed"), default=False)
    source = models.CharField(_("source document"), max_length=200, blank=True)
    confirmed_by = models.ForeignKey(
        User,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")
        ordering: ClassVar[list[str]] = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


# The timeline bases need ``access``, which needs the models above: imported here, after them.
from gongkai.agencies.lifecycle import Immutable  # noqa: E402


class AuditEvent(Immutable):
    """An immutable record of a change to agencies, people, roles or the calendar."""

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        User,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("actor"), max_length=150)
    action = models.CharField(_("action"), max_length=50, db_index=True)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    subject = models.CharField(_("subject"), max_length=200)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering: ClassVar[list[str]] = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.subject}"


class FailedAttempt(models.Model):
    """One failure counted by the limits of ``throttle.py``: a wrong password, a wrong lookup …

    Kept only as long as the longest window of its scope; in the database, so that a limit holds
    across server processes.
    """

    scope = models.CharField(_("kind"), max_length=30, choices=FailureScope.choices)
    key = models.CharField(_("key"), max_length=150, blank=True)  # a username, a case number …
    address = models.CharField(_("IP address"), max_length=45, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("failed attempt")
        verbose_name_plural = _("failed attempts")
        ordering: ClassVar[list[str]] = ["-at"]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["scope", "key", "at"], name="failure_by_key"),
            models.Index(fields=["scope", "address", "at"], name="failure_by_address"),
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.key} {self.address} {self.at:%Y-%m-%d %H:%M:%S}"


class LoginFailureManager(models.Manager["LoginFailure"]):
    def get_queryset(self) -> models.QuerySet[LoginFailure]:
        return super().get_queryset().filter(scope=FailureScope.LOGIN)


class LoginFailure(FailedAttempt):
    """The failed staff sign-ins (``auth.py``): what the admin lists and unlocks."""

    objects: ClassVar[LoginFailureManager] = LoginFailureManager()

    class Meta:
        proxy = True
        verbose_name = _("failed sign-in")
        verbose_name_plural = _("failed sign-ins")


# 机构信息 and the versioned 公开指南 (agencies/profile.py), registered with the app here.
from gongkai.agencies.profile import AgencyProfile, Department, GuideVersion, Leader  # noqa: E402, F401
