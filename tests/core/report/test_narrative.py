"""The drafted prose: real-report wording, and figures the reader's own checks agree with."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from gongkai.core.reader import read_text
from gongkai.core.report import Report
from gongkai.core.report.compute import CaseFact, DisputeFact, build_report, compute_report
from gongkai.core.report.model import loads
from gongkai.core.report.narrative import (
    Draft,
    applications_paragraph,
    change,
    disputes_paragraph,
    document_text,
    draft,
    other_matters,
    percent,
    placeholders,
    proactive_paragraph,
)
from tests.conftest import TRUTH_FILES
from tests.core.report.facts import case_facts, dispute_facts
from tests.core.report.test_compute import DISPUTES, WORLD

AGENCY = "某县统计局"
SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large]


def _row(*cells: int) -> list[int | Decimal | None]:
    return [*cells, sum(cells)]


def _report(year: int = 2022, **rows: list[int | Decimal | None]) -> Report:
    """A report with the given application rows' natural-person cells (the rest zero)."""
    base = build_report(AGENCY, year)
    assert base.applications is not None
    for key, cells in rows.items():
        base.applications[key.replace("_", ".")] = cells
    return base


def _narrative_findings(text: str) -> list[str]:
    reading = read_text(text)
    return [
        f"{f.code}: {f.message}"
        for f in reading.check_findings
        if f.code.startswith(("narrative.", "layout."))
    ]


# -- the wording --------------------------------------------------------------------------------


def test_year_on_year_changes_are_written_like_real_reports() -> None:
    assert change(773, 1481) == "，较上年度下降47.8%"
    assert change(9, 4) == "，较上年度上升125.0%"
    assert change(5, 5) == "，与上年度持平"
    assert change(10001, 10000) == "，与上年度基本持平"
    assert change(5, 0) == ""
    assert change(5, None) == ""
    assert change(7, 3, counted=True) == "，较上年度增加4件"
    assert change(1, 3, counted=True) == "，较上年度减少2件"


def test_percentages_have_one_decimal_rounded_half_up() -> None:
    assert percent(1, 3) == "33.3"
    assert percent(2, 3) == "66.7"
    assert percent(1, 8) == "12.5"
    assert percent(1, 16) == "6.3"  # 6.25 half up, not to even
    assert percent(0, 5) == "0.0"


def test_the_applications_paragraph_states_received_concluded_and_shares() -> None:
    report = compute_report(AGENCY, 2022, WORLD, DISPUTES)
    last = compute_report(AGENCY, 2021, WORLD, DISPUTES)
    text = applications_paragraph(report, last)
    assert text.startswith("2022年，本机关共受理政府信息公开申请7件，较上年度上升250.0%，")
    assert "另有上年结转申请1件" in text
    assert "办结政府信息公开申请6件" in text
    assert "予以公开2件，占33.3%；部分公开1件，占16.7%" in text
    assert "不予公开1件，无法提供1件，不予处理0件，其他处理1件" in text
    assert text.endswith("结转下年度继续办理2件。")
    assert "较上年度" not in applications_paragraph(report)


def test_a_year_with_everything_concluded_says_so() -> None:
    report = _report(**{"1": _row(4, 0, 0, 0, 0, 0), "3_1": _row(4, 0, 0, 0, 0, 0)})
    assert report.applications is not None
    report.applications["3.7"] = _row(4, 0, 0, 0, 0, 0)
    text = applications_paragraph(report, subject="全区各级行政机关")
    assert "全区各级行政机关共受理政府信息公开申请4件" in text
    assert "予以公开4件，占100.0%；部分公开0件，占0.0%" in text
    assert text.endswith("所有申请均已办结，无结转下年度的申请。")


def test_a_year_without_applications_says_none_were_received() -> None:
    assert applications_paragraph(build_report(AGENCY, 2021)) == (
        "2021年，本机关未收到政府信息公开申请，无上年结转申请。"
    )


