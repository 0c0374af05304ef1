"""Morning reminders of the respondent's deadlines (答复 / 答辩), like the applications' ones:
a list to the case's officer and a digest to the agency's heads (``site/daily.py``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from gongkai.cases.notify import remind_officers_and_heads
from gongkai.core.deadlines import cn
from gongkai.core.disputes_deadlines import DisputeStatus
from gongkai.disputes.choices import Kind
from gongkai.disputes.deadlines import needing_reminders


def _lines(today: dt.date) -> Iterator[tuple[str, int, str]]:
    for dispute, deadline, state in needing_reminders(today):
        what = "答复" if dispute.kind == Kind.REVIEW else "答辩"
        number = dispute.case.number if dispute.case else "未关联"
        line = (
            f"{dispute.get_kind_display()} {dispute.reference or dispute.pk}"
            f"（申请 {number}）{what}期限 {cn(deadline.due)} "
            f"{'已逾期' if state == DisputeStatus.OVERDUE else '即将到期'}"
        )
        officer = dispute.case.assigned_to if dispute.case else None
        yield (officer.email if officer else ""), dispute.agency_id, line


def remind(today: dt.date) -> int:
    """Mails sent (officers and heads) for disputes whose reply is due soon or overdue."""
    return remind_officers_and_heads(
        _lines(today),
        officer_subject="行政复议、行政诉讼答复期限提醒",
        head_subject=lambda _digest: "本单位行政复议、行政诉讼答复期限汇总",
    )
