"""The cases app's answer to ``agencies.signals.calendar_changed``: recompute open deadlines.

Runs inside the calendar action's transaction (signals.py): every open case whose counting
touches a changed year gets its new due date and a timeline line saying why, or the calendar
change is rolled back with it.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from gongkai.agencies.signals import calendar_changed


@receiver(calendar_changed)
def recompute_open_deadlines(
    sender: Any, years: frozenset[int], calendar: Any, actor: Any, **kwargs: Any
) -> None:
    from gongkai.cases.actions import recompute_deadlines

    recompute_deadlines(actor=actor, years=years, calendar=calendar)