def test_the_disputes_paragraph_gives_counts_results_and_the_correction_rate() -> None:
    report = compute_report(AGENCY, 2022, WORLD, DISPUTES)
    last = compute_report(AGENCY, 2021, WORLD, DISPUTES)
    assert disputes_paragraph(report, last) == (
        "本年度因政府信息公开被申请行政复议3件、被提起行政诉讼2件，"
        "行政复议和行政诉讼合计5件，较上年度增加4件。"
        "已审结3件，其中结果维持1件、结果纠正1件、其他结果1件，纠错率为33.3%；尚未审结2件。"
    )
    assert disputes_paragraph(build_report(AGENCY, 2022)) == (
        "本年度未发生因政府信息公开被申请行政复议或提起行政诉讼的情况。"
    )
    pending = compute_report(AGENCY, 2022, [], [DisputeFact("review", date(2022, 12, 1))])
    assert disputes_paragraph(pending).endswith("合计1件。均尚未审结。")


def test_the_proactive_paragraph_writes_section_two_in_words() -> None:
    report = build_report(
        AGENCY,
        2022,
        proactive={
            "rules": {"issued": 0, "repealed": 0, "in_force": 0},
            "normative": {"issued": 3, "repealed": 1, "in_force": 12},
            "licensing": {"decisions": 219},
            "penalty": {"decisions": 0},
            "fees": {"amount_wan_yuan": Decimal("180.338174")},
        },
    )
    text = proactive_paragraph(report, items=419)
    assert "全年主动公开政府信息419条。" in text
    assert "本年度制发行政规范性文件3件、废止1件、现行有效12件。" in text
    assert "规章" not in text.split("。")[2]  # no rules at all: not mentioned
    assert "依法公开行政许可决定219件、行政处罚决定0件。" in text
    assert "行政事业性收费金额180.338174万元" in text
    old = build_report(
        AGENCY,
        2019,
        proactive={
            "rules": {"made": 13, "published": 13, "total": 524},
            "procurement": {"projects": 6, "amount_yuan": 251000},
        },
    )
    assert "新制作规章13件、新公开13件、对外公开总数524件" in proactive_paragraph(old)
    assert "公开政府集中采购项目6个，采购总金额251000元。" in proactive_paragraph(old)


def test_section_six_states_the_fees_collected() -> None:
    assert other_matters(2022, 0).startswith("本年度未收取信息处理费。")
    assert other_matters(2022, Decimal("120.50")).startswith(
        "本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费120.50元。"
    )
    assert other_matters(2020, 0).startswith("本年度依申请提供政府信息未收取费用。")
    assert placeholders(other_matters(2022, None))[0] == "【请填写本年度收取信息处理费的情况】"


def test_the_draft_leaves_placeholders_only_for_what_the_records_cannot_know() -> None:
    report = compute_report(AGENCY, 2022, WORLD, DISPUTES)
    prose = draft(
        report,
        fees_yuan=0,
        site_name="某县人民政府",
        site_url="http://www.example.gov.cn/",
        contact="某县统计局办公室（电话：0000-1234567）",
    )
    assert "本报告电子版可在“某县人民政府”（http://www.example.gov.cn/）下载。" in prose.opening
    assert placeholders(prose.opening) == []
    assert "【请填写政府网站、政务新媒体、政府公报等平台建设情况】" in placeholders(prose.overview)
    assert set(prose.sections()) == {"一", "五", "六"}
    assert "（六）工作考核" in draft(report, government=True).overview
    assert "纠正" in prose.problems


# -- the reader agrees with every figure --------------------------------------------------------


def _read_back_clean(report: Report, prose: Draft) -> None:
    text = document_text(report, prose)
    reading = read_text(text)
    assert _narrative_findings(text) == []
    assert reading.report is not None
    assert (reading.report.agency, reading.report.year) == (report.agency, report.year)
    assert reading.report.applications == report.applications
    assert reading.report.disputes == report.disputes
    assert reading.report.proactive == report.proactive


def test_a_computed_report_with_its_draft_reads_back_without_narrative_warnings() -> None:
    last = compute_report(AGENCY, 2021, WORLD, DISPUTES)
    report = compute_report(
        AGENCY, 2022, WORLD, DISPUTES, proactive={"licensing": {"decisions": 3}}
    )
    _read_back_clean(report, draft(report, last, fees_yuan=Decimal("30"), items=120))


