"""Morning reminders of overdue 督办单: a digest to the unit's heads and to the supervisors of
the issuing office (``site/daily.py``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from gongkai.agencies.choices import Role
from gongkai.agencies.models import Membership
from gongkai.cases.notify import send
from gongkai.core.deadlines import cn
from gongkai.supervision.queries import overdue


def remind(today: dt.date) -> int:
    lines: dict[tuple[int, Role], list[str]] = defaultdict(list)
    for order in overdue(today):
        line = f"{order.number}（{order.unit.name}）整改答复期限 {cn(order.due_on)} 已逾期"
        lines[(order.unit_id, Role.HEAD)].append(line)
        lines[(order.issuer_id, Role.SUPERVISOR)].append(line)
    sent = 0
    members = Membership.objects.filter(
        agency_id__in={agency for agency, _role in lines}
    ).select_related("user")
    for membership in members:
        found = lines.get((membership.agency_id, Role(membership.role)))
        if found:
            sent += send("政务公开督办单逾期提醒", "\n".join(found), [membership.user.email])
    return sent
