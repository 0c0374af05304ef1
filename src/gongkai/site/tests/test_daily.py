"""The daily run: the worker keeps one morning run queued, and the run does the morning's work."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gongkai.cases import actions
from gongkai.cases.tests.factories import online_case
from gongkai.conftest import Personas
from gongkai.site import daily

pytestmark = pytest.mark.django_db


def test_the_worker_keeps_one_morning_run_queued(personas: Personas) -> None:
    assert daily.schedule_daily() is True
    assert daily.schedule_daily() is False  # already queued: one per day, not one per worker
    queued = DBTaskResult.objects.get(task_path=daily.TASK_PATH)
    assert queued.run_after is not None
    assert timezone.localtime(queued.run_after).time() == dt.time(8, 0)
    assert daily.next_morning(queued.run_after) > queued.run_after


def test_a_run_queued_under_the_former_path_is_re_pointed_not_doubled(personas: Personas) -> None:
    daily.schedule_daily()
    DBTaskResult.objects.update(task_path="gongkai.cases.tasks.daily")
    assert daily.schedule_daily() is False
    assert list(DBTaskResult.objects.values_list("task_path", flat=True)) == [daily.TASK_PATH]
    assert DBTaskResult.objects.get().task.func is daily.daily.func


# The worker commits for real and closes a connection it finds inside a transaction.
@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_the_morning_and_queues_the_next_one(personas: Personas) -> None:
    today = timezone.localdate()
    case = online_case(personas.agency_a, today - dt.timedelta(days=60))  # long overdue
    actions.assign(actor=personas.officer_a, case=case, officer=personas.officer_a)
    personas.officer_a.email = "officer@example.com"
    personas.officer_a.save()
    daily.daily.enqueue()
    mail.outbox.clear()
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    done = DBTaskResult.objects.get(status="SUCCESSFUL")
    assert done.task_path == daily.TASK_PATH
    assert "officer@example.com" in {m.to[0] for m in mail.outbox}
    tomorrow = DBTaskResult.objects.get(status="READY")
    assert tomorrow.task_path == daily.TASK_PATH
    assert tomorrow.run_after is not None and tomorrow.run_after > timezone.now()
    assert timezone.localtime(tomorrow.run_after).time() == dt.time(daily.DAILY_HOUR, 0)
