"""How a dispute is named on pages (the scorecard drill-down): its kind, reference and the
application's tracking number, or "not linked yet" — never an internal id or "None"."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.annual_reports.tests.factories import case as make_case
from gongkai.conftest import Personas
from gongkai.disputes import actions

pytestmark = pytest.mark.django_db


def test_a_dispute_is_named_by_its_case_number_or_as_not_linked(personas: Personas) -> None:
    p = personas
    filed = dt.date(2025, 5, 6)
    case = make_case(p.agency_a, dt.date(2025, 3, 1), concluded=dt.date(2025, 3, 20))
    linked = actions.record_dispute(
        actor=p.officer_a, case=case, kind="review", body="区政府", filed_on=filed,
        reference="瓯政复〔2025〕3号", today=filed,
    )  # fmt: skip
    unlinked = actions.record_dispute(
        actor=p.officer_a, agency=p.agency_a, kind="litigation_direct", body="区法院",
        filed_on=filed, today=filed,
    )  # fmt: skip
    assert str(linked) == f"行政复议 · 瓯政复〔2025〕3号 · {case.number}"
    assert str(unlinked) == "行政诉讼（未经复议直接起诉） · 尚未关联"
    client = Client()
    client.force_login(p.supervisor)
    url = reverse("console:supervision:members", args=[2025, p.agency_a.pk, "disputes"])
    page = client.get(url).content.decode()
    assert f"瓯政复〔2025〕3号 · {case.number}" in page and "直接起诉） · 尚未关联" in page
    assert "None" not in page and f"({case.pk})" not in page
