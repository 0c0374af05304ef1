"""Applications: received, handled through every step the law allows, concluded."""

from __future__ import annotations

import datetime as dt
from collections import Counter as Tally
from collections.abc import Iterator
from typing import Any

from gongkai.cases import actions as case_actions
from gongkai.cases.models import Case
from gongkai.core import outcomes
from gongkai.core.ids import credit_code_check_char, id_number_check_char
from gongkai.demo import names
from gongkai.demo.base import SYSTEM, Base, Unit

# Outcome shares of concluded applications, after a real county report (瓯海区 2020: 35% 予以公开,
# 37% 部分公开, 18% 不掌握 …), as weights per 1,000.
OUTCOME_WEIGHTS: dict[str, int] = {
    "3.1": 350,
    "3.2": 330,
    "3.3.1": 2,
    "3.3.2": 9,
    "3.3.3": 3,
    "3.3.4": 6,
    "3.3.5": 2,
    "3.3.6": 5,
    "3.3.7": 2,
    "3.3.8": 4,
    "3.4.1": 180,
    "3.4.2": 8,
    "3.4.3": 3,
    "3.5.1": 6,
    "3.5.2": 30,
    "3.5.3": 2,
    "3.5.4": 2,
    "3.5.5": 3,
}
APPLICANT_WEIGHTS = {
    "natural": 880,
    "business": 95,
    "research": 3,
    "nonprofit": 4,
    "legal": 12,
    "other": 6,
}
REASONS = {
    "3.2": "所申请信息中涉及个人隐私的部分，公开后可能对第三方合法权益造成损害，依法不予公开。",
    "3.3": "所申请信息属于依法不予公开的范围。",
    "3.3.8": "所申请信息属于《不动产登记暂行条例》规定的查询事项，请按该条例规定程序办理。",
    "3.4.1": "经检索，本机关未制作或获取所申请的政府信息。",
    "3.4.2": "所申请信息需要本机关对现有信息进行加工、分析，本机关不负有此项义务。",
    "3.4.3": "经补正后，申请内容仍不明确，本机关无法确定所需信息。",
    "3.5": "所提申请不属于政府信息公开申请，本机关不作为政府信息公开申请处理。",
}


