"""The reader on damaged layouts (issue 16, classes 1–4): never a wrong number, no invented row.

Every number returned is the generated report's number in its place; a cell the text leaves
undecided comes back blank (or its row left out) with a finding that names it. Where the layout
decides every cell (the separator rhythm of a CMS export, a Markdown conversion of a report
without blanks), every cell must come back.
"""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core.reader import known as K
from gongkai.core.reader import read_text
from gongkai.core.reader.normalize import normalize
from gongkai.core.report import Report
from gongkai.core.report.formats import APPLICANT_COLUMNS, DISPUTE_COLUMNS, FORMATS
from gongkai.core.report.render import render
from tests.core.reader import damaged, extracted
from tests.core.reader.truth import cells_of, score
from tests.core.strategies import balanced_report, full_report

SLOW_OK = [HealthCheck.too_slow, HealthCheck.large_base_example, HealthCheck.data_too_large]


@st.composite
def zeros_left_blank(draw: st.DrawFn) -> Report:
    """A balanced report whose publisher left some zero cells blank (the sums still hold)."""
    report = draw(balanced_report())
    rng = random.Random(draw(st.integers(0, 2**16)))
    for cells in (report.applications or {}).values():
        for i, value in enumerate(cells):
            if value == 0 and rng.random() < 0.5:
                cells[i] = None
    return report


REPORTS = st.one_of(balanced_report(), full_report(), zeros_left_blank())


def _never_wrong(text: str, report: Report) -> float:
    reading = read_text(text)
    s = score(reading, report)
    assert not s.wrong, s.wrong[:5]
    assert not s.invented, s.invented[:5]
    assert not s.unexplained, s.unexplained[:5]
    # Every figure returned says where it stands in the text, and only those.
    got = reading.report
    returned = {
        f"{section}.{row}.{column}"
        for section, rows, columns in (
            ("applications", got.applications if got else None, APPLICANT_COLUMNS),
            ("disputes", got.disputes if got else None, DISPUTE_COLUMNS),
        )
        for row, values in (rows or {}).items()
        for column, value in zip([c.key for c in columns], values, strict=True)
        if value is not None
    } | {
        f"proactive.{row}.{column}"
        for row, values in ((got.proactive if got else None) or {}).items()
        for column, value in values.items()
        if value is not None
    }
    assert set(reading.spans) == returned, set(reading.spans) ^ returned
    return s.right / max(1, s.cells)


@settings(max_examples=30, suppress_health_check=SLOW_OK, deadline=None)
@given(REPORTS, st.sampled_from(sorted(damaged.CLASSES)), st.randoms(use_true_random=False))
def test_damaged_layouts_never_yield_a_wrong_number(
    report: Report, style: str, rng: random.Random
) -> None:
    _never_wrong(damaged.CLASSES[style](report, rng), report)


# 60 examples at 0.6 s each (every reading of each row, blanks included, is weighed); more with
# the bench's run_together class (bench/accuracy.py --examples N, this test's mix of reports).
@settings(max_examples=60, suppress_health_check=SLOW_OK, deadline=None)
@given(zeros_left_blank(), st.randoms(use_true_random=False))
def test_figures_run_together_where_the_publisher_left_zeros_blank(
    report: Report, rng: random.Random
) -> None:
    # Where some cells print nothing, a reading without blanks can still meet the row total
    # and the column relations, a 0 standing where the report printed nothing: every reading,
    # blanks included, is weighed, and a cell the readings left disagree on stays blank.
    _never_wrong(damaged.run_together(report, rng), report)


@settings(max_examples=20, suppress_health_check=SLOW_OK, deadline=None)
@given(REPORTS, st.randoms(use_true_random=False))
def test_a_lossy_mirror_costs_only_the_damaged_cells(report: Report, rng: random.Random) -> None:
    text, _ = damaged.lossy_mirror(report, rng)
    _never_wrong(text, report)


@settings(max_examples=25, suppress_health_check=SLOW_OK, deadline=None)
@given(balanced_report(), st.randoms(use_true_random=False))
def test_one_cell_per_line_with_bars_between_is_read_exactly(
    report: Report, rng: random.Random
) -> None:
    assert _never_wrong(damaged.cms_bars(report, rng), report) == 1.0


