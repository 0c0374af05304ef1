"""The golden deadline table (``cases.csv``): reading its rows into clock inputs.

Columns, in plain terms (one row = one application a lawyer can check by hand):

- ``received``: the day of receipt as 第三十一条 defines it for the ``channel``;
- ``corrections``: ``REQUESTED>RECEIVED`` (补正 notice sent > supplemented application received;
  either side may be empty);
- ``pauses``: ``kind:START..END[@DELIVERED]`` separated by ``;`` — kind ``third_party``,
  ``co_producer`` or ``fee``;
- ``extended``: the day the head approved a 20-working-day extension (empty: none);
- ``expected_due`` / ``expected_provisional``: computed by hand, the trail in ``note``.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from gongkai.core.deadlines import (
    Channel,
    CorrectionReceived,
    CorrectionRequested,
    Event,
    Extension,
    Pause,
    PauseKind,
)

CASES = Path(__file__).with_name("cases.csv")
COLUMNS = [
    "id",
    "description",
    "received",
    "channel",
    "corrections",
    "pauses",
    "extended",
    "expected_due",
    "expected_provisional",
    "note",
]


@dataclass(frozen=True)
class GoldenCase:
    id: str
    description: str
    received: dt.date
    channel: Channel
    events: tuple[Event, ...]
    expected_due: dt.date
    expected_provisional: bool
    note: str

    @property
    def has_pauses(self) -> bool:
        return any(isinstance(e, Pause) for e in self.events)


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text.strip())


def _events(row: dict[str, str]) -> tuple[Event, ...]:
    events: list[Event] = []
    if row["corrections"]:
        requested, _, received = row["corrections"].partition(">")
        if requested:
            events.append(CorrectionRequested(_date(requested)))
        if received:
            events.append(CorrectionReceived(_date(received)))
    for item in filter(None, row["pauses"].split(";")):
        kind, _, rest = item.partition(":")
        span, _, delivered = rest.partition("@")
        start, _, end = span.partition("..")
        events.append(
            Pause(
                PauseKind(kind),
                _date(start),
                _date(end) if end else None,
                _date(delivered) if delivered else None,
            )
        )
    if row["extended"]:
        events.append(Extension(_date(row["extended"])))
    return tuple(events)


def load_cases() -> list[GoldenCase]:
    with CASES.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == COLUMNS, reader.fieldnames
        return [
            GoldenCase(
                id=row["id"],
                description=row["description"],
                received=_date(row["received"]),
                channel=Channel(row["channel"]),
                events=_events(row),
                expected_due=_date(row["expected_due"]),
                expected_provisional={"yes": True, "no": False}[row["expected_provisional"]],
                note=row["note"],
            )
            for row in reader
        ]
