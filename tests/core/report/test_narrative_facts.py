"""一's 平台建设 / 监督保障 / 考核 parts written from the platform's records (``Facts``), and the
prose of a published text read back by section (the imported year)."""

from __future__ import annotations

from decimal import Decimal

from gongkai.core.reader import read_text
from gongkai.core.report.compute import compute_report
from gongkai.core.report.facts import Facts
from gongkai.core.report.narrative import (
    Draft,
    assessment_paragraph,
    document_text,
    draft,
    oversight_paragraph,
    placeholders,
    platform_paragraph,
    sections_from_text,
)
from tests.core.report.test_compute import DISPUTES, WORLD

AGENCY = "某县人民政府"

FACTS = Facts(
    websites=1,
    accounts=31,
    websites_checked=1,
    accounts_checked=30,
    checks=124,
    checks_failed=9,
    trainings=3,
    trained=120,
    orders_issued=5,
    orders_answered=5,
    orders_closed=4,
    assessed_year=2021,
    assessed_units=32,
    assessed_mean=Decimal("86.4"),
    assessment_published=True,
)


def test_the_platform_part_counts_sites_accounts_and_checks() -> None:
    text = platform_paragraph(FACTS, subject="本县")
    assert text == (
        "本县共运维政府网站1个、政务新媒体账号31个，持续做好政府信息公开平台的内容保障和日常管理。"
        "全年对1个网站、30个政务新媒体账号开展检查共124次，发现未通过检查9次（占7.3%），"
        "均已督促整改。"
    )
    assert placeholders(text) == []


def test_the_platform_part_without_failures_or_channels() -> None:
    passed = Facts(websites=0, accounts=2, accounts_checked=2, checks=8, checks_failed=0)
    assert platform_paragraph(passed).endswith("全年对2个政务新媒体账号开展检查共8次，均通过检查。")
    unchecked = Facts(websites=1, accounts=0, checks=0)
    assert platform_paragraph(unchecked).endswith("本年度未开展网站和政务新媒体检查。")
    none = Facts(websites=0, accounts=0, checks=0)
    assert "未开设政府网站和政务新媒体账号" in platform_paragraph(none)


def test_without_records_the_parts_keep_their_placeholders() -> None:
    for writer in (platform_paragraph, lambda f, **_: oversight_paragraph(f)):
        assert placeholders(writer(None)) != []
    assert assessment_paragraph(None) == "【请填写工作考核、社会评议和责任追究结果情况】"
    assert placeholders(platform_paragraph(Facts(trainings=2))) != []  # no channel figures


def test_the_oversight_part_counts_training_orders_and_the_assessment() -> None:
    text = oversight_paragraph(FACTS)
    assert "全年开展政府信息公开培训3次，参训人员共120人次。" in text
    assert "发出督办单5份，已整改4份，已答复待审核1份。" in text
    assert "对32个单位开展2021年度政务公开工作考核，平均得分86.4分，考核结果已向社会公开。" in text
    # A government writes its 考核 in its own （六）, not twice.
    assert "政务公开工作考核" not in oversight_paragraph(FACTS, assessment=False)
    # What no record says (组织领导, 制度建设) stays for the office to write.
    assert placeholders(text) == ["【请填写组织领导、制度建设情况】"]


def test_open_orders_and_no_training_and_an_own_score() -> None:
    facts = Facts(
        trainings=0,
        orders_issued=6,
        orders_answered=2,
        orders_closed=1,
        assessed_year=2021,
        own_score=Decimal("91.5"),
    )
    text = oversight_paragraph(facts)
    assert "本年度未组织开展政府信息公开专题培训。" in text
    assert "发出督办单6份，已整改1份，已答复待审核1份，正在整改4份。" in text
    assert "在2021年度政务公开工作考核中得分91.5分。" in text
    assert "本年度未发出督办单。" in oversight_paragraph(
        Facts(trainings=1, trained=9, orders_issued=0)
    )


def test_a_governments_section_six_of_one_gives_the_assessment_results() -> None:
    text = assessment_paragraph(FACTS)
    assert text.startswith("本年度对32个单位开展2021年度政务公开工作考核，平均得分86.4分，")
    assert placeholders(text) == ["【请填写社会评议和责任追究结果情况】"]
    unpublished = Facts(assessed_units=3, assessed_mean=Decimal("80"))
    assert "门户网站公开" not in assessment_paragraph(unpublished)
    assert "开展年度政务公开工作考核" in assessment_paragraph(unpublished)


