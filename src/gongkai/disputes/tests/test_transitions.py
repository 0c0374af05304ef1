"""A dispute's stages are one table: each step lands on the table's target."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from gongkai.agencies.lifecycle import TransitionRefused
from gongkai.conftest import Personas
from gongkai.disputes import actions
from gongkai.disputes.actions import DisputeError
from gongkai.disputes.choices import EventKind, Stage
from gongkai.disputes.models import Dispute, DisputeEvent
from gongkai.disputes.tests.test_disputes import TODAY, _concluded, _review
from gongkai.disputes.transitions import TABLE

pytestmark = pytest.mark.django_db
D = dt.date


def _stage(dispute: Dispute) -> str:
    return Dispute.objects.get(pk=dispute.pk).stage


def test_each_step_leads_exactly_to_the_tables_target(personas: Personas) -> None:
    dispute = _review(personas, _concluded(personas), D(2024, 4, 2))
    actions.set_stage(
        actor=personas.officer_a, dispute=dispute, stage=Stage.ACCEPTED, on=D(2024, 4, 9),
        today=TODAY,
    )  # fmt: skip
    assert _stage(dispute) == TABLE["accept"].target
    actions.record_decision(
        actor=personas.officer_a, dispute=dispute, outcome="upheld", decided_on=D(2024, 5, 1),
        today=TODAY,
    )  # fmt: skip
    assert _stage(dispute) == TABLE["decide"].target
    events = DisputeEvent.objects.filter(dispute=dispute)
    assert [(e.kind, e.status_before, e.status_after) for e in events] == [
        (EventKind.FILED, "", Stage.FILED),
        (EventKind.STAGE, Stage.FILED, Stage.ACCEPTED),
        (EventKind.DECIDED, Stage.ACCEPTED, Stage.DECIDED),
    ]


def test_the_action_applies_whatever_target_the_table_says(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    dispute = _review(personas, _concluded(personas), D(2024, 4, 2))
    changed = dataclasses.replace(TABLE["accept"], target=Stage.FILED)
    monkeypatch.setitem(TABLE.by_action, "accept", changed)
    actions.set_stage(
        actor=personas.officer_a, dispute=dispute, stage=Stage.ACCEPTED, on=D(2024, 4, 9),
        today=TODAY,
    )  # fmt: skip
    assert _stage(dispute) == Stage.FILED


def test_a_decided_dispute_refuses_another_decision(personas: Personas) -> None:
    dispute = _review(personas, _concluded(personas), D(2024, 4, 2))
    actions.record_decision(
        actor=personas.officer_a, dispute=dispute, outcome="upheld", decided_on=D(2024, 5, 1),
        today=TODAY,
    )  # fmt: skip
    with pytest.raises(DisputeError) as caught:
        actions.record_decision(
            actor=personas.officer_a, dispute=dispute, outcome="corrected",
            decided_on=D(2024, 5, 2), today=TODAY,
        )  # fmt: skip
    assert isinstance(caught.value, TransitionRefused) and caught.value.code == "decided"
    dispute.refresh_from_db()
    assert {t.action for t in TABLE.allowed(personas.officer_a, dispute, TODAY)} == {"attach"}
