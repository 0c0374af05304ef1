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
        Agency, verbose_name=_("机构"), on_delete=models.CASCADE, related_name="profile"
    )
    # 条例第二十条第一项: 机构职能 are disclosed on the agency's own initiative.
    functions = models.TextField(_("主要职能"), blank=True)
    fax = models.CharField(_("传真"), max_length=50, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    website = models.CharField(_("网址"), max_length=200, blank=True)
    publish_summary = models.BooleanField(
        _("公开依申请公开办理情况统计"),
        default=False,
        help_text=_("按月公布各类办理结果的件数，不含任何申请人信息。"),
    )
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now)

    FIELDS: ClassVar[tuple[str, ...]] = (
        "functions",
        "fax",
        "postcode",
        "website",
        "publish_summary",
    )

    class Meta:
        verbose_name = _("机构信息")
        verbose_name_plural = _("机构信息")

    def __str__(self) -> str:
        return str(self.agency)


class Leader(models.Model):
    profile = models.ForeignKey(
        AgencyProfile, verbose_name=_("机构信息"), on_delete=models.CASCADE, related_name="leaders"
    )
    position = models.PositiveSmallIntegerField(_("排序"), default=0)
    name = models.CharField(_("姓名"), max_length=50)
    post = models.CharField(_("职务"), max_length=100)
    duties = models.TextField(_("工作分工"), blank=True)

    class Meta:
        verbose_name = _("领导")
        verbose_name_plural = _("领导")
        ordering: ClassVar[list[str]] = ["profile", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.post} {self.name}"


class Department(models.Model):
    profile = models.ForeignKey(
        AgencyProfile,
        verbose_name=_("机构信息"),
        on_delete=models.CASCADE,
        related_name="departments",
    )
    position = models.PositiveSmallIntegerField(_("排序"), default=0)
    name = models.CharField(_("名称"), max_length=100)
    duties = models.TextField(_("主要职责"), blank=True)
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("内设机构")
        verbose_name_plural = _("内设机构")
        ordering: ClassVar[list[str]] = ["profile", "position", "pk"]

    def __str__(self) -> str:
        return self.name


class GuideVersion(models.Model):
    """One saved text of the guide: ``sections`` is ``[{"title": …, "text": …}, …]``."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("机构"), on_delete=models.CASCADE, related_name="guide_versions"
    )
    number = models.PositiveIntegerField(_("版本号"))
    sections = models.JSONField(_("正文"), default=list)
    dated = models.DateField(_("更新日期"))
    saved_at = models.DateTimeField(_("保存时间"), default=timezone.now)
    saved_by = models.ForeignKey(
        User,
        verbose_name=_("保存人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("公开指南版本")
        verbose_name_plural = _("公开指南版本")
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