@settings(max_examples=25, suppress_health_check=SLOW_OK, deadline=None)
@given(st.one_of(balanced_report(), full_report()), st.randoms(use_true_random=False))
def test_markdown_from_pdf_or_ocr_is_read_exactly(report: Report, rng: random.Random) -> None:
    assert _never_wrong(damaged.markdown_ocr(report, rng), report) == 1.0


@settings(max_examples=25, suppress_health_check=SLOW_OK, deadline=None)
@given(balanced_report(), st.randoms(use_true_random=False))
def test_figures_run_together_are_split_where_the_totals_decide(
    report: Report, rng: random.Random
) -> None:
    reading = read_text(damaged.run_together(report, rng))
    s = score(reading, report)
    assert not s.wrong and not s.invented and not s.unexplained
    # Section 四 printed as fifteen zeros has one reading (a blank would leave fourteen).
    assert reading.report is not None and reading.report.disputes is not None
    if not any(v for cells in (report.disputes or {}).values() for v in cells):
        assert reading.report.disputes == report.disputes
    # Rows 1, 2, 3.7 and 4 of section 三 are large figures: their totals decide them.
    assert reading.report.applications is not None
    assert reading.report.applications.get("3.7") in (None, report.applications["3.7"])


def test_a_row_with_its_total_is_decided_by_the_column_relations_not_alone() -> None:
    # Alone, 640020470 with its total 70 has readings with a blank (6 40 0 20 4 and a cell
    # that printed nothing): only the total is decided, the rest is left blank, said so.
    text = (
        "三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量640020470\n"
        "二、上年结转政府信息公开申请数量0000000\n"
        "(七)总计640020470\n"
        "四、结转下年度继续办理0000000\n"
    )
    reading = read_text(text)
    assert reading.report is not None and reading.report.applications is not None
    assert reading.report.applications["1"] == [None] * 6 + [70]
    assert reading.report.applications["2"] == [0] * 7  # a row of seven zeros: one reading
    assert {"applications.1", "applications.3.7"} <= {f.where for f in reading.findings}
    # With the result rows printed (3.1 with its separators), rows 1 + 2 = 3.7 + 4 and
    # 3.7 = the sum of the result rows decide every cell, column by column.
    lines = ["三、收到和处理政府信息公开申请情况"]
    for line in FORMATS["2021"].application_lines:
        if line.key == "3.1":
            lines.append(line.label + " | 64 | 0 | 0 | 2 | 0 | 4 | 70 |")
        elif line.key in {"1", "3.7"}:
            lines.append(line.label + "640020470")
        else:
            lines.append(line.label + ("0000000" if line.key else ""))
    reading = read_text("\n".join(lines) + "\n")
    assert reading.report is not None and reading.report.applications is not None
    assert reading.report.applications["1"] == [64, 0, 0, 2, 0, 4, 70]
    assert reading.report.applications["3.7"] == [64, 0, 0, 2, 0, 4, 70]
    # Each figure points back at its characters.
    start, end = reading.spans["applications.1.natural_person"]
    assert reading.text[start:end] == "64"
    assert reading.text[slice(*reading.spans["applications.1.total"])] == "70"


def test_three_figures_without_a_total_are_left_blank_and_said_so() -> None:
    reading = read_text("二、主动公开政府信息情况\n第二十条第（一）项\n规章000\n规范性文件898989\n")
    assert reading.report is not None and reading.report.proactive is not None
    assert reading.report.proactive["rules"] == {"issued": 0, "repealed": 0, "in_force": 0} or (
        reading.report.proactive["rules"] == {"made": 0, "published": 0, "total": 0}
    )
    assert "normative" not in reading.report.proactive or not any(
        reading.report.proactive["normative"].values()
    )
    assert any(f.where == "proactive.normative" for f in reading.findings)


@settings(max_examples=25, suppress_health_check=SLOW_OK, deadline=None)
@given(st.one_of(balanced_report(), full_report()), st.randoms(use_true_random=False))
def test_labels_printed_apart_from_their_value_rows_are_paired_in_order(
    report: Report, rng: random.Random
) -> None:
    assert _never_wrong(damaged.labels_apart(report, rng), report) == 1.0


