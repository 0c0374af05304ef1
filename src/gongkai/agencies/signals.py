"""Hooks other apps register with.

``calendar_changed`` is sent when a calendar year is confirmed, corrected or marked provisional
again, with ``years`` (a frozenset of the affected years), ``calendar`` (the new
``WorkdayCalendar``) and ``actor``. It is sent *inside* the action's transaction: a receiver
that recomputes open deadlines and appends to each case's timeline either succeeds together with
the calendar change, or the calendar change is rolled back with it. The cases app registers::

    @receiver(calendar_changed)
    def recompute_open_deadlines(sender, years, calendar, actor, **kwargs): ...

A receiver must be cheap to skip: it should only touch deadlines whose counted days fall in
``years``.
"""

from __future__ import annotations

from django.dispatch import Signal

calendar_changed = Signal()
