"""A unit's page gathers its whole tree once (``agencies.access.descendant_ids``), and every
``/units/<id>/…`` page finds its unit by the one helper (``portal.agency.public_unit``)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from gongkai.agencies.choices import AgencyKind
from gongkai.agencies.tests.factories import make_agency
from gongkai.conftest import Personas


def _queries(path: str) -> int:
    client = Client()
    client.get(path)  # warm: the site agency's cache
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_one_more_level_below_a_unit_costs_one_query(personas: Personas, settings: Any) -> None:
    settings.GONGKAI_PAGE_CACHE_SECONDS = 0
    county = personas.county_a
    path = f"/units/{county.pk}/"
    two_levels = _queries(path)  # county → agencies
    make_agency("温州市瓯海区财政局某派出机构", AgencyKind.DISPATCHED, parent=personas.agency_a)
    three_levels = _queries(path)
    assert three_levels == two_levels + 1  # the tree is walked once, one query a level


@pytest.mark.parametrize(
    "path",
    ["/units/{pk}/", "/units/{pk}/about/", "/units/{pk}/guide/", "/units/{pk}/standard/"],
)
def test_an_inactive_or_unknown_unit_is_404(personas: Personas, path: str) -> None:
    gone = make_agency("温州市瓯海区已撤销局", parent=personas.county_a)
    gone.is_active = False
    gone.save()
    for pk in (gone.pk, 999_999):
        assert Client().get(path.format(pk=pk)).status_code == 404
