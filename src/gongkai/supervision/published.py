"""考核 as the public reads it: the published schemes (考核细则 and results; the seeds publish
both), each indicator's rule in the words of ``core.assessment`` (``rule_text``,
``DEDUCTIONS_RULE``), the units' scores in order. Only published schemes:
a draft or reviewed one is the supervising office's own (404 on the public site).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404

from gongkai.core.assessment import plain, rule_text
from gongkai.supervision.assessment import indicators_of
from gongkai.supervision.choices import SchemeStatus
from gongkai.supervision.models import Scheme, Score


def published_schemes() -> QuerySet[Scheme]:
    return (
        Scheme.objects.filter(status=SchemeStatus.PUBLISHED, issuer__is_active=True)
        .select_related("issuer")
        .order_by("-year", "issuer__name")
    )


def get_published(scheme_id: int) -> Scheme:
    try:
        return published_schemes().get(pk=scheme_id)
    except Scheme.DoesNotExist:
        raise Http404("no such assessment") from None


@dataclass(frozen=True)
class Criterion:
    number: int
    label: str
    points: str
    rule: str


def criteria(scheme: Scheme) -> list[Criterion]:
    """The 考核细则: each indicator with its weight and how it is scored."""
    return [
        Criterion(i, ind.label, plain(ind.points), rule_text(ind))
        for i, ind in enumerate(indicators_of(scheme), start=1)
    ]


def full_marks(scheme: Scheme) -> str:
    return plain(sum((ind.points for ind in indicators_of(scheme)), Decimal(0)))


def results(scheme: Scheme) -> list[Score]:
    """The units' scores, highest first (ties by name)."""
    return list(scheme.scores.select_related("unit").order_by("-total", "unit__name"))
