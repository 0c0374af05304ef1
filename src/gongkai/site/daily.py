"""The daily run: every morning's work of all the domain apps, in one place above them.

``gongkai worker`` keeps one ``daily`` task queued for ``DAILY_HOUR`` (each run queues the next);
``gongkai tick`` does the same work from cron instead. The morning is the applications' reminders
(due soon and overdue: officers, digests to heads; ``cases``) and the annual-report reminders
(条例第四十九、五十条; ``annual_reports``), and the 复议/诉讼 replies due soon or late
(行政复议法第四十八条, 行政诉讼法第六十七条; ``disputes``) and overdue 督办单 (``supervision``).
It sits above the domain apps so that none of them imports another for it, and below the
interfaces that start it (``cli``): ``site/tests/test_direction.py`` holds it there.
The worker's start and each daily run also ``recover`` what a stopped worker left behind
(``kill -9``, a power cut, a forced stop).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.tasks import TaskContext, task
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

    # Reads and mail only: no transaction, which on SQLite (BEGIN IMMEDIATE) would hold the write
    # lock while the mail server answers.
    due = needing_reminders(today)
    sent = reminders(due, today.isoformat()) + remind_disputes(today) + remind_orders(today)
    return len(due), sent, remind(today)


@task(takes_context=True)
def daily(context: TaskContext[[], int]) -> int:
    """Every morning (`gongkai tick` does the same from cron instead)."""
    recover(running=str(context.task_result.id))
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


# -- after a stopped worker ---------------------------------------------------------------------

# The mark of a task found RUNNING long after its worker must have stopped.
WORKER_LOST = "gongkai.site.daily.WorkerLost"


@task(takes_context=True)
def sweep(context: TaskContext[[], int]) -> int:
    """``recover`` again once the tasks still running at the worker's start would be stale."""
    return recover(running=str(context.task_result.id))


def _safe_to_rerun() -> frozenset[str]:
    """Tasks that may run twice: a letter renders again (a ready one is left alone); the
    morning run sends that morning's reminders; the sweep only looks."""
    from gongkai.cases.tasks import generate_letter

    return frozenset({generate_letter.module_path, TASK_PATH, sweep.module_path})


def stale_after() -> dt.timedelta:
    return dt.timedelta(minutes=settings.GONGKAI_TASK_STALE_MINUTES)


def recover(now: dt.datetime | None = None, running: str | None = None) -> int:
    """Queue again what a stopped worker left undone; returns how many tasks were queued.

    A task that is safe to run twice and has been RUNNING for longer than
    ``GONGKAI_TASK_STALE_MINUTES`` (its worker was killed) is marked FAILED and queued again;
    a letter still pending with nothing queued to render it (its worker was stopped mid-render)
    is queued again. Tasks still running but not yet stale get a ``sweep`` queued for the
    moment they would be. ``running``: the id of the task calling this (not a lost one).
    """
    from django_tasks_db.models import DBTaskResult

    from gongkai.cases.tasks import requeue_pending_letters

    now = now or timezone.now()
    limit = now - stale_after()
    running_tasks = DBTaskResult.objects.filter(status="RUNNING", task_path__in=_safe_to_rerun())
    if running is not None:
        running_tasks = running_tasks.exclude(pk=running)
    queued = 0
    for lost in running_tasks.filter(started_at__lt=limit):
        since = timezone.localtime(lost.started_at).isoformat(timespec="seconds")
        # A conditional update: of two workers starting at once, only one queues it again.
        marked = DBTaskResult.objects.filter(pk=lost.pk, status="RUNNING").update(
            status="FAILED",
            finished_at=now,
            exception_class_path=WORKER_LOST,
            traceback=f"The worker stopped while running this task (running since {since}).\n",
            return_value=None,
        )
        if marked:
            lost.task.enqueue(*lost.args_kwargs["args"], **lost.args_kwargs["kwargs"])
            queued += 1
    queued += requeue_pending_letters(now)
    oldest = running_tasks.filter(started_at__gte=limit).order_by("started_at").first()
    sweeps = DBTaskResult.objects.filter(status="READY", task_path=sweep.module_path)
    if oldest is not None and oldest.started_at is not None and not sweeps.exists():
        sweep.using(run_after=oldest.started_at + stale_after()).enqueue()
    return queued