@settings(max_examples=25, suppress_health_check=SLOW_OK, deadline=None)
@given(st.one_of(balanced_report(), full_report()), st.randoms(use_true_random=False))
def test_cells_broken_over_two_lines_are_joined_to_their_row(
    report: Report, rng: random.Random
) -> None:
    assert _never_wrong(damaged.floating_cells(report, rng), report) == 1.0


def test_labels_apart_with_a_value_row_too_many_are_left_out_and_said_so() -> None:
    text = (
        "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 | 本年制发件数 | 本年废止件数 | "
        "现行有效件数 |\n规章\n行政规范性文件\n1 | 2 | 3 |\n4 | 5 | 6 |\n7 | 8 | 9 |\n"
        "第二十条第（五）项\n"
    )
    reading = read_text(text)
    proactive = (reading.report.proactive or {}) if reading.report else {}
    assert "rules" not in proactive and "normative" not in proactive
    wheres = {f.where for f in reading.findings if f.code == "cell_unreadable"}
    assert {"proactive.rules", "proactive.normative"} <= wheres
    # As many value rows as labels: each label takes its line.
    reading = read_text(text.replace("7 | 8 | 9 |\n", ""))
    assert reading.report is not None and reading.report.proactive is not None
    assert list(reading.report.proactive["rules"].values()) == [1, 2, 3]
    assert list(reading.report.proactive["normative"].values()) == [4, 5, 6]


def test_a_label_broken_right_after_its_groups_label_is_joined_to_its_tail() -> None:
    # Found by the floating-cells generator: "（一" printed after its group's label, "）予以公开"
    # alone on the next line. The row was dropped, without a finding.
    text = (
        "三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
        "三、本年度办理结果 | （一 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n）予以公开\n"
        "（二 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n）部分公开\n"
    )
    reading = read_text(text)
    assert reading.report is not None and reading.report.applications is not None
    assert reading.report.applications["3.1"] == [1, 0, 0, 0, 0, 0, 1]
    assert reading.report.applications["3.2"] == [0] * 7


def test_a_label_whose_tail_is_the_next_rows_numbered_label_is_not_joined() -> None:
    text = (
        "三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息\n公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
        "二、上年结转政府信息公开申\n请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n"
        "六.属于四 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n类过程性信息\n"
    )
    reading = read_text(text)
    assert reading.report is not None and reading.report.applications is not None
    assert reading.report.applications["1"] == [1, 0, 0, 0, 0, 0, 1]
    assert reading.report.applications["2"] == [2, 0, 0, 0, 0, 0, 2]


def test_blanks_before_the_words_of_a_header_row_are_no_cells_of_section_four() -> None:
    # A scan rebuilds the header rows with their empty cells on both sides of the words.
    text = (
        "四、政府信息公开行政复议、行政诉讼情况\n行政复议 | 行政诉讼 |\n"
        " |  |  |  |  | 未经复议直接起诉 | 复议后起诉 |\n"
        "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |" + "  |" * 10 + "\n"
        " |  |  |  |  | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | "
        "其他结果 | 尚未审结 | 总计 |\n"
        " | 183 | 193 | 1331 |  |  | 812 | 567 | 361 |  | 5000 |  | 17 |  |  |\n"
        "五、存在的主要问题及改进情况\n"
    )
    reading = read_text(text)
    assert reading.report is not None and reading.report.disputes is not None
    assert reading.report.disputes["review"] == [None, 183, 193, 1331, None]
    assert reading.report.disputes["litigation_direct"] == [None, 812, 567, 361, None]
    assert reading.report.disputes["litigation_after_review"] == [5000, None, 17, None, None]


def _section_three(labels: dict[str, str]) -> str:
    lines = ["三、收到和处理政府信息公开申请情况"]
    for line in FORMATS["2021"].application_lines:
        if line.key:
            figures = " | ".join(["1"] * 6 + ["6"])
            lines.append(f"{labels.get(line.key, line.label)} | {figures} |")
        else:
            lines.append(line.label)
    return "\n".join(lines) + "\n四、政府信息公开行政复议、行政诉讼情况\n"


