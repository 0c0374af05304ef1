"""What a supervising office has after two years: the respondent's clock on every 复议 / 诉讼
(copy received, reply submitted — a few late), two reviews under way now (one reply due soon,
one overdue), and 督办单 in every state (running, overdue, answered, sent back, closed) issued by
the government's supervisor from the scorecard's figures. All through the actions, each with
the day it happened as ``today``.

It draws from its own random stream, so the records built before it stay what they were.
"""

from __future__ import annotations

import datetime as dt
import random

from gongkai.cases.models import Case
from gongkai.demo import names
from gongkai.demo.base import Base, Unit


class Supervision(Base):
    def _supervision_rng(self) -> random.Random:
        rng: random.Random | None = getattr(self, "_sup_rng", None)
        if rng is None:
            rng = random.Random(self.today.toordinal() * 14)
            self._sup_rng = rng
        return rng

    def dispute_clock(self, dispute: object, cap: dt.date | None = None) -> None:
        """Copy received 1–4 working days after filing, reply 4–12 working days later (a reply
        past the 10 working days of 行政复议法第四十八条 now and then)."""
        from gongkai.disputes import actions
        from gongkai.disputes.models import Dispute

        assert isinstance(dispute, Dispute)
        rng = self._supervision_rng()
        last = cap or self.today
        copy = self._after(dispute.filed_on, rng.randrange(1, 5))
        if copy > last:
            return
        unit = self._unit_of(dispute.agency_id)
        actions.record_copy_received(actor=unit.officer, dispute=dispute, on=copy, today=copy)
        reply = self._after(copy, rng.randrange(4, 13))
        if reply <= last:
            actions.record_reply(actor=unit.officer, dispute=dispute, on=reply, today=reply)

    def _unit_of(self, agency_id: int) -> Unit:
        return next(u for u in self.units if u.agency.pk == agency_id)

    def supervision(self) -> None:
        """After the reports (``registry`` comes before them: their 平台建设 / 监督保障 parts
        count its websites, accounts, checks, training and the 督办单 raised from checks)."""
        self._current_disputes()
        self._orders()
        self._assessment()
        self._bulletin()

    def registry(self) -> None:
        self._registry()
        self._orders_from_checks()

    def _orders_from_checks(self) -> None:
        """Each failed check of the past years becomes a 督办单 (10 working days), answered and
        accepted within two weeks (the reports count them: 发出督办单N份，已整改N份)."""
        from gongkai.agencies.models import User
        from gongkai.supervision import actions, registry
        from gongkai.supervision.models import ChannelCheck

        supervisor = User.objects.get(username="supervisor")
        failed = (
            ChannelCheck.objects.filter(passed=False, checked_on__year__in=self.years)
            .select_related("channel__agency")
            .order_by("checked_on", "pk")
        )
        for check in failed:
            agency = check.channel.agency
            if agency.pk == self.government.pk:
                continue  # the supervisor's own website: fixed at once, no order to itself
            unit = self._unit_of(agency.pk)
            issued = self._after(check.checked_on, 2)
            order = actions.issue(
                actor=supervisor,
                unit=agency,
                finding=registry.failed_finding(check),
                requirement="立即更新内容、回应留言，建立账号日常巡查机制，并报送整改情况。",
                workdays=10,
                today=issued,
            )
            answered = self._after(issued, 6)
            actions.answer(
                actor=unit.officer,
                order=order,
                text="已更新账号内容并回复全部留言，指定专人每周巡查。",
                on=answered,
                today=answered,
            )
            reviewed = self._after(answered, 2)
            actions.review(actor=supervisor, order=order, accept=True, today=reviewed)

    def _bulletin(self) -> None:
        """The 通报 of last year's fourth quarter of checks and orders."""
        from gongkai.agencies.models import User
        from gongkai.supervision import bulletin

        year = self.years[-1]
        day = min(self.today, self._after(dt.date(year, 12, 31), 5))
        bulletin.issue(
            actor=User.objects.get(username="supervisor"),
            issuer=self.government,
            start=dt.date(year, 10, 1),
            end=dt.date(year, 12, 31),
            today=day,
        )

    def _assessment(self) -> None:
        """Last year's 考核: the default scheme, a manual 平台建设 score per unit, a deduction for
        two units, reviewed and published in the spring."""
        from gongkai.agencies.models import User
        from gongkai.supervision import assessment

        rng = self._supervision_rng()
        supervisor = User.objects.get(username="supervisor")
        year = self.years[-1]
        scheme = assessment.create_scheme(actor=supervisor, issuer=self.government, year=year)
        units = assessment.units_of(scheme)
        manual = {u.pk: {"platform": rng.randrange(6, 11)} for u in units}
        deductions = {
            u.pk: [{"reason": "政务新媒体检查未通过，被通报", "points": 2}] for u in units[3:5]
        }
        day = min(self.today, dt.date(year + 1, 4, 15))
        assessment.compute(
            actor=supervisor, scheme=scheme, manual=manual, deductions=deductions, today=day
        )
        assessment.step(actor=supervisor, scheme=scheme, action="review", today=day)
        assessment.step(actor=supervisor, scheme=scheme, action="publish", today=day)

    def _registry(self) -> None:
        """The government's website and 30-odd 政务新媒体 accounts of its units, checked every
        quarter by the supervisor (a few fail: not updated for two weeks, a message left
        unanswered); two or three training sessions a year."""
        from gongkai.agencies.models import User
        from gongkai.supervision import registry

        rng = self._supervision_rng()
        supervisor = User.objects.get(username="supervisor")
        channels = [
            registry.register_channel(
                actor=supervisor,
                agency=self.government,
                kind="website",
                name=f"{names.GOVERNMENT}门户网站",
                operator=f"{names.GOVERNMENT}办公室",
                opened_on=dt.date(2008, 1, 1),
                filing="浙ICP备0000000号",
            )
        ]
        platforms = ("wechat", "weibo", "douyin")
        for i, unit in enumerate(self.units[:32]):
            if i % 11 == 10:
                continue  # a few units run no account
            channels.append(
                registry.register_channel(
                    actor=supervisor,
                    agency=unit.agency,
                    kind=platforms[i % 3],
                    name=f"{unit.agency.name}发布",
                    operator=unit.agency.name,
                    opened_on=dt.date(2016 + i % 6, 3, 1),
                )
            )
        quarter_ends = [
            dt.date(year, month, 28) for year in self.years for month in (3, 6, 9, 12)
        ] + [
            dt.date(self.today.year, month, 28)
            for month in (3, 6, 9)
            if dt.date(self.today.year, month, 28) <= self.today
        ]
        for day in quarter_ends:
            for channel in channels:
                stale = rng.random() < 0.08
                registry.record_check(
                    actor=supervisor,
                    channel=channel,
                    checked_on=day,
                    last_update=day
                    - dt.timedelta(days=rng.randrange(20, 40) if stale else rng.randrange(0, 7)),
                    broken_links=rng.choice((0, 0, 0, 1, 2)),
                    unanswered=1 if rng.random() < 0.03 else 0,
                    today=day,
                )
        topics = (
            "《政府信息公开条例》解读",
            "依申请公开答复规范",
            "政务新媒体管理",
            "年度报告编制",
        )
        for year in (*self.years, self.today.year):
            for n in range(3 if year != self.today.year else 1):
                held = self._workday(
                    year, dt.date(year, 3 + 3 * n, 1), dt.date(year, 4 + 3 * n, 28)
                )
                if held > self.today:
                    continue
                registry.record_training(
                    actor=supervisor,
                    agency=self.government,
                    held_on=held,
                    topic=topics[(n + year) % len(topics)],
                    organiser=f"{names.GOVERNMENT}办公室",
                    participants=rng.randrange(30, 120),
                    today=held,
                )

    def _current_disputes(self) -> None:
        """Two reviews under way today: the reply due tomorrow, and one past its date."""
        from gongkai.disputes import actions

        served = (
            Case.objects.filter(status="served", concluded_on__year=self.years[-1], disputes=None)
            .select_related("agency")
            .order_by("pk")
        )
        for case, back in zip(served[:2], (9, 14), strict=False):
            unit = self._unit_of(case.agency_id)
            copy = self._workdays_before(self.today, back)
            filed = self._workdays_before(copy, 3)
            dispute = actions.record_dispute(
                actor=unit.officer,
                case=case,
                kind="review",
                body=names.GOVERNMENT,
                reference=f"瓯江政复〔{filed.year}〕{back}号",
                filed_on=filed,
                today=filed,
            )
            actions.record_copy_received(
                actor=unit.officer,
                dispute=dispute,
                on=copy,
                today=copy,
            )

    def _orders(self) -> None:
        """督办单 from the government's supervisor, one in each state, about real figures."""
        from gongkai.agencies.models import User
        from gongkai.supervision import actions

        supervisor = User.objects.get(username="supervisor")
        units = self.units[1:]
        plans = [
            # (working days ago issued, days to rectify, answered after, reviewed after, accept)
            (60, 10, 8, 2, True),  # closed
            (45, 10, 6, 2, False),  # sent back, answered again below
            (20, 10, 7, None, None),  # answered, awaiting review
            (25, 10, None, None, None),  # overdue
            (3, 10, None, None, None),  # running
        ]
        findings = [
            ("late_publications", "上年度有主动公开信息超过20个工作日发布（条例第二十六条）"),
            ("missing_interpretations", "行政规范性文件未同步发布政策解读（三同步）"),
            ("late_replies", "上年度依申请公开有逾期答复"),
            ("catalog_empty", "基层政务公开标准目录部分事项无内容"),
            ("overdue_open", "现有逾期未办结的依申请公开申请"),
        ]
        for unit, plan, (source, finding) in zip(units, plans, findings, strict=False):
            back, workdays, answered_after, reviewed_after, accept = plan
            issued = self._workdays_before(self.today, back)
            order = actions.issue(
                actor=supervisor,
                unit=unit.agency,
                finding=finding,
                requirement="查明原因，限期整改，并报送整改情况及佐证材料。",
                workdays=workdays,
                source=source,
                source_year=self.years[-1],
                today=issued,
            )
            if answered_after is None:
                continue
            answered = self._after(issued, answered_after)
            actions.answer(
                actor=unit.officer,
                order=order,
                text="已逐项核查并完成整改，建立发布前到期提醒。",
                on=answered,
                today=answered,
            )
            if reviewed_after is None:
                continue
            reviewed = self._after(answered, reviewed_after)
            actions.review(
                actor=supervisor,
                order=order,
                accept=bool(accept),
                note="" if accept else "佐证材料不足，请补充整改前后对比。",
                today=reviewed,
            )
            if not accept:
                again = self._after(reviewed, 3)
                actions.answer(
                    actor=unit.officer,
                    order=order,
                    text="已补充整改前后对比材料。",
                    on=again,
                    today=again,
                )
