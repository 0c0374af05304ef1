"""The morning reminders' one shape (applications and disputes): officers' lists, heads' digests."""

from __future__ import annotations

import pytest
from django.core import mail

from gongkai.cases.notify import remind_officers_and_heads, send
from gongkai.conftest import Personas

pytestmark = pytest.mark.django_db


def test_each_officer_gets_their_lines_and_each_agencys_heads_one_digest(
    personas: Personas,
) -> None:
    personas.head_a.email = "head@example.org"
    personas.head_a.save(update_fields=["email"])
    lines = [
        ("officer@example.org", personas.agency_a.pk, "一"),
        ("", personas.agency_a.pk, "二"),  # no officer: only the heads hear of it
        ("officer@example.org", personas.agency_a.pk, "三"),
        ("other@example.org", personas.agency_b.pk, "四"),  # agency B has no head with mail
    ]
    mail.outbox.clear()
    sent = remind_officers_and_heads(
        lines, officer_subject="提醒", head_subject=lambda digest: f"摘要 {len(digest)}"
    )
    got = sorted((m.to[0], m.subject, m.body) for m in mail.outbox)
    assert got == [
        ("head@example.org", "摘要 3", "一\n二\n三"),
        ("officer@example.org", "提醒", "一\n三"),
        ("other@example.org", "提醒", "四"),
    ]
    assert sent == len(mail.outbox) == 3


def test_a_mail_without_an_address_is_not_sent_nor_counted() -> None:
    mail.outbox.clear()
    assert send("主题", "正文", ["", ""]) is False
    assert send("主题", "正文", ["", "a@example.org"]) is True
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
