"""Writing one entry of the audit trail (``AuditEvent``: who, when, what, before/after).

The agencies' own actions, their profile and guide actions and supervision's writes all record
through ``record_audit``; call it inside the write's transaction.
"""

from __future__ import annotations

from typing import Any

from gongkai.agencies.access import Actor, actor_label, actor_user
from gongkai.agencies.models import Agency, AuditEvent


def record_audit(
    actor: Actor,
    action: str,
    subject: object,
    *,
    agency: Agency | None = None,
    before: Any = None,
    after: Any = None,
) -> AuditEvent:
    """One audit entry; ``subject`` is shown as text, cut to the field's 200 characters."""
    return AuditEvent.objects.create(
        actor=actor_user(actor),
        actor_label=actor_label(actor),
        action=action,
        agency=agency,
        subject=str(subject)[:200],
        before=before,
        after=after,
    )
