"""The one place the publication deadline is computed (条例第四十九条; 乡镇 / 街道 a setting),
and the prose of an imported published report kept by section (never an empty 一)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.agencies.choices import AgencyKind
from gongkai.agencies.tests.factories import make_agency
from gongkai.annual_reports import actions, queries
from gongkai.annual_reports.tests.test_workflow import _prior_2023
from gongkai.conftest import Personas
from gongkai.core.report import narrative
from gongkai.core.report.checks import check
from gongkai.core.report.render import render

pytestmark = pytest.mark.django_db
D = dt.date


def test_the_deadline_by_kind_and_the_township_setting(
    personas: Personas, settings: object
) -> None:
    p = personas
    town = make_agency("温州市瓯海区娄桥街道办事处", AgencyKind.TOWNSHIP, p.county_a)
    assert queries.deadline(p.agency_a, 2025) == D(2026, 1, 31)  # 部门
    assert queries.deadline(p.county_a, 2025) == D(2026, 3, 31)  # 县级人民政府
    assert queries.deadline(town, 2025) == D(2026, 3, 31)  # default: the governments' date
    settings.GONGKAI_TOWNSHIP_REPORT_DEADLINE = "01-31"  # type: ignore[attr-defined]
    assert queries.deadline(town, 2025) == D(2026, 1, 31)
    assert queries.deadline(p.county_a, 2025) == D(2026, 3, 31)  # governments unchanged
    # The reminders read the same function: a township is due in January now.
    due = {r.agency.pk: r.deadline for r in queries.reports_due(D(2026, 1, 20))}
    assert due[town.pk] == D(2026, 1, 31) and p.county_a.pk not in due


def test_an_imported_text_keeps_its_prose_by_section(personas: Personas) -> None:
    prior = _prior_2023()
    prose = narrative.Draft(
        opening="本报告依据条例编制。",
        overview="（一）主动公开\n本年度主动公开政府信息120条。",
        problems="（一）存在的主要问题\n公开不够及时。",
        other="本年度未收取信息处理费。",
    )
    text = narrative.document_text(prior, prose)
    record = actions.import_prior_year(
        actor=personas.officer_b, agency=personas.agency_b, text=text
    )
    texts = record.report().extra["narrative"]
    assert texts["一"] == prose.overview
    assert texts["五"] == prose.problems and texts["六"] == prose.other
    assert texts["opening"] == prose.opening


def test_an_import_without_prose_marks_each_section_as_imported(personas: Personas) -> None:
    html = render(_prior_2023(), "html").decode("utf-8")
    record = actions.import_prior_year(
        actor=personas.officer_b, agency=personas.agency_b, text=html
    )
    texts = record.report().extra["narrative"]
    for section in ("一", "五", "六"):
        assert texts[section].strip(), section  # never empty
    assert texts["一"] == narrative.IMPORTED_MISSING


def test_an_imported_texts_cell_the_text_does_not_decide_is_said_so_in_chinese(
    personas: Personas,
) -> None:
    # "5?" where 予以公开's 自然人 figure stands: the reader leaves the cell blank and says why;
    # the record keeps that beside the checks (which see a blank cell and a total that the
    # row's cells no longer make), so the officer learns the blank is the reading's, not the
    # publisher's.
    printed = render(_prior_2023(), "md").decode("utf-8")
    text = printed.replace("| （一）予以公开 | 5 |", "| （一）予以公开 | 5? |")
    assert text != printed
    record = actions.import_prior_year(
        actor=personas.officer_b, agency=personas.agency_b, text=text
    )
    record.refresh_from_db()
    applications = record.report().applications
    assert applications is not None and applications["3.1"] == [None, 0, 0, 0, 0, 0, 5]
    said = [f for f in record.findings if f["code"] == "cell_unreadable"]
    assert said == [
        {
            "code": "cell_unreadable",
            "level": "warning",
            "where": "applications.3.1.natural_person",
            "expected": None,
            "actual": "5?",
            "message": "“（一）予以公开”行“自然人”列：“5?”不是数字，留空",
            "message_en": "applications.3.1.natural_person: not a number",
        }
    ]
    codes = [f["code"] for f in record.findings]
    assert codes.index("cell_unreadable") < codes.index("cells.blank")  # the reason first
    # A JSON import is no reading: the checks' findings alone.
    imported = actions.import_prior_year(
        actor=personas.officer_a, agency=personas.agency_a, json=_prior_2023().to_json()
    )
    assert imported.findings == [f.to_dict() for f in check(_prior_2023())]


def test_the_office_a_report_is_submitted_to(personas: Personas) -> None:
    from gongkai.annual_reports import submissions

    p = personas
    town = make_agency("温州市瓯海区娄桥街道办事处", AgencyKind.TOWNSHIP, p.county_a)
    units = [p.city, p.county_a, p.agency_a, town]
    rows = {r.agency.pk: r for r in submissions.submissions(units, 2025, D(2026, 2, 15))}
    for unit in units:
        assert rows[unit.pk].office == submissions.supervising_office(unit)
    assert rows[p.city.pk].office is None  # the top of the tree
    assert rows[p.agency_a.pk].office == p.county_a and rows[town.pk].office == p.county_a
    assert rows[p.county_a.pk].office == p.city
    # 15 February: the department is overdue (31 January), the governments not yet due.
    assert rows[p.agency_a.pk].state == "overdue" and rows[town.pk].state == "not_due"
