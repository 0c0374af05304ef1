"""Repeated applications (条例第三十六条第六项): flagged, never decided, found in one query."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.cases import queries
from gongkai.cases.models import Case
from gongkai.cases.tests.factories import online_case
from gongkai.conftest import Personas
from gongkai.core.ids import id_number_check_char

pytestmark = pytest.mark.django_db
D = dt.date
BUDGET = "2024年瓯海区财政局部门预算中“三公”经费的明细"
OTHER_ID = "33030419850505432" + id_number_check_char("33030419850505432")
THIRD_ID = "33030419770707111" + id_number_check_char("33030419770707111")


def _flags(case: Case) -> list[str]:
    return [r.earlier.number for r in queries.repeats_of([case]).get(case.pk, [])]


def test_the_same_request_again_is_flagged_with_the_earlier_case(personas: Personas) -> None:
    first = online_case(personas.agency_a, D(2025, 3, 3))
    again = online_case(
        personas.agency_a,
        D(2025, 5, 6),
        description="请公开 2024年瓯海区财政局部门预算“三公”经费明细。",
    )
    assert _flags(again) == [first.number]
    assert _flags(first) == []  # the earlier one repeats nothing
    [repeat] = queries.repeats_of([again])[again.pk]
    assert 60 <= repeat.percent <= 100
    # Only flagged: nothing about the case changed.
    again.refresh_from_db()
    assert (again.status, again.outcome) == ("open", "")


def test_identity_phone_or_account_make_the_same_applicant(personas: Personas) -> None:
    first = online_case(personas.agency_a, D(2025, 3, 3))
    by_phone = online_case(
        personas.agency_a, D(2025, 3, 10), id_number=OTHER_ID, applicant_name="王二"
    )
    by_id = online_case(personas.agency_a, D(2025, 3, 11), phone="13800001111")
    stranger = online_case(
        personas.agency_a, D(2025, 3, 12), id_number=THIRD_ID, phone="13800002222"
    )
    assert first.number in _flags(by_phone)
    assert first.number in _flags(by_id)
    assert _flags(stranger) == []


def test_a_registered_account_is_the_same_applicant(personas: Personas) -> None:
    from gongkai.cases import actions
    from gongkai.cases.tests.factories import application

    def mine(on: dt.date, **overrides: Any) -> Case:
        case, _secret = actions.submit_online(
            actor=personas.applicant,
            agency=personas.agency_a,
            data=application(**overrides),
            token=f"acct-{on}",
            today=on,
        )
        return case

    first = mine(D(2025, 3, 3))
    again = mine(D(2025, 3, 20), id_number=OTHER_ID, phone="13800003333")
    assert _flags(again) == [first.number]


def test_different_text_agency_or_period_is_no_repeat(personas: Personas, settings: Any) -> None:
    online_case(personas.agency_a, D(2025, 1, 2))
    other_text = online_case(
        personas.agency_a, D(2025, 2, 3), description="本局2023年度行政许可事项清单及办理结果"
    )
    other_agency = online_case(personas.agency_b, D(2025, 2, 4))
    assert _flags(other_text) == []
    assert _flags(other_agency) == []
    settings.GONGKAI_REPEAT_DAYS = 30
    late = online_case(personas.agency_a, D(2025, 3, 10))  # 67 days after the first
    assert _flags(late) == []
    settings.GONGKAI_REPEAT_DAYS = 180
    assert len(_flags(late)) == 1
    settings.GONGKAI_REPEAT_SIMILARITY = 100
    near = online_case(personas.agency_a, D(2025, 3, 11), description=BUDGET + "（补充）")
    assert _flags(near) == []  # 100 %: identical text only
    same = online_case(personas.agency_a, D(2025, 3, 12), description=f" {BUDGET}。")
    assert _flags(same) == [late.number, *_flags(late)]  # newest first at equal similarity


def test_one_query_for_a_whole_page(personas: Personas) -> None:
    cases = [online_case(personas.agency_a, D(2025, 3, day)) for day in range(3, 13)]
    with CaptureQueriesContext(connection) as queries_run:
        found = queries.repeats_of(cases)
        numbers = {pk: [r.earlier.number for r in rs] for pk, rs in found.items()}
    assert len(queries_run) == 1
    assert cases[0].pk not in numbers
    assert len(numbers[cases[-1].pk]) == 9
