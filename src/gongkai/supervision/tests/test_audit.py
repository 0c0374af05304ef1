"""Supervision's writes without a timeline of their own (the registry, 考核 schemes, 通报) leave
an entry in the agencies' audit trail: who, what, on which unit, before and after."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.agencies.models import AuditEvent
from gongkai.conftest import Personas
from gongkai.supervision import assessment, bulletin, registry
from gongkai.supervision.assessment import AssessmentError

pytestmark = pytest.mark.django_db
D = dt.date


def _data(value: Any) -> dict[str, Any]:
    assert isinstance(value, dict)
    return value


def _entries(prefix: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action__startswith=prefix).order_by("pk"))


def test_the_registry_writes_its_changes_to_the_audit_trail(personas: Personas) -> None:
    p = personas
    account = registry.register_channel(
        actor=p.admin_a, agency=p.agency_a, kind="wechat", name="瓯海财政", opened_on=D(2020, 1, 1)
    )
    registry.record_check(
        actor=p.supervisor, channel=account, checked_on=D(2025, 9, 30), last_update=D(2025, 9, 1)
    )
    registry.record_training(
        actor=p.admin_a, agency=p.agency_a, held_on=D(2025, 5, 6), topic="条例培训",
        organiser="区政务公开办", participants=30, today=D(2025, 6, 1),
    )  # fmt: skip
    registry.close_channel(actor=p.admin_a, channel=account, on=D(2025, 12, 31))
    with pytest.raises(PermissionDenied):  # refused: nothing written, nothing audited
        registry.close_channel(actor=p.officer_b, channel=account, on=D(2026, 1, 1))
    with pytest.raises(ValidationError):
        registry.close_channel(actor=p.admin_a, channel=account, on=D(2019, 1, 1))
    entries = _entries("registry.")
    assert [(e.action, e.actor, e.agency) for e in entries] == [
        ("registry.register_channel", p.admin_a, p.agency_a),
        ("registry.record_check", p.supervisor, p.agency_a),
        ("registry.record_training", p.admin_a, p.agency_a),
        ("registry.close_channel", p.admin_a, p.agency_a),
    ]
    registered, checked, trained, closed = entries
    assert (
        _data(registered.after)["name"] == "瓯海财政"
        and _data(registered.after)["opened_on"] == "2020-01-01"
    )
    assert (
        _data(checked.after)["passed"] is False
        and "超过两周未更新" in _data(checked.after)["reasons"][0]
    )
    assert (
        _data(trained.after)["participants"] == 30
        and _data(trained.after)["held_on"] == "2025-05-06"
    )
    assert (closed.before, closed.after) == ({"closed_on": None}, {"closed_on": "2025-12-31"})
    assert str(account) in closed.subject


def test_a_scheme_and_a_bulletin_are_audited_from_creation_on(personas: Personas) -> None:
    p = personas
    scheme = assessment.create_scheme(actor=p.supervisor, issuer=p.county_a, year=2025)
    with pytest.raises(AssessmentError):
        assessment.set_indicators(actor=p.supervisor, scheme=scheme, indicators=[])
    rule = [{"key": "on_time_rate", "label": "按时答复", "points": 100, "rule": "rate"}]
    assessment.set_indicators(actor=p.supervisor, scheme=scheme, indicators=rule)
    scores = assessment.compute(actor=p.supervisor, scheme=scheme, today=D(2026, 6, 1))
    assessment.step(actor=p.supervisor, scheme=scheme, action="review")
    with pytest.raises(AssessmentError):
        assessment.compute(actor=p.supervisor, scheme=scheme)  # reviewed: not editable
    entries = _entries("assessment.")
    assert [(e.action, e.actor, e.agency) for e in entries] == [
        ("assessment.create", p.supervisor, p.county_a),
        ("assessment.indicators", p.supervisor, p.county_a),
        ("assessment.compute", p.supervisor, p.county_a),
        ("assessment.review", p.supervisor, p.county_a),
    ]
    created, edited, computed, _reviewed = entries
    assert created.after == {"id": scheme.pk, "year": 2025, "status": "draft"}
    assert len(_data(edited.before)["indicators"]) > 1 and _data(edited.after)["indicators"][0][
        "key"
    ] == ("on_time_rate")
    assert _data(computed.after)["scores"] == {str(s.unit_id): str(s.total) for s in scores}

    issued = bulletin.issue(
        actor=p.supervisor, issuer=p.county_a, start=D(2025, 7, 1), end=D(2025, 10, 31),
        today=D(2025, 11, 3),
    )  # fmt: skip
    (entry,) = _entries("bulletin.")
    assert (entry.action, entry.actor, entry.agency, entry.subject) == (
        "bulletin.issue",
        p.supervisor,
        p.county_a,
        issued.number,
    )
    assert _data(entry.after)["period"] == ["2025-07-01", "2025-10-31"]
