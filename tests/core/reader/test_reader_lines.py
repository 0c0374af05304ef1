"""The reader on pages that lost their lines' shape (issue 16, classes 2 and 4): a page without
line breaks, figures printed with a space inside them, headers clipped and labels mistyped, a
table the text stops in. Never a wrong number; every cell the text decides.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.reader import read_text
from gongkai.core.reader.oneline import unflatten
from gongkai.core.report import Report
from gongkai.core.report.formats import APPLICANT_COLUMNS
from tests.core.reader import damaged
from tests.core.reader.test_reader_damaged import REPORTS, SLOW_OK, _never_wrong
from tests.core.reader.test_reader_layouts import _assert_same_tables
from tests.core.reader.truth import cells_of
from tests.core.strategies import balanced_report


@settings(max_examples=25, suppress_health_check=SLOW_OK, deadline=None)
@given(balanced_report(), st.randoms(use_true_random=False))
def test_clipped_headers_mistyped_labels_and_spaced_figures_are_read_exactly(
    report: Report, rng: random.Random
) -> None:
    # ("本年发件" for 本年制发件数, "属于三类内容事务信息", "1 6" for a total of 16)
    assert _never_wrong(damaged.clipped(report, rng)[0], report) == 1.0


@settings(max_examples=20, suppress_health_check=SLOW_OK, deadline=None)
@given(REPORTS, st.integers(0, 2**16))
def test_a_page_without_line_breaks_reads_as_its_rows_run_together(report: Report, at: int) -> None:
    # The whole report one line: cut again at the forms' words, it reads as the same page with
    # its rows on lines of their own, every figure where it stands in the text given.
    lines = read_text(damaged.run_together(report, random.Random(at)))
    text = damaged.one_line(report, random.Random(at))
    one = read_text(text)
    assert one.report is not None and lines.report is not None
    assert cells_of(one.report) == cells_of(lines.report)
    assert set(one.spans) == set(lines.spans)
    for where, (start, end) in one.spans.items():
        assert text[start:end] == lines.text[slice(*lines.spans[where])], where


@settings(max_examples=20, suppress_health_check=SLOW_OK, deadline=None)
@given(REPORTS, st.integers(0, 2**16))
def test_a_piped_page_without_line_breaks_reads_every_cell(report: Report, at: int) -> None:
    # Prose and pipe rows one line ("…二、主动公开政府信息情况 第二十条第(一)项 | 信息内容 | … |
    # 规章 | 0 | 0 | 0 | 规范性文件 | …", section 四's blank cells before its first figure):
    # every cell read (figures after a pipe are no cells apart by spaces; before, 规章 and
    # 规范性文件 stood in the prose's line, before any block).
    text = damaged.one_line_piped(report, random.Random(at))
    _assert_same_tables(read_text(text).report, report)
    _never_wrong(text, report)


def test_a_long_line_naming_the_parts_of_a_report_is_not_cut() -> None:
    # "报告全文包括总体情况、主动公开政府信息情况、…": the tables' headings without their
    # numbers, in a sentence; nothing to cut, as in a text whose lines are of a normal length.
    sentence = (
        "报告全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开"
        "行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项6个部分。"
    )
    text = sentence * 5 + "如有疑问请与市人民政府办公室联系。\n一、总体情况\n"
    assert unflatten(text) == (text, [])
    assert unflatten(text.replace("\n", "")) == (text.replace("\n", ""), [])


def test_the_row_the_text_stops_in_does_not_make_the_other_rows_untrusted() -> None:
    # A cell a line: row 1 holds a figure too many (left out), the text stops inside 3.2. The
    # rows between hold exactly their own: read. (Before, the short last row counted as a row
    # whose figures might have moved, and every row was left out.)
    columns = "\n".join(("申请人情况", "自然人", *(c.label for c in APPLICANT_COLUMNS[1:])))
    rows = {
        "一、本年新收政府信息公开申请数量": ["3", "0", "0", "1", "0", "0", "4", "7"],
        "二、上年结转政府信息公开申请数量": ["0"] * 7,
        "三、本年度办理结果\n（一）予以公开": ["2", "0", "0", "0", "0", "0", "2"],
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": ["0", "0"],
    }
    body = "\n".join(f"{label}\n" + "\n".join(cells) for label, cells in rows.items())
    reading = read_text(f"三、收到和处理政府信息公开申请情况\n{columns}\n{body}")
    assert reading.report is not None and reading.report.applications is not None
    assert reading.report.applications == {"2": [0] * 7, "3.1": [2, 0, 0, 0, 0, 0, 2]}
    assert {f.where for f in reading.findings if f.code in {"cell_unreadable", "truncated"}} >= {
        "applications.1",
        "applications.3.2",
    }


@settings(max_examples=10, suppress_health_check=SLOW_OK, deadline=None)
@given(REPORTS, st.integers(0, 2**16))
def test_a_page_without_line_breaks_whose_headings_a_blank_or_a_typo_marred_reads_the_same(
    report: Report, at: int
) -> None:
    # (hunt 152: "三、本年度办 理结果", "四、政府信息公开行政法复议": a group's label and the
    # next section's heading still end the rows before them)
    text = damaged.one_line(report, random.Random(at))
    for old, new in (
        ("本年度办理结果", "本年度办 理结果"),
        ("四、政府信息公开行政复议", "四、政府信息公开行政法复议"),
        ("三、本年度办理结果", "三三、本年度办理结果"),  # (hunt 155/001: a numeral doubled)
    ):
        one, other = read_text(text), read_text(text.replace(old, new))
        assert one.report is not None and other.report is not None
        assert cells_of(other.report) == cells_of(one.report), new


@settings(max_examples=10, suppress_health_check=SLOW_OK, deadline=None)
@given(REPORTS, st.integers(0, 2**16))
def test_a_page_without_line_breaks_with_prose_after_a_table_ends_its_last_row_there(
    report: Report, at: int
) -> None:
    # (hunt 153/102: "…行政事业性收费5949.09(二)主动公开政府信息的主要类别…", section 二's
    # prose going on after its table)
    lines = damaged.run_together(report, random.Random(at))
    before = lines.index("三、收到和处理政府信息公开申请情况")
    # (… a blank before it too: "行政事业性收费7816 (二)", hunt 155/002)
    prose = " " * (at % 2) + "（二）主动公开政府信息的主要类别\n2020年，本机关主动公开政府信息。\n"
    one = read_text(lines.replace("\n", ""))
    other = read_text((lines[:before] + prose + lines[before:]).replace("\n", ""))
    assert one.report is not None and other.report is not None
    # (a row printing nothing before the prose is no row: returned or not, it is blank)
    figures = [{k: v for k, v in cells_of(r.report).items() if v is not None} for r in (one, other)]
    assert figures[1] == figures[0]
