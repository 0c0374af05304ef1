"""A realistic district, built deterministically through the platform's own actions.

A 区人民政府 with its office, ~20 departments and ~10 乡镇/街道; two full calendar years of
disclosure work before the current year (applications with the distributions real reports show:
mostly 自然人, outcomes mixed like a county's, corrections, consultations, extensions, a few late
replies, fees, withdrawals, splits; 复议/诉讼; published items with interpretations and repealed
normative documents; Article 20 figures); the year before those imported from a published
report's text through the reader (the migration path), both years' reports computed and the
government's published.

Everything goes through actions (the same rights checks, events and letters as real work), with
each action's ``today`` set to the day it happened. The whole build runs in one transaction:
SQLite then writes once, and a failure leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter as Tally
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from gongkai.agencies import actions as agency_actions
from gongkai.agencies.access import SystemActor
from gongkai.agencies.choices import AgencyKind, Role
from gongkai.agencies.models import Agency, User
from gongkai.agencies.queries import workday_calendar
from gongkai.cases import actions as case_actions
from gongkai.cases.models import Case
from gongkai.core import outcomes
from gongkai.core.calendar import WorkdayCalendar
from gongkai.core.ids import credit_code_check_char, id_number_check_char
from gongkai.demo import names
from gongkai.publications import actions as pub_actions
from gongkai.publications.models import Publication

SYSTEM = SystemActor("demo")
PASSWORD = "gongkai-demo-2026"

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


@dataclass
class Login:
    username: str
    role: str
    agency: str


@dataclass
class Summary:
    logins: list[Login] = field(default_factory=list)
    cases: int = 0
    carried_in: list[int] = field(default_factory=list)  # per applicant column
    notes: list[str] = field(default_factory=list)


@dataclass
class Unit:
    agency: Agency
    weight: int
    officer: User
    head: User
    reviewer: User


class World:
    def __init__(self, today: dt.date, seed: int = 2026) -> None:
        self.today = today
        self.first_year = today.year - 2
        self.years = (today.year - 2, today.year - 1)
        self.rng = random.Random(seed)
        self.summary = Summary()
        self.units: list[Unit] = []
        self.calendar: WorkdayCalendar = workday_calendar(predict_through=today.year + 1)
        self._people = 0
        self._tokens = 0

    # -- the district ------------------------------------------------------------------------

    def build_agencies(self) -> Agency:
        government = agency_actions.create_agency(
            actor=SYSTEM,
            name=names.GOVERNMENT,
            short_name=names.GOVERNMENT_SHORT,
            kind=AgencyKind.COUNTY,
            parent=None,
            address="温州市瓯江区行政中心1号楼",
            phone="0577-88000000",
            reconsideration_body=names.CITY,
        )
        self.government = government
        self.units.append(self._staff(government, 12, "gov"))
        for i, (name, short, weight) in enumerate(names.DEPARTMENTS, 1):
            agency = agency_actions.create_agency(
                actor=SYSTEM,
                name=name,
                short_name=short,
                kind=AgencyKind.DEPARTMENT,
                parent=government,
                phone=f"0577-8800{i:04d}",
            )
            self.units.append(self._staff(agency, weight, f"d{i:02d}"))
        for i, (name, short, weight) in enumerate(names.TOWNSHIPS, 1):
            agency = agency_actions.create_agency(
                actor=SYSTEM,
                name=name,
                short_name=short,
                kind=AgencyKind.TOWNSHIP,
                parent=government,
                phone=f"0577-8900{i:04d}",
            )
            self.units.append(self._staff(agency, weight, f"t{i:02d}"))
        return government

    def _user(self, username: str, full_name: str, password: str | None = None) -> User:
        return agency_actions.create_user(
            actor=SYSTEM,
            username=username,
            full_name=full_name,
            email=f"{username}@ojq.example.gov.cn",
            password=password,
        )

    def _staff(self, agency: Agency, weight: int, prefix: str) -> Unit:
        # Only the demo's own logins get a password (hashing is deliberately slow).
        signs_in = prefix == "gov"
        password = PASSWORD if signs_in else None
        people = {}
        for role in (Role.OFFICER, Role.HEAD, Role.REVIEWER):
            user = self._user(f"{prefix}-{role.value}", self._person(), password)
            agency_actions.grant_role(actor=SYSTEM, user=user, agency=agency, role=role)
            people[role] = user
            if signs_in:
                self.summary.logins.append(Login(user.username, str(role.label), agency.name))
        return Unit(agency, weight, people[Role.OFFICER], people[Role.HEAD], people[Role.REVIEWER])

    def build_people(self) -> None:
        supervisor = self._user("supervisor", "督查员", PASSWORD)
        agency_actions.grant_role(
            actor=SYSTEM, user=supervisor, agency=self.government, role=Role.SUPERVISOR
        )
        self.summary.logins.append(
            Login("supervisor", str(Role.SUPERVISOR.label), names.GOVERNMENT)
        )
        admin = agency_actions.create_user(
            actor=SYSTEM,
            username="admin",
            full_name="系统管理员",
            password=PASSWORD,
            platform_admin=True,
        )
        self.summary.logins.append(Login(admin.username, "系统管理员", "—"))

    def _person(self) -> str:
        self._people += 1
        return self.rng.choice(names.SURNAMES) + "".join(
            self.rng.choice(names.GIVEN) for _ in range(self.rng.choice((1, 2)))
        )

    # -- applications ------------------------------------------------------------------------

    def _workday(
        self, year: int, first: dt.date | None = None, last: dt.date | None = None
    ) -> dt.date:
        start = first or dt.date(year, 1, 1)
        end = last or dt.date(year, 12, 31)
        while True:
            day = start + dt.timedelta(days=self.rng.randrange((end - start).days + 1))
            if self.calendar.is_workday(day):
                return day

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

    def _workdays_before(self, day: dt.date, workdays: int) -> dt.date:
        while workdays:
            day -= dt.timedelta(days=1)
            workdays -= self.calendar.is_workday(day)
        return day

    def _after(self, day: dt.date, workdays: int) -> dt.date:
        return self.calendar.add_workdays(day, workdays)

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

    # -- proactive disclosure ---------------------------------------------------------------

    def _publish(
        self,
        unit: Unit,
        *,
        title: str,
        kind: str,
        written: dt.date,
        late: bool = False,
        interprets: Publication | None = None,
        document_number: str = "",
    ) -> Publication | None:
        """Draft → submit → content review → 保密审查 → publish (第十七条, 第二十六条)."""
        on = self._after(written, self.rng.randrange(22, 40) if late else self.rng.randrange(1, 15))
        if interprets is not None and interprets.published_on is not None:
            on = max(on, interprets.published_on)
        if on > self.today:
            return None
        topics = self._topics
        item = pub_actions.create_draft(
            actor=unit.officer,
            agency=unit.agency,
            title=title,
            written_on=written,
            kind=kind,
            summary=title,
            document_number=document_number,
            topic=self.rng.choice(topics),
            body=f"<p>{title}。</p><p>{self.rng.choice(names.PLACES)}相关工作按本文件执行。</p>",
            interprets=interprets,
            channels=["website"],
        )
        pub_actions.submit(actor=unit.officer, publication=item)
        for review in ("content", "confidentiality"):
            pub_actions.sign_off(actor=unit.reviewer, publication=item, kind=review)
        return pub_actions.publish(actor=unit.officer, publication=item, on=on)

    def earlier_catalog(self, per_unit: int = 90) -> int:
        """The items each unit published before the platform, imported from its old site's
        catalog export (the migration path: published, with the earlier system's review)."""

        def rows(unit: Unit) -> Iterator[tuple[int, dict[str, Any]]]:
            for line in range(1, per_unit + 1):
                year = self.first_year - 1 - self.rng.randrange(3)
                written = self._workday(year)
                title = self.rng.choice(names.NOTICE_TITLES).format(
                    year=year, n=line, place=self.rng.choice(names.PLACES)
                )
                yield (
                    line,
                    {
                        "title": title,
                        "summary": title,
                        "written_on": written.isoformat(),
                        "published_on": self._after(written, self.rng.randrange(1, 15)).isoformat(),
                        "body": f"<p>{title}。</p>",
                    },
                )

        return sum(
            pub_actions.import_published(
                actor=unit.officer, agency=unit.agency, rows=rows(unit), source="原门户网站目录导出"
            )
            for unit in self.units
        )

    def publications(self, year: int) -> None:
        from gongkai.publications.models import Topic

        self._topics = list(Topic.objects.filter(agency=None)[:12])
        normative: list[tuple[Unit, Publication]] = []
        for unit in self.units:
            per_year = 4 if unit.agency == self.government else self.rng.randrange(0, 3)
            for n in range(per_year):
                written = self._workday(year, last=dt.date(year, 11, 30))
                title = self.rng.choice(names.NORMATIVE_TITLES).format(
                    topic=self.rng.choice(names.TOPICS)
                )
                number = f"{unit.agency.short_name}规〔{year}〕{n + 1}号"
                item = self._publish(
                    unit,
                    title=f"{unit.agency.short_name}{title}",
                    kind="normative",
                    written=written,
                    document_number=number,
                )
                if item is None:
                    continue
                normative.append((unit, item))
                if self.rng.random() < 0.6:  # 政策解读, usually published with the policy (三同步)
                    self._publish(
                        unit,
                        title=f"《{title}》政策解读",
                        kind="interpretation",
                        written=written,
                        interprets=item,
                        late=self.rng.random() < 0.15,
                    )
            for n in range(self.rng.randrange(6, 14)):
                written = self._workday(year)
                title = self.rng.choice(names.NOTICE_TITLES).format(
                    year=year, n=n + 1, place=self.rng.choice(names.PLACES)
                )
                self._publish(
                    unit,
                    title=title,
                    kind="general",
                    written=written,
                    late=self.rng.random() < 0.04,
                )
        # Repeal a few of the older normative documents (本年废止 / 现行有效).
        for unit, item in normative[:: max(1, len(normative) // 4)]:
            if item.written_on.year == year and year < self.today.year - 1:
                continue
            on = self._workday(year, dt.date(year, 6, 1))
            if item.published_on and on > item.published_on:
                pub_actions.change_validity(
                    actor=unit.officer,
                    publication=item,
                    validity="repealed",
                    on=on,
                    by_text=f"{unit.agency.short_name}规〔{year}〕废止决定",
                )

    def figures(self, year: int) -> None:
        """第二十条 figures each unit enters for section 二."""
        for unit in self.units:
            w = unit.weight
            pub_actions.record_figures(
                actor=unit.officer,
                agency=unit.agency,
                year=year,
                source="各科室报送",
                figures={
                    "licensing": w * self.rng.randrange(40, 400),
                    "penalties": w * self.rng.randrange(5, 120),
                    "enforcement": self.rng.randrange(0, 30),
                    "fees": f"{w * self.rng.randrange(1, 40) / 10:.2f}",
                },
            )

    # -- 复议 and 诉讼 --------------------------------------------------------------------------

    def disputes(self) -> None:
        """About a dozen reviews and suits over the two years; some corrected (the case reopens)."""
        from gongkai.disputes import actions as dispute_actions

        by_agency = {unit.agency.pk: unit for unit in self.units}
        served = list(
            Case.objects.filter(status="served", outcome__in=["3.2", "3.4.1", "3.3.4", "3.5.2"])
            .filter(concluded_on__year__in=self.years)
            .order_by("pk")
        )
        for case in self.rng.sample(served, min(12, len(served))):
            unit = by_agency[case.agency_id]
            assert case.concluded_on is not None
            filed = self._after(case.concluded_on, self.rng.randrange(10, 40))
            if filed > self.today:
                continue
            litigation = self.rng.random() < 0.35
            dispute = dispute_actions.record_dispute(
                actor=unit.officer,
                case=case,
                kind="litigation_direct" if litigation else "review",
                body="温州市瓯江区人民法院" if litigation else names.GOVERNMENT,
                filed_on=filed,
                today=filed,
            )
            decided = self._after(filed, self.rng.randrange(30, 70))
            if decided > self.today:
                continue  # 尚未审结
            outcome = self.rng.choices(("upheld", "corrected", "other"), weights=(6, 2, 2))[0]
            dispute_actions.record_decision(
                actor=unit.officer,
                dispute=dispute,
                outcome=outcome,
                decided_on=decided,
                today=decided,
            )
            if outcome == "corrected":
                case.refresh_from_db()
                again = self._after(decided, self.rng.randrange(5, 15))
                if again <= self.today:
                    case_actions.decide(
                        actor=unit.officer,
                        case=case,
                        outcome="3.1",
                        decided_on=again,
                        provision="按复议决定重新答复，以电子邮件方式提供",
                        today=again,
                    )
                    case_actions.serve(
                        actor=unit.officer,
                        case=case,
                        method="online",
                        served_on=again,
                        today=again,
                    )

    # -- the annual reports -----------------------------------------------------------------

    def prior_report_text(self) -> str:
        """The government's published report for the year before the platform, as plain text.

        Its 结转下年度继续办理 are the applications registered in December of that year; the
        rest is what such a district reports.
        """
        from gongkai.core.report import compute as rc
        from gongkai.core.report import narrative

        year = self.first_year - 1
        facts: list[rc.CaseFact] = []
        columns = list(APPLICANT_WEIGHTS)
        labels = {key: label for key, label in zip(columns, rc.APPLICANT_TYPES, strict=True)}
        for received, kind in Case.objects.filter(received_on__year=year).values_list(
            "received_on", "applicant_type"
        ):
            assert received is not None  # the filter's year
            facts.append(rc.CaseFact(received=received, applicant_type=labels[kind]))
        for _ in range(260):
            kind = self.rng.choices(columns, weights=list(APPLICANT_WEIGHTS.values()))[0]
            received = self._workday(year, last=dt.date(year, 11, 30))
            outcome = self.rng.choices(
                list(OUTCOME_WEIGHTS), weights=list(OUTCOME_WEIGHTS.values())
            )[0]
            facts.append(
                rc.CaseFact(
                    received=received,
                    applicant_type=labels[kind],
                    concluded=self._after(received, 15),
                    outcome=outcome,
                )
            )
        disputes = [
            rc.DisputeFact("review", dt.date(year, 5, 6), dt.date(year, 7, 1), "upheld"),
            rc.DisputeFact("review", dt.date(year, 9, 2), dt.date(year, 10, 30), "corrected"),
            rc.DisputeFact(
                "litigation_direct", dt.date(year, 8, 5), dt.date(year, 11, 20), "upheld"
            ),
        ]
        report = rc.compute_report(
            names.GOVERNMENT,
            year,
            facts,
            disputes,
            proactive={
                "rules": {"issued": 0, "repealed": 0, "in_force": 0},
                "normative": {"issued": 9, "repealed": 2, "in_force": 58},
                "licensing": {"decisions": 18345},
                "penalty": {"decisions": 7420},
                "coercion": {"decisions": 133},
                "fees": {"amount_wan_yuan": 412.5},
            },
        )
        draft = narrative.draft(report, fees_yuan=0, government=True, subject="本区")
        return narrative.document_text(report, draft)

    def reports(self) -> None:
        from gongkai.annual_reports import actions as report_actions

        gov = self.units[0]
        report_actions.import_prior_year(
            actor=gov.officer,
            agency=self.government,
            text=self.prior_report_text(),
            year=self.first_year - 1,
        )
        for year in self.years:
            report = report_actions.create_draft(
                actor=gov.officer,
                agency=self.government,
                year=year,
                rollup=True,
                today=self.today,
            )
            for section, text in report.data.get("narrative", {}).items():
                filled = _fill_placeholders(text)
                if filled != text:
                    report_actions.edit_narrative(
                        actor=gov.officer, report=report, section=section, text=filled
                    )
            report.refresh_from_db()
            # 第五十条: a government publishes by 31 March; both years are past that.
            report_actions.mark_reviewed(actor=gov.head, report=report)
            report_actions.publish(actor=gov.head, report=report)
        # Each department's and township's own draft for last year (not yet published).
        for unit in self.units[1:]:
            report_actions.create_draft(
                actor=unit.officer, agency=unit.agency, year=self.years[-1], today=self.today
            )

    def column_counts(self, cases: list[Case]) -> list[int]:
        order = list(APPLICANT_WEIGHTS)
        tally = Tally(c.applicant_type for c in cases)
        counts = [tally[key] for key in order]
        return [*counts, sum(counts)]


def build(today: dt.date, *, seed: int = 2026, per_weight: float = 2.0) -> Summary:
    """The whole district up to ``today`` (inside the caller's transaction)."""
    from gongkai.cases.letters import rendered_on_demand

    with rendered_on_demand():
        return _build(today, seed, per_weight)


def _build(today: dt.date, seed: int, per_weight: float) -> Summary:
    world = World(today, seed)
    world.build_agencies()
    world.build_people()
    carried = world.carried_in()
    world.summary.carried_in = world.column_counts(carried)
    received: list[Case] = list(carried)
    for year in world.years:
        received.extend(world.applications(year, per_weight))
    # This year's first weeks of work: a few applications still open, some due soon or late.
    recent_start = today - dt.timedelta(days=35)
    for unit in world.units[:8]:
        for _ in range(2):
            received.append(world._receive(unit, world._workday(today.year, recent_start, today)))
    world.handle(received, today)
    # A few still waiting for a reply, so the inbox shows what it flags: due soon and overdue.
    for unit, back in zip(world.units[1:6], (16, 17, 19, 22, 25), strict=True):
        received.append(world._receive(unit, world._workdays_before(today, back)))
    world.summary.cases = len(received)
    world.earlier_catalog()
    for year in world.years:
        world.publications(year)
        world.figures(year)
    world.disputes()
    world.reports()
    return world.summary


def _fill_placeholders(text: str) -> str:
    """What the office writes where the draft left 【…】 (the demo's stand-in wording)."""
    import re

    return re.sub(r"【[^】]*】", "（本区已按要求完成）", text)
