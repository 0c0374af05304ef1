"""The item's life cycle is one table: every action lands on the table's target, and the
console's buttons are the table's ``allowed()``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from gongkai.agencies.lifecycle import TransitionRefused
from gongkai.agencies.models import User
from gongkai.conftest import Personas
from gongkai.console.publications import STEPS
from gongkai.publications import actions
from gongkai.publications.choices import DocumentKind, EventKind, ReviewKind, Status
from gongkai.publications.models import Publication, PublicationEvent
from gongkai.publications.tests.factories import draft, published
from gongkai.publications.transitions import TABLE

pytestmark = pytest.mark.django_db


def _status(item: Publication) -> str:
    item.refresh_from_db()
    return item.status


def test_each_step_leads_exactly_to_the_tables_target(personas: Personas) -> None:
    p = personas
    item = draft(p.officer_a, p.agency_a)
    actions.submit(actor=p.officer_a, publication=item)
    assert _status(item) == TABLE["submit"].target
    actions.sign_off(actor=p.reviewer_a, publication=item, kind=ReviewKind.CONTENT)
    assert _status(item) == Status.SUBMITTED and TABLE["sign_off"].target is None
    actions.sign_off(actor=p.reviewer_a, publication=item, kind=ReviewKind.CONFIDENTIALITY)
    assert _status(item) == TABLE["complete_review"].target
    actions.send_back(actor=p.reviewer_a, publication=item, reason="文号有误")
    assert _status(item) == TABLE["send_back"].target
    item = published(p.officer_a, p.reviewer_a, p.agency_a)
    assert item.status == TABLE["publish"].target
    newer = published(p.officer_a, p.reviewer_a, p.agency_a)
    actions.supersede(actor=p.officer_a, publication=item, by=newer)
    assert _status(item) == TABLE["supersede"].target
    actions.withdraw(actor=p.officer_a, publication=newer, reason="发布有误")
    assert _status(newer) == TABLE["withdraw"].target
    events = PublicationEvent.objects.filter(publication=newer)
    assert [(e.kind, e.status_before, e.status_after) for e in events][-1] == (
        EventKind.WITHDRAWN,
        Status.PUBLISHED,
        Status.WITHDRAWN,
    )


def test_the_action_applies_whatever_target_the_table_says(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No action hard-codes its status: change the table's target and the action follows."""
    p = personas
    item = draft(p.officer_a, p.agency_a)
    changed = dataclasses.replace(TABLE["submit"], target=Status.REVIEWED)
    monkeypatch.setitem(TABLE.by_action, "submit", changed)
    actions.submit(actor=p.officer_a, publication=item)
    assert _status(item) == Status.REVIEWED


def test_publishing_needs_both_signoffs_of_the_current_round(personas: Personas) -> None:
    """先审后发 (条例第十七条) is the table's guard on publish, not a check in the console."""
    p = personas
    item = draft(p.officer_a, p.agency_a)
    actions.submit(actor=p.officer_a, publication=item)
    actions.sign_off(actor=p.reviewer_a, publication=item, kind=ReviewKind.CONTENT)
    actions.sign_off(actor=p.reviewer_a, publication=item, kind=ReviewKind.CONFIDENTIALITY)
    item.refresh_from_db()
    today = timezone.localdate()
    assert TABLE.permitted(p.officer_a, item, "publish", today)
    item.review_round += 1  # a round without sign-offs (as after a send-back)
    assert not TABLE.permitted(p.officer_a, item, "publish", today)
    with pytest.raises(TransitionRefused):
        TABLE.check(p.officer_a, item, "publish", today)


def test_a_refused_step_writes_nothing_and_a_stranger_is_denied(personas: Personas) -> None:
    p = personas
    item = draft(p.officer_a, p.agency_a)
    count = PublicationEvent.objects.count()
    with pytest.raises(TransitionRefused):
        actions.publish(actor=p.officer_a, publication=item)
    with pytest.raises(PermissionDenied):
        actions.submit(actor=p.officer_b, publication=item)
    assert _status(item) == Status.DRAFT and PublicationEvent.objects.count() == count


def test_only_rules_and_normative_documents_change_validity(personas: Personas) -> None:
    p = personas
    general = published(p.officer_a, p.reviewer_a, p.agency_a)
    rules = published(p.officer_a, p.reviewer_a, p.agency_a, kind=DocumentKind.RULES)
    today = timezone.localdate()
    assert not TABLE.permitted(p.officer_a, general, "validity", today)
    assert TABLE.permitted(p.officer_a, rules, "validity", today)
    with pytest.raises(TransitionRefused):
        actions.change_validity(
            actor=p.officer_a, publication=general, validity="repealed", on=dt.date(2025, 6, 1),
            by_text="某文件",
        )  # fmt: skip


def _buttons(user: User, item: Publication) -> set[str]:
    client = Client()
    client.force_login(user)
    page = client.get(f"/console/items/{item.pk}/").content.decode()
    return set(re.findall(rf'action="/console/items/{item.pk}/(\w+)/"', page))


def _offered(user: User, item: Publication) -> set[str]:
    allowed = {t.action for t in TABLE.allowed(user, item, timezone.localdate())}
    return allowed & set(STEPS)


def test_the_item_pages_buttons_are_the_tables_allowed_steps(personas: Personas) -> None:
    p = personas
    items = {}
    items["draft"] = draft(p.officer_a, p.agency_a)
    items["submitted"] = draft(p.officer_a, p.agency_a)
    actions.submit(actor=p.officer_a, publication=items["submitted"])
    items["half"] = draft(p.officer_a, p.agency_a)
    actions.submit(actor=p.officer_a, publication=items["half"])
    actions.sign_off(actor=p.reviewer_a, publication=items["half"], kind=ReviewKind.CONTENT)
    items["reviewed"] = draft(p.officer_a, p.agency_a)
    actions.submit(actor=p.officer_a, publication=items["reviewed"])
    for kind in ReviewKind:
        actions.sign_off(actor=p.reviewer_a, publication=items["reviewed"], kind=kind)
    items["published"] = published(p.officer_a, p.reviewer_a, p.agency_a)
    items["rules"] = published(p.officer_a, p.reviewer_a, p.agency_a, kind=DocumentKind.RULES)
    seen = set()
    for name, item in items.items():
        item.refresh_from_db()
        for user in (p.officer_a, p.reviewer_a, p.head_a, p.supervisor):
            offered = _offered(user, item)
            assert _buttons(user, item) == offered, (name, user.username)
            seen |= offered
    # Every step the page offers shows up for someone in some status.
    assert seen == set(STEPS)


def test_the_reviewer_sees_one_button_per_review_still_open(
    personas: Personas,
) -> None:
    p = personas
    item = draft(p.officer_a, p.agency_a)
    actions.submit(actor=p.officer_a, publication=item)
    actions.sign_off(actor=p.reviewer_a, publication=item, kind=ReviewKind.CONTENT)
    client = Client()
    client.force_login(p.reviewer_a)
    page = client.get(f"/console/items/{item.pk}/").content.decode()
    assert page.count(f'action="/console/items/{item.pk}/sign_off/"') == 1
    assert str(ReviewKind.CONFIDENTIALITY.label) in page
    assert 'name="kind" value="confidentiality"' in page
