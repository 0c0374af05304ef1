"""Plain-language labels for the case pages: the timeline (event kinds carry their own labels,
``CaseEventKind``), its data, outcomes, statuses and deadline states."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.cases.choices import (
    AttachmentKind,
    CaseEventKind,
    Channel,
    ConsultationAnswer,
    ConsultationKind,
    ServiceMethod,
    Status,
)
from gongkai.cases.models import CaseEvent
from gongkai.core import fees, outcomes

DATA_LABELS: dict[str, Promise] = {
    "channel": gettext_lazy("Channel"),
    "items": gettext_lazy("What to supplement"),
    "deadline": gettext_lazy("Deadline"),
    "late": gettext_lazy("Late"),
    "due_on": gettext_lazy("Due"),
    "note": gettext_lazy("Note"),
    "kind": gettext_lazy("Kind"),
    "consultee": gettext_lazy("Consulted"),
    "answer": gettext_lazy("Answer"),
    "workdays": gettext_lazy("Working days"),
    "from": gettext_lazy("From"),
    "to": gettext_lazy("To"),
    "to_name": gettext_lazy("Officer"),
    "reason": gettext_lazy("Reason"),
    "reasons": gettext_lazy("Reasons"),
    "amount": gettext_lazy("Amount (yuan)"),
    "basis": gettext_lazy("Basis"),
    "explanation": gettext_lazy("Explanation"),
    "pay_by": gettext_lazy("Pay by"),
    "outcome": gettext_lazy("Outcome"),
    "method": gettext_lazy("Method"),
    "into": gettext_lazy("Split into"),
    "unit": gettext_lazy("Unit"),
    "name": gettext_lazy("File"),
    "provisional": gettext_lazy("Provisional"),
    "years": gettext_lazy("Calendar years"),
    "by_applicant": gettext_lazy("By the applicant"),
    "index_number": gettext_lazy("Index number"),
}
# Keys whose value another key already says in words.
HIDDEN_DATA = {"label", "consultation", "item", "publication"}  # ids: the page links them

DUE_LABELS: dict[str, Promise] = {
    "overdue": gettext_lazy("Overdue"),
    "due_soon": gettext_lazy("Due soon"),
    "running": gettext_lazy("Running"),
}


def _choice_label(key: str, value: Any) -> str:
    enums: dict[str, Any] = {
        "channel": Channel,
        "method": ServiceMethod,
        "answer": ConsultationAnswer,
    }
    if key in enums:
        try:
            return str(enums[key](value).label)
        except ValueError:
            return str(value)
    if key == "kind":
        for enum in (ConsultationKind, AttachmentKind):
            if value in enum.values:
                return str(enum(value).label)
    if key == "basis":
        try:
            return fees.BASIS_LABELS[fees.Basis(value)]
        except ValueError:
            return str(value)
    if key == "outcome":
        return outcome_label(str(value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    if value is None:
        return "—"
    return str(value)


def outcome_label(code: str) -> str:
    if not code:
        return ""
    try:
        return f"{code} {outcomes.get(code).label}"
    except ValueError:
        return code


def event_label(kind: str) -> str:
    """The staff wording of an event kind (``CaseEventKind``'s label)."""
    try:
        return str(CaseEventKind(kind).label)
    except ValueError:
        return kind


def status_label(value: str) -> str:
    try:
        return str(Status(value).label)
    except ValueError:
        return value


@dataclass(frozen=True)
class TimelineEntry:
    event: CaseEvent
    who: str
    what: str
    before: str
    after: str
    data: list[tuple[str, str]]


def timeline_entry(event: CaseEvent) -> TimelineEntry:
    data = [
        (str(DATA_LABELS.get(key, key)), _choice_label(key, value))
        for key, value in event.data.items()
        if key not in HIDDEN_DATA
        and not (event.kind == CaseEventKind.ASSIGNED and key in {"from", "to"})
    ]
    return TimelineEntry(
        event=event,
        who=str(event.actor) if event.actor is not None else event.actor_label,
        what=event_label(event.kind),
        before=status_label(event.status_before) if event.status_before else "",
        after=status_label(event.status_after) if event.status_after else "",
        data=data,
    )


def outcome_choices(codes: Iterable[str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Outcomes grouped like the report's rows (予以公开 … 其他处理), with their row codes."""
    wanted = set(codes)
    return [
        (
            label,
            [
                (o.code, f"{o.code} {o.label}")
                for o in outcomes.OUTCOMES.values()
                if o.group is group and o.code in wanted
            ],
        )
        for group, label in outcomes.GROUP_LABELS.items()
        if any(o.group is group and o.code in wanted for o in outcomes.OUTCOMES.values())
    ]
