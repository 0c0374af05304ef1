"""考核 scores from a scheme as data: each rule, deductions, bounds, bad schemes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.core.assessment import (
    DEFAULT_INDICATORS,
    RULES,
    Indicator,
    SchemeError,
    rule_text,
    score,
)

FIGURES = {
    "on_time_rate": 0.9,
    "overdue_open": 1,
    "late_publications": 3,
    "missing_interpretations": 10,
    "catalog_coverage": None,
    "corrected_rate": 0.25,
    "report_late": True,
}


def test_each_rule_scores_its_figure() -> None:
    result = score(
        DEFAULT_INDICATORS, FIGURES, {"platform": 8}, [{"reason": "通报批评", "points": 2}]
    )
    by_key = {line.key: line.score for line in result.lines}
    assert by_key == {
        "on_time_rate": Decimal("22.50"),  # 25 × 0.9
        "overdue_open": Decimal("5.00"),  # 10 − 5 × 1
        "late_publications": Decimal("12.00"),  # 15 − 1 × 3
        "missing_interpretations": Decimal("0.00"),  # 10 − 2 × 10, not below 0
        "catalog_coverage": Decimal("15"),  # no catalog: full points
        "corrected_rate": Decimal("7.50"),  # 10 × (1 − 0.25)
        "report_late": Decimal("0"),
        "platform": Decimal("8.00"),
    }
    assert result.full == Decimal("100.00")
    assert (result.deductions, result.total) == (Decimal("2.00"), Decimal("68.00"))


def test_manual_scores_are_bounded_and_the_total_never_negative() -> None:
    manual = [Indicator("x", "人工", Decimal(5), "manual")]
    assert score(manual, {}, {"x": 9}).total == Decimal("5.00")
    assert score(manual, {}, {"x": -3}).total == Decimal("0.00")
    assert score(manual, {}, {}, [{"points": 50}]).total == Decimal("0.00")


def test_a_bad_scheme_is_refused() -> None:
    with pytest.raises(SchemeError):
        Indicator.from_dict({"key": "a", "points": 5, "rule": "magic"})
    with pytest.raises(SchemeError):
        Indicator.from_dict({"key": "a", "points": -1, "rule": "count"})
    with pytest.raises(SchemeError):
        Indicator.from_dict({"key": "a", "points": "x", "rule": "count"})
    with pytest.raises(SchemeError):
        score([Indicator("nope", "n", Decimal(1), "count")], FIGURES)
    ind = DEFAULT_INDICATORS[1]
    assert Indicator.from_dict(ind.to_dict()) == ind


def test_a_report_on_time_gets_its_points_and_a_rate_its_share() -> None:
    indicators = [
        Indicator("report_late", "年报", Decimal(5), "on_time"),
        Indicator("catalog_coverage", "目录", Decimal(10), "rate"),
    ]
    result = score(indicators, {"report_late": False, "catalog_coverage": 0.5})
    assert [line.score for line in result.lines] == [Decimal(5), Decimal("5.00")]
    assert [line.basis for line in result.lines] == ["按时", "50.00%"]


@pytest.mark.parametrize("bad", ["abc", "NaN", "sNaN", "Infinity", "-inf", ""])
def test_a_manual_score_or_deduction_that_is_no_finite_number_is_a_scheme_error(bad: str) -> None:
    manual = [Indicator("x", "人工", Decimal(5), "manual")]
    if bad:  # an empty manual score counts 0
        with pytest.raises(SchemeError):
            score(manual, {}, {"x": bad})
    with pytest.raises(SchemeError):
        score(manual, {}, {}, [{"reason": "扣分", "points": bad}])
    with pytest.raises(SchemeError):
        Indicator.from_dict({"key": "a", "points": bad or "x", "rule": "count"})


def test_each_rule_is_worded_with_the_indicators_weights_as_a_scheme_prints_them() -> None:
    def text(rule: str, points: str, per_item: str = "0") -> str:
        return rule_text(Indicator("k", "k", Decimal(points), rule, Decimal(per_item)))

    assert text("rate", "25.0") == "按比率计分，得分＝25分×比率；当年无可计比率的事项得满分。"
    assert text("inverse_rate", "10") == (
        "按比率反向计分，得分＝10分×（1－比率）；当年无可计比率的事项得满分。"
    )
    assert text("count", "10", "2.5") == "每发现1项扣2.5分，扣完10分为止。"
    assert text("on_time", "5").endswith("（《中华人民共和国政府信息公开条例》第四十九条）。")
    assert text("manual", "10") == "由考核单位根据日常检查情况评定，最高10分。"
    assert all(text(rule, "1") for rule in RULES)  # every rule has its words
