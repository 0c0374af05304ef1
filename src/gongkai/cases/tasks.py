"""Background work: letters (DOCX + PDF) and the daily reminders (`gongkai worker` runs them)."""

from __future__ import annotations

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


@task()
def send_reminders() -> int:
    """Due-soon and overdue reminders to officers, a digest to heads (daily; `gongkai tick`)."""
    from gongkai.cases.notify import reminders
    from gongkai.cases.queries import needing_reminders

    today = timezone.localdate()
    with transaction.atomic():
        return reminders(needing_reminders(today), today.isoformat())
