"""The reader on layouts and noise we generate from random reports (not tuned to the corpus)."""

from __future__ import annotations

import random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core.reader import read_bytes, read_text
from gongkai.core.reader.normalize import normalize
from gongkai.core.report import Report
from gongkai.core.report.formats import APPLICANT_COLUMNS
from gongkai.core.report.render import render
from tests.core.reader.layouts import (
    POSITIONAL,
    SPACE_BLANKS,
    SPACED_BLANKS,
    VANISHING,
    has_blank_cells,
    page,
)
from tests.core.reader.test_reader_damaged import REPORTS
from tests.core.reader.truth import cells_of
from tests.core.strategies import balanced_report, full_report

# Whole reports are large inputs by nature.
SLOW_OK = [HealthCheck.too_slow, HealthCheck.large_base_example, HealthCheck.data_too_large]


def _assert_same_tables(read: Report | None, report: Report) -> None:
    assert read is not None
    assert read.year == report.year
    assert read.format == report.format
    for table in ("proactive", "applications", "disputes"):
        got, want = getattr(read, table), getattr(report, table)
        # (a table printing no figure at all, where blank cells leave only empty lines, may be
        # said to print none: "文本中没有该表格的数字")
        assert got == want or (got is None and not _figures(want)), table


def _figures(table: dict[str, Any] | None) -> list[Any]:
    """The figures a table holds (its blank cells left out)."""
    rows = (table or {}).values()
    return [v for row in rows for v in (row.values() if isinstance(row, dict) else row)
            if v is not None]  # fmt: skip


@settings(max_examples=60, suppress_health_check=SLOW_OK, deadline=None)
@given(full_report(), st.sampled_from(POSITIONAL), st.randoms(use_true_random=False))
def test_positional_layouts_read_back_exactly(
    report: Report, style: str, rng: random.Random
) -> None:
    reading = read_text(page(report, style, rng))
    assert reading.report is not None
    if style in ("cell_per_line_gaps", "grid") and not any(
        c is not None for row in (report.disputes or {}).values() for c in row
    ):
        # A table of blank cells printed as empty lines (or lines of tabs) leaves no trace.
        reading.report.disputes = report.disputes
    _assert_same_tables(reading.report, report)
    assert reading.report.agency == report.agency
    assert not [f for f in reading.findings if f.code in {"truncated", "cell_unreadable"}]


@settings(max_examples=60, suppress_health_check=SLOW_OK, deadline=None)
@given(balanced_report(), st.sampled_from(VANISHING), st.randoms(use_true_random=False))
def test_layouts_that_drop_blank_cells_read_back_reports_without_blanks(
    report: Report, style: str, rng: random.Random
) -> None:
    assert not has_blank_cells(report)
    reading = read_text(page(report, style, rng))
    _assert_same_tables(reading.report, report)


@settings(max_examples=60, suppress_health_check=SLOW_OK, deadline=None)
@given(REPORTS, st.randoms(use_true_random=False))
def test_blank_cells_printed_as_one_more_empty_line_are_read_where_the_row_adds_up(
    report: Report, rng: random.Random
) -> None:
    # "103", "", "3", "", "", "", "1", "", "", "107": 103, 3, blank, blank, 1, blank, 107.
    reading = read_text(page(report, SPACED_BLANKS, rng))
    assert reading.report is not None
    got, want = cells_of(reading.report), cells_of(report)
    assert {c: v for c, v in got.items() if v is not None and v != want.get(c)} == {}
    for key, row in (report.applications or {}).items():
        figures = [v for v in row if v is not None]
        if len(figures) >= 2 and row[-1] is not None and sum(figures[:-1]) == row[-1]:
            assert reading.report.applications is not None
            assert reading.report.applications.get(key) == row, key


@settings(max_examples=40, suppress_health_check=SLOW_OK, deadline=None)
@given(full_report(), st.randoms(use_true_random=False))
def test_blank_cells_printed_as_lines_of_spaces_are_read_where_two_show(
    report: Report, rng: random.Random
) -> None:
    # "行政许可", "", "148", "", " ", "", " ": 148 and two blanks (a page's "&nbsp;" cells).
    text = page(report, SPACE_BLANKS, rng)
    reading = read_text(text)
    assert reading.report is not None
    got, want = cells_of(reading.report), cells_of(report)
    assert {c: v for c, v in got.items() if v is not None and v != want.get(c)} == {}
    if sum(1 for line in text.split("\n") if line and not line.strip()) >= 2:
        _assert_same_tables(reading.report, report)


@settings(max_examples=60, suppress_health_check=SLOW_OK, deadline=None)
@given(
    full_report(),
    st.sampled_from(("pipe", "pipe_cell_per_line", "tab", "spaces")),
    st.randoms(use_true_random=False),
)
def test_noise_traditional_characters_pinyin_full_width_digits_and_spam_are_read_through(
    report: Report, style: str, rng: random.Random
) -> None:
    text = page(report, style, rng, noise=True)
    if rng.random() < 0.5:  # a page saved with Windows line ends and zero-width spaces
        text = text.replace("\n", "\r\n").replace("规", "\u200b规").replace("規", "\u200b規")
    reading = read_bytes(text.encode("utf-8"), "page.txt")
    _assert_same_tables(reading.report, report)
    # Every figure says where it stands in the text given, whatever normalising deleted.
    assert reading.report is not None
    for row, values in (reading.report.applications or {}).items():
        for column, value in zip(APPLICANT_COLUMNS, values, strict=True):
            where = f"applications.{row}.{column.key}"
            if value is not None:
                assert int(normalize(text[slice(*reading.spans[where])])) == value, where


