"""Text extracted from a PDF without its layout (pdftotext), or flattened onto one line: a
row's label among the header's words, a block cut short. A row whose figures stand elsewhere
is left out, said so — never read as blank (issue 16: a null is a blank the report prints)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.reader import read_text

HEAD = (
    "瓯海区人民政府2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n"
)
REST = (
    "第二十条第（五）项\n信息内容\n本年处理决定数量\n行政许可\n2556\n"
    "第二十条第（六）项\n信息内容\n本年处理决定数量\n行政处罚\n518\n行政强制\n7\n"
    "第二十条第（八）项\n信息内容\n本年收费金额（单位：万元）\n行政事业性收费\n12.5\n"
)
figure = st.integers(1, 9999).map(str)


@given(figure)
def test_a_label_among_the_header_words_is_no_blank_row(n: str) -> None:
    # "信息内容 |" / "行政许可 |" / "本年处理决定数量 |" / "2556 |": whose 2556 is, nothing tells
    # (figures with their own pipes: no sign that the others stand before their labels).
    text = (
        HEAD
        + (
            "信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n规章\n1\n2\n3\n行政规范性文件\n4\n5\n6\n"
            f"第二十条第（五）项 |\n信息内容 |\n行政许可 |\n本年处理决定数量 |\n{n} |\n"
        )
        + REST[REST.index("第二十条第（六）项") :]
    )
    reading = read_text(text)
    assert reading.report is not None
    assert "licensing" not in (reading.report.proactive or {})
    (said,) = [f for f in reading.findings if f.where == "proactive.licensing"]
    assert "列标题" in said.message


@given(figure, figure)
def test_figures_before_the_first_rows_label_are_no_lost_labels_row(a: str, b: str) -> None:
    # "现行有效件数" / "0" / "0" / "规章" / "行政规范性文件": no label lost before 规章 (the
    # table's first row), so the figures stand before their labels — whose, nothing tells.
    text = (
        HEAD
        + f"信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n{a}\n{b}\n规章\n行政规范性文件\n"
    )
    reading = read_text(text + REST)
    assert reading.report is not None
    for key in ("rules", "normative"):
        assert (reading.report.proactive or {}).get(key) is None
        assert any(f.where == f"proactive.{key}" for f in reading.findings)


@given(figure, figure)
def test_a_flattened_block_cut_after_two_rows_is_read(a: str, b: str) -> None:
    # "第二十条第(一)项 信息内容 本年制发件数 … 规章 0 0 0 行政规范性文件 0 0 0 第二十条第(五)
    # 项 信息内容 本年处理决定数" and the excerpt ends: two labels on the line split it.
    line = (
        "第二十条第(一)项 信息内容 本年制发件数 本年废止件数 现行有效件数 "
        f"规章 {a} 0 {b} 行政规范性文件 {b} 0 {a} 第二十条第(五)项 信息内容 本年处理决定数"
    )
    reading = read_text(
        "瓯海区人民政府2024年政府信息公开工作年度报告\n二、主动公开政府信息情况\n" + line
    )
    assert reading.report is not None and reading.report.proactive is not None
    assert reading.report.proactive["rules"] == {
        "issued": int(a),
        "repealed": 0,
        "in_force": int(b),
    }
    assert reading.report.proactive["normative"] == {
        "issued": int(b),
        "repealed": 0,
        "in_force": int(a),
    }
