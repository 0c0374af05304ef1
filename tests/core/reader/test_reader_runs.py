"""split_run on its own: every reading with blanks is weighed, the true one is never lost."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.reader import read_text
from gongkai.core.reader.runs import split_run
from gongkai.core.report.formats import FORMATS

KINDS = ["int"] * 7
TOTALS = ((0, 6),)


def _printed(cells: list[int | None]) -> str:
    return "".join(str(c) for c in cells if c is not None)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.integers(0, 400)), min_size=6, max_size=6),
    st.booleans(),
)
def test_the_true_reading_is_always_among_the_readings(
    parts: list[int | None], blank_total: bool
) -> None:
    total = sum(p or 0 for p in parts)
    cells = [*parts, None if blank_total and total == 0 else total]
    readings: list[tuple[str | None, ...]] = []
    found = split_run(_printed(cells), KINDS, TOTALS, readings=readings)
    assert found is not None
    truth = tuple(None if c is None else str(c) for c in cells)
    if readings:
        assert truth in readings
    for c, options in enumerate(found):
        assert (None if cells[c] is None else str(cells[c])) in {
            None if o is None else o[0] for o in options
        }


def test_a_zero_beside_a_blank_is_undecided_and_zeros_after_the_sum_are_kept() -> None:
    # 5 0 0 … 5: the zeros may stand in any two of the five columns after the 5.
    found = split_run("5005", KINDS, TOTALS)
    assert found is not None
    assert found[0] == {("5", 0), None} or None in found[1]
    assert found[6] == {("5", 3)}
    # Seven zeros: one to a column, no room for a blank.
    found = split_run("0000000", KINDS, TOTALS)
    assert found is not None and all(f == {("0", i)} for i, f in enumerate(found))
    # A total the digits cannot add up to (mod 9) has no reading.
    assert split_run("12349", KINDS, TOTALS) is None


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.integers(0, 400)), min_size=6, max_size=6),
    st.lists(st.booleans(), min_size=6, max_size=6),
)
def test_a_blank_between_figures_run_together_ends_a_cell(
    parts: list[int | None], spaced: list[bool]
) -> None:
    # "200 000121" (20 | 0 | 0 0 0 1 21): a web archive keeping some of a page's blanks, each
    # between two cells. The true reading stays among the readings, none runs a figure across
    # a blank, and offsets point into the text as printed.
    cells = [*parts, sum(p or 0 for p in parts)]
    printed = [str(c) for c in cells if c is not None]
    text = printed[0] + "".join(
        (" " if apart else "") + figure for apart, figure in zip(spaced, printed[1:], strict=False)
    )
    readings: list[tuple[str | None, ...]] = []
    found = split_run(text, KINDS, TOTALS, readings=readings)
    assert found is not None
    if readings:
        assert tuple(None if c is None else str(c) for c in cells) in readings
    for options in found:
        for option in options:
            if option is not None:
                figure, at = option
                assert text[at : at + len(figure)] == figure  # (no blank inside)
    if all(spaced[: len(printed) - 1]) and len(printed) == 7:
        # (a blank between every two cells: one reading)
        assert [{option} for option in _offsets(text)] == found


def _offsets(text: str) -> list[tuple[str, int]]:
    out, at = [], 0
    for figure in text.split(" "):
        out.append((figure, at))
        at += len(figure) + 1
    return out


def test_rows_run_together_with_some_blanks_kept_are_read_as_runs() -> None:
    # A web archive's page (hunt 152): labels glued to figures, a blank kept here and there
    # ("一、本年新收政府信息公开申请数量200 000121", "四、结转下年度继续办理 0 0 00 00 0"), a
    # short row of a table run together ("其他对外管理服务事项 1325 -1871589": 1325 | -187 |
    # 1589, not a change of -1871589).
    printed = {"1": "200 000121", "3.1": "20 0 00 0 121", "3.7": "200 0001 21", "4": " 0 0 00 00 0"}
    lines = [
        "二、主动公开政府信息情况 第二十条第（五）项",
        "信息内容 上一年项目数量 本年增/减 处理决定数量",
        "行政许可396442278",
        "其他对外管理服务事项 1325 -1871589",
        "三、收到和处理政府信息公开申请情况",
    ]
    for line in FORMATS["2021"].application_lines:
        lines.append(line.label + (printed.get(line.key, "0000000") if line.key else ""))
    reading = read_text("\n".join(lines) + "\n")
    assert reading.report is not None and reading.report.applications is not None
    for key in ("1", "3.1", "3.7"):
        assert reading.report.applications[key] == [20, 0, 0, 0, 0, 1, 21], key
    assert reading.report.applications["4"] == [0] * 7
    assert reading.report.proactive is not None
    assert reading.report.proactive["other_services"]["change"] != -1871589
    start, end = reading.spans["applications.1.total"]
    assert reading.text[start:end] == "21"
