"""考核 as the public reads it: the published schemes (考核细则 and results; the seeds publish
both), each indicator's rule written out, the units' scores in order. Only published schemes:
a draft or reviewed one is the supervising office's own (404 on the public site).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404

from gongkai.core.assessment import Indicator
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


def _n(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral() else str(value)


def rule_text(indicator: Indicator) -> str:
    """How one indicator is scored, in the words of a 考核细则 (official text: not gettext)."""
    p = _n(indicator.points)
    if indicator.rule == "rate":
        return f"按比率计分，得分＝{p}分×比率；当年无可计比率的事项得满分。"
    if indicator.rule == "inverse_rate":
        return f"按比率反向计分，得分＝{p}分×（1－比率）；当年无可计比率的事项得满分。"
    if indicator.rule == "count":
        return f"每发现1项扣{_n(indicator.per_item)}分，扣完{p}分为止。"
    if indicator.rule == "on_time":
        return (
            "政府信息公开工作年度报告按期发布得满分，逾期发布或未发布不得分"
            "（《中华人民共和国政府信息公开条例》第四十九条）。"
        )
    return f"由考核单位根据日常检查情况评定，最高{p}分。"


@dataclass(frozen=True)
class Criterion:
    number: int
    label: str
    points: str
    rule: str


def criteria(scheme: Scheme) -> list[Criterion]:
    """The 考核细则: each indicator with its weight and how it is scored."""
    return [
        Criterion(i, ind.label, _n(ind.points), rule_text(ind))
        for i, ind in enumerate(indicators_of(scheme), start=1)
    ]


def full_marks(scheme: Scheme) -> str:
    return _n(sum((ind.points for ind in indicators_of(scheme)), Decimal(0)))


DEDUCTIONS_RULE = "存在被通报、督办后未按期整改等情形的，按情节另行扣分，总分不低于0分。"


def results(scheme: Scheme) -> list[Score]:
    """The units' scores, highest first (ties by name)."""
    return list(scheme.scores.select_related("unit").order_by("-total", "unit__name"))
