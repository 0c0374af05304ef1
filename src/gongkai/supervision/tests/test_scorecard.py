"""The supervision scorecard: each figure from the records by its rule, the drill-down gives
exactly the records counted, who sees which units, the XLSX and the command."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gongkai.agencies.access import SystemActor
from gongkai.annual_reports.tests.factories import case as make_case
from gongkai.cases.choices import Status
from gongkai.cli import main
from gongkai.conftest import Personas
from gongkai.disputes import actions as dispute_actions
from gongkai.publications import actions as pub_actions
from gongkai.publications.choices import DocumentKind
from gongkai.publications.models import CatalogItem, Domain
from gongkai.publications.tests.factories import draft, publish, published
from gongkai.supervision import scorecard

pytestmark = pytest.mark.django_db
YEAR = 2025
TODAY = dt.date(2026, 6, 1)
D = dt.date


def _records(p: Personas) -> None:
    a = p.agency_a
    make_case(a, D(2025, 3, 3), concluded=D(2025, 3, 20))
    make_case(a, D(2025, 4, 1), concluded=D(2025, 5, 20), served_late=True)
    make_case(a, D(2025, 12, 1))  # received, still open
    make_case(a, D(2024, 12, 1), concluded=D(2025, 1, 5))  # another year
    overdue = make_case(a, D(2026, 3, 2), due_on=D(2026, 3, 30))
    assert overdue.status == Status.OPEN
    make_case(p.agency_b, D(2025, 3, 3), concluded=D(2025, 3, 20))
    # 第二十六条: written 3 March, published 30 June: late. A normative document without 解读.
    published(p.officer_a, p.reviewer_a, a, title="晚发", on=D(2025, 6, 30))
    published(p.officer_a, p.reviewer_a, a, title="规范性文件", kind="normative", on=D(2025, 3, 10))
    domain = Domain.objects.get(agency=None, name="财政预决算")
    for n in (1, 2):
        pub_actions.save_catalog_item(
            actor=p.officer_a, agency=a, domain=domain, number=n, matter=f"事项{n}"
        )
    filed = published(p.officer_a, p.reviewer_a, a, title="预算", on=D(2025, 3, 10))
    item = CatalogItem.objects.get(agency=a, number=1)
    pub_actions.file_under(actor=p.officer_a, publication=filed, item=item)
    case = make_case(a, D(2025, 2, 3), concluded=D(2025, 2, 20))
    for outcome in ("corrected", "upheld"):
        d = dispute_actions.record_dispute(
            actor=p.officer_a,
            case=case,
            kind="review",
            body="区政府",
            filed_on=D(2025, 4, 1),
            today=TODAY,
        )
        dispute_actions.record_decision(
            actor=p.officer_a, dispute=d, outcome=outcome, decided_on=D(2025, 6, 1), today=TODAY
        )


def test_the_figures_follow_their_rules_and_drill_down_to_the_same_records(
    personas: Personas,
) -> None:
    _records(personas)
    cards = {c.agency: c for c in scorecard.compute(SystemActor(), YEAR, today=TODAY)}
    a = cards[personas.agency_a.name]
    assert (a.received, a.answered, a.late_replies) == (4, 3, 1)
    assert a.on_time_rate == round(2 / 3, 4)
    assert a.overdue_open >= 1  # the 2026 case past its date (and the reopened one, if any)
    assert (a.late_publications, a.missing_interpretations) == (1, 1)
    assert (a.catalog_items, a.catalog_empty, a.catalog_coverage) == (2, 1, 0.5)
    assert (a.disputes, a.disputes_decided, a.corrected, a.corrected_rate) == (2, 2, 1, 0.5)
    assert (a.report_state, a.report_deadline, a.report_late) == ("none", "2026-01-31", True)
    b = cards[personas.agency_b.name]
    assert (b.received, b.on_time_rate, b.catalog_coverage, b.corrected_rate) == (
        1,
        1.0,
        None,
        None,
    )
    for metric in scorecard.METRICS:
        count = scorecard.members(personas.agency_a, YEAR, metric, today=TODAY).count()
        assert count == getattr(a, metric), metric


def test_only_a_published_interpretation_explains_a_normative_document(
    personas: Personas,
) -> None:
    p = personas
    a = p.agency_a
    policy = published(
        p.officer_a, p.reviewer_a, a, title="规范性文件", kind="normative", on=D(2025, 3, 10)
    )
    interpretation = draft(
        p.officer_a, a, title="解读", kind=DocumentKind.INTERPRETATION, interprets=policy
    )

    def missing() -> tuple[int, list[int]]:
        card = {c.agency: c for c in scorecard.compute(SystemActor(), YEAR, today=TODAY)}
        members = scorecard.members(a, YEAR, "missing_interpretations", today=TODAY)
        return card[a.name].missing_interpretations, [m.pk for m in members]

    assert missing() == (1, [policy.pk])  # a draft 解读 is not yet the public's
    publish(p.officer_a, p.reviewer_a, interpretation, on=D(2025, 3, 10))
    assert missing() == (0, [])


def test_heads_see_their_unit_supervisors_the_units_below_officers_nothing(
    personas: Personas,
) -> None:
    p = personas
    assert [c.agency for c in scorecard.compute(p.head_a, YEAR)] == [p.agency_a.name]
    assert {c.agency for c in scorecard.compute(p.supervisor, YEAR)} == {
        p.agency_a.name,
        p.county_a.name,
    }
    assert scorecard.compute(p.officer_a, YEAR) == []
    assert scorecard.compute(p.supervisor, YEAR, agencies=[p.agency_b]) == []


def test_the_xlsx_has_a_row_per_unit_with_the_official_headers(personas: Personas) -> None:
    _records(personas)
    cards = scorecard.compute(SystemActor(), YEAR, today=TODAY)
    sheet = load_workbook(io.BytesIO(scorecard.to_xlsx(cards, YEAR))).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "单位" and "年度报告应发布日期" in rows[0]
    assert len(rows) == len(cards) + 1


def test_the_command_prints_a_json_array_and_writes_xlsx(
    personas: Personas, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _records(personas)
    assert main(["supervision", "scorecard", "--year", "2025", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, list) and len(data) >= 5
    keys = {
        "agency", "received", "answered", "on_time_rate", "overdue_open", "late_publications",
        "late_interpretations", "catalog_coverage", "corrected_rate", "report_state",
    }  # fmt: skip
    assert all(keys <= set(row) for row in data)
    agency = personas.agency_a.name
    assert main(["supervision", "scorecard", "--agency", agency, "--year", "2025"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [row["agency"] for row in data] == [agency] and data[0]["received"] == 4
    out = tmp_path / "card.xlsx"
    args = ["supervision", "scorecard", "--year", "2025", "--format", "xlsx", "-o", str(out)]
    assert main(args) == 0
    assert out.read_bytes().startswith(b"PK")
    assert main(["supervision", "scorecard", "--agency", "无此单位", "--year", "2025"]) == 2
    assert "no such agency" in capsys.readouterr().err


def test_the_report_figure_follows_article_49_as_the_submitted_view_does(
    personas: Personas,
) -> None:
    """An imported published report (no publishing date here) is on time in both places."""
    from gongkai.annual_reports.choices import Source
    from gongkai.annual_reports.choices import Status as ReportStatus
    from gongkai.annual_reports.models import AnnualReport
    from gongkai.annual_reports.submissions import submissions

    p = personas
    AnnualReport.objects.create(
        agency=p.agency_a, year=YEAR, format_key="2021", source=Source.IMPORTED,
        status=ReportStatus.PUBLISHED,
    )  # fmt: skip
    AnnualReport.objects.create(agency=p.agency_b, year=YEAR, format_key="2021")  # a draft
    units = [p.agency_a, p.agency_b]
    cards = {
        c.agency_id: c for c in scorecard.compute(SystemActor(), YEAR, agencies=units, today=TODAY)
    }
    states = {s.agency.pk: s.state for s in submissions(units, YEAR, TODAY)}
    assert states == {p.agency_a.pk: "on_time", p.agency_b.pk: "overdue"}
    assert (cards[p.agency_a.pk].report_late, cards[p.agency_b.pk].report_late) == (False, True)
