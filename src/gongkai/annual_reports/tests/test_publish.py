"""Long work (counting, rendering) runs outside any transaction; a lost race is refused cleanly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from gongkai.agencies.lifecycle import record_event
from gongkai.annual_reports import actions, queries
from gongkai.annual_reports.actions import StepRefused
from gongkai.annual_reports.choices import Status
from gongkai.annual_reports.models import AnnualReport, ReportFile
from gongkai.conftest import Personas
from gongkai.core.report import charts
from gongkai.core.report.render import render


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def _stored(media: Path) -> list[Path]:
    return sorted(p for p in media.rglob("*") if p.is_file())


def _reviewed(personas: Personas) -> AnnualReport:
    report = actions.create_draft(actor=personas.officer_a, agency=personas.agency_a, year=2024)
    actions.mark_reviewed(actor=personas.reviewer_a, report=report)
    return report


@pytest.mark.django_db(transaction=True)
def test_the_files_are_rendered_with_no_transaction_open(
    personas: Personas, media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = _reviewed(personas)
    rendered: list[str] = []

    def outside(frozen: Any, kind: str) -> bytes:
        # On SQLite a transaction here would hold the write lock for seconds (BEGIN IMMEDIATE).
        assert not connection.in_atomic_block
        rendered.append(kind)
        return render(frozen, kind)

    monkeypatch.setattr(actions, "render", outside)
    published = actions.publish(actor=personas.head_a, report=report, allow_placeholders=True)
    assert published.status == Status.PUBLISHED
    assert sorted(rendered) == ["docx", "html", "json", "pdf", "xlsx"]
    assert ReportFile.objects.filter(report=report).count() == 7
    assert len(_stored(media)) == 7


def test_a_report_edited_while_it_renders_is_not_published_and_its_files_are_removed(
    personas: Personas, media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = _reviewed(personas)
    edited: list[bool] = []

    def meanwhile(frozen: Any, kind: str) -> bytes:
        if not edited:  # an officer edits the text while the head's publish renders
            actions.edit_narrative(
                actor=personas.officer_a, report=report, section="五", text="改过的文字"
            )
            edited.append(True)
        return render(frozen, kind)

    monkeypatch.setattr(actions, "render", meanwhile)
    with pytest.raises(StepRefused, match=r"no longer possible|已无法发布") as refused:
        actions.publish(actor=personas.head_a, report=report, allow_placeholders=True)
    assert refused.value.code == "changed"
    report.refresh_from_db()
    assert report.status == Status.DRAFT and report.snapshot is None
    assert not ReportFile.objects.exists() and _stored(media) == []
    assert [e.kind for e in report.events.all()] == ["drafted", "reviewed", "narrative_edited"]


def test_of_two_heads_publishing_at_once_one_wins_and_the_other_is_told(
    personas: Personas, media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = _reviewed(personas)
    raced: list[AnnualReport] = []

    def meanwhile(frozen: Any, kind: str) -> bytes:
        if not raced:  # the other head's publish finishes first
            raced.append(report)
            monkeypatch.setattr(actions, "render", render)
            actions.publish(actor=personas.head_a, report=report, allow_placeholders=True)
        return render(frozen, kind)

    monkeypatch.setattr(actions, "render", meanwhile)
    with pytest.raises(StepRefused) as refused:
        actions.publish(actor=personas.head_a, report=report, allow_placeholders=True)
    assert refused.value.code == "changed"
    report.refresh_from_db()
    assert report.status == Status.PUBLISHED
    files = ReportFile.objects.filter(report=report)
    assert files.count() == 7
    # Only the winner's files remain in storage.
    assert {Path(f.file.path) for f in files} == set(_stored(media))


def test_a_render_that_fails_writes_nothing(
    personas: Personas, media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = _reviewed(personas)

    def broken(frozen: Any) -> str:
        raise RuntimeError("chart failed")

    monkeypatch.setattr(charts, "yoy_chart", lambda frozen, previous: broken(frozen))
    with pytest.raises(RuntimeError):
        actions.publish(actor=personas.head_a, report=report, allow_placeholders=True)
    report.refresh_from_db()
    assert report.status == Status.REVIEWED and report.snapshot is None
    assert not ReportFile.objects.exists() and _stored(media) == []
    assert [e.kind for e in report.events.all()] == ["drafted", "reviewed"]


def test_a_failure_while_storing_removes_the_files_already_written(
    personas: Personas, media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = _reviewed(personas)
    real = record_event

    def failing(*args: Any, **kwargs: Any) -> Any:
        if kwargs.get("kind") == "published":
            raise RuntimeError("database went away")
        return real(*args, **kwargs)

    monkeypatch.setattr(actions, "record_event", failing)
    with pytest.raises(RuntimeError):
        actions.publish(actor=personas.head_a, report=report, allow_placeholders=True)
    report.refresh_from_db()
    assert report.status == Status.REVIEWED
    assert not ReportFile.objects.exists() and _stored(media) == []


@pytest.mark.django_db(transaction=True)
def test_drafting_and_recomputing_count_with_no_transaction_open(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = queries.compute
    counted: list[int] = []

    def outside(*args: Any, **kwargs: Any) -> Any:
        assert not connection.in_atomic_block
        counted.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(queries, "compute", outside)
    report = actions.create_draft(actor=personas.officer_a, agency=personas.agency_a, year=2024)
    actions.recompute(actor=personas.officer_a, report=report)
    assert len(counted) == 2


def test_a_text_edited_while_recounting_is_kept(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = actions.create_draft(actor=personas.officer_a, agency=personas.agency_a, year=2024)
    real = queries.compute
    edited: list[bool] = []

    def meanwhile(*args: Any, **kwargs: Any) -> Any:
        if not edited:
            edited.append(True)
            actions.edit_narrative(
                actor=personas.officer_a, report=report, section="五", text="同时写的文字"
            )
        return real(*args, **kwargs)

    monkeypatch.setattr(queries, "compute", meanwhile)
    recomputed = actions.recompute(actor=personas.officer_a, report=report)
    assert recomputed.data["narrative"]["五"] == "同时写的文字"