def test_a_run_of_rows_that_lost_their_labels_takes_the_keys_left_between_in_order() -> None:
    lost = {"3.3.2": "", "3.3.3": "", "3.3.4": ""}
    reading = read_text(_section_three(lost))
    assert reading.report is not None and reading.report.applications is not None
    for key in lost:
        assert reading.report.applications[key] == [1] * 6 + [6]
    # One row fewer than the keys left between its neighbours: which row is which is open.
    text = _section_three({**lost, "3.3.3": "3.危及“三安全一稳定”"})
    dropped = "\n".join(
        line for line in text.split("\n") if not line.startswith("3.危及")
    )  # 3.3.3's line gone: two label-less rows for the keys 3.3.2, 3.3.3 and 3.3.4
    reading = read_text(dropped)
    assert reading.report is not None and reading.report.applications is not None
    assert not {"3.3.2", "3.3.3", "3.3.4"} & set(reading.report.applications)
    assert any("无法根据其位置确定是哪一行" in f.message for f in reading.findings)


def test_one_row_that_lost_its_label_between_two_labelled_rows_is_named_by_its_place() -> None:
    # The publisher's total is off (six 1s and 7): alone between 3.3.2 and 3.3.4, printed whole,
    # the row is 3.3.3 all the same, returned as printed (the checks speak of its sum).
    printed = "\n | " + " | ".join(["1"] * 6 + ["6"]) + " |"
    off = "\n | " + " | ".join(["1"] * 6 + ["7"]) + " |"
    reading = read_text(_section_three({"3.3.3": ""}).replace(printed, off))
    assert reading.report is not None and reading.report.applications is not None
    assert reading.report.applications["3.3.3"] == [1] * 6 + [7]
    # Two rows without their labels side by side: their order names them only if each adds up.
    reading = read_text(_section_three({"3.3.3": "", "3.3.4": ""}).replace(printed, off, 1))
    assert reading.report is not None and reading.report.applications is not None
    assert "3.3.3" not in reading.report.applications
    assert reading.report.applications["3.3.4"] == [1] * 6 + [6]
    assert any(
        f.where == "applications.3.3.3" and "与总计不符" in f.message for f in reading.findings
    )


def test_a_garbled_cell_of_section_four_holds_its_place() -> None:
    figures = "2 | 4 | 10 | 6 | 22 | 2 | 18 | 16 | 20 | 56 | 6 | 14 | 8 | 12 | ? 0 |"
    text = (
        "四、政府信息公开行政复议、行政诉讼情况\n行政复议 | 行政诉讼 |\n"
        "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |\n"
        "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | "
        f"尚未审结 | 总计 |\n{figures}\n五、存在的主要问题及改进情况\n"
    )
    reading = read_text(text)
    assert reading.report is not None and reading.report.disputes is not None
    assert reading.report.disputes["review"] == [2, 4, 10, 6, 22]
    assert reading.report.disputes["litigation_after_review"] == [6, 14, 8, 12, None]
    assert any(f.raw == "? 0" for f in reading.findings)


@settings(max_examples=4, suppress_health_check=SLOW_OK, deadline=None)
@given(REPORTS)
def test_text_extracted_from_a_pdf_by_pdftotext_yields_no_wrong_number(report: Report) -> None:
    # Figures run across rows, labels stand apart, blank cells vanish, empty lines everywhere:
    # what the reader cannot place it leaves out, said so.
    pdf = render(report, "pdf")
    for mode in extracted.MODES:
        _never_wrong(extracted.pdftotext(pdf, mode), report)