class Applications(Base):
    def _applicant(self, kind: str) -> dict[str, Any]:
        rng = self.rng
        if kind == "natural":
            region = rng.choice(("330304", "330302", "330303", "330381"))
            born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 50))
            first17 = f"{region}{born:%Y%m%d}{rng.randrange(1000):03d}"
            return {
                "applicant_type": kind,
                "applicant_name": self._person(),
                "id_kind": "resident_id",
                "id_number": first17 + id_number_check_char(first17),
            }
        pool = {
            "business": names.COMPANIES,
            "legal": names.LAW_FIRMS,
            "research": names.RESEARCH,
            "nonprofit": names.NONPROFITS,
            "other": names.OTHERS,
        }[kind]
        name = rng.choice(pool)
        # Deterministic: the code follows from the name's place in its list.
        kind_digit = list(APPLICANT_WEIGHTS).index(kind)
        body = f"9133030{kind_digit}{pool.index(name) + 1}MA2CN7XY0"[:17]
        return {
            "applicant_type": kind,
            "applicant_name": name,
            "id_kind": "credit_code",
            "id_number": body + credit_code_check_char(body),
            "contact_person": self._person(),
        }

    def _application(self, unit: Unit, year: int) -> dict[str, Any]:
        kind = self.rng.choices(list(APPLICANT_WEIGHTS), weights=list(APPLICANT_WEIGHTS.values()))[
            0
        ]
        short = unit.agency.short_name
        key = next((k for k in names.REQUESTS if k and k in short), "")
        description = self.rng.choice(names.REQUESTS[key]).format(
            place=self.rng.choice(names.PLACES), year=year - self.rng.choice((0, 1))
        )
        delivery = self.rng.choice(("online", "online", "post", "email"))
        house = self.rng.randrange(1, 200)
        return {
            **self._applicant(kind),
            "phone": f"13{self.rng.randrange(10**9):09d}",
            "email": f"applicant{self.rng.randrange(10**6)}@example.com",
            "address": f"浙江省温州市瓯江区{self.rng.choice(names.PLACES)}{house}号",
            "postcode": "325000",
            "description": "申请公开" + description,
            "form_wanted": self.rng.choice(("electronic", "paper")),
            "delivery": delivery,
        }

    def _receive(self, unit: Unit, on: dt.date) -> Case:
        data = self._application(unit, on.year)
        if self.rng.random() < 0.65:
            self._tokens += 1
            case, _secret = case_actions.submit_online(
                actor=SYSTEM, agency=unit.agency, data=data, token=f"demo-{self._tokens}", today=on
            )
            return case
        channel = self.rng.choice(("in_person", "registered_post", "email"))
        confirmed = on if channel == "email" else None
        return case_actions.register(
            actor=unit.officer,
            agency=unit.agency,
            data=data,
            channel=channel,
            submitted_on=on,
            signed_for_on=on if channel == "registered_post" else None,
            confirmed_on=confirmed,
            today=on,
        )

    def _handle(self, unit: Unit, case: Case, end: dt.date) -> None:
        """Take one application through its life, stopping at ``end`` (what is still open)."""
        rng = self.rng
        officer, head = unit.officer, unit.head
        received = case.received_on
        assert received is not None
        day = received
        roll = rng.random()
        if roll < 0.02:  # withdrawn by the applicant
            on = self._after(received, rng.randrange(2, 10))
            if on <= end:
                case_actions.withdraw(
                    actor=officer, case=case, on=on, note="申请人书面撤回申请", today=on
                )
            return
        if roll < 0.09:  # 补正
            asked = self._after(received, rng.randrange(1, 7))
            if asked > end:
                return
            case_actions.request_correction(
                actor=officer,
                case=case,
                on=asked,
                items=["请明确所需政府信息的名称、文号或者便于查询的其他特征性描述"],
                deadline=self._after(asked, 10),
                today=asked,
            )
            if rng.random() < 0.2:  # never supplemented: 3.6.1
                lapsed = self._after(asked, 11)
                if lapsed <= end:
                    case_actions.close_correction_lapsed(actor=officer, case=case, today=lapsed)
                return
            day = self._after(asked, rng.randrange(2, 9))
            if day > end:
                return
            case_actions.record_correction(actor=officer, case=case, on=day, today=day)
        case.refresh_from_db()
        outcome = rng.choices(list(OUTCOME_WEIGHTS), weights=list(OUTCOME_WEIGHTS.values()))[0]
        if outcome in {"3.2", "3.3.4"} or rng.random() < 0.03:  # consult the third party
            sent = self._after(day, rng.randrange(2, 6))
            if sent > end:
                return
            consultation = case_actions.consult(
                actor=officer,
                case=case,
                kind="third_party",
                consultee=rng.choice(names.COMPANIES),
                sent_on=sent,
                today=sent,
            )
            answered = self._after(sent, rng.randrange(3, 15))
            if answered > end:
                return
            case_actions.record_consultation(
                actor=officer,
                consultation=consultation,
                answer="objects" if outcome == "3.3.4" else rng.choice(("agrees", "objects")),
                answered_on=answered,
                today=answered,
            )
            day = answered
        case.refresh_from_db()
        if rng.random() < 0.05 and case.due_on and day <= case.due_on:  # extension
            granted = min(self._after(day, 2), case.due_on)
            if granted > end:
                return
            case_actions.extend(
                actor=head,
                case=case,
                granted_on=granted,
                reason="所需信息涉及多个科室，需进一步检索核实",
                today=granted,
            )
            day = granted
        case.refresh_from_db()
        if rng.random() < 0.012:  # a large request: a per-page fee
            notice = self._after(day, 2)
            if notice > end:
                return
            case_actions.fee_notice(
                actor=officer,
                case=case,
                basis="per_page",
                pages=rng.randrange(80, 260),
                notice_on=notice,
                payment_method="通过浙江政务服务网统一公共支付平台缴纳",
                today=notice,
            )
            if rng.random() < 0.3:
                lapsed = self._after(notice, 21)
                if lapsed <= end:
                    case_actions.close_fee_unpaid(actor=officer, case=case, today=lapsed)
                return
            paid = self._after(notice, rng.randrange(3, 15))
            if paid > end:
                return
            case_actions.record_payment(
                actor=officer,
                case=case,
                paid_on=paid,
                receipt_number=f"ZJ{paid:%Y%m%d}{case.pk:05d}",
                today=paid,
            )
            day = paid
        case.refresh_from_db()
        due = case.due_on or self._after(day, 20)
        late = rng.random() < 0.015
        decided = self._after(due, 1) if late else min(self._after(day, rng.randrange(3, 16)), due)
        decided = max(decided, day)
        if decided > end:
            return
        reasons = REASONS.get(outcome) or REASONS.get(outcome[:3], "")
        if (
            outcome == outcomes.NOT_HELD
        ):  # 条例第三十六条第四项: "not held" rests on a recorded search
            case_actions.record_search(
                actor=officer,
                case=case,
                searched_on=decided,
                places=["本机关档案室文书档案", "政务办公系统收发文记录"],
                terms=[case.description[:20]],
                result="未检索到申请人所需的政府信息",
                today=decided,
            )
        case_actions.decide(
            actor=officer,
            case=case,
            outcome=outcome,
            decided_on=decided,
            today=decided,
            reasons=reasons if outcomes.get(outcome).reasons_required else "",
            provision="以电子邮件方式提供" if outcome == "3.1" else "",
        )
        served = self._after(decided, 1) if self.rng.random() < 0.5 else decided
        if served > end:
            return
        method = {"post": "post", "email": "email"}.get(case.delivery, "online")
        case_actions.serve(actor=officer, case=case, method=method, served_on=served, today=served)

    def carried_in(self) -> list[Case]:
        """Applications received in December before the first platform year, still open then.

        The office registers them when it starts on the platform; last year's published report
        (imported through the reader) counts them as 结转下年度继续办理.
        """
        year = self.first_year - 1
        unit_pool = [u for u in self.units if u.weight >= 4]
        cases = []
        for _ in range(14):
            unit = self.rng.choice(unit_pool)
            on = self._workday(year, dt.date(year, 12, 10), dt.date(year, 12, 29))
            cases.append(self._receive(unit, on))
        return cases

    def applications(self, year: int, per_weight: float) -> Iterator[Case]:
        """Applications received in ``year``, handled as far as the end of ``handle_until``."""
        for unit in self.units:
            count = max(1, round(unit.weight * per_weight * self.rng.uniform(0.8, 1.2)))
            for _ in range(count):
                yield self._receive(unit, self._workday(year))

    def handle(self, cases: list[Case], until: dt.date) -> None:
        by_agency = {unit.agency.pk: unit for unit in self.units}
        for case in sorted(cases, key=lambda c: (c.received_on or c.submitted_on, c.pk)):
            self._handle(by_agency[case.agency_id], case, until)

    def column_counts(self, cases: list[Case]) -> list[int]:
        order = list(APPLICANT_WEIGHTS)
        tally = Tally(c.applicant_type for c in cases)
        counts = [tally[key] for key in order]
        return [*counts, sum(counts)]
