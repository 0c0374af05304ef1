"""The timeline migrations keep every existing event row (publications, reports, disputes)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from gongkai.conftest import Personas
from gongkai.disputes.models import DisputeEvent
from gongkai.disputes.tests.test_disputes import _concluded, _review
from gongkai.publications.models import PublicationEvent
from gongkai.publications.tests.factories import published

BEFORE = [
    ("disputes", "0001_initial"),
    ("publications", "0004_search_buckets"),
]
AFTER = [
    ("disputes", "0002_dispute_event_timeline"),
    ("publications", "0005_publication_event_timeline"),
]


def _migrate(targets: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_events_survive_the_timeline_migrations_both_ways(personas: Personas) -> None:
    item = published(personas.officer_a, personas.reviewer_a, personas.agency_a)
    dispute = _review(personas, _concluded(personas), dt.date(2024, 4, 2))
    kinds = list(PublicationEvent.objects.filter(publication=item).values_list("kind", flat=True))
    try:
        _migrate(BEFORE)
        _migrate(AFTER)
    finally:
        _migrate(AFTER)
    assert (
        list(PublicationEvent.objects.filter(publication=item).values_list("kind", flat=True))
        == kinds
    )
    event = DisputeEvent.objects.get(dispute=dispute)
    assert (event.kind, event.status_after) == ("filed", "filed")
