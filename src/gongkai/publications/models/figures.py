"""条例第二十条 figures for section 二 that come from other government systems."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency, User

_NON_NEGATIVE = [MinValueValidator(0)]
_NON_NEGATIVE_DECIMAL = [MinValueValidator(Decimal(0))]


class Article20Figures(models.Model):
    """One agency's yearly figures: decisions counted, fees in 万元, 2019-format extras."""

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField(_("year"))
    licensing = models.PositiveIntegerField(_("administrative licensing decisions"), default=0)
    penalties = models.PositiveIntegerField(_("administrative penalty decisions"), default=0)
    enforcement = models.PositiveIntegerField(_("administrative enforcement decisions"), default=0)
    fees = models.DecimalField(
        _("administrative fees (10,000 yuan)"),
        max_digits=14,
        decimal_places=4,
        default=Decimal(0),
        validators=_NON_NEGATIVE_DECIMAL,
    )
    # 2019 format only (国办公开办函〔2019〕60号 before the 2021 format).
    licensing_items = models.PositiveIntegerField(
        _("licensing matters (2019 format)"), null=True, blank=True
    )
    licensing_change = models.IntegerField(
        _("change in licensing matters (2019 format)"), null=True, blank=True
    )
    other_services = models.PositiveIntegerField(
        _("other external management services (2019 format)"), null=True, blank=True
    )
    procurement = models.DecimalField(
        _("centralised government procurement (10,000 yuan, 2019 format)"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        validators=_NON_NEGATIVE_DECIMAL,
    )
    entered_by = models.ForeignKey(
        User, verbose_name=_("entered by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_by_label = models.CharField(_("entered by"), max_length=150)
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("article 20 figures")
        verbose_name_plural = _("article 20 figures")
        ordering: ClassVar[list[str]] = ["-year", "agency__name"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["agency", "year"], name="article20_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"
