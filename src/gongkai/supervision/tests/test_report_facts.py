"""The annual report's 平台建设 / 监督保障 / 考核 parts drafted from this app's records: the
report (a lower layer) asks its hook, which this app fills at start (``apps.ready``)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.annual_reports import facts, queries
from gongkai.conftest import Personas
from gongkai.supervision import actions, assessment, registry

pytestmark = pytest.mark.django_db
D = dt.date


def _overview(agency: object, year: int, **kwargs: object) -> str:
    report = queries.compute(agency, year, **kwargs)  # type: ignore[arg-type]
    return str(report.extra["narrative"]["一"])


def test_the_report_counts_channels_checks_training_and_orders(personas: Personas) -> None:
    p = personas
    account = registry.register_channel(
        actor=p.admin_a, agency=p.agency_a, kind="wechat", name="瓯海财政", opened_on=D(2020, 1, 1)
    )
    registry.register_channel(
        actor=p.admin_a,
        agency=p.agency_a,
        kind="website",
        name="瓯海财政网",
        opened_on=D(2010, 1, 1),
    )
    day = D(2025, 6, 30)
    registry.record_check(
        actor=p.supervisor, channel=account, checked_on=day, last_update=D(2025, 6, 1), today=day
    )
    registry.record_check(
        actor=p.supervisor, channel=account, checked_on=D(2025, 9, 30), last_update=D(2025, 9, 29),
        today=D(2025, 9, 30),
    )  # fmt: skip
    for held, people in ((D(2025, 3, 12), 40), (D(2025, 10, 14), 35)):
        registry.record_training(
            actor=p.admin_a, agency=p.agency_a, held_on=held, topic="条例解读",
            organiser="区政府办", participants=people, today=held,
        )  # fmt: skip
    closed = actions.issue(
        actor=p.supervisor, unit=p.agency_a, finding="超过两周未更新", requirement="更新",
        workdays=10, today=D(2025, 7, 2),
    )  # fmt: skip
    actions.answer(
        actor=p.officer_a, order=closed, text="已更新", on=D(2025, 7, 8), today=D(2025, 7, 8)
    )
    actions.review(actor=p.supervisor, order=closed, accept=True, today=D(2025, 7, 10))
    actions.issue(
        actor=p.supervisor, unit=p.agency_a, finding="目录事项无内容", requirement="补充",
        workdays=10, today=D(2025, 11, 3),
    )  # fmt: skip
    text = _overview(p.agency_a, 2025)
    assert "本机关共运维政府网站1个、政务新媒体账号1个" in text
    assert "全年对1个政务新媒体账号开展检查共2次，发现未通过检查1次（占50.0%）" in text
    assert "全年开展政府信息公开培训2次，参训人员共75人次。" in text
    assert "发出督办单2份，已整改1份，正在整改1份。" in text
    assert "【请填写政府网站" not in text
    # Another year counts its own records: no training then, no order.
    earlier = _overview(p.agency_a, 2024)
    assert "本年度未组织开展政府信息公开专题培训。" in earlier
    assert "本年度未发出督办单。" in earlier
    # The other county's unit has none of these: its figures are its own (zero), not A's.
    assert "未开设政府网站和政务新媒体账号" in _overview(p.agency_b, 2025)


def test_a_governments_report_gives_the_assessment_made_in_the_year(personas: Personas) -> None:
    p = personas
    scheme = assessment.create_scheme(actor=p.supervisor, issuer=p.county_a, year=2024)
    assessment.compute(
        actor=p.supervisor, scheme=scheme, manual={p.agency_a.pk: {"platform": 8}},
        today=D(2025, 3, 1),
    )  # fmt: skip
    text = _overview(p.county_a, 2025, units=queries.rollup_units(p.county_a))
    assert "（六）工作考核" in text and "【请填写工作考核、社会评议和责任追究结果情况】" in text
    assessment.step(actor=p.supervisor, scheme=scheme, action="review")
    assessment.step(actor=p.supervisor, scheme=scheme, action="publish", today=D(2025, 4, 1))
    scores = {s.unit_id: s.total for s in scheme.scores.all()}
    text = _overview(p.county_a, 2025, units=queries.rollup_units(p.county_a))
    assert "本年度对2个单位开展2024年度政务公开工作考核" in text
    assert "考核细则和结果已在门户网站公开" in text
    own = _overview(p.agency_a, 2025)
    assert f"在2024年度政务公开工作考核中得分{scores[p.agency_a.pk].normalize():f}分。" in own


def test_without_the_provider_the_parts_stay_placeholders(personas: Personas) -> None:
    provider = facts._PROVIDERS["supervision"]
    facts.unregister("supervision")
    try:
        text = _overview(personas.agency_a, 2025)
    finally:
        facts.register("supervision", provider)
    assert "【请填写政府网站、政务新媒体、政府公报等平台建设情况】" in text
    assert "【请填写组织领导、制度建设、教育培训、考核监督等情况】" in text
