"""The applicant's personal data: whole for the handling agency's own case staff, masked for
every other viewer (supervisors, administrators, other agencies): ``applicant_contact``."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.agencies.access import SystemActor
from gongkai.cases.access import applicant_contact, masked_contact
from gongkai.cases.tests.factories import ID_NUMBER, online_case
from gongkai.conftest import PERSONA_NAMES, Personas

pytestmark = pytest.mark.django_db

HANDLING = {"officer_a", "reviewer_a", "head_a"}
CONTACT = {
    "phone": "13812341234",
    "email": "zhang@example.com",
    "address": "浙江省温州市瓯海区娄桥街道1号",
    "postcode": "325000",
}
MASKED = {
    "id_number": ID_NUMBER[:4] + "*" * 10 + ID_NUMBER[-4:],
    "phone": "138****1234",
    "email": "z***@example.com",
    "address": "浙江省温州市****",
    "postcode": "325***",
}


@pytest.mark.parametrize("name", PERSONA_NAMES)
def test_only_the_handling_agencys_case_staff_see_the_applicant_whole(
    personas: Personas, name: str
) -> None:
    case = online_case(personas.agency_a, dt.date.today(), **CONTACT)
    contact = applicant_contact(personas.named(name), case)
    seen = {field: getattr(contact, field) for field in MASKED}
    if name in HANDLING:
        assert contact.whole and seen == {"id_number": ID_NUMBER, **CONTACT}
    else:
        assert not contact.whole and seen == MASKED, name


def test_lists_and_exports_get_the_masked_contact_and_the_system_the_whole(
    personas: Personas,
) -> None:
    case = online_case(personas.agency_a, dt.date.today(), **CONTACT)
    masked = masked_contact(case)
    assert {field: getattr(masked, field) for field in MASKED} == MASKED
    assert applicant_contact(SystemActor(), case).email == CONTACT["email"]