def test_a_row_laid_out_with_spaces_takes_its_columns_from_the_page_grid() -> None:
    # pdftotext -layout: figures stand at their column's character offset, blank cells print
    # nothing; the page's whole rows show where the columns stand.
    lines = ["三、收到和处理政府信息公开申请情况"]
    at = (40, 46, 52, 58, 64, 70, 77)
    for line in FORMATS["2021"].application_lines:
        if not line.key:
            lines.append(line.label)
            continue
        figures = ["1", "", "1", "", "", "2", "4"] if line.key == "2" else ["0"] * 7
        row = line.label
        for x, figure in zip(at, figures, strict=True):
            row = row + " " * max(3, x - len(row)) + figure if figure else row
        lines.append(row)
    reading = read_text("\n".join(lines) + "\n四、政府信息公开行政复议、行政诉讼情况\n")
    assert reading.report is not None and reading.report.applications is not None
    assert reading.report.applications["2"] == [1, None, 1, None, None, 2, 4]
    assert reading.report.applications["1"] == [0] * 7


def test_figures_counted_off_after_labels_printed_apart_must_add_up() -> None:
    # pdftotext without -layout on a table that drops blank cells: two labels, then fourteen
    # figures one to a line. Seven each is one reading; but the page drops blanks (rows 1, 2
    # and 3.3.7 print one figure each) and moves figures, so a row that does not add up to its
    # total is not returned (here neither does: 1951 + … + 1745 ≠ 622).
    figures = ["1951", "1329", "1001", "32", "2019", "1745", "622"]
    figures += ["3000", "486", "683", "0", "4810", "3747", "3789"]
    text = (
        "三、收到和处理政府信息公开申请情况\n申请人情况\n\n"
        "一、本年新收政府信息公开申请数量\n\n449\n\n二、上年结转政府信息公开申请数量\n\n1774\n\n"
        "7.属于行政执法案卷\n\n4200\n\n8.属于行政查询事项\n\n总计\n\n"
        + "\n\n".join(figures)
        + "\n\n（四）无法\n提供\n\n四、政府信息公开行政复议、行政诉讼情况\n"
    )
    reading = read_text(text)
    returned = (reading.report.applications or {}) if reading.report else {}
    assert "3.3.8" not in returned and "3.7" not in returned
    assert any(
        f.where == "applications.3.3.8" and "逐行分给该行的数字" in f.message
        for f in reading.findings
    )
    # Rows that add up are the labels' own, counted off in order.
    adding_up = ["1", "2", "0", "0", "0", "0", "3", "2", "0", "1", "0", "0", "0", "3"]
    reading = read_text(text.replace("\n\n".join(figures), "\n\n".join(adding_up)))
    assert reading.report is not None and reading.report.applications is not None
    assert reading.report.applications["3.3.8"] == [1, 2, 0, 0, 0, 0, 3]
    assert reading.report.applications["3.7"] == [2, 0, 1, 0, 0, 0, 3]