def test_the_reader_would_notice_if_the_prose_disagreed_with_the_tables() -> None:
    """The draft's phrases are the ones the reader checks: prose from other tables is flagged."""
    report = compute_report(AGENCY, 2022, WORLD, DISPUTES)
    prose = draft(report)
    other = copy.deepcopy(report)
    assert other.applications is not None and other.disputes is not None
    for key in ("1", "2", "3.1", "3.2", "3.7", "4"):
        other.applications[key][0] = (other.applications[key][0] or 0) + 1
        other.applications[key][6] = (other.applications[key][6] or 0) + 1
    other.applications["3.3.1"][0] = 1  # keep the balance: only the prose disagrees
    other.applications["3.3.1"][6] = 1
    other.disputes["review"] = [1, 1, 0, 2, 4]
    other.disputes["litigation_direct"] = [0, 0, 0, 2, 2]
    text = document_text(other, prose)
    flagged = {f.where for f in read_text(text).check_findings if f.code == "narrative.number"}
    assert {"1", "2", "3.1", "3.2", "3.7", "4", "review", "litigation", "disputes"} <= flagged


@pytest.mark.parametrize("year", [2020, 2022])
def test_an_empty_year_reads_back_without_narrative_warnings(year: int) -> None:
    report = build_report(AGENCY, year)
    _read_back_clean(report, draft(report, fees_yuan=0))


@settings(max_examples=40, suppress_health_check=SLOW_OK, deadline=None)
@given(case_facts(), dispute_facts())
def test_any_computed_report_and_its_draft_read_back_without_narrative_warnings(
    cases: list[CaseFact], disputes: list[DisputeFact]
) -> None:
    for year in (2020, 2022):
        last = compute_report(AGENCY, year - 1, cases, disputes)
        report = compute_report(AGENCY, year, cases, disputes)
        _read_back_clean(report, draft(report, last, fees_yuan=0))


# -- real reports' figures ------------------------------------------------------------------------


# Only complete reports: an excerpt lacks figures the draft writes (its placeholders are tested
# below).
COMPLETE = [
    path
    for path in TRUTH_FILES
    if loads(path.read_text(encoding="utf-8")).get("coverage") == "full"
]


def test_the_corpus_has_complete_reports_to_draft_from() -> None:
    assert len(COMPLETE) >= 4


@pytest.mark.parametrize("path", COMPLETE, ids=lambda p: p.stem)
def test_drafts_from_real_reports_figures_read_back_without_narrative_warnings(path: Path) -> None:
    data = loads(path.read_text(encoding="utf-8"))
    report = Report.from_dict(data)
    report.agency = AGENCY  # excerpts may describe rather than name their agency
    _read_back_clean(report, draft(report, fees_yuan=0))


def test_a_report_without_its_tables_gets_placeholders_instead_of_figures() -> None:
    report = Report(AGENCY, 2021, "2021")
    assert placeholders(applications_paragraph(report)) == [
        "【请填写本年度收到和处理政府信息公开申请的情况】"
    ]
    assert placeholders(disputes_paragraph(report)) == [
        "【请填写因政府信息公开被申请行政复议、提起行政诉讼的情况】"
    ]
    assert other_matters(2020, 35).startswith("本年度依申请提供政府信息收取费用35元。")


def test_the_contents_listed_item_by_item_are_no_headings_but_headings_out_of_order_are() -> None:
    last = compute_report(AGENCY, 2021, WORLD, DISPUTES)
    report = compute_report(AGENCY, 2022, WORLD, DISPUTES)
    text = document_text(report, draft(report, last))
    first, rest = text.split("\n", 1)
    # "报告主要包括:一、总体情况;二、…" broken a line an item: a list, not the report's parts
    listed = "".join(f"{line};\n" for line in text.splitlines() if line[1:2] == "、")
    assert _narrative_findings(f"{first}\n报告主要包括:\n{listed}{rest}") == []
    # (the check still sees the parts themselves printed out of order)
    one, two, three = (text.index(f"\n{n}、") for n in "一二三")
    swapped = text[:one] + text[two:three] + text[one:two] + text[three:]
    assert any("各部分顺序为二、一" in f for f in _narrative_findings(swapped))
