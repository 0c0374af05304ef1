"""Morning reminders of the respondent's deadlines (答复 / 答辩), like the applications' ones:
a list to the case's officer and a digest to the agency's heads (``site/daily.py``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from gongkai.cases.notify import _send
from gongkai.core.deadlines import cn
from gongkai.disputes.deadlines import needing_reminders


def remind(today: dt.date) -> int:
    """Mails sent (officers and heads) for disputes whose reply is due soon or overdue."""
    from gongkai.agencies.choices import Role
    from gongkai.agencies.models import Membership

    by_officer: dict[str, list[str]] = defaultdict(list)
    by_agency: dict[int, list[str]] = defaultdict(list)
    for dispute, deadline, state in needing_reminders(today):
        what = "答复" if dispute.kind == "review" else "答辩"
        number = dispute.case.number if dispute.case else "未关联"
        line = (
            f"{dispute.get_kind_display()} {dispute.reference or dispute.pk}"
            f"（申请 {number}）{what}期限 {cn(deadline.due)} "
            f"{'已逾期' if state == 'overdue' else '即将到期'}"
        )
        officer = dispute.case.assigned_to if dispute.case else None
        if officer is not None and officer.email:
            by_officer[officer.email].append(line)
        by_agency[dispute.agency_id].append(line)
    sent = 0
    for address, lines in by_officer.items():
        _send("行政复议、行政诉讼答复期限提醒", "\n".join(lines), [address])
        sent += 1
    heads = Membership.objects.filter(agency_id__in=by_agency, role=Role.HEAD).select_related(
        "user"
    )
    for membership in heads:
        if membership.user.email:
            _send(
                "本单位行政复议、行政诉讼答复期限汇总",
                "\n".join(by_agency[membership.agency_id]),
                [membership.user.email],
            )
            sent += 1
    return sent
