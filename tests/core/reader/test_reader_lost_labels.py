"""A row's label lost on a page that drops blank cells (one cell to a line): the figures after
the row before it may be the lost row's — that row's count alone cannot tell (issue 16: never
a wrong number)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.reader import read_text

figure = st.integers(1, 9999).map(str)
HEAD = (
    "瓯海区人民政府2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n"
)
HEADER = "信息内容\n\n本年新制作数量\n\n本年新公开数量\n\n对外公开总数量\n\n"
REST = (
    "第二十条第（五）项\n\n信息内容\n\n上一年项目数量\n\n本年增/减\n\n处理决定数量\n\n"
    "行政许可\n\n596\n\n242\n\n"
)


@given(figure, figure, figure)
def test_figures_after_a_row_before_a_lost_label_are_not_taken(a: str, b: str, c: str) -> None:
    # "规章" (its blanks dropped) / a line of spaces where "行政规范性文件" stood / three figures.
    text = HEAD + HEADER + f"规章\n\n  \n\n{a}\n\n{b}\n\n{c}\n\n" + REST
    reading = read_text(text)
    assert reading.report is not None
    assert "rules" not in (reading.report.proactive or {})
    assert any(f.where == "proactive.rules" for f in reading.findings)


@given(figure, figure, figure)
def test_with_every_label_printed_the_row_is_read(a: str, b: str, c: str) -> None:
    text = HEAD + HEADER + f"规章\n\n行政规范性文件\n\n{a}\n\n{b}\n\n{c}\n\n" + REST
    reading = read_text(text)
    assert reading.report is not None and reading.report.proactive is not None
    assert reading.report.proactive["normative"] == {
        "made": int(a),
        "published": int(b),
        "total": int(c),
    }
