"""Background work: letters (DOCX + PDF), run by `gongkai worker`.

The receipt of an online application is not queued here: it is rendered when first downloaded
(``letters.ensure_rendered``), so a flood of submissions cannot bury the other letters.

The morning reminders are part of the daily run (``gongkai.site.daily``), above the domain apps;
so is the recovery after a stopped worker, which calls ``requeue_pending_letters``.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.tasks import task

from gongkai.cases.choices import LetterState
from gongkai.cases.models import Letter

log = logging.getLogger(__name__)

# A letter issued this recently may still be between its commit and the queueing of its render.
_JUST_ISSUED = dt.timedelta(minutes=1)


@task()
def generate_letter(letter_id: int) -> str:
    """Render one letter into its DOCX and PDF; a failure is recorded on the letter, not lost.

    Safe to run twice: a letter already rendered (on demand, or by an earlier run) is left as is.
    """
    from gongkai.cases.letters import render_letter

    letter = Letter.objects.select_related("case__agency").get(pk=letter_id)
    if letter.state == LetterState.READY and letter.docx and letter.pdf:
        return "ready"
    try:
        render_letter(letter)
    except Exception as exc:
        log.exception("letter %s failed", letter_id)
        Letter.objects.filter(pk=letter_id).update(state=LetterState.FAILED, error=str(exc)[:2000])
        return "failed"
    except BaseException:
        # The worker was stopped mid-render (a second SIGTERM or Ctrl-C raises SystemExit or
        # KeyboardInterrupt here; the queue marks this task failed). The letter stays pending —
        # truly, because its render is queued again now, or by the worker's next start.
        _queue_again(letter_id)
        raise
    return "ready"


def _queue_again(letter_id: int) -> None:
    try:
        generate_letter.enqueue(letter_id)
    except Exception:  # the connection may be gone mid-stop; the start-up sweep queues it
        log.exception("letter %s: could not queue its render again", letter_id)


def requeue_pending_letters(now: dt.datetime) -> int:
    """Queue the render of every pending letter that nothing queued or running will render
    (its worker was stopped, or its process ended between the commit and the queueing)."""
    from django_tasks_db.models import DBTaskResult

    live = DBTaskResult.objects.filter(
        task_path=generate_letter.module_path, status__in=["READY", "RUNNING"]
    ).values_list("args_kwargs", flat=True)
    covered = {
        args_kwargs["args"][0] if args_kwargs["args"] else args_kwargs["kwargs"].get("letter_id")
        for args_kwargs in live
    }
    pending = Letter.objects.filter(
        state=LetterState.PENDING, created_at__lt=now - _JUST_ISSUED
    ).values_list("pk", flat=True)
    queued = 0
    for letter_id in pending.iterator():
        if letter_id not in covered:
            generate_letter.enqueue(letter_id)
            queued += 1
    return queued
