"""Publication deadlines (条例第四十九、五十条) and the reminders before them."""

from __future__ import annotations

import datetime as dt

from django.core import mail

from gongkai.annual_reports import actions, queries, tasks
from gongkai.conftest import Personas

D = dt.date


def test_departments_publish_by_31_january_and_governments_by_31_march(
    personas: Personas,
) -> None:
    assert queries.deadline(personas.agency_a, 2024) == D(2025, 1, 31)
    assert queries.deadline(personas.county_a, 2024) == D(2025, 3, 31)


def test_reports_due_lists_unpublished_reports_within_a_month_of_their_deadline(
    personas: Personas,
) -> None:
    actions.create_draft(
        actor=personas.officer_a, agency=personas.agency_a, year=2024, today=D(2025, 1, 2)
    )
    due = {(d.agency.name, d.status) for d in queries.reports_due(D(2025, 1, 3))}
    assert due == {("温州市瓯海区财政局", "draft"), ("温州市鹿城区教育局", None)}
    later = {d.agency.name for d in queries.reports_due(D(2025, 3, 3))}
    assert "温州市瓯海区人民政府" in later and "温州市人民政府" in later


def test_reminders_go_weekly_before_the_deadline_and_daily_after(personas: Personas) -> None:
    personas.officer_a.email = "officer@example.com"
    personas.officer_a.save()
    personas.head_a.email = "head@example.com"
    personas.head_a.save()
    assert tasks.remind(D(2025, 1, 3)) == 1  # 28 days before: a multiple of 7
    assert mail.outbox[-1].to == ["head@example.com", "officer@example.com"]
    assert "距发布期限还有28天" in mail.outbox[-1].subject
    assert tasks.remind(D(2025, 1, 4)) == 0
    assert tasks.remind(D(2025, 2, 2)) == 1
    assert "已超过发布期限2天" in mail.outbox[-1].subject
