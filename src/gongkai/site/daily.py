"""The daily run: every morning's work of all the domain apps, in one place above them.

``gongkai worker`` keeps one ``daily`` task queued for ``DAILY_HOUR`` (each run queues the next);
``gongkai tick`` does the same work from cron instead. The morning is the applications' reminders
(due soon and overdue: officers, digests to heads; ``cases``) and the annual-report reminders
(条例第四十九、五十条; ``annual_reports``), and the 复议/诉讼 replies due soon or late
(行政复议法第四十八条, 行政诉讼法第六十七条; ``disputes``) and overdue 督办单 (``supervision``).
It sits above the domain apps so that none of them imports another for it, and below the
interfaces that start it (``cli``): ``site/tests/test_direction.py`` holds it there.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.tasks import task
from django.utils import timezone

# The local hour of the morning run.
DAILY_HOUR = 8

# Where the daily task lived before it moved here: runs queued under that path by an older
# version are re-pointed when the worker starts (``schedule_daily``), not left to fail.
FORMER_TASK_PATHS = ("gongkai.cases.tasks.daily",)


def next_morning(now: dt.datetime | None = None) -> dt.datetime:
    now = timezone.localtime(now)
    run = now.replace(hour=DAILY_HOUR, minute=0, second=0, microsecond=0)
    return run if run > now else run + dt.timedelta(days=1)


def morning(today: dt.date) -> tuple[int, int, int]:
    """Application reminders (officers, digests to heads) and annual-report reminders (before
    31 January / 31 March): (applications due soon or overdue, their mails, report mails)."""
    from gongkai.annual_reports.tasks import remind
    from gongkai.cases.notify import reminders
    from gongkai.cases.queries import needing_reminders
    from gongkai.disputes.notify import remind as remind_disputes
    from gongkai.supervision.notify import remind as remind_orders

    with transaction.atomic():
        due = needing_reminders(today)
        sent = reminders(due, today.isoformat()) + remind_disputes(today) + remind_orders(today)
        return len(due), sent, remind(today)


@task()
def daily() -> int:
    """Every morning (`gongkai tick` does the same from cron instead)."""
    _due, sent, report_mails = morning(timezone.localdate())
    schedule_daily()
    return sent + report_mails


TASK_PATH = f"{daily.func.__module__}.{daily.func.__qualname__}"


def schedule_daily() -> bool:
    """Queue tomorrow morning's run unless one is queued already (called by `gongkai worker`
    at start and by the run itself, so one worker keeps the day going)."""
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.filter(status="READY")
    queued.filter(task_path__in=FORMER_TASK_PATHS).update(task_path=TASK_PATH)
    if queued.filter(task_path=TASK_PATH).exists():
        return False
    daily.using(run_after=next_morning()).enqueue()
    return True
