"""Background work: letters (DOCX + PDF) and the daily reminders (`gongkai worker` runs them)."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from gongkai.cases.choices import LetterState
from gongkai.cases.models import Letter

log = logging.getLogger(__name__)


@task()
def generate_letter(letter_id: int) -> str:
    """Render one letter into its DOCX and PDF; a failure is recorded on the letter, not lost."""
    from gongkai.cases.letters import render_letter

    letter = Letter.objects.select_related("case__agency").get(pk=letter_id)
    try:
        render_letter(letter)
    except Exception as exc:
        log.exception("letter %s failed", letter_id)
        Letter.objects.filter(pk=letter_id).update(state=LetterState.FAILED, error=str(exc)[:2000])
        return "failed"
    return "ready"


# The daily run: the morning's reminders, once a day, at this local hour.
DAILY_HOUR = 8


def next_morning(now: dt.datetime | None = None) -> dt.datetime:
    now = timezone.localtime(now)
    run = now.replace(hour=DAILY_HOUR, minute=0, second=0, microsecond=0)
    return run if run > now else run + dt.timedelta(days=1)


def schedule_daily() -> bool:
    """Queue tomorrow morning's run unless one is queued already (called by `gongkai worker`
    at start and by the run itself, so one worker keeps the day going)."""
    from django_tasks_db.models import DBTaskResult

    path = f"{daily.func.__module__}.{daily.func.__qualname__}"
    if DBTaskResult.objects.filter(task_path=path, status="READY").exists():
        return False
    daily.using(run_after=next_morning()).enqueue()
    return True


def morning(today: dt.date) -> tuple[int, int, int]:
    """Application reminders (officers, digests to heads) and annual-report reminders (before
    31 January / 31 March): (applications due soon or overdue, their mails, report mails)."""
    from gongkai.annual_reports.tasks import remind
    from gongkai.cases.notify import reminders
    from gongkai.cases.queries import needing_reminders

    with transaction.atomic():
        due = needing_reminders(today)
        return len(due), reminders(due, today.isoformat()), remind(today)


@task()
def daily() -> int:
    """Every morning (`gongkai tick` does the same from cron instead)."""
    _due, sent, report_mails = morning(timezone.localdate())
    schedule_daily()
    return sent + report_mails
