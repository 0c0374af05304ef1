"""What the clock answers: the due date, its state on a day, and the steps that explain it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from gongkai.core.calendar import WorkdayCalendar
from gongkai.core.deadlines.events import DUE_SOON_WORKDAYS, Channel


class StepKind(StrEnum):
    RECEIPT = "receipt"
    START = "start"
    CORRECTION_REQUESTED = "correction_requested"
    RESTART = "restart"
    AWAITING_CORRECTION = "awaiting_correction"
    PAUSE = "pause"
    PAUSE_NOT_COUNTED = "pause_not_counted"
    EXTENSION = "extension"
    OFFICE_DATE = "office_date"
    WARNING = "warning"
    PROVISIONAL = "provisional"
    DUE = "due"


@dataclass(frozen=True)
class Step:
    kind: StepKind
    text: str  # plain Chinese; the article in brackets
    article: str = ""
    on: dt.date | None = None
    workdays: int | None = None
    due: dt.date | None = None  # the deadline after this step

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "text": self.text,
            "article": self.article,
            "on": self.on.isoformat() if self.on else None,
            "workdays": self.workdays,
            "due": self.due.isoformat() if self.due else None,
        }


class Status(StrEnum):
    RUNNING = "running"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    PAUSED = "paused"


@dataclass(frozen=True)
class Deadline:
    received: dt.date
    channel: Channel
    start: dt.date  # the day the 20 working days count from: receipt, or 补正 receipt
    due: dt.date
    provisional: bool
    steps: tuple[Step, ...]
    correction_notice_due: dt.date
    correction_notice_provisional: bool
    paused_workdays: int
    extension_workdays: int
    office_set: bool
    awaiting_correction_since: dt.date | None
    # (start, end) of every counted pause; end None while open
    pauses: tuple[tuple[dt.date, dt.date | None], ...]
    calendar: WorkdayCalendar = field(repr=False, compare=False)

    @property
    def explanation(self) -> str:
        return "\n".join(step.text for step in self.steps)

    def remaining_workdays(self, on: dt.date) -> int:
        """Working days left after ``on`` up to the due date; negative once overdue."""
        if on <= self.due:
            return self.calendar.workdays_in(on, self.due)
        return -self.calendar.workdays_in(self.due, on)

    def status(self, on: dt.date) -> Status:
        """Running / due soon (≤ 5 working days left) / overdue / paused, on the day ``on``."""
        if self.awaiting_correction_since is not None and on >= self.awaiting_correction_since:
            return Status.PAUSED
        for start, end in self.pauses:
            if start < on and (end is None or on <= end):
                return Status.PAUSED
        if on > self.due:
            return Status.OVERDUE
        if self.remaining_workdays(on) <= DUE_SOON_WORKDAYS:
            return Status.DUE_SOON
        return Status.RUNNING

    def to_dict(self) -> dict[str, Any]:
        return {
            "received": self.received.isoformat(),
            "channel": self.channel.value,
            "start": self.start.isoformat(),
            "due": self.due.isoformat(),
            "provisional": self.provisional,
            "correction_notice_due": self.correction_notice_due.isoformat(),
            "paused_workdays": self.paused_workdays,
            "extension_workdays": self.extension_workdays,
            "office_set": self.office_set,
            "steps": [step.to_dict() for step in self.steps],
        }


def cn(day: dt.date) -> str:
    """2025年9月26日: how dates are written in letters."""
    return f"{day.year}年{day.month}月{day.day}日"
