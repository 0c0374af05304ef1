"""The report's life cycle is one table: each step lands on the table's target; an edit takes
a reviewed report back to draft; nothing leads out of published."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from gongkai.agencies.lifecycle import TransitionRefused
from gongkai.annual_reports import actions
from gongkai.annual_reports.actions import AnnualReportError
from gongkai.annual_reports.choices import EventKind, Status
from gongkai.annual_reports.models import AnnualReport, ReportEvent
from gongkai.annual_reports.tests.factories import case
from gongkai.annual_reports.transitions import TABLE
from gongkai.conftest import Personas

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def report(personas: Personas) -> AnnualReport:
    a = personas.agency_a
    case(a, D(2024, 3, 1), concluded=D(2024, 3, 5), outcome="3.1")
    report = actions.create_draft(actor=personas.officer_a, agency=a, year=2024)
    for section in ("opening", "一", "五", "六"):
        actions.edit_narrative(
            actor=personas.officer_a, report=report, section=section, text=f"{section}：文字。"
        )
    return report


def _status(report: AnnualReport) -> str:
    return AnnualReport.objects.get(pk=report.pk).status


def test_each_step_leads_exactly_to_the_tables_target(
    personas: Personas, report: AnnualReport, media: None
) -> None:
    actions.mark_reviewed(actor=personas.reviewer_a, report=report)
    assert _status(report) == TABLE["review"].target
    actions.edit_narrative(actor=personas.officer_a, report=report, section="五", text="改过。")
    assert _status(report) == TABLE["edit"].target == Status.DRAFT
    actions.mark_reviewed(actor=personas.reviewer_a, report=report)
    published = actions.publish(actor=personas.head_a, report=report)
    assert published.status == TABLE["publish"].target
    last = ReportEvent.objects.filter(report=report).last()
    assert last is not None
    assert (last.kind, last.status_before, last.status_after) == (
        EventKind.PUBLISHED,
        Status.REVIEWED,
        Status.PUBLISHED,
    )


def test_the_action_applies_whatever_target_the_table_says(
    personas: Personas, report: AnnualReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    changed = dataclasses.replace(TABLE["review"], target=Status.DRAFT)
    monkeypatch.setitem(TABLE.by_action, "review", changed)
    actions.mark_reviewed(actor=personas.reviewer_a, report=report)
    assert _status(report) == Status.DRAFT


def test_a_recompute_that_changes_nothing_keeps_the_review(
    personas: Personas, report: AnnualReport
) -> None:
    actions.mark_reviewed(actor=personas.reviewer_a, report=report)
    actions.recompute(actor=personas.officer_a, report=report)
    assert _status(report) == Status.REVIEWED


def test_a_step_the_table_refuses_is_a_report_error_and_a_refusal(
    personas: Personas, report: AnnualReport
) -> None:
    with pytest.raises(AnnualReportError) as caught:
        actions.publish(actor=personas.head_a, report=report)
    assert isinstance(caught.value, TransitionRefused)
    assert not TABLE.permitted(personas.head_a, report, "publish", timezone.localdate())
    assert [e.kind for e in ReportEvent.objects.filter(report=report)][-1] == (
        EventKind.NARRATIVE_EDITED
    )


def test_event_kinds_carry_their_staff_and_public_labels() -> None:
    assert EventKind.PUBLISHED.public_label is not None
    assert EventKind.NARRATIVE_EDITED.public_label is None
    assert str(EventKind("narrative_edited").label)
