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


def test_the_registry_page_records_and_a_failed_check_leads_to_an_order(
    personas: Personas,
) -> None:
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    p = personas
    client = Client()
    client.force_login(p.supervisor)
    url = reverse("console:supervision:registry", args=[p.agency_a.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"form": "channel", "kind": "wechat", "name": "瓯海财政发布"})
    assert response.status_code == 302
    from gongkai.supervision.models import Channel

    channel = Channel.objects.get(agency=p.agency_a)
    today = timezone.localdate()
    response = client.post(
        url,
        {
            "form": "check",
            "channel": channel.pk,
            "checked_on": today.isoformat(),
            "last_update": (today - dt.timedelta(days=30)).isoformat(),
            "broken_links": "0",
            "wrong_content": "0",
            "unanswered": "0",
        },
    )
    assert response.status_code == 302
    check = channel.checks.get()
    assert not check.passed
    page = client.get(url).content.decode()
    issue = reverse("console:supervision:issue", args=[p.agency_a.pk]) + f"?check={check.pk}"
    assert issue in page
    assert "超过两周未更新" in client.get(issue).content.decode()
    bad = client.post(url, {"form": "training", "held_on": "", "topic": "", "participants": "0"})
    assert bad.status_code == 400
    other = Client()
    other.force_login(p.officer_b)
    assert other.get(url).status_code == 404
