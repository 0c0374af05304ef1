"""基层政务公开标准目录 (国办发〔2019〕54号): domains and their items, per agency."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.publications.choices import Audience, Disclosure, Level


class Domain(models.Model):
    """A domain (领域): the 26 seeded ones have no agency; an agency adds its own."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), null=True, blank=True, on_delete=models.CASCADE
    )
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("standard catalog domain")
        verbose_name_plural = _("standard catalog domains")
        ordering: ClassVar[list[str]] = ["order", "name"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["agency", "name"], name="domain_unique"),
            models.UniqueConstraint(
                fields=["name"], condition=Q(agency=None), name="domain_shared_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CatalogItem(models.Model):
    """One row of an agency's standard catalog, with catalog.md's columns."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="catalog_items"
    )
    domain = models.ForeignKey(Domain, verbose_name=_("domain"), on_delete=models.PROTECT)
    number = models.PositiveIntegerField(_("number"))
    matter = models.CharField(_("matter (level 1)"), max_length=200)
    submatter = models.CharField(_("matter (level 2)"), max_length=200, blank=True)
    content = models.TextField(_("content (elements)"), blank=True)
    basis = models.TextField(_("legal basis"), blank=True)
    time_limit = models.CharField(
        _("time limit"), max_length=200, default="信息形成或者变更之日起20个工作日内"
    )
    subject = models.CharField(_("disclosing body"), max_length=200, blank=True)
    channels = models.CharField(_("channels and carriers"), max_length=300, blank=True)
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default="everyone"
    )
    mode = models.CharField(
        _("disclosure"), max_length=20, choices=Disclosure.choices, default="active"
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default="county")

    class Meta:
        verbose_name = _("standard catalog item")
        verbose_name_plural = _("standard catalog items")
        ordering: ClassVar[list[str]] = ["domain__order", "number"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(
                fields=["agency", "domain", "number"], name="catalog_item_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.domain} {self.number} {self.matter} {self.submatter}".strip()
