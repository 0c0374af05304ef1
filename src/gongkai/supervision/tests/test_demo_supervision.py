"""The demo district's supervision records: 督办单 in every state, the respondent's clock on the
disputes, two reviews under way, and the scorecard over its 32 units in well under a second."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from gongkai.agencies.access import SystemActor
from gongkai.demo import world
from gongkai.disputes.deadlines import needing_reminders
from gongkai.disputes.models import Dispute
from gongkai.supervision import queries, scorecard
from gongkai.supervision.models import Order

TODAY = dt.date(2026, 11, 22)


@pytest.mark.django_db
def test_the_demo_has_orders_in_every_state_and_disputes_with_their_clock() -> None:
    world.build(TODAY, per_weight=0.4)
    assert set(Order.objects.values_list("status", flat=True)) == {"issued", "answered", "closed"}
    assert queries.overdue(TODAY).exists()
    assert Order.objects.filter(events__kind="returned").exists()
    assert Dispute.objects.filter(copy_received_on__isnull=False, replied_on__isnull=False).exists()
    states = {state for _d, _deadline, state in needing_reminders(TODAY)}
    assert states == {"due_soon", "overdue"}
    start = time.perf_counter()
    cards = scorecard.compute(SystemActor(), TODAY.year - 1, today=TODAY)
    assert time.perf_counter() - start < 1.0
    assert len(cards) == 32
    assert any(c.report_state == "published" for c in cards)
    assert all(c.report_state == "published" or c.report_late for c in cards)
    from gongkai.supervision import registry

    counts = registry.year_counts([c.agency_id for c in cards], TODAY.year - 1)
    assert counts.websites == 1 and 25 <= counts.accounts <= 35
    assert counts.checks == 4 * (counts.websites + counts.accounts) and counts.checks_failed > 0
    assert counts.trainings == 3 and counts.trained > 0
    from gongkai.supervision.models import Scheme

    scheme = Scheme.objects.get()
    assert scheme.status == "published" and scheme.scores.count() == 32
    from gongkai.supervision.models import Bulletin

    assert Bulletin.objects.get().data["checked"] == counts.websites + counts.accounts
    # The reports count these records (一's 平台建设 / 监督保障), and no stand-in text is
    # published: every placeholder was written out; the imported year keeps its prose.
    from gongkai.annual_reports.models import AnnualReport
    from gongkai.core.report.narrative import IMPORTED_MISSING, placeholders

    published = list(AnnualReport.objects.filter(status="published").order_by("year"))
    assert [r.year for r in published] == [TODAY.year - 3, TODAY.year - 2, TODAY.year - 1]
    for record in published:
        texts = record.report().extra["narrative"]
        for section in ("一", "五", "六"):
            text = texts[section]
            assert text.strip() and text != IMPORTED_MISSING, (record.year, section)
            assert "已按要求完成" not in text and placeholders(text) == []
    last = published[-1].report().extra["narrative"]["一"]
    assert f"政务新媒体账号{counts.accounts}个" in last
    assert f"全年开展政府信息公开培训3次，参训人员共{counts.trained}人次。" in last
    assert "发出督办单" in last and "已整改" in last
    assert "（一）主动公开" in published[0].report().extra["narrative"]["一"]  # imported
