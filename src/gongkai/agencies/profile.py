"""机构信息 and the versioned 公开指南 of an agency (条例第十二条、第二十条第一项).

``AgencyProfile`` (one per agency): 职能, the contact fields the guide needs and ``Agency``
lacks (传真, 邮编, 网址), and whether the agency publishes the monthly summary of its 依申请公开
outcomes. ``Leader`` and ``Department`` rows: 领导 (姓名, 职务, 分工) and 内设机构 (名称, 职责,
电话). ``GuideVersion``: a numbered, dated edit of the 公开指南's text; the guide generated from
the agency's data is the default until the first version is saved. Only
``profile_actions.py`` writes these.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency, User


class AgencyProfile(models.Model):
    agency = models.OneToOneField(
        Agency, verbose_name=_("Institution"), on_delete=models.CASCADE, related_name="profile"
    )
    # 条例第二十条第一项: 机构职能 are disclosed on the agency's own initiative.
    functions = models.TextField(_("Main functions"), blank=True)
    fax = models.CharField(_("Fax"), max_length=50, blank=True)
    postcode = models.CharField(_("Postcode"), max_length=6, blank=True)
    website = models.CharField(_("Website"), max_length=200, blank=True)
    publish_summary = models.BooleanField(
        _("Publish statistics of handled disclosure applications"),
        default=False,
        help_text=_(
            "Publishes monthly counts of each kind of outcome, with no information about any "
            "applicant."
        ),
    )
    updated_at = models.DateTimeField(_("Updated at"), default=timezone.now)

    FIELDS: ClassVar[tuple[str, ...]] = (
        "functions",
        "fax",
        "postcode",
        "website",
        "publish_summary",
    )

    class Meta:
        verbose_name = _("Agency profile")
        verbose_name_plural = _("Agency profiles")

    def __str__(self) -> str:
        return str(self.agency)


class Leader(models.Model):
    profile = models.ForeignKey(
        AgencyProfile,
        verbose_name=_("Agency profile"),
        on_delete=models.CASCADE,
        related_name="leaders",
    )
    position = models.PositiveSmallIntegerField(_("Order"), default=0)
    name = models.CharField(_("Full name"), max_length=50)
    post = models.CharField(_("Post"), max_length=100)
    duties = models.TextField(_("Areas of responsibility"), blank=True)

    class Meta:
        verbose_name = _("Leader")
        verbose_name_plural = _("Leaders")
        ordering: ClassVar[list[str]] = ["profile", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.post} {self.name}"


class Department(models.Model):
    profile = models.ForeignKey(
        AgencyProfile,
        verbose_name=_("Agency profile"),
        on_delete=models.CASCADE,
        related_name="departments",
    )
    position = models.PositiveSmallIntegerField(_("Order"), default=0)
    name = models.CharField(_("Department name"), max_length=100)
    duties = models.TextField(_("Main duties"), blank=True)
    phone = models.CharField(_("Telephone"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("Internal department")
        verbose_name_plural = _("Internal departments")
        ordering: ClassVar[list[str]] = ["profile", "position", "pk"]

    def __str__(self) -> str:
        return self.name


class GuideVersion(models.Model):
    """One saved text of the guide: ``sections`` is ``[{"title": …, "text": …}, …]``."""

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("Institution"),
        on_delete=models.CASCADE,
        related_name="guide_versions",
    )
    number = models.PositiveIntegerField(_("Version number"))
    sections = models.JSONField(_("Text"), default=list)
    dated = models.DateField(_("Date updated"))
    saved_at = models.DateTimeField(_("Saved at"), default=timezone.now)
    saved_by = models.ForeignKey(
        User,
        verbose_name=_("Saved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Disclosure guide version")
        verbose_name_plural = _("Disclosure guide versions")
        ordering: ClassVar[list[str]] = ["-number"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["agency", "number"], name="guide_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agency} 第{self.number}版"

    def paragraphs(self) -> list[tuple[str, list[str]]]:
        """(title, paragraphs): a blank line separates paragraphs."""
        out = []
        for section in self.sections:
            text = str(section.get("text", ""))
            blocks = text.replace("\r\n", "\n").split("\n\n")
            paras = ["".join(line.strip() for line in block.split("\n")) for block in blocks]
            out.append((str(section.get("title", "")), [p for p in paras if p]))
        return out
