"""The demo government's 机构信息: built through the action, shown on /about/."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from gongkai.agencies.models import AuditEvent
from gongkai.demo import profile, world


@pytest.mark.django_db
def test_the_government_has_its_leaders_offices_and_a_published_summary() -> None:
    w = world.World(dt.date(2026, 11, 22), 2026)
    w.build_agencies()
    profile.build(w)
    found = w.government.profile
    assert found.publish_summary and found.postcode == "325000"
    assert [row.post for row in found.leaders.all()][:2] == ["区长", "常务副区长"]
    assert found.departments.count() == len(profile.DEPARTMENTS)
    assert AuditEvent.objects.filter(action="agency.profile", actor_label="demo").count() == 1
    page = Client().get("/about/").content.decode()
    assert "温州市瓯江区人民政府机构信息" in page and "周建华" in page and "0577-88000099" in page
    assert Client().get("/applications/summary/").status_code == 200
