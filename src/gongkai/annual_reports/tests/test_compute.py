"""The report computed from a small world with known answers: every cell (annual-report.md).

agency A (瓯海区财政局) over two years, format 2021:

    #  received     type       first concluded       2023          2024
    1  2023-03-01   自然人      2023-03-20 3.1         1, 3.1        —
    2  2023-05-01   商业企业    2023-06-01 3.2         1, 3.2        —
    3  2023-12-20   自然人      2024-01-10 3.4.1       1, 4          2, 3.4.1 (January)
    4  2023-11-01   科研机构    open                   1, 4          2, 4
    5  2024-02-01   法律服务机构 2024-02-20 3.3.4       —             1, 3.3.4
    6  2024-03-01   自然人      split into 6a, 6b: the original counts nowhere
    6a              自然人      2024-03-10 3.1         —             1, 3.1
    6b              自然人      2024-04-01 3.5.2       —             1, 3.5.2
    7  2024-04-01   自然人      2024-04-20 3.3.1, corrected on review, reopened, decided again 3.1
                                                                     1, 3.3.1   (first conclusion)
    8  2024-12-30   其他        open                   —             1, 4
    9  2022-06-01   社会公益组织 2022-07-01 3.1         —             —
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from gongkai.agencies.tests.factories import SYSTEM
from gongkai.annual_reports import queries
from gongkai.annual_reports.tests.factories import case
from gongkai.cases import actions as case_actions
from gongkai.cases.choices import Status as CaseStatus
from gongkai.cases.models import Case
from gongkai.conftest import Personas
from gongkai.core.report.checks import check
from gongkai.core.report.formats import get_format
from gongkai.core.report.model import Report
from gongkai.core.report.rollup import rollup
from gongkai.disputes import actions as dispute_actions
from gongkai.publications.models import Article20Figures

D = dt.date
TODAY = D(2026, 6, 1)
COLUMNS = ("natural", "business", "research", "nonprofit", "legal", "other")


def expected(fmt: str = "2021", **given: dict[str, int]) -> dict[str, list[int]]:
    """Every row at zero but the given ones (``r3_4_1={"natural": 1}``), 总计 added."""
    out = {}
    for key in get_format(fmt).application_keys:
        counts = given.get("r" + key.replace(".", "_"), {})
        cells = [counts.get(c, 0) for c in COLUMNS]
        out[key] = [*cells, sum(cells)]
    return out


class World:
    def __init__(self, personas: Personas) -> None:
        a = personas.agency_a
        self.personas = personas
        self.c1 = case(a, D(2023, 3, 1), concluded=D(2023, 3, 20), outcome="3.1")
        self.c2 = case(a, D(2023, 5, 1), "business", concluded=D(2023, 6, 1), outcome="3.2")
        self.c3 = case(a, D(2023, 12, 20), concluded=D(2024, 1, 10), outcome="3.4.1")
        self.c4 = case(a, D(2023, 11, 1), "research")
        self.c5 = case(a, D(2024, 2, 1), "legal", concluded=D(2024, 2, 20), outcome="3.3.4")
        original = case(a, D(2024, 3, 1))
        self.c6a, self.c6b = case_actions.split(
            actor=SYSTEM, case=original, descriptions=["预算", "决算"], today=D(2024, 3, 2)
        )
        self.c6 = Case.objects.get(pk=original.pk)
        _conclude(self.c6a, D(2024, 3, 10), "3.1")
        _conclude(self.c6b, D(2024, 4, 1), "3.5.2")
        self.c7 = case(a, D(2024, 4, 1), concluded=D(2024, 4, 20), outcome="3.3.1")
        self.review = dispute_actions.record_dispute(
            actor=personas.officer_a,
            case=self.c7,
            kind="review",
            body="温州市瓯海区人民政府",
            filed_on=D(2024, 5, 1),
            today=TODAY,
        )
        dispute_actions.record_decision(
            actor=personas.officer_a,
            dispute=self.review,
            outcome="corrected",
            decided_on=D(2024, 6, 1),
            today=TODAY,
        )
        _conclude(self.c7, D(2024, 7, 1), "3.1")  # the new decision after the correction
        self.c8 = case(a, D(2024, 12, 30), "other")
        self.c9 = case(a, D(2022, 6, 1), "nonprofit", concluded=D(2022, 7, 1), outcome="3.1")
        self.suit = dispute_actions.record_dispute(
            actor=personas.officer_a,
            case=self.c5,
            kind="litigation_direct",
            body="温州市瓯海区人民法院",
            filed_on=D(2024, 11, 1),
            today=TODAY,
        )
        Article20Figures.objects.create(
            agency=a,
            year=2024,
            licensing=12,
            penalties=3,
            enforcement=1,
            fees=Decimal("1.5"),
            entered_by_label="test",
        )


def _conclude(c: Case, on: dt.date, outcome: str) -> None:
    """A conclusion as ``cases.actions`` records it (the first one is kept for the report)."""
    c.refresh_from_db()
    c.status = CaseStatus.SERVED
    c.outcome = outcome
    c.concluded_on = on
    if c.first_concluded_on is None:
        c.first_concluded_on, c.first_outcome = on, outcome
    c.save()


YEAR_2023 = expected(
    r1={"natural": 2, "business": 1, "research": 1},
    r3_1={"natural": 1},
    r3_2={"business": 1},
    r3_7={"natural": 1, "business": 1},
    r4={"natural": 1, "research": 1},
)
YEAR_2024 = expected(
    r1={"natural": 3, "legal": 1, "other": 1},
    r2={"natural": 1, "research": 1},
    r3_1={"natural": 1},
    r3_3_1={"natural": 1},
    r3_3_4={"legal": 1},
    r3_4_1={"natural": 1},
    r3_5_2={"natural": 1},
    r3_7={"natural": 4, "legal": 1},
    r4={"research": 1, "other": 1},
)


@pytest.fixture
def world(personas: Personas) -> World:
    return World(personas)


def test_every_cell_of_section_three_follows_the_counting_rules(world: World) -> None:
    a = world.personas.agency_a
    assert queries.compute(a, 2023).applications == YEAR_2023
    assert queries.compute(a, 2024).applications == YEAR_2024


def test_the_reopened_case_keeps_its_first_conclusion_and_the_split_original_is_nowhere(
    world: World,
) -> None:
    world.c7.refresh_from_db()
    assert (world.c7.outcome, world.c7.first_outcome, world.c7.reopened_count) == (
        "3.1",
        "3.3.1",
        1,
    )
    assert world.c6.status == CaseStatus.SPLIT
    a = world.personas.agency_a
    assert queries.cell_cases(a, 2024, "3.3.1", "自然人")[0].case_ids == [world.c7.pk]
    every = {
        i
        for key in ("1", "2")
        for u in queries.cell_cases(a, 2024, key, "总计")
        for i in u.case_ids
    }
    assert world.c6.pk not in every
    assert {world.c6a.pk, world.c6b.pk} <= every


def test_a_december_application_concluded_in_january_is_carried_over(world: World) -> None:
    a = world.personas.agency_a
    assert [u.case_ids for u in queries.cell_cases(a, 2023, "4", "natural_person")] == [
        [world.c3.pk]
    ]
    assert [u.case_ids for u in queries.cell_cases(a, 2024, "2", 6)] == [[world.c3.pk, world.c4.pk]]
    assert [u.case_ids for u in queries.cell_cases(a, 2024, "3.4.1", "总计")] == [[world.c3.pk]]


def test_both_years_pass_every_check_including_continuity(world: World) -> None:
    a = world.personas.agency_a
    first, second = queries.compute(a, 2023), queries.compute(a, 2024)
    assert second.applications is not None and first.applications is not None
    assert second.applications["2"] == first.applications["4"]
    findings = check(second, first)
    assert [f.code for f in findings if f.level == "error"] == []
    assert "carry.continuity" not in {f.code for f in findings}


def test_section_four_counts_disputes_by_filing_year_with_pending_ones(world: World) -> None:
    a = world.personas.agency_a
    assert queries.compute(a, 2024).disputes == {
        "review": [0, 1, 0, 0, 1],
        "litigation_direct": [0, 0, 0, 1, 1],
        "litigation_after_review": [0, 0, 0, 0, 0],
    }
    assert queries.compute(a, 2023).disputes == {
        "review": [0, 0, 0, 0, 0],
        "litigation_direct": [0, 0, 0, 0, 0],
        "litigation_after_review": [0, 0, 0, 0, 0],
    }


def test_section_two_takes_the_catalog_and_the_article_20_figures(world: World) -> None:
    a = world.personas.agency_a
    assert queries.compute(a, 2024).proactive == {
        "rules": {"issued": 0, "repealed": 0, "in_force": 0},
        "normative": {"issued": 0, "repealed": 0, "in_force": 0},
        "licensing": {"decisions": 12},
        "penalty": {"decisions": 3},
        "coercion": {"decisions": 1},
        "fees": {"amount_wan_yuan": Decimal("1.5")},
    }
    # Not entered for 2023: blank, and the checks ask for it.
    report = queries.compute(a, 2023)
    assert report.proactive is not None
    assert report.proactive["licensing"] == {"decisions": None}
    assert "cells.blank" in {f.code for f in check(report)}


def test_a_2019_format_year_has_the_2019_rows(personas: Personas) -> None:
    a = personas.agency_a
    case(a, D(2020, 5, 1), concluded=D(2020, 5, 9), outcome="3.6.3")
    report = queries.compute(a, 2020)
    assert report.format == "2019"
    assert report.applications == expected(
        "2019", r1={"natural": 1}, r3_6={"natural": 1}, r3_7={"natural": 1}
    )
    assert report.proactive is not None
    assert report.proactive["rules"] == {"made": 0, "published": 0, "total": 0}
    assert set(report.proactive) == set(get_format("2019").proactive_rows)


def test_the_narrative_is_drafted_from_the_figures_and_the_notes_state_the_rules(
    world: World,
) -> None:
    report = queries.compute(world.personas.agency_a, 2024)
    texts = report.extra["narrative"]
    assert set(texts) == {"opening", "一", "五", "六"}
    assert "5件" in texts["一"]
    assert any("尚未审结" in note for note in report.extra["notes"])
    assert report.extra["computed"]["units"] == [world.personas.agency_a.pk]


def test_a_roll_up_is_the_sum_of_its_units_and_drills_down_to_them(world: World) -> None:
    p = world.personas
    own = case(p.county_a, D(2024, 5, 5), concluded=D(2024, 5, 8), outcome="3.1")
    case(p.agency_b, D(2024, 5, 5))  # another county: not in A's subtree
    units = queries.rollup_units(p.county_a)
    assert units == sorted([p.county_a.pk, p.agency_a.pk])
    total = queries.compute(p.county_a, 2024, units=units)
    parts = [queries.compute(p.county_a, 2024), queries.compute(p.agency_a, 2024)]
    summed = rollup(parts, agency=p.county_a.name)
    assert total.applications == summed.applications
    assert total.disputes == summed.disputes
    assert total.proactive == summed.proactive
    cell = {
        u.agency_id: u.case_ids
        for u in queries.cell_cases(p.county_a, 2024, "3.1", "自然人", units)
    }
    assert cell == {p.county_a.pk: [own.pk], p.agency_a.pk: [world.c6a.pk]}
    counts = {u.agency_id: u.count for u in queries.cell_units(p.county_a, 2024, "3.1", 0, units)}
    assert counts == {p.county_a.pk: 1, p.agency_a.pk: 1}
    row4 = {u.agency_id: u.count for u in queries.cell_units(p.county_a, 2024, "4", "总计", units)}
    assert row4 == {p.agency_a.pk: 2}


def test_the_grouped_section_two_counts_match_the_catalogs_own(personas: Personas) -> None:
    from gongkai.publications.queries import normative_counts

    got = queries.normative_counts_by_unit([personas.agency_a.pk], 2024)
    own = normative_counts(personas.agency_a, 2024)
    for kind, figures in own.items():
        zero = dict.fromkeys(("issued", "repealed", "in_force", "made", "published", "total"), 0)
        mine = got.get(personas.agency_a.pk, {}).get(kind, zero)
        assert mine == dataclasses.asdict(figures)


def test_the_2019_columns_count_made_published_and_total_from_the_catalog(
    personas: Personas,
) -> None:
    from gongkai.publications import actions as pub_actions
    from gongkai.publications.tests.factories import published

    a, officer, reviewer = personas.agency_a, personas.officer_a, personas.reviewer_a
    # Written late in 2019, published in 2020: made in 2019, published in 2020.
    published(officer, reviewer, a, kind="normative", written_on=D(2019, 12, 20), on=D(2020, 1, 6))
    # Written and published in 2020, repealed in 2020: still public, so in the total.
    repealed = published(
        officer, reviewer, a, kind="normative", written_on=D(2020, 3, 2), on=D(2020, 3, 9)
    )
    pub_actions.change_validity(
        actor=officer,
        publication=repealed,
        validity="repealed",
        on=D(2020, 9, 1),
        by_text="瓯海财规〔2020〕9号",
    )
    published(officer, reviewer, a, kind="normative", written_on=D(2018, 5, 2), on=D(2018, 5, 9))
    by_year = {
        year: queries.compute(a, year).proactive["normative"]  # type: ignore[index]
        for year in (2019, 2020)
    }
    assert by_year[2019] == {"made": 1, "published": 0, "total": 1}
    assert by_year[2020] == {"made": 1, "published": 2, "total": 3}
    # The same rows in the catalog's own count, item by item.
    own = normative_counts_of_catalog(a, 2020)
    assert (own.made, own.published, own.total) == (1, 2, 3)


def normative_counts_of_catalog(agency: Any, year: int) -> Any:
    from gongkai.publications.queries import normative_counts

    return normative_counts(agency, year)["normative"]


def test_a_report_reads_back_from_its_json(world: World) -> None:
    report = queries.compute(world.personas.agency_a, 2024)
    assert Report.from_json(report.to_json()).applications == YEAR_2024


def test_the_opening_names_the_agencys_contact_when_it_has_one(personas: Personas) -> None:
    a = personas.agency_a
    a.phone, a.address = "0577-88888888", "温州市瓯海区府东路1号"
    a.save()
    opening = queries.compute(a, 2024).extra["narrative"]["opening"]
    assert (
        "如对本报告有疑问，请与温州市瓯海区财政局（地址：温州市瓯海区府东路1号，电话：0577-88888888"
        in opening
    )
