"""Tables copied as a full grid (Excel, Word, PDF table extractors): a merged label's empty
places stand between the label and its figures, and must never shift them (``padded``)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.reader import read_text
from gongkai.core.report import Report
from tests.core.reader.layouts import page
from tests.core.reader.test_reader_layouts import SLOW_OK
from tests.core.reader.truth import cells_of
from tests.core.strategies import full_report

HEAD = "东江县统计局2022年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
FIRST = "一、本年新收政府信息公开申请数量"


@settings(max_examples=40, suppress_health_check=SLOW_OK, deadline=None)
@given(full_report(), st.sampled_from(("grid", "grid_pipe")), st.randoms(use_true_random=False))
def test_a_full_grid_reads_back_exactly(report: Report, style: str, rng: random.Random) -> None:
    # Figures that need not add up: only the table's rhythm places them.
    reading = read_text(page(report, style, rng))
    assert reading.report is not None
    if style == "grid" and not any(
        c is not None for r in (report.disputes or {}).values() for c in r
    ):
        # A table of blank cells copied with tabs is a line of blanks: no trace of its cells.
        reading.report.disputes = report.disputes
    assert cells_of(reading.report) == cells_of(report)
    assert not [f for f in reading.findings if f.code in {"truncated", "cell_unreadable"}]


def _row(text: str) -> list[int | None] | None:
    reading = read_text(HEAD + text + "四、政府信息公开行政复议、行政诉讼情况\n")
    assert reading.report is not None
    return (reading.report.applications or {}).get("1")


def test_empty_cells_both_sides_the_sums_decide() -> None:
    # The merged label's two places, then the figures: only that reading adds up.
    assert _row(f"{FIRST} | | | 3 | 1 | 0 | 0 | 0 | 0 | 4 | |\n") == [3, 1, 0, 0, 0, 0, 4]
    # A blank first cell and an empty cell after the row: only that reading adds up.
    assert _row(f"{FIRST} | | 3 | 0 | 0 | 0 | 0 | 3 | |\n") == [None, 3, 0, 0, 0, 0, 3]


def test_empty_cells_both_sides_and_no_sum_to_tell_leave_the_row_out() -> None:
    reading = read_text(HEAD + f"{FIRST} | | | 1 | 2 | 3 | 4 | 5 | | |\n")
    assert reading.report is None or not (reading.report.applications or {}).get("1")
    (said,) = [f for f in reading.findings if f.where == "applications.1"]
    assert said.code == "cell_unreadable"
    assert "前后都有空白单元格" in said.message


def test_a_grid_needs_its_rhythm() -> None:
    # Every row one empty cell after its figures, none before: no padding to drop, the first
    # cells are the row's (a grid would hold a row whose label stands at the figures' edge).
    rows = [
        f"{FIRST} | | 2 | 0 | 0 | 0 | 0 | 2 | |",
        "二、上年结转政府信息公开申请数量 | 1 | | 0 | 0 | 0 | 0 | 1 | |",
        "三、本年度办理结果 | （一）予以公开 | | 1 | 0 | 0 | 0 | 0 | 1 | |",
    ]
    reading = read_text(HEAD + "\n".join(rows) + "\n四、政府信息公开行政复议、行政诉讼情况\n")
    assert reading.report is not None
    applications = reading.report.applications or {}
    assert applications.get("1") == [None, 2, 0, 0, 0, 0, 2]
    assert applications.get("2") == [1, None, 0, 0, 0, 0, 1]


def test_a_spreadsheet_row_of_blanks_but_its_last_keeps_its_places() -> None:
    # Section 四 copied from a spreadsheet: every cell blank but the last, "\t" × 14 then "7".
    text = (
        "东江县统计局2022年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n"
        "行政复议\t\t\t\t\t行政诉讼\n"
        + "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3)
        + "\n"
        + "\t" * 14
        + "7\n五、存在的主要问题及改进情况\n"
    )
    reading = read_text(text)
    assert reading.report is not None and reading.report.disputes is not None
    assert reading.report.disputes["litigation_after_review"] == [None, None, None, None, 7]
    assert reading.report.disputes["review"] == [None] * 5
