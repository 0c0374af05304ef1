"""A report printing no reporting year, its sentences naming none, whose cited documents name
one ("落实《2023年…工作要点》"): that year, said to be a guess."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.reader import read_text
from gongkai.core.reader.meta import find_year

_OPENING = "东城区教育委员会政府信息公开工作年度报告\n一、总体情况\n"
_BARE_GUESS = "未找到报告年度，推定为{}年度"
_CITED_GUESS = "未找到报告年度，按正文所引文件名称中最多的年份推定为{}年度"


def _cited(year: int) -> str:
    return f"落实《{year}年东城区政务公开工作要点》，发布《{year}年重大行政决策目录》。\n"


def _guessed(text: str) -> tuple[int, list[str]]:
    reading = read_text(text)
    assert reading.report is not None
    return reading.report.year, [f.message for f in reading.findings if f.code == "year_guessed"]


@given(st.integers(2021, 2030), st.integers(0, 3), st.integers(0, 5))
def test_the_year_the_cited_documents_name_most_is_the_guess(
    year: int, times: int, later: int
) -> None:
    # (the year's own work plan cited, and next year's: "制定《2024年…计划》")
    text = _OPENING + _cited(year) * times + f"制定《{year + 1}年工作计划》。\n" * later
    assert find_year(text) is None
    guessed, said = _guessed(text)
    counts = {year: 2 * times, year + 1: later}
    if counts[year] == counts[year + 1]:
        assert said == [_BARE_GUESS.format(guessed)]  # (a tie, or none, decides nothing)
    else:
        most = max(counts, key=counts.__getitem__)
        assert (guessed, said) == (most, [_CITED_GUESS.format(most)])


@given(st.integers(2021, 2030))
def test_a_cited_year_is_not_taken_against_the_tables_form(year: int) -> None:
    # The 2019 form (its header "制作数量", its row "其他对外管理服务事项") is in force for
    # 2019–2020 only: a later year its citations name is no guess for its tables' report.
    table = (
        "二、主动公开政府信息情况\n"
        "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n"
        "| 其他对外管理服务事项 | 1 | 2 |\n"
    )
    reading = read_text(_OPENING + _cited(year) + table)
    assert reading.report is not None and reading.report.format == "2019"
    assert reading.report.year == 2020  # (the year the 2019 form implies)
    assert _guessed(_OPENING + _cited(year))[0] == year  # (no tables: the citations' year)


def test_a_cited_year_before_the_forms_is_no_guess() -> None:
    # A guess never makes a report's tables its own making (that takes a printed year before
    # the 2019 form).
    guessed, said = _guessed(_OPENING + _cited(2015))
    assert guessed >= 2019
    assert said == [_BARE_GUESS.format(guessed)]