def test_a_money_figure_under_a_header_without_a_unit_is_said_so_or_left_blank() -> None:
    # "29.0506" under "采购总金额" (no unit): no amount in 元 prints four decimal places (万元,
    # most likely; the text does not say): blank. A unit printed in the cell or its header
    # decides; an amount that prints none and could be 元 is read so, with ``unit_assumed``.
    def procurement(header: str, figure: str) -> str:
        return (
            "二、主动公开政府信息情况\n第二十条第（九）项 |\n"
            f"信息内容 | 采购项目数量 | {header} |\n政府集中采购 | 15 | {figure} |\n"
            "三、收到和处理政府信息公开申请情况\n"
        )

    reading = read_text(procurement("采购总金额", "29.0506"))
    assert reading.report is not None and reading.report.proactive is not None
    assert reading.report.proactive["procurement"] == {"projects": 15, "amount_yuan": None}
    assert any(
        f.where == "proactive.procurement.amount_yuan"
        and f.message
        == "“政府集中采购”行“采购总金额”列：“29.0506”的小数位数多于以元为单位的"
        "金额，且未注明单位（万元？），留空"
        for f in reading.findings
    )
    assert "proactive.procurement.amount_yuan" not in reading.spans
    # Read as 元 where nothing says otherwise, and said so where no unit is printed at all.
    for header, figure, amount, assumed in (
        ("采购总金额（万元）", "29.0506", 290506, False),
        ("采购总金额", "29.0506万元", 290506, False),
        ("采购总金额（元）", "29.05", Decimal("29.05"), False),
        ("采购总金额", "29.05", None, False),  # (as 元, under 1,000 元 a purchase: blank)
        ("采购总金额", "29050.5", Decimal("29050.5"), True),
        ("采购总金额", "290506", 290506, True),
        ("采购总金额", "0", 0, False),
    ):
        reading = read_text(procurement(header, figure))
        assert reading.report is not None and reading.report.proactive is not None
        assert reading.report.proactive["procurement"]["amount_yuan"] == amount, (header, figure)
        said = [f for f in reading.findings if f.code == "unit_assumed"]
        assert [f.where for f in said] == ["proactive.procurement.amount_yuan"] * assumed
        cheap = [f for f in reading.findings if "每项采购不足1000元" in f.message]
        assert len(cheap) == (figure == "29.05" and "元" not in header)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_a_label_printed_with_one_typo_names_its_own_row_or_none(data: st.DataObject) -> None:
    # "行政事业型收费" (型 for 性), "上年转结" (two characters swapped): the row is still named,
    # and a typo never names another row.
    fmt = FORMATS["2021"]
    known = K.known(fmt)
    rows = [(key, row.label, known.proactive_label) for key, (_, row) in fmt.proactive_rows.items()]
    rows += [(line.key, line.label, known.application_label) for line in fmt.application_lines]
    key, label, label_of = data.draw(st.sampled_from([r for r in rows if r[0]]))
    label = normalize(label)
    at = data.draw(st.integers(0, len(label) - 2))
    if data.draw(st.booleans()):
        typo = label[:at] + label[at + 1] + label[at] + label[at + 2 :]
    else:
        typo = label[:at] + data.draw(st.sampled_from("型性年转结处申请行政的")) + label[at + 1 :]
    assert label_of(typo) in {key, None}
    assert label_of(label) == key


def test_labels_with_the_typos_real_pages_print_are_read() -> None:
    known = K.known(FORMATS["2021"])
    assert known.proactive_label("行政事业型收费") == "fees"
    assert known.proactive_label("行政强制法") == "coercion"  # (the law's name for the row)
    assert known.application_label("二、上年转结政府信息公开申请数量") == "2"
    assert known.proactive_label("信息内容") is None  # a header stays a header
    assert known.application_label("本年新制作数量") is None


@settings(max_examples=25, suppress_health_check=SLOW_OK, deadline=None)
@given(REPORTS, st.randoms(use_true_random=False))
def test_a_group_that_lost_its_row_labels_is_read_by_the_places_of_its_cells(
    report: Report, rng: random.Random
) -> None:
    # Explicit cells (a blank is a lone "|"): the group's rows lost their labels, but its cells
    # are exactly its rows' (7 for each row the neighbours leave), so each row is named by its
    # place; and the rows that kept their labels are read all the same.
    text = damaged.lost_sublabels(report, rng)
    _never_wrong(text, report)
    reading = read_text(text)
    got = cells_of(reading.report)  # (a row of blanks returned without it: blank all the same)
    assert [k for k, v in cells_of(report).items() if got.get(k) != v] == []


def test_a_label_followed_by_its_definition_names_its_row() -> None:
    text = (
        "二、主动公开政府信息情况\n第二十条第（一）项 |\n信息内容 | 本年制发件数 | 本年废止件数 | "
        "现行有效件数 |\n规章：指省、自治区、直辖市和设区的市人民政府制定的规定。 | 2 | 1 | 5 |\n"
        "行政规范性文件：指行政机关依法制定的具有普遍约束力的文件。 | 4 | 0 | 9 |\n"
        "三、收到和处理政府信息公开申请情况\n"
    )
    reading = read_text(text)
    assert reading.report is not None and reading.report.proactive is not None
    assert reading.report.proactive["rules"] == {"issued": 2, "repealed": 1, "in_force": 5}
    assert reading.report.proactive["normative"] == {"issued": 4, "repealed": 0, "in_force": 9}


