"""The timeline migration keeps every dispute event and moves the recorded stage into
status_before / status_after (0002_dispute_event_timeline)."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps

from gongkai.conftest import Personas
from gongkai.disputes import actions
from gongkai.disputes.choices import Stage
from gongkai.disputes.models import DisputeEvent
from gongkai.disputes.tests.test_disputes import TODAY, _concluded, _review

pytestmark = pytest.mark.django_db

migration = importlib.import_module("gongkai.disputes.migrations.0002_dispute_event_timeline")


def test_existing_events_keep_their_rows_and_gain_their_stages(personas: Personas) -> None:
    dispute = _review(personas, _concluded(personas), dt.date(2024, 4, 2))
    actions.set_stage(
        actor=personas.officer_a, dispute=dispute, stage=Stage.ACCEPTED, on=dt.date(2024, 4, 9),
        today=TODAY,
    )  # fmt: skip
    actions.record_decision(
        actor=personas.officer_a, dispute=dispute, outcome="upheld",
        decided_on=dt.date(2024, 5, 1), today=TODAY,
    )  # fmt: skip
    expected = list(
        DisputeEvent.objects.values_list("pk", "kind", "status_before", "status_after", "data")
    )
    # Rows as they were before the migration: no status columns filled in.
    DisputeEvent.objects.update(status_before="", status_after="")
    migration.stages_onto_the_timeline(apps, None)
    after = list(
        DisputeEvent.objects.values_list("pk", "kind", "status_before", "status_after", "data")
    )
    # The decision's "before" was not recorded by the old rows; everything else comes back.
    decided = [(pk, kind, "", after_, data) for pk, kind, _b, after_, data in expected[-1:]]
    assert after == expected[:-1] + decided


@pytest.mark.django_db(transaction=True)
def test_the_respondent_migration_gives_every_existing_dispute_its_cases_agency(
    personas: Personas,
) -> None:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    case = _concluded(personas)
    executor = MigrationExecutor(connection)
    before = [("disputes", "0003_respondent_clock")]
    latest = executor.loader.graph.leaf_nodes("disputes")
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    Old = old.get_model("disputes", "Dispute")
    pk = Old.objects.create(
        case_id=case.pk, kind="review", body="区政府", filed_on=dt.date(2024, 4, 2)
    ).pk
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(latest)
    from gongkai.disputes.models import Dispute

    dispute = Dispute.objects.get(pk=pk)
    assert (dispute.agency_id, dispute.case_id) == (case.agency_id, case.pk)
