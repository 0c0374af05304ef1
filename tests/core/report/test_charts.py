"""The SVG charts: parsed as XML, their bars carry the report's figures as values and text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings

from gongkai.core.report import Report
from gongkai.core.report.charts import (
    FONT_FAMILY,
    LABEL_WIDTH,
    outcome_chart,
    outcome_figures,
    yoy_chart,
    yoy_figures,
)
from gongkai.core.report.compute import CaseFact, DisputeFact, build_report, compute_report
from tests.core.report.facts import case_facts, dispute_facts
from tests.core.report.test_compute import DISPUTES, WORLD

NS = {"svg": "http://www.w3.org/2000/svg"}
AGENCY = "某县统计局"


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return root


def _bars(root: ET.Element) -> dict[str, tuple[str, float, str]]:
    """data-label → (data-value, bar width, the text beside the bar)."""
    out = {}
    for g in root.iter("{http://www.w3.org/2000/svg}g"):
        if g.get("class") != "bar":
            continue
        rect = g.find("svg:rect", NS)
        text = g.find("svg:text[@class='value']", NS)
        assert rect is not None and text is not None
        out[g.get("data-label", "")] = (
            g.get("data-value", ""),
            float(rect.get("width", "")),
            text.text or "",
        )
    return out


def _accessible(root: ET.Element, prefix: str) -> tuple[str, str]:
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{prefix}-title {prefix}-desc"
    title = root.find("svg:title", NS)
    desc = root.find("svg:desc", NS)
    assert title is not None and desc is not None
    assert (title.get("id"), desc.get("id")) == (f"{prefix}-title", f"{prefix}-desc")
    assert "Noto Sans CJK SC" in (root.get("font-family") or "")
    assert root.get("font-family") == FONT_FAMILY
    return title.text or "", desc.text or ""


def test_the_outcome_chart_draws_one_bar_per_outcome_group_with_its_figure() -> None:
    report = compute_report(AGENCY, 2022, WORLD, DISPUTES)
    root = _parse(outcome_chart(report))
    title, desc = _accessible(root, "outcomes")
    assert title == "2022年政府信息公开申请办理结果"
    assert desc.startswith("某县统计局2022年共办结政府信息公开申请6件，其中予以公开2件（33.3%）")
    bars = _bars(root)
    assert list(bars) == ["予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"]
    assert {k: v[0] for k, v in bars.items()} == {
        "予以公开": "2",
        "部分公开": "1",
        "不予公开": "1",
        "无法提供": "1",
        "不予处理": "0",
        "其他处理": "1",
    }
    assert bars["予以公开"][2] == "2件（33.3%）"
    assert bars["不予处理"][2] == "0件（0.0%）"
    # widths are proportional to the figures; the largest fills the bar area
    assert bars["予以公开"][1] == 2 * bars["部分公开"][1] > 0
    assert bars["不予处理"][1] == 0
    labels = [
        t.text for t in root.iter("{http://www.w3.org/2000/svg}text") if t.get("class") == "label"
    ]
    assert labels == list(bars)


def test_the_outcome_chart_sums_the_groups_result_rows_and_the_2019_other_row() -> None:
    report = build_report(AGENCY, 2020)
    assert report.applications is not None
    report.applications["3.3.1"] = [1, 0, 0, 0, 0, 0, 1]
    report.applications["3.3.6"] = [2, 1, 0, 0, 0, 0, 3]
    report.applications["3.6"] = [0, 0, 0, 0, 0, 5, 5]
    report.applications["3.4.2"] = [2, 0, 0, 0, 0, 0, None]  # a blank 总计 counts its cells
    assert dict(outcome_figures(report)) == {
        "予以公开": 0,
        "部分公开": 0,
        "不予公开": 4,
        "无法提供": 2,
        "不予处理": 0,
        "其他处理": 5,
    }
    bars = _bars(_parse(outcome_chart(report, id_prefix="r2020")))
    assert bars["其他处理"][2] == "5件（45.5%）"


def test_an_empty_year_draws_empty_bars_and_says_so() -> None:
    root = _parse(outcome_chart(build_report(AGENCY, 2022)))
    _, desc = _accessible(root, "outcomes")
    assert desc == "某县统计局2022年没有办结的政府信息公开申请。"
    assert all(width == 0 and text == "0件" for _, width, text in _bars(root).values())


def test_a_report_without_its_tables_draws_no_figures() -> None:
    root = _parse(outcome_chart(Report(AGENCY, 2021, "2021")))
    assert {v[0] for v in _bars(root).values()} == {""}
    assert {v[2] for v in _bars(root).values()} == {"无数据"}


def test_the_year_on_year_chart_puts_each_figure_beside_last_years() -> None:
    report = compute_report(AGENCY, 2022, WORLD, DISPUTES)
    last = compute_report(AGENCY, 2021, WORLD, DISPUTES)
    assert yoy_figures(report, last) == [
        ("新收申请", 2, 7),
        ("办结申请", 1, 6),
        ("行政复议", 1, 3),
        ("行政诉讼", 0, 2),
    ]
    root = _parse(yoy_chart(report, last))
    title, desc = _accessible(root, "yoy")
    assert title == "2022年政府信息公开申请和行政复议、行政诉讼与上年度对比"
    assert "新收申请2021年2件，2022年7件" in desc
    bars = _bars(root)
    assert bars["2021年新收申请"][0] == "2" and bars["2022年新收申请"][0] == "7"
    assert bars["2022年行政诉讼"][2] == "2022年：2件"
    assert bars["2022年新收申请"][1] == max(width for _, width, _ in bars.values())
    groups = [
        g.get("data-label")
        for g in root.iter("{http://www.w3.org/2000/svg}g")
        if g.get("class") == "group"
    ]
    assert groups == ["新收申请", "办结申请", "行政复议", "行政诉讼"]
    legend = [
        t.text
        for g in root.iter("{http://www.w3.org/2000/svg}g")
        if g.get("class") == "legend"
        for t in g
    ]
    assert legend == [None, "2021年", None, "2022年"]


def test_without_last_year_the_year_on_year_chart_shows_this_year_alone() -> None:
    report = compute_report(AGENCY, 2022, WORLD, DISPUTES)
    root = _parse(yoy_chart(report, id_prefix="this-year"))
    _accessible(root, "this-year")
    assert list(_bars(root)) == [
        "2022年新收申请",
        "2022年办结申请",
        "2022年行政复议",
        "2022年行政诉讼",
    ]
    legend = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "legend"]
    assert len(legend) == 1


def test_the_charts_are_deterministic_and_escape_what_they_print() -> None:
    report = compute_report("A&B<局>", 2022, WORLD, DISPUTES)
    svg = outcome_chart(report)
    assert svg == outcome_chart(compute_report("A&B<局>", 2022, WORLD, DISPUTES))
    assert "A&amp;B&lt;局&gt;" in svg
    _, desc = _accessible(_parse(svg), "outcomes")
    assert desc.startswith("A&B<局>2022年")
    assert "<script" not in svg and "href" not in svg
    rects = _parse(svg).iter("{http://www.w3.org/2000/svg}rect")
    assert all(r.get("x") == str(LABEL_WIDTH) for r in rects)


def test_an_id_prefix_that_is_not_a_plain_id_is_refused() -> None:
    with pytest.raises(ValueError):
        outcome_chart(build_report(AGENCY, 2022), id_prefix='x" onload="alert(1)')


@settings(max_examples=40, deadline=None)
@given(case_facts(), dispute_facts())
def test_any_computed_report_charts_its_own_figures(
    cases: list[CaseFact], disputes: list[DisputeFact]
) -> None:
    report = compute_report(AGENCY, 2022, cases, disputes)
    last = compute_report(AGENCY, 2021, cases, disputes)
    outcomes = _bars(_parse(outcome_chart(report)))
    assert report.applications is not None
    assert sum(int(v) for v, _, _ in outcomes.values()) == report.applications["3.7"][6]
    assert {k: int(v) for k, (v, _, _) in outcomes.items()} == dict(outcome_figures(report))
    yoy = _bars(_parse(yoy_chart(report, last)))
    for label, before, now in yoy_figures(report, last):
        assert yoy[f"2021年{label}"][0] == str(before)
        assert yoy[f"2022年{label}"][0] == str(now)