def test_one_row_with_more_figures_than_columns_leaves_the_rows_around_it_read() -> None:
    # Figures one to a line after their labels: 行政处罚 prints three under a one-column header
    # (or a fragment follows the table's last row: the next paragraph's "20…" cut off). That row
    # is left out; every other row holds exactly its columns, so they are their own.
    lines = ["二、主动公开政府信息情况", "第二十条第（一）项", "信息内容", "本年制发件数"]
    lines += [
        "本年废止件数",
        "现行有效件数",
        "规章",
        "0",
        "0",
        "0",
        "行政规范性文件",
        "2",
        "1",
        "6",
    ]
    lines += ["第二十条第（五）项", "信息内容", "本年处理决定数量", "行政许可", "38"]
    lines += ["第二十条第（六）项", "信息内容", "本年处理决定数量", "行政处罚", "0", "0", "0"]
    lines += ["行政强制", "5", "三、收到和处理政府信息公开申请情况"]
    reading = read_text("\n\n".join(lines))
    assert reading.report is not None and reading.report.proactive is not None
    got = reading.report.proactive
    assert got["rules"] == {"issued": 0, "repealed": 0, "in_force": 0}
    assert got["normative"] == {"issued": 2, "repealed": 1, "in_force": 6}
    assert got["licensing"] == {"decisions": 38} and got["coercion"] == {"decisions": 5}
    assert "penalty" not in got
    # Two such rows, or one beside a row short of its columns: figures may have moved from row
    # to row, and the rows counted off are not returned — but for an item under its own header
    # (its lines stop a row's figures) whose every row holds exactly its columns.
    two = [*lines[:-1], "7", lines[-1]]  # 行政强制 "5", "7": two rows over in item (六)
    reading = read_text("\n\n".join(two))
    returned = (reading.report.proactive or {}) if reading.report else {}
    assert not {"penalty", "coercion"} & set(returned)
    assert returned["licensing"] == {"decisions": 38} and returned["rules"] == got["rules"]
    short = [line for line in lines if line != "6"]  # 行政规范性文件 one figure short, item (一)
    reading = read_text("\n\n".join(short))
    returned = (reading.report.proactive or {}) if reading.report else {}
    assert returned == {"licensing": {"decisions": 38}}
    # An item missing a row (its label lost: its figures may be the row's before it) is not
    # trusted on the strength of its rows' counts.
    lost = [*two[:10], *two[14:]]  # (no 行政规范性文件 row)
    reading = read_text("\n\n".join(lost))
    returned = (reading.report.proactive or {}) if reading.report else {}
    assert "rules" not in returned and returned["licensing"] == {"decisions": 38}


@pytest.mark.parametrize("none", ["未增未减", "+(0) -(0)", "+0 -0"])
def test_a_change_printed_in_words_as_none_is_zero(none: str) -> None:
    # "未增未减" in a 本年增/减 cell (or "+(0) -(0)": nothing added, nothing taken away): no
    # change, 0; the row's other figures stay in their places.
    lines = ["二、主动公开政府信息情况", "第二十条第（五）项 |", "信息内容 |", "上一年项目数量 |"]
    lines += ["本年增/减 |", "处理决定数量 |", "行政许可 |", "12 |", f"{none} |", "30 |"]
    lines += ["其他对外管理服务事项 |", "4 |", "减1 |", "7 |", "三、收到和处理政府信息公开申请情况"]
    reading = read_text("\n".join(lines))
    assert reading.report is not None and reading.report.proactive is not None
    assert reading.report.proactive["licensing"] == {"prev_items": 12, "change": 0, "decisions": 30}
    assert reading.report.proactive["other_services"] == {
        "prev_items": 4,
        "change": -1,
        "decisions": 7,
    }


def _one_per_line(*parts: str) -> str:
    return "\n\n".join(["三、收到和处理政府信息公开申请情况", "申请人情况", *parts])


def test_a_total_standing_before_the_rows_above_it_is_the_column_header() -> None:
    # pdftotext puts the header's "总计" after a group's label; the seven figures after it add
    # up, but they are the next rows': rows above 3.7 follow it.
    seven = ["1", "2", "3", "4", "5", "6", "21"]
    text = _one_per_line(
        "一、本年新收政府信息公开申请数量", *["0"] * 6, "0", "（三）不予公开", "总计", *seven,
        "1.属于国家秘密", *["0"] * 7, "四、政府信息公开行政复议、行政诉讼情况",
    )  # fmt: skip
    reading = read_text(text)
    returned = (reading.report.applications or {}) if reading.report else {}
    assert "3.7" not in returned
    assert any(f.where == "applications.3.7" and "是列标题" in f.message for f in reading.findings)


