"""The demo's shared state: the district's units, people, a seeded random source, working days.

``World`` (world.py) puts together the parts that build each kind of record
(applications.py, catalog.py, records.py) on this base.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from gongkai.agencies import actions as agency_actions
from gongkai.agencies.access import SystemActor
from gongkai.agencies.choices import AgencyKind, Role
from gongkai.agencies.models import Agency, User
from gongkai.agencies.queries import calendar_for
from gongkai.core.calendar import WorkdayCalendar
from gongkai.demo import kinds, names

SYSTEM = SystemActor("demo")
PASSWORD = "gongkai-demo-2026"


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


class Base:
    def __init__(self, today: dt.date, seed: int = 2026) -> None:
        self.today = today
        self.first_year = today.year - 2
        self.years = (today.year - 2, today.year - 1)
        self.rng = random.Random(seed)
        self.summary = Summary()
        self.units: list[Unit] = []
        self.calendar: WorkdayCalendar = calendar_for(today)
        self._people = 0
        self._tokens = 0

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
            credit_code=kinds.credit_code(0),
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
                credit_code=kinds.credit_code(i),
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
                credit_code=kinds.credit_code(100 + i),
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

    def _workday(
        self, year: int, first: dt.date | None = None, last: dt.date | None = None
    ) -> dt.date:
        start = first or dt.date(year, 1, 1)
        end = last or dt.date(year, 12, 31)
        while True:
            day = start + dt.timedelta(days=self.rng.randrange((end - start).days + 1))
            if self.calendar.is_workday(day):
                return day

    def _workdays_before(self, day: dt.date, workdays: int) -> dt.date:
        while workdays:
            day -= dt.timedelta(days=1)
            workdays -= self.calendar.is_workday(day)
        return day

    def _after(self, day: dt.date, workdays: int) -> dt.date:
        return self.calendar.add_workdays(day, workdays)
