"""Draft → reviewed → published; the imported first year; the rights of each persona."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from gongkai.agencies.choices import Role
from gongkai.agencies.tests.factories import make_user
from gongkai.annual_reports import access, actions, queries
from gongkai.annual_reports.actions import AnnualReportError
from gongkai.annual_reports.choices import Status
from gongkai.annual_reports.models import AnnualReport, PublishedReportError, ReportFile
from gongkai.annual_reports.tests.factories import case
from gongkai.conftest import Personas
from gongkai.core.report import compute as rc
from gongkai.core.report.checks import check
from gongkai.core.report.formats import get_format
from gongkai.core.report.model import Report
from gongkai.core.report.render import render

D = dt.date
ZERO = [0] * 7


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


def _fill(personas: Personas, report: AnnualReport) -> None:
    """The office writes its own text in place of every placeholder."""
    for section in ("opening", "一", "五", "六"):
        actions.edit_narrative(
            actor=personas.officer_a,
            report=report,
            section=section,
            text=f"{section}：本机关的文字。",
        )


def _published(personas: Personas, year: int) -> AnnualReport:
    report = actions.create_draft(actor=personas.officer_a, agency=personas.agency_a, year=year)
    _fill(personas, report)
    actions.mark_reviewed(actor=personas.reviewer_a, report=report)
    return actions.publish(actor=personas.head_a, report=report)


def test_a_draft_is_reviewed_by_another_person_and_published_by_the_head(
    personas: Personas, media: None
) -> None:
    a = personas.agency_a
    case(a, D(2024, 3, 1), concluded=D(2024, 3, 5), outcome="3.1")
    report = actions.create_draft(actor=personas.officer_a, agency=a, year=2024)
    assert report.status == Status.DRAFT and report.findings is not None
    with pytest.raises(PermissionDenied):
        actions.mark_reviewed(actor=personas.officer_a, report=report)
    actions.mark_reviewed(actor=personas.reviewer_a, report=report)
    with pytest.raises(PermissionDenied):
        actions.publish(actor=personas.reviewer_a, report=report)
    with pytest.raises(AnnualReportError, match="【"):
        actions.publish(actor=personas.head_a, report=report)
    published = actions.publish(actor=personas.head_a, report=report, allow_placeholders=True)
    assert published.status == Status.PUBLISHED and published.published_by == personas.head_a
    kinds = set(ReportFile.objects.filter(report=report).values_list("kind", flat=True))
    assert kinds == {"html", "docx", "pdf", "xlsx", "json", "svg_out", "svg_yoy"}
    chart = ReportFile.objects.get(report=report, kind="svg_out").file.read()
    assert chart.startswith(b"<svg") and "予以公开".encode() in chart
    stored = ReportFile.objects.get(report=report, kind="json")
    assert Report.from_json(stored.file.read()).applications == published.report().applications
    assert [e.kind for e in published.events.all()] == ["drafted", "reviewed", "published"]


def test_the_editor_cannot_review_their_own_report(personas: Personas) -> None:
    both = make_user("both", (personas.agency_a, Role.OFFICER), (personas.agency_a, Role.REVIEWER))
    report = actions.create_draft(actor=both, agency=personas.agency_a, year=2024)
    with pytest.raises(
        AnnualReportError,
        match=_("The report must be reviewed by someone other than its editor."),
    ):
        actions.mark_reviewed(actor=both, report=report)
    actions.mark_reviewed(actor=personas.head_a, report=report)


def test_narrative_edits_are_kept_as_versions_and_survive_a_recompute(personas: Personas) -> None:
    report = actions.create_draft(actor=personas.officer_a, agency=personas.agency_a, year=2024)
    drafted = report.data["narrative"]["五"]
    assert "【" in drafted
    actions.edit_narrative(actor=personas.officer_a, report=report, section="五", text="第一稿")
    actions.edit_narrative(actor=personas.officer_a, report=report, section="五", text="第二稿")
    case(personas.agency_a, D(2024, 3, 1))
    report = actions.recompute(actor=personas.officer_a, report=report)
    assert report.data["narrative"]["五"] == "第二稿"
    assert report.data["applications"]["1"][6] == 1
    versions = list(report.narrative_versions.values_list("section", "number", "text"))
    assert versions == [("五", 1, "第一稿"), ("五", 2, "第二稿")]


def test_a_change_after_review_sends_the_report_back_to_draft(personas: Personas) -> None:
    report = actions.create_draft(actor=personas.officer_a, agency=personas.agency_a, year=2024)
    actions.mark_reviewed(actor=personas.reviewer_a, report=report)
    case(personas.agency_a, D(2024, 3, 1))
    report = actions.recompute(actor=personas.officer_a, report=report)
    assert report.status == Status.DRAFT and report.reviewed_by is None


def test_publishing_freezes_the_numbers_against_later_case_changes(
    personas: Personas, media: None
) -> None:
    a = personas.agency_a
    open_case = case(a, D(2023, 11, 1), "research")
    report = _published(personas, 2023)
    before = report.snapshot
    assert report.data["applications"]["4"][2] == 1
    # A late entry: the open case turns out to have been concluded in 2023.
    open_case.status, open_case.outcome = "served", "3.1"
    open_case.concluded_on = open_case.first_concluded_on = D(2023, 12, 1)
    open_case.first_outcome = "3.1"
    open_case.save()
    report = AnnualReport.objects.get(pk=report.pk)
    assert before is not None
    assert (
        report.snapshot == before
        and report.report().applications == Report.from_dict(before).applications
    )
    with pytest.raises(AnnualReportError):
        actions.recompute(actor=personas.officer_a, report=report)
    with pytest.raises(AnnualReportError):
        actions.edit_narrative(actor=personas.officer_a, report=report, section="一", text="x")
    with pytest.raises(PublishedReportError):
        report.save()
    # The next year carries over the published row 4; the concluded case has no open record,
    # so it stays untracked in row 4 (the office is shown the gap) and continuity holds.
    nxt = queries.compute(a, 2024)
    assert nxt.applications is not None
    assert nxt.applications["2"] == [0, 0, 1, 0, 0, 0, 1]
    assert nxt.extra["computed"]["untracked_carry_over"] == [0, 0, 1, 0, 0, 0, 1]
    assert "carry.continuity" not in {f.code for f in check(nxt, report.report())}


def _prior_2023(agency: str = "温州市鹿城区教育局") -> Report:
    """A published 2023 report: 12 received, 5 concluded 予以公开, 7 carried forward."""
    apps = {key: list(ZERO) for key in get_format("2021").application_keys}
    apps["1"] = [10, 2, 0, 0, 0, 0, 12]
    apps["3.1"] = [5, 0, 0, 0, 0, 0, 5]
    apps["3.7"] = [5, 0, 0, 0, 0, 0, 5]
    apps["4"] = [5, 2, 0, 0, 0, 0, 7]
    return rc.build_report(agency, 2023, applications=apps)


def _first_platform_year(personas: Personas) -> None:
    b = personas.agency_b
    # One of the five open 自然人 applications is entered to finish it on the platform.
    case(b, D(2023, 12, 28), concluded=D(2024, 1, 15), outcome="3.1")
    case(b, D(2024, 3, 1), concluded=D(2024, 3, 10), outcome="3.2")


@pytest.mark.parametrize("how", ["json", "text"])
def test_the_first_platform_year_carries_over_from_the_imported_report(
    personas: Personas, how: str
) -> None:
    b = personas.agency_b
    prior = _prior_2023()
    given = (
        {"json": prior.to_json()}
        if how == "json"
        else {"text": render(prior, "html").decode("utf-8")}
    )
    imported = actions.import_prior_year(actor=personas.officer_b, agency=b, year=2023, **given)
    assert imported.status == Status.PUBLISHED and imported.source == "imported"
    assert imported.report().applications == prior.applications
    _first_platform_year(personas)
    report = queries.compute(b, 2024)
    assert report.applications is not None
    assert report.applications["2"] == [5, 2, 0, 0, 0, 0, 7]
    assert report.applications["1"] == [1, 0, 0, 0, 0, 0, 1]
    assert report.applications["3.1"] == [1, 0, 0, 0, 0, 0, 1]
    assert report.applications["3.2"] == [1, 0, 0, 0, 0, 0, 1]
    assert report.applications["3.7"] == [2, 0, 0, 0, 0, 0, 2]
    assert report.applications["4"] == [4, 2, 0, 0, 0, 0, 6]
    findings = check(report, imported.report())
    assert [f.code for f in findings if f.level == "error"] == []


def test_more_open_cases_on_record_than_published_is_refused(personas: Personas) -> None:
    b = personas.agency_b
    actions.import_prior_year(actor=personas.officer_b, agency=b, json=_prior_2023().to_json())
    for _n in range(3):
        case(b, D(2023, 12, 1), "business")
    with pytest.raises(AnnualReportError, match="商业企业"):
        actions.create_draft(actor=personas.officer_b, agency=b, year=2024)


def test_an_import_that_is_not_a_report_is_refused(personas: Personas) -> None:
    with pytest.raises(AnnualReportError):
        actions.import_prior_year(
            actor=personas.officer_b, agency=personas.agency_b, text="今天天气很好。"
        )
    with pytest.raises(AnnualReportError):
        actions.import_prior_year(
            actor=personas.officer_b, agency=personas.agency_b, json='{"schema": "x"}'
        )
    with pytest.raises(AnnualReportError, match="2022"):
        actions.import_prior_year(
            actor=personas.officer_b,
            agency=personas.agency_b,
            json=_prior_2023().to_json(),
            year=2022,
        )


@pytest.mark.parametrize(
    "who", ["reviewer_a", "head_a", "admin_a", "officer_b", "supervisor", "applicant", "anonymous"]
)
def test_only_an_officer_of_the_agency_drafts_its_report(personas: Personas, who: str) -> None:
    with pytest.raises(PermissionDenied):
        actions.create_draft(
            actor=personas.named(who),  # type: ignore[arg-type]
            agency=personas.agency_a,
            year=2024,
        )


def test_drafts_are_read_by_the_agencys_staff_and_published_ones_by_everyone(
    personas: Personas, media: None
) -> None:
    draft = actions.create_draft(actor=personas.officer_a, agency=personas.agency_a, year=2024)
    for who in ("officer_a", "reviewer_a", "head_a", "supervisor"):
        assert access.get_report_for_viewer(personas.named(who), draft.pk) == draft
    for who in ("officer_b", "admin_a", "platform_admin", "applicant", "anonymous"):
        with pytest.raises(Http404):
            access.get_report_for_viewer(personas.named(who), draft.pk)
    published = _published(personas, 2023)
    assert access.get_report_for_viewer(personas.anonymous, published.pk) == published
    with pytest.raises(Http404):
        access.get_report_for_editor(personas.anonymous, published.pk)


def test_drill_down_shows_only_units_whose_cases_the_viewer_reads(personas: Personas) -> None:
    own = case(personas.county_a, D(2024, 5, 5))
    below = case(personas.agency_a, D(2024, 5, 6))
    supervisor_in_a = make_user("sup_a", (personas.county_a, Role.OFFICER))
    report = actions.create_draft(
        actor=supervisor_in_a, agency=personas.county_a, year=2024, rollup=True
    )
    assert report.units == sorted([personas.county_a.pk, personas.agency_a.pk])
    seen = access.cell_cases_for_viewer(personas.supervisor, report, "1", "总计")
    assert {u.agency_id: u.case_ids for u in seen} == {
        personas.county_a.pk: [own.pk],
        personas.agency_a.pk: [below.pk],
    }
    only_own = access.cell_cases_for_viewer(supervisor_in_a, report, "1", "总计")
    assert [u.case_ids for u in only_own] == [[own.pk]]
    with pytest.raises(Http404):
        access.cell_cases_for_viewer(personas.officer_b, report, "1", "总计")


def test_a_roll_up_does_not_carry_over_from_the_governments_own_report(
    personas: Personas, media: None
) -> None:
    county_officer = make_user("county_officer", (personas.county_a, Role.OFFICER))
    county_reviewer = make_user("county_reviewer", (personas.county_a, Role.REVIEWER))
    county_head = make_user("county_head", (personas.county_a, Role.HEAD))
    case(personas.agency_a, D(2023, 11, 1))  # open in A, below the county
    own = actions.create_draft(actor=county_officer, agency=personas.county_a, year=2023)
    actions.mark_reviewed(actor=county_reviewer, report=own)
    actions.publish(actor=county_head, report=own, allow_placeholders=True)
    units = queries.rollup_units(personas.county_a)
    total = queries.compute(personas.county_a, 2024, units=units)
    assert total.applications is not None
    assert total.applications["2"] == [1, 0, 0, 0, 0, 0, 1]
    assert queries.compute(personas.county_a, 2024).applications["2"] == ZERO  # type: ignore[index]


REVIEWERS = {"reviewer_a", "head_a"}
PUBLISHERS = {"head_a"}
EVERYONE = ("officer_a", "reviewer_a", "head_a", "admin_a", "officer_b", "supervisor")


@pytest.mark.parametrize("who", EVERYONE)
def test_the_reviewer_or_the_head_reviews_and_only_the_head_publishes(
    personas: Personas, media: None, who: str
) -> None:
    report = actions.create_draft(actor=personas.officer_a, agency=personas.agency_a, year=2024)
    actor = personas.named(who)
    if who in REVIEWERS:
        actions.mark_reviewed(actor=actor, report=report)  # type: ignore[arg-type]
    else:
        with pytest.raises(PermissionDenied):
            actions.mark_reviewed(actor=actor, report=report)  # type: ignore[arg-type]
        actions.mark_reviewed(actor=personas.reviewer_a, report=report)
    if who in PUBLISHERS:
        actions.publish(actor=actor, report=report, allow_placeholders=True)  # type: ignore[arg-type]
    else:
        with pytest.raises(PermissionDenied):
            actions.publish(actor=actor, report=report, allow_placeholders=True)  # type: ignore[arg-type]
