"""A speck read as a decimal point in a scan's money cell: blanked with a finding, not returned."""

from __future__ import annotations

from gongkai.core.reader import _doubt_money_points, read_text
from gongkai.core.reader.ocr import implausible_points

FEES = "proactive.fees.amount_wan_yuan"
BUYING = "proactive.procurement.amount_yuan"


def test_a_point_the_other_money_figures_do_not_print_is_doubted() -> None:
    # The scan prints money to four places; "76.4" is a speck in 764.
    printed = {FEES: ("76.4", "万元"), BUYING: ("20.0000元", "元"), "x.y.z": ("3.5000", "万元")}
    assert implausible_points(printed) == [FEES]
    # Alike everywhere: believed.
    assert implausible_points({FEES: ("76.4000", "万元"), BUYING: ("2.5000", "元")}) == []


def test_a_lone_point_is_believed_only_at_the_places_its_unit_prints() -> None:
    assert implausible_points({FEES: ("6842256.2996", "万元")}) == []
    assert implausible_points({FEES: ("76.4", "万元")}) == [FEES]
    assert implausible_points({BUYING: ("2150.50元", "元")}) == []
    assert implausible_points({BUYING: ("21.505元", "元")}) == [BUYING]
    assert implausible_points({FEES: ("764", "万元")}) == []  # no point: nothing to doubt


def test_a_scan_reading_blanks_the_doubted_figure_and_says_so() -> None:
    text = (
        "某县统计局2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
        "第二十条第（八）项 |\n信息内容 | 本年收费金额（单位：万元） |\n行政事业性收费 | 76.4 |\n"
    )
    reading = read_text(text)
    assert reading.report is not None and reading.report.proactive is not None
    row = reading.report.proactive["fees"]
    assert list(row.values()) != [None]
    _doubt_money_points(reading)
    assert list(row.values()) == [None]
    assert [f.code for f in reading.findings if f.where.startswith("proactive.fees")] == [
        "ocr_unsure"
    ]
    assert not [w for w in reading.spans if w.startswith("proactive.fees")]
    _doubt_money_points(read_text("无表格"))  # nothing read: nothing to doubt
