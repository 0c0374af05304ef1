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


# Section 二's (八) and (九) blocks of the 2021 form, a cell to a line with its pipe: the rows
# between 行政许可 and 行政事业性收费 are 行政处罚 and 行政强制.
BLOCKS = (
    "X县统计局2025年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（八）项 |\n"
    "信息内容 |\n本年处理决定数量 |\n行政许可 | {a} |\n{rows}\n第二十条第（九）项 |\n信息内容 |\n"
    "本年收费金额（单位：万元） |\n行政事业性收费 |\n3 |\n三、收到和处理政府信息公开申请情况\n"
)
OWN_NAMES = ["办事指南类", "组织机构类", "人事信息类", "其他主动公开文件", "规划计划类"]


@given(figure, st.lists(st.tuples(st.sampled_from(OWN_NAMES), figure), min_size=2, max_size=2))
def test_rows_under_names_of_another_list_take_no_place_of_the_forms(
    a: str, rows: list[tuple[str, str]]
) -> None:
    # "办事指南类 |" / "33 |": a name no row of the form has, not what a page left of a lost
    # label — its figures are not 行政处罚's though they stand where 行政处罚 would.
    text = BLOCKS.format(a=a, rows="\n".join(f"{name} |\n{n} |" for name, n in rows))
    reading = read_text(text)
    assert reading.report is not None and reading.report.proactive is not None
    assert reading.report.proactive["licensing"] == {"decisions": int(a)}
    assert not {"penalty", "coercion"} & set(reading.report.proactive)
    said = [f.message for f in reading.findings if f.code == "cell_unreadable"]
    assert any(f"“{rows[0][0]}”不是本表的行名称" in m for m in said), said


@given(figure, st.lists(figure, min_size=3, max_size=3))
def test_more_label_lost_rows_than_keys_left_take_none(a: str, figures: list[str]) -> None:
    # Three rows whose labels the page lost where two keys are left: which two are the form's
    # rows their place cannot tell — the last two are no surer than the first.
    text = BLOCKS.format(a=a, rows="\n".join(f" | {n} |" for n in figures))
    reading = read_text(text)
    assert reading.report is not None and reading.report.proactive is not None
    assert not {"penalty", "coercion"} & set(reading.report.proactive)
    assert len([f for f in reading.findings if "没有本表的行名称" in f.message]) == 3


@given(figure, figure, figure)
def test_as_many_label_lost_rows_as_keys_left_take_them(a: str, b: str, c: str) -> None:
    text = BLOCKS.format(a=a, rows=f" | {b} |\n | {c} |")
    reading = read_text(text)
    assert reading.report is not None and reading.report.proactive is not None
    assert reading.report.proactive["penalty"] == {"decisions": int(b)}
    assert reading.report.proactive["coercion"] == {"decisions": int(c)}
