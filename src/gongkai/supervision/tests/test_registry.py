"""Websites and 政务新媒体 accounts, their checks (国办秘函〔2019〕19号: two weeks without an
update fails), training sessions, and the year's counts for the report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.conftest import Personas
from gongkai.supervision import actions, registry

pytestmark = pytest.mark.django_db
D = dt.date


def test_a_check_fails_after_two_weeks_without_update_or_with_wrong_content(
    personas: Personas,
) -> None:
    p = personas
    account = registry.register_channel(
        actor=p.admin_a, agency=p.agency_a, kind="wechat", name="瓯海财政", opened_on=D(2020, 1, 1)
    )
    fresh = registry.record_check(
        actor=p.supervisor, channel=account, checked_on=D(2025, 6, 30), last_update=D(2025, 6, 16),
        broken_links=2,
    )  # fmt: skip
    assert fresh.passed and fresh.reasons == []  # 14 days: still within two weeks
    stale = registry.record_check(
        actor=p.supervisor, channel=account, checked_on=D(2025, 9, 30), last_update=D(2025, 9, 15),
        unanswered=1,
    )  # fmt: skip
    assert not stale.passed and len(stale.reasons) == 2
    finding = registry.failed_finding(stale)
    order = actions.issue(
        actor=p.supervisor, unit=p.agency_a, finding=finding, requirement="更新并回应", workdays=5
    )
    assert "超过两周未更新" in order.finding
    with pytest.raises(ValidationError):
        registry.record_check(
            actor=p.supervisor, channel=account, checked_on=D(2025, 1, 1), last_update=D(2025, 2, 1)
        )
    with pytest.raises(PermissionDenied):
        registry.record_check(
            actor=p.officer_b, channel=account, checked_on=D(2025, 1, 1), last_update=D(2025, 1, 1)
        )


def test_the_years_counts_for_the_report(personas: Personas) -> None:
    p = personas
    registry.register_channel(
        actor=p.admin_a, agency=p.agency_a, kind="website", name="瓯海财政局网站"
    )
    closed = registry.register_channel(
        actor=p.admin_a,
        agency=p.agency_a,
        kind="weibo",
        name="瓯海财政微博",
        opened_on=D(2019, 1, 1),
    )
    registry.close_channel(actor=p.admin_a, channel=closed, on=D(2024, 6, 30))
    registry.record_training(
        actor=p.officer_a, agency=p.agency_a, held_on=D(2025, 4, 8), topic="条例解读",
        organiser="区政府办公室", participants=35,
    )  # fmt: skip
    registry.record_training(
        actor=p.officer_a, agency=p.agency_a, held_on=D(2024, 4, 8), topic="往年",
        organiser="区政府办公室", participants=10,
    )  # fmt: skip
    counts = registry.year_counts([p.agency_a.pk], 2025)
    assert (counts.trainings, counts.trained, counts.websites, counts.accounts) == (1, 35, 1, 0)
    assert registry.year_counts([p.agency_a.pk], 2024).accounts == 1
    with pytest.raises(PermissionDenied):
        registry.record_training(
            actor=p.officer_b, agency=p.agency_a, held_on=D(2025, 4, 8), topic="x",
            organiser="y", participants=1,
        )  # fmt: skip