def test_rows_moved_whole_by_a_conversion_are_not_counted_off_after_labels_apart() -> None:
    # Figures of whole rows stand before their labels (pdftotext): after "（六）其他处理" /
    # "（七）总计" printed apart come fourteen figures that make two rows adding up, but they
    # are 3.7's and 4's (4's label follows them; 3.5.5 holds 3.6's figures too). Not returned.
    text = _one_per_line(
        "5.要求行政机关确认或重新出具已获取信息", "1", "2", "1", "1", "1", "6", "0", "0", "6",
        "6", "（六）其他处理\n（七）总计", "10", "20", "30", "40", "50", "60", "210", "1", "1",
        "1", "1", "1", "1", "6", "四、结转下年度继续办理", "四、政府信息公开行政复议、行政诉讼情况",
    )  # fmt: skip
    reading = read_text("东江县人民政府2020年政府信息公开工作年度报告\n" + text)  # (3.6: a row)
    assert reading.report is not None and reading.report.format == "2019"
    returned = reading.report.applications or {}
    assert not {"3.6", "3.7", "4"} & set(returned)


@settings(max_examples=40, suppress_health_check=SLOW_OK, deadline=None)
@given(
    REPORTS,
    st.sampled_from(("pipe", "pipe_cell_per_line", "tab", "cell_per_line_gaps")),
    st.integers(0, 2**16),
)
def test_rows_no_template_has_change_nothing_of_the_rows_it_has(
    report: Report, style: str, at: int
) -> None:
    # "其他主动公开文件 | 30 | 0 | 0 |" under a block's rows: its figures are no row's, and the
    # rows the template has read as on the same page without it.
    with_extra = read_text(damaged.extra_rows(report, random.Random(at), style))
    without = read_text(damaged.extra_rows(report, random.Random(at), style, extra=False))
    assert cells_of(with_extra.report) == cells_of(without.report)


@settings(max_examples=40, suppress_health_check=SLOW_OK, deadline=None)
@given(
    REPORTS,
    st.sampled_from(("cell_per_line_gaps", "cell_per_line_spaced", "pipe_cell_per_line")),
    st.integers(0, 2**16),
)
def test_the_first_rows_label_lost_costs_that_row_and_never_a_wrong_number(
    report: Report, style: str, at: int
) -> None:
    # "  " / "0" / "0" / "0" / "行政规范性文件" / "2" …: figures before the first label are a row
    # whose label was lost where each later row holds exactly its own (not figures printed
    # before their labels). Where an empty line is a blank cell, the lost label's line is one
    # more: the rows it makes too full are left out, never read off by one.
    text = damaged.first_label_lost(report, random.Random(at), style)
    undecided = damaged.blank_before_lost(report) if style == "cell_per_line_spaced" else set()
    if undecided:
        # "行政处罚" / "" / "  " / "" / "0": a blank row, then the lost label's line of spaces,
        # one more empty line where every cell is followed by one: the text reads 行政处罚 0.
        # Neither row is decided; every other figure still never wrong, none invented.
        s = score(read_text(text), report)
        assert [w for w in s.wrong if w.rsplit(".", 1)[0] not in undecided] == [], s.wrong
        assert not s.invented, s.invented
        return
    _never_wrong(text, report)
    if style == "pipe_cell_per_line":  # (each cell with its pipe: only that row is lost)
        lost = cells_of(read_text(text).report)
        whole = damaged.first_label_lost(report, random.Random(at), style, lost=False)
        full = cells_of(read_text(whole).report)
        differ = {k for k in full.keys() | lost.keys() if full.get(k) != lost.get(k)}
        assert all(k.startswith("proactive.") and lost.get(k) is None for k in differ), differ
        assert len({k.split(".")[1] for k in differ}) <= 1, differ
