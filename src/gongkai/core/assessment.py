"""考核 (assessment) scores from a scheme as data: indicators drawn from the supervision
scorecard plus manual scores, each with its weight (points), and deductions.

An indicator is ``Indicator(key, label, points, rule, per_item)``:

- ``rate`` (on_time_rate, catalog_coverage): points × the rate; no figure (nothing to rate) gives
  full points;
- ``inverse_rate`` (corrected_rate, 纠错率): points × (1 − the rate);
- ``count`` (overdue_open, late_publications, late_interpretations, missing_interpretations …):
  points − ``per_item`` for each, not below 0;
- ``on_time`` (report_late): full points when the annual report was on time, else 0
  (条例第四十九、五十条);
- ``manual``: the score the supervising office enters (at most the points).

Deductions (扣分) are subtracted from the sum, which never goes below 0. Pure: the figures are
passed in as a mapping (``supervision.scorecard.Card.to_dict()``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

# Each rule and how it scores in the words of a 考核细则 (official text, shown on the public
# page: not gettext); ``_line`` below computes exactly this. ``{points}`` / ``{per_item}`` are
# the indicator's weights as ``plain`` prints them.
RULE_TEXTS: dict[str, str] = {
    "rate": "按比率计分，得分＝{points}分×比率；当年无可计比率的事项得满分。",
    "inverse_rate": "按比率反向计分，得分＝{points}分×（1－比率）；当年无可计比率的事项得满分。",
    "count": "每发现1项扣{per_item}分，扣完{points}分为止。",
    "on_time": (
        "政府信息公开工作年度报告按期发布得满分，逾期发布或未发布不得分"
        "（《中华人民共和国政府信息公开条例》第四十九条）。"
    ),
    "manual": "由考核单位根据日常检查情况评定，最高{points}分。",
}
RULES = tuple(RULE_TEXTS)
# What ``score`` does with the deductions, in the same words.
DEDUCTIONS_RULE = "存在被通报、督办后未按期整改等情形的，按情节另行扣分，总分不低于0分。"


class SchemeError(ValueError):
    """An indicator that cannot be scored (unknown rule or figure, negative points), or a
    manual score or deduction that is no finite number."""


def number(value: Any, what: str = "value") -> Decimal:
    """``value`` as a finite Decimal (``abc``, ``NaN`` and ``Infinity`` raise SchemeError)."""
    try:
        result = Decimal(str(value).strip())
    except ArithmeticError:
        raise SchemeError(f"{what} {value!r} is not a number") from None
    if not result.is_finite():
        raise SchemeError(f"{what} {value!r} is not a finite number")
    return result


@dataclass(frozen=True)
class Indicator:
    key: str  # a scorecard figure, or any key for a manual indicator
    label: str
    points: Decimal
    rule: str
    per_item: Decimal = Decimal(0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "points": str(self.points),
            "rule": self.rule,
            "per_item": str(self.per_item),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Indicator:
        try:
            indicator = cls(
                key=str(data["key"]),
                label=str(data.get("label") or data["key"]),
                points=number(data["points"], "points"),
                rule=str(data["rule"]),
                per_item=number(data.get("per_item") or 0, "per_item"),
            )
        except (KeyError, ArithmeticError) as exc:
            raise SchemeError(f"indicator {dict(data)!r}: {exc}") from exc
        if indicator.rule not in RULES:
            raise SchemeError(f"{indicator.key}: rule {indicator.rule!r} is not one of {RULES}")
        if indicator.points < 0 or indicator.per_item < 0:
            raise SchemeError(f"{indicator.key}: points cannot be negative")
        return indicator


def plain(value: Decimal) -> str:
    """A weight as a 考核细则 prints it: ``25``, ``2.5`` (an integral value without decimals)."""
    return format(value.normalize(), "f") if value == value.to_integral() else str(value)


def rule_text(indicator: Indicator) -> str:
    """How ``indicator`` is scored, in the words of a 考核细则."""
    return RULE_TEXTS[indicator.rule].format(
        points=plain(indicator.points), per_item=plain(indicator.per_item)
    )


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    points: Decimal
    score: Decimal
    basis: str  # the figure it was scored on, as text


@dataclass(frozen=True)
class Result:
    lines: tuple[Line, ...]
    deductions: Decimal
    total: Decimal
    full: Decimal  # the scheme's full marks


def _q(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _line(ind: Indicator, figures: Mapping[str, Any], manual: Mapping[str, Any]) -> Line:
    if ind.rule == "manual":
        given = manual.get(ind.key)
        value = number(given, ind.key) if given not in (None, "") else Decimal(0)
        return Line(
            ind.key, ind.label, ind.points, _q(min(max(value, Decimal(0)), ind.points)), "人工评分"
        )
    if ind.key not in figures:
        raise SchemeError(f"{ind.key}: no such figure on the scorecard")
    figure = figures[ind.key]
    if ind.rule in ("rate", "inverse_rate"):
        if figure is None:
            return Line(ind.key, ind.label, ind.points, ind.points, "无可计比例，计满分")
        rate = Decimal(str(figure))
        share = rate if ind.rule == "rate" else 1 - rate
        return Line(ind.key, ind.label, ind.points, _q(ind.points * share), f"{_q(rate * 100)}%")
    if ind.rule == "count":
        count = int(figure or 0)
        score = max(Decimal(0), ind.points - ind.per_item * count)
        return Line(ind.key, ind.label, ind.points, _q(score), f"{count}（每项扣{ind.per_item}分）")
    late = bool(figure)
    return Line(
        ind.key,
        ind.label,
        ind.points,
        Decimal(0) if late else ind.points,
        "逾期" if late else "按时",
    )


def score(
    indicators: Sequence[Indicator],
    figures: Mapping[str, Any],
    manual: Mapping[str, Any] | None = None,
    deductions: Sequence[Mapping[str, Any]] = (),
) -> Result:
    """The unit's score under the scheme, line by line."""
    lines = tuple(_line(ind, figures, manual or {}) for ind in indicators)
    minus = sum((number(d.get("points", 0), "deduction") for d in deductions), Decimal(0))
    subtotal = sum((line.score for line in lines), Decimal(0))
    full = sum((ind.points for ind in indicators), Decimal(0))
    return Result(lines, _q(minus), _q(max(Decimal(0), subtotal - minus)), _q(full))


# A scheme a county government might start from (the seeds' 考核细则 weigh much the same).
DEFAULT_INDICATORS = (
    Indicator("on_time_rate", "依申请公开按时答复", Decimal(25), "rate"),
    Indicator("overdue_open", "无逾期未办结申请", Decimal(10), "count", Decimal(5)),
    Indicator("late_publications", "主动公开及时（第二十六条）", Decimal(15), "count", Decimal(1)),
    Indicator(
        "missing_interpretations", "政策解读同步（三同步）", Decimal(10), "count", Decimal(2)
    ),
    Indicator("catalog_coverage", "标准目录事项有内容", Decimal(15), "rate"),
    Indicator("corrected_rate", "复议诉讼纠错率低", Decimal(10), "inverse_rate"),
    Indicator("report_late", "年度报告按时发布", Decimal(5), "on_time"),
    Indicator("platform", "平台建设与政务新媒体管理", Decimal(10), "manual"),
)
