"""Sections 三 and 四 counted from facts: small worlds with known answers, and properties."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings

from gongkai.core.report import Report, check, has_errors
from gongkai.core.report.compute import (
    APPLICANT_TYPES,
    CarryOverError,
    CaseFact,
    DisputeFact,
    build_report,
    case_rows,
    cell_members,
    compute_applications,
    compute_disputes,
    compute_report,
    dispute_members,
    untracked_carry_over,
)
from gongkai.core.report.formats import APPLICANT_COLUMNS, format_for_year
from gongkai.core.report.model import ReportError
from tests.core.report.facts import case_facts, dispute_facts

D = date
P, C, R, N, L, X = APPLICANT_TYPES  # 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他


def row(*cells: int) -> list[int]:
    """Six applicant cells and their total."""
    return [*cells, sum(cells)]


ZERO = row(0, 0, 0, 0, 0, 0)


def nonzero(apps: dict[str, list[int | Decimal | None]]) -> dict[str, list[int | Decimal | None]]:
    return {k: v for k, v in apps.items() if any(v)}


# -- a small world ----------------------------------------------------------------------------

WORLD = [
    # received and concluded in 2022
    CaseFact(D(2022, 3, 1), P, D(2022, 3, 20), "3.1", id="a"),
    CaseFact(D(2022, 5, 9), P, D(2022, 6, 1), "3.2", id="b"),
    CaseFact(D(2022, 7, 1), C, D(2022, 7, 30), "3.4.1", id="c"),
    # 一事一申请: one letter split into two applications, two outcomes
    CaseFact(D(2022, 8, 2), L, D(2022, 8, 25), "3.1", id="d1"),
    CaseFact(D(2022, 8, 2), L, D(2022, 8, 25), "3.3.6", id="d2"),
    # received in December, concluded in January
    CaseFact(D(2022, 12, 28), P, D(2023, 1, 10), "3.5.1", id="e"),
    # received in 2021, concluded in 2022
    CaseFact(D(2021, 12, 1), X, D(2022, 1, 5), "3.6.1", id="f"),
    # still open at the end of 2022 and of 2023
    CaseFact(D(2022, 11, 30), R, id="g"),
    # concluded in 2021 and reopened in 2022 after a 复议 correction: its first conclusion counts
    CaseFact(D(2021, 4, 1), N, D(2021, 4, 20), "3.3.4", id="h"),
    # outside the years looked at
    CaseFact(D(2020, 1, 1), P, D(2020, 2, 1), "3.1", id="old"),
    CaseFact(D(2024, 1, 2), P, id="new"),
]


def test_it_counts_every_cell_of_a_small_world() -> None:
    apps = compute_applications(WORLD, 2022)
    assert nonzero(apps) == {
        "1": row(3, 1, 1, 0, 2, 0),  # a b e | c | g | d1 d2
        "2": row(0, 0, 0, 0, 0, 1),  # f
        "3.1": row(1, 0, 0, 0, 1, 0),  # a d1
        "3.2": row(1, 0, 0, 0, 0, 0),  # b
        "3.3.6": row(0, 0, 0, 0, 1, 0),  # d2
        "3.4.1": row(0, 1, 0, 0, 0, 0),  # c
        "3.6.1": row(0, 0, 0, 0, 0, 1),  # f
        "3.7": row(2, 1, 0, 0, 2, 1),
        "4": row(1, 0, 1, 0, 0, 0),  # e g
    }
    assert set(apps) == set(format_for_year(2022).application_keys)


def test_a_case_received_in_december_and_concluded_in_january_counts_in_both_years() -> None:
    case = WORLD[5]
    assert case_rows(case, 2022) == ("1", "4")
    assert case_rows(case, 2023) == ("2", "3.5.1", "3.7")
    assert case_rows(case, 2024) == ()


def test_a_reopened_case_counts_once_in_the_year_of_its_first_conclusion() -> None:
    reopened = WORLD[8]
    assert case_rows(reopened, 2021) == ("1", "3.3.4", "3.7")
    assert case_rows(reopened, 2022) == ()
    assert "h" not in cell_members(WORLD, 2022, "1", "total")


def test_the_next_year_carries_over_exactly_what_this_year_carried_forward() -> None:
    this, following = compute_applications(WORLD, 2022), compute_applications(WORLD, 2023)
    assert following["2"] == this["4"] == row(1, 0, 1, 0, 0, 0)
    assert nonzero(following) == {  # nothing new in 2023
        "2": row(1, 0, 1, 0, 0, 0),  # e g
        "3.5.1": row(1, 0, 0, 0, 0, 0),  # e
        "3.7": row(1, 0, 0, 0, 0, 0),
        "4": row(0, 0, 1, 0, 0, 0),  # g
    }


def test_a_2019_format_year_counts_the_other_handling_outcomes_in_row_3_6() -> None:
    facts = [
        CaseFact(D(2020, 3, 1), P, D(2020, 3, 9), "3.6.2"),
        CaseFact(D(2020, 3, 1), C, D(2020, 3, 9), "3.6.3"),
    ]
    apps = compute_applications(facts, 2020)
    assert apps["3.6"] == row(1, 1, 0, 0, 0, 0)
    assert "3.6.1" not in apps
    assert compute_applications(facts, 2020, fmt="2021")["3.6.2"] == row(1, 0, 0, 0, 0, 0)


def test_cell_members_names_the_cases_behind_a_cell() -> None:
    assert cell_members(WORLD, 2022, "1", "自然人") == ["a", "b", "e"]
    assert cell_members(WORLD, 2022, "1", "legal_services") == ["d1", "d2"]
    assert cell_members(WORLD, 2022, "3.1", "total") == ["a", "d1"]
    assert cell_members(WORLD, 2022, "4", 6) == ["e", "g"]
    assert cell_members(WORLD, 2023, "2", "total") == ["e", "g"]
    with pytest.raises(KeyError):
        cell_members(WORLD, 2022, "3.6", "total")  # a 2019-format row
    with pytest.raises(KeyError):
        cell_members(WORLD, 2022, "1", "法人")


def test_facts_that_cannot_be_true_are_refused() -> None:
    with pytest.raises(ValueError, match="applicant type"):
        CaseFact(D(2022, 1, 1), "企业")
    with pytest.raises(ValueError, match="outcome"):
        CaseFact(D(2022, 1, 1), P, D(2022, 1, 2))
    with pytest.raises(ValueError, match="unknown outcome"):
        CaseFact(D(2022, 1, 1), P, D(2022, 1, 2), "3.6")
    with pytest.raises(ValueError, match="before"):
        CaseFact(D(2022, 1, 5), P, D(2022, 1, 2), "3.1")
    with pytest.raises(ValueError):
        DisputeFact("review", D(2022, 1, 5), D(2022, 2, 1))
    with pytest.raises(ValueError):
        DisputeFact("appeal", D(2022, 1, 5))  # type: ignore[arg-type]


# -- migration: last year's published report gives row 2 ---------------------------------------

PUBLISHED_ROW_4 = [3, 1, None, 0, 0, 0, 4]


def test_the_first_platform_year_carries_over_the_published_row_4() -> None:
    entered = [  # two of the three natural persons' open applications were entered to finish them
        CaseFact(D(2021, 12, 20), P, D(2022, 1, 15), "3.1", id="x"),
        CaseFact(D(2021, 12, 22), P, id="y"),
        CaseFact(D(2022, 2, 1), C, D(2022, 2, 9), "3.2", id="z"),
    ]
    apps = compute_applications(entered, 2022, carried_over=PUBLISHED_ROW_4)
    assert apps["2"] == row(3, 1, 0, 0, 0, 0)
    assert untracked_carry_over(entered, 2022, PUBLISHED_ROW_4) == row(1, 1, 0, 0, 0, 0)
    # the untracked ones have no record of being concluded: they stay open
    assert apps["4"] == row(2, 1, 0, 0, 0, 0)
    assert apps["3.7"] == row(1, 1, 0, 0, 0, 0)
    imported = Report("某县统计局", 2021, "2021", applications={"4": list(PUBLISHED_ROW_4)})
    report = build_report("某县统计局", 2022, applications=apps)
    assert not has_errors(check(report, imported))
    assert cell_members(entered, 2022, "2", "total") == ["x", "y"]


def test_more_open_cases_on_record_than_the_published_carry_over_is_an_error() -> None:
    entered = [CaseFact(D(2021, 12, 20), C, id=i) for i in range(2)]
    with pytest.raises(CarryOverError) as caught:
        compute_applications(entered, 2022, carried_over=PUBLISHED_ROW_4)
    assert (caught.value.column, caught.value.known, caught.value.published) == ("商业企业", 2, 1)


def test_a_carry_over_of_the_wrong_width_is_refused() -> None:
    with pytest.raises(ValueError, match="6 or 7"):
        compute_applications([], 2022, carried_over=[1, 2])


# -- section 四 ---------------------------------------------------------------------------------

DISPUTES = [
    DisputeFact("review", D(2022, 2, 1), D(2022, 4, 1), "upheld", id="r1"),
    DisputeFact("review", D(2022, 3, 1), D(2022, 5, 1), "corrected", id="r2"),
    DisputeFact("review", D(2022, 11, 1), D(2023, 1, 20), "upheld", id="r3"),  # pending in 2022
    # filed in 2021, decided in 2022: pending in 2021's report, not counted in 2022's
    DisputeFact("review", D(2021, 11, 1), D(2022, 1, 20), "other", id="r0"),
    DisputeFact("litigation_direct", D(2022, 6, 1), id="l1"),
    DisputeFact("litigation_after_review", D(2022, 6, 1), D(2022, 9, 1), "other", id="l2"),
]


def test_disputes_count_in_the_year_of_filing_with_undecided_ones_pending() -> None:
    assert compute_disputes(DISPUTES, 2022) == {
        "review": [1, 1, 0, 1, 3],
        "litigation_direct": [0, 0, 0, 1, 1],
        "litigation_after_review": [0, 0, 1, 0, 1],
    }
    assert compute_disputes(DISPUTES, 2021)["review"] == [0, 0, 0, 1, 1]
    assert compute_disputes(DISPUTES, 2023)["review"] == [0, 0, 0, 0, 0]
    assert dispute_members(DISPUTES, 2022, "review", "pending") == ["r3"]
    assert dispute_members(DISPUTES, 2022, "review", "total") == ["r1", "r2", "r3"]


# -- the whole report ---------------------------------------------------------------------------


def test_a_computed_report_is_valid_and_passes_every_check() -> None:
    report = compute_report(
        "某县统计局",
        2022,
        WORLD,
        DISPUTES,
        proactive={
            "rules": {"issued": 0, "repealed": 0, "in_force": 0},
            "fees": {"amount_wan_yuan": 1.25},
        },
        narrative={"一": "……"},
    )
    assert report.format == "2021"
    assert report.proactive is not None
    assert report.proactive["fees"] == {"amount_wan_yuan": Decimal("1.25")}
    assert report.proactive["licensing"] == {"decisions": None}  # not given: blank
    assert report.extra["narrative"] == {"一": "……"}
    assert {f.code for f in check(report)} == {"cells.blank"}
    again = Report.from_json(report.to_json())
    assert again == report


def test_build_report_refuses_figures_the_format_has_no_place_for() -> None:
    with pytest.raises(KeyError):
        build_report("某局", 2022, proactive={"procurement": {"projects": 1}})
    with pytest.raises(KeyError):
        build_report("某局", 2020, proactive={"rules": {"issued": 1}})
    with pytest.raises(ValueError, match="negative"):
        build_report("某局", 2022, proactive={"penalty": {"decisions": -1}})
    assert build_report("某局", 2020, proactive={"fees": {"change": -2}}).proactive is not None
    rows = compute_applications([], 2022)
    with pytest.raises(ReportError):
        build_report("某局", 2022, applications={**rows, "1": [1, 2, 3]})
    with pytest.raises(ValueError, match="missing"):
        build_report("某局", 2022, applications={"1": row(1, 0, 0, 0, 0, 0)})
    with pytest.raises(ValueError, match="missing"):
        build_report("某局", 2022, applications=compute_applications([], 2020))  # 3.6


def test_an_empty_year_gives_a_report_of_zeros() -> None:
    report = build_report("某局", 2019)
    assert report.applications is not None and report.disputes is not None
    assert all(cells == ZERO for cells in report.applications.values())
    assert report.applications.keys() == set(format_for_year(2019).application_keys)
    assert not has_errors(check(report))


# -- properties ---------------------------------------------------------------------------------

YEARS = range(2019, 2025)
SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large]


@settings(max_examples=150, suppress_health_check=SLOW_OK, deadline=None)
@given(case_facts(), dispute_facts())
def test_any_records_give_reports_that_pass_every_check_year_after_year(
    cases: list[CaseFact], disputes: list[DisputeFact]
) -> None:
    previous = None
    for year in YEARS:
        report = compute_report("某县统计局", year, cases, disputes)
        findings = [f for f in check(report, previous) if f.code != "cells.blank"]
        assert [f for f in findings if f.level == "error"] == []
        assert all(f.code == "yoy.jump" for f in findings)
        assert not [f for f in check(report) if f.where.startswith(("applications", "disputes"))]
        previous = report


@settings(max_examples=60, suppress_health_check=SLOW_OK, deadline=None)
@given(case_facts())
def test_every_cell_counts_exactly_its_drill_down_members(cases: list[CaseFact]) -> None:
    for year in (2020, 2022):
        apps = compute_applications(cases, year)
        for key, cells in apps.items():
            for index, column in enumerate(APPLICANT_COLUMNS):
                members = cell_members(cases, year, key, column.key)
                assert len(members) == cells[index], (year, key, column.key)
                assert len(set(members)) == len(members)


@settings(max_examples=60, suppress_health_check=SLOW_OK, deadline=None)
@given(case_facts())
def test_carrying_over_a_computed_row_4_changes_nothing(cases: list[CaseFact]) -> None:
    last = compute_applications(cases, 2021)
    assert compute_applications(cases, 2022, carried_over=last["4"]) == compute_applications(
        cases, 2022
    )


def test_drill_down_and_figures_refuse_what_they_cannot_place() -> None:
    with pytest.raises(IndexError):
        cell_members(WORLD, 2022, "1", 7)
    with pytest.raises(ValueError, match="id"):
        cell_members([CaseFact(D(2022, 1, 1), P)], 2022, "1", "total")
    with pytest.raises(KeyError):
        dispute_members(DISPUTES, 2022, "review", "won")
    with pytest.raises(ValueError, match="id"):
        dispute_members([DisputeFact("review", D(2022, 1, 1))], 2022, "review", "total")
    with pytest.raises(ValueError, match="counts"):
        compute_applications([], 2022, carried_over=[1, 0, 0, 0, 0, -1])
    with pytest.raises(ValueError, match="count"):
        build_report("某局", 2022, proactive={"licensing": {"decisions": Decimal("1.5")}})
    report = build_report(
        "某局",
        2022,
        proactive={"licensing": {"decisions": Decimal("3")}, "fees": {"amount_wan_yuan": 0.1}},
    )
    assert report.proactive is not None
    assert report.proactive["licensing"]["decisions"] == 3
    assert report.proactive["fees"]["amount_wan_yuan"] == Decimal("0.1")
