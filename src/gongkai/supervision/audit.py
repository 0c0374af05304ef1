"""Supervision's writes that have no timeline of their own (the registry of channels, checks
and trainings, 考核 schemes and scores, 通报) go to the agencies' audit trail
(``agencies.models.AuditEvent``: who, when, what, before/after), as the agencies' own changes
do. A 督办单 keeps its own timeline (``OrderEvent``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from gongkai.agencies.access import Actor
from gongkai.agencies.audit import record_audit
from gongkai.agencies.models import Agency, AuditEvent


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def record(
    actor: Actor,
    action: str,
    *,
    agency: Agency,
    subject: object,
    before: Any = None,
    after: Any = None,
) -> AuditEvent:
    """One audit entry (call it inside the write's transaction); dates become ISO strings."""
    return record_audit(
        actor, action, subject, agency=agency, before=_plain(before), after=_plain(after)
    )
