"""Pipe rows broken at their blank cells (a mirror starts a line at every blank cell, its
``|`` first): the lines that open with that blank are the row's where together they hold
exactly its cells (``collect.continued``) — and never a blank that is not the row's."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.reader import read_text

HEAD = "东江县统计局2022年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
END = (
    "四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n四、政府信息公开行政复议、行政诉讼情况\n"
)
figure = st.integers(1, 9999)


def _applications(text: str) -> dict[str, list[int | None]]:
    reading = read_text(HEAD + text + END)
    assert reading.report is not None
    return reading.report.applications or {}


def _broken(label: str, cells: list[int | None]) -> list[str]:
    """The row as the mirror prints it: a new line at every blank cell."""
    lines = [f"{label} |"]
    for cell in cells:
        if cell is None:
            lines.append("|")
        else:
            lines[-1] += f" {cell} |"
    return lines


@given(st.lists(st.none() | figure, min_size=6, max_size=6).filter(lambda c: None in c))
def test_a_row_broken_at_its_blanks_is_whole_again(parts: list[int | None]) -> None:
    # "一、本年新收… | 25 |", "|" × 4, "| 25 |": 25, five blanks, 25.
    row = [*parts, sum(p or 0 for p in parts)]
    lines = _broken("一、本年新收政府信息公开申请数量", row)
    assert _applications("\n".join(lines) + "\n")["1"] == row


@given(st.lists(figure, min_size=6, max_size=6))
def test_a_lost_group_labels_blank_completes_no_short_row(figures: list[int]) -> None:
    # "5.要求… | 396 | 508 | 1627 | 860 | 850 | 55 |" (a blank dropped: six of seven), then
    # " | 1.申请人无正当理由逾期不补正…" (（六）其他处理 lost): its blank is no cell of row 5's.
    short = "5.要求行政机关确认或重新出具已获取信息 | " + " | ".join(map(str, figures)) + " |"
    lost = (
        " | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 |"
        " 0 | 0 | 0 | 0 | 0 | 0 | 0 |"
    )
    got = _applications("三、本年度办理结果 | （五）不予处理 | " + f"{short}\n{lost}\n")
    assert got.get("3.5.5") in (None, [*figures[:-1], None, figures[-1]], [None, *figures])
    assert got.get("3.5.5") != [*figures, None]


PROACTIVE = (
    "东江县统计局2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（五）项 |\n"
    "信息内容 |\n上一年项目数量 |\n本年增/减 |\n处理决定数量 |\n行政许可 |\n{}\n"
    "三、收到和处理政府信息公开申请情况\n"
)


@given(figure, figure, figure, st.sampled_from(["件", "（件）", "(件)", "(信用中国)", "（单位）"]))
def test_a_figure_fused_with_words_is_read_with_its_unit_or_left_out_never_blank(
    prev: int, change: int, decided: int, unit: str
) -> None:
    # "行政许可 |", "18 |", "-2 |", "16368(件) |": 16368; "90(信用中国) |": left out, said so.
    lines = f"{prev} |\n-{change} |\n{decided}{unit} |"
    reading = read_text(PROACTIVE.format(lines))
    licensing = (reading.report.proactive or {}).get("licensing") if reading.report else None
    if "件" in unit:
        assert licensing == {"prev_items": prev, "change": -change, "decisions": decided}
    else:
        assert licensing is None
        assert any(f.code == "cell_unreadable" and f.where == "proactive.licensing"
                   for f in reading.findings)  # fmt: skip


@given(figure, st.integers(1, 10**6), st.sampled_from(["批次", "批", "（批次）"]))
def test_purchases_counted_in_batches_are_read(projects: int, amount: int, unit: str) -> None:
    # "政府集中采购", "", "31批次", "", "709455.9元": 31 purchases (before, "31批次" was taken for
    # a row's name and both cells were dropped).
    text = (
        "二、主动公开政府信息情况\n第二十条第（九）项\n\n信息内容\n\n采购项目数量\n\n采购总金额\n\n"
        f"政府集中采购\n\n{projects}{unit}\n\n{amount}.5元\n\n三、收到和处理政府信息公开申请情况\n"
    )
    reading = read_text(text)
    assert reading.report is not None and reading.report.proactive is not None
    bought = reading.report.proactive["procurement"]
    assert bought == {"projects": projects, "amount_yuan": Decimal(f"{amount}.5")}
