"""The 补正 form starts with a period the action accepts (条例第三十条: a reasonable one)."""

from __future__ import annotations

import datetime as dt

from gongkai.cases import actions
from gongkai.cases.tests.factories import online_case
from gongkai.conftest import Personas
from gongkai.console.cases.forms import RequestCorrectionForm


def test_the_correction_deadline_does_not_default_to_a_day_it_refuses(
    personas: Personas,
) -> None:
    today = dt.date(2025, 3, 3)
    case = online_case(personas.agency_a, today)
    form = RequestCorrectionForm(None, case=case, today=today)
    deadline = form.fields["deadline"].initial
    assert form.fields["on"].initial == today
    assert deadline == dt.date(2025, 3, 24)  # 15 working days: 4 to 7, 10 to 14, 17 to 21, 24
    # Submitted as it is shown (dates untouched), the action takes it.
    bound = RequestCorrectionForm(
        {"on": today.isoformat(), "items": "身份证明复印件", "deadline": deadline.isoformat()},
        case=case,
        today=today,
    )
    assert bound.is_valid(), bound.errors
    actions.request_correction(
        actor=personas.officer_a, case=case, on=today, items=["身份证明复印件"],
        deadline=bound.cleaned_data["deadline"], today=today,
    )  # fmt: skip
    case.refresh_from_db()
    assert case.status == "awaiting_correction"
