"""Cases at chosen dates for report worlds: the rows written directly, as a migration would.

Report tests need applications received and concluded on exact days of past years; going
through the intake actions would tie every world to the working-day calendar of those years.
The fields the report reads are the ones ``cases.actions`` sets (``received_on``,
``first_concluded_on`` / ``first_outcome`` at the first conclusion, ``split_from``).
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from gongkai.agencies.models import Agency
from gongkai.cases.choices import Status
from gongkai.cases.models import Case

_numbers = itertools.count(1)


def case(
    agency: Agency,
    received: dt.date,
    applicant_type: str = "natural",
    *,
    concluded: dt.date | None = None,
    outcome: str = "3.1",
    **fields: Any,
) -> Case:
    """One application received on ``received``; concluded (served) with ``outcome`` if given."""
    n = next(_numbers)
    values: dict[str, Any] = {
        "agency": agency,
        "number": f"T{received.year}-{n:06d}",
        "status": Status.SERVED if concluded else Status.OPEN,
        "channel": "online",
        "submitted_on": received,
        "received_on": received,
        "applicant_type": applicant_type,
        "applicant_name": "王小明",
        "id_kind": "other",
        "id_number_encrypted": "x",
        "id_number_hash": f"h{n}",
        "id_number_masked": "****",
        "phone": "13912345678",
        "phone_last4": "5678",
        "description": f"第{n}件申请",
        "form_wanted": "electronic",
        "delivery": "online",
    }
    if concluded is not None:
        values.update(
            outcome=outcome,
            concluded_on=concluded,
            first_concluded_on=concluded,
            first_outcome=outcome,
        )
    values.update(fields)
    return Case.objects.create(**values)