def test_providers_figures_merge_first_known_wins() -> None:
    a = Facts(websites=1, trainings=None)
    b = Facts(websites=7, trainings=2, assessment_published=True)
    merged = a.merged(b)
    assert (merged.websites, merged.trainings, merged.assessment_published) == (1, 2, True)
    zero = Facts(websites=0, orders_issued=0).merged(Facts(websites=3, orders_issued=4))
    assert (zero.websites, zero.orders_issued) == (0, 0)  # 0 is a figure, not unknown


def test_the_draft_with_facts_reads_back_without_narrative_warnings() -> None:
    report = compute_report(AGENCY, 2022, WORLD, DISPUTES)
    prose = draft(report, fees_yuan=0, government=True, facts=FACTS)
    assert "【请填写政府网站" not in prose.overview
    assert "发出督办单5份" in prose.overview
    assert prose.overview.count("平均得分86.4分") == 1  # in （六） only
    text = document_text(report, prose)
    reading = read_text(text)
    assert reading.report is not None
    assert [f.code for f in reading.findings if f.code.startswith("narrative.")] == []
    assert reading.report.applications == report.applications


def test_a_published_text_gives_back_its_prose_by_section() -> None:
    report = compute_report(AGENCY, 2022, WORLD, DISPUTES)
    prose = draft(report, fees_yuan=0, government=True, facts=FACTS)
    written = Draft(
        opening="本报告依据条例编制。",
        overview=prose.overview,
        problems="（一）存在的主要问题\n信息发布不够及时。",
        other="本年度未收取信息处理费。",
    )
    sections = sections_from_text(document_text(report, written))
    assert sections["opening"] == "本报告依据条例编制。"
    assert sections["一"] == prose.overview
    assert sections["五"] == written.problems
    assert sections["六"] == written.other
    assert sections_from_text("没有任何标题的文本") == {}
    # A text with its tables but no 一 still gives 五 and 六; no opening without 一.
    partial = sections_from_text(
        "标题\n二、主动公开\n表\n五、存在的主要问题\n问题。\n六、其他\n无。"
    )
    assert partial == {"五": "问题。", "六": "无。"}


def test_money_is_written_without_trailing_zeros() -> None:
    from gongkai.core.report.compute import build_report
    from gongkai.core.report.narrative import proactive_paragraph

    report = build_report(
        AGENCY, 2022, proactive={"fees": {"amount_wan_yuan": Decimal("232.6000")}}
    )
    assert "公开行政事业性收费金额232.60万元。" in proactive_paragraph(report)
    report = build_report(AGENCY, 2022, proactive={"fees": {"amount_wan_yuan": Decimal("1.23456")}})
    assert "公开行政事业性收费金额1.23456万元。" in proactive_paragraph(report)
    report = build_report(AGENCY, 2022, proactive={"fees": {"amount_wan_yuan": Decimal("100.00")}})
    assert "公开行政事业性收费金额100万元。" in proactive_paragraph(report)


def test_interpretations_and_consultations_fill_part_of_the_proactive_placeholder() -> None:
    from gongkai.core.report.narrative import _interpretations_and_consultations

    facts = Facts(
        interpretations=(("文字解读", 5), ("图解", 2), ("视频", 0), ("新闻发布会", 1)),
        consultations=2,
        consultation_comments=9,
        consultation_adopted=4,
        consultation_feedback=1,
    )
    text = _interpretations_and_consultations(facts)
    assert text == (
        "全年发布政策解读8篇，其中文字解读5篇、图解2篇、新闻发布会1场。"
        "对2项重大行政决策草案公开征求意见，收到意见9条，采纳（含部分采纳）4条，"
        "已公开1项意见采纳情况。"
    )
    assert _interpretations_and_consultations(None) == ""
    assert _interpretations_and_consultations(Facts(interpretations=())) == "全年发布政策解读0篇。"
    none_received = Facts(consultations=1, consultation_comments=0)
    assert _interpretations_and_consultations(none_received) == (
        "对1项重大行政决策草案公开征求意见，收到意见0条。"
    )