@settings(max_examples=40, suppress_health_check=SLOW_OK, deadline=None)
@given(full_report(), st.sampled_from(("pipe", "cell_per_line", "html")), st.data())
def test_a_page_cut_anywhere_yields_only_complete_rows_and_says_so(
    report: Report, style: str, data: st.DataObject
) -> None:
    if style == "cell_per_line" and has_blank_cells(report):
        style = "pipe"
    text = page(report, style, random.Random(0))
    cut = data.draw(st.integers(0, len(text)))
    reading = read_text(text[:cut], html=style == "html")
    if reading.report is None:
        return
    read = reading.report
    # Every row returned is exactly the report's row: nothing invented, nothing half-read.
    for section in ("proactive", "applications", "disputes"):
        got = getattr(read, section) or {}
        want = getattr(report, section) or {}
        for key, cells in got.items():
            assert cells == want[key], (section, key)


@settings(max_examples=10, suppress_health_check=SLOW_OK, deadline=None)
@given(full_report())
def test_a_page_cut_inside_a_tag_does_not_close_the_row_it_cuts(report: Report) -> None:
    # "…<td>1633</td><td></": the tag's remains are no text that would end the row as if the
    # table went no further; the row is cut, said so, not returned with its last cells blank.
    text = page(report, "html", random.Random(0))
    at = text.find('data-key="applications.3.1.other"')
    cut = text.find("</", at) + 2
    reading = read_text(text[:cut], html=True)
    assert reading.report is not None
    assert "3.1" not in (reading.report.applications or {})
    assert any(f.where == "applications.3.1" and f.code == "truncated" for f in reading.findings)


@settings(max_examples=10, suppress_health_check=SLOW_OK, deadline=None)
@given(
    full_report(),
    st.sampled_from(
        (
            ("proactive", "licensing", 'data-key="proactive.licensing.decisions"'),
            ("applications", "3.1", 'data-key="applications.3.1.other"'),
        )
    ),
)
def test_a_page_cut_right_after_a_cells_opening_tag_does_not_read_the_cell_as_blank(
    report: Report, cut_in: tuple[str, str, str]
) -> None:
    # "…<td class="num" data-key="…">" with the figure and the rest of the page lost: the cell's
    # content is not in the text, so its row is cut (and said so), not completed by a blank.
    section, row, cell = cut_in
    text = page(report, "html", random.Random(0))
    cut = text.find(">", text.find(cell)) + 1
    reading = read_text(text[:cut], html=True)
    assert reading.report is not None
    assert row not in (getattr(reading.report, section) or {})
    assert any(f.where == f"{section}.{row}" and f.code == "truncated" for f in reading.findings)


@given(st.integers(0, 9), st.integers(4, 99), st.integers(1, 3), st.integers(1, 20))
def test_a_page_dropping_blank_cells_with_its_first_label_lost_reads_its_whole_rows(
    lone: int, before: int, less: int, bought: int
) -> None:
    # One cell to a line, blank cells not printed (a blank row is its label alone), 规章's label
    # lost before its one figure: each row holds all its columns or none, the last its own —
    # the lone figure is the lost row's, not figures printed before their labels.
    head = ["二、主动公开政府信息情况", "第二十条第(一)项", "信息内容", "本年新制作数量"]
    head += ["本年新公开数量", "对外公开总数量", str(lone), "规范性文件", "第二十条第(五)项"]
    head += ["上一年项目数量", "本年增/减", "处理决定数量", "行政许可"]
    licensing = [str(before), f"减{less}", str(before - less)]
    rest = ["其他对外管理服务事项", "第二十条第(六)项", "行政处罚", "行政强制", "第二十条第(八)项"]
    rest += ["行政事业性收费", "第二十条第(九)项", "采购项目数量", "采购总金额", "政府集中采购"]
    end = ["三、收到和处理政府信息公开申请情况"]
    reading = read_text("\n".join([*head, *licensing, *rest, str(bought), "0.37万元", *end]))
    assert reading.report is not None and reading.report.proactive is not None
    got = reading.report.proactive
    assert got["licensing"] == {"prev_items": before, "change": -less, "decisions": before - less}
    assert got["procurement"]["projects"] == bought and "rules" not in got
    # The last row holding nothing: figures may stand before their labels (each row's the
    # next one's), and no row counted off is returned.
    reading = read_text("\n".join([*head, *licensing, *rest, *end]))
    returned = (reading.report.proactive or {}) if reading.report else {}
    assert "licensing" not in returned


@settings(max_examples=10, suppress_health_check=SLOW_OK, deadline=None)
@given(balanced_report("2019"), st.sampled_from(["本年数量", "本年项目数量"]))
def test_a_change_column_headed_as_this_years_count_is_no_change(
    report: Report, header: str
) -> None:
    # The 2019 form's 本年增/减 headed "本年数量": its figures may be this year's counts, not
    # changes (上一年 6, "本年数量" 6: a change of 0, or of 6?). The rows with a change are
    # left out, said so; the others are read.
    text = render(report, "md").decode().replace("本年增/减", header)
    reading = read_text(text)
    assert reading.report is not None and reading.report.proactive is not None
    changing = {k for k, row in (report.proactive or {}).items() if "change" in row}
    assert changing and not changing & set(reading.report.proactive)
    assert {k: report.proactive[k] for k in reading.report.proactive} == reading.report.proactive
    said = {f.where for f in reading.findings if header[:2] in f.message and "增/减" in f.message}
    assert said == {f"proactive.{k}" for k in changing}
    same = read_text(render(report, "md").decode()).report
    assert same is not None and changing <= set(same.proactive or {})
