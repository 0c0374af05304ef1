"""Background work: letters (DOCX + PDF), run by `gongkai worker`.

The receipt of an online application is not queued here: it is rendered when first downloaded
(``letters.ensure_rendered``), so a flood of submissions cannot bury the other letters.

The morning reminders are part of the daily run (``gongkai.site.daily``), above the domain apps.
"""

from __future__ import annotations

import logging

from django.tasks import task

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
