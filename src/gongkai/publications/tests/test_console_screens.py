"""Console screens for actions that exist: filing under the standard catalog, editing one
standard catalog item, superseding an item."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from gongkai.conftest import Personas
from gongkai.publications import actions
from gongkai.publications.choices import Status
from gongkai.publications.models import CatalogItem, Domain, Publication
from gongkai.publications.tests.factories import published


def _as(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _catalog_item(p: Personas, number: int = 1) -> CatalogItem:
    domain = Domain.objects.get(agency=None, name="财政预决算")
    return actions.save_catalog_item(
        actor=p.officer_a, agency=p.agency_a, domain=domain, number=number, matter="部门预算"
    )


def test_an_officer_files_a_published_item_under_a_standard_catalog_item(
    personas: Personas,
) -> None:
    p = personas
    entry = _catalog_item(p)
    item = published(p.officer_a, p.reviewer_a, p.agency_a, title="2025年部门预算")
    page = _as(p.officer_a).get(f"/console/items/{item.pk}/").content.decode()
    assert f'<option value="{entry.pk}">' in page
    _as(p.officer_a).post(f"/console/items/{item.pk}/file/", {"item": entry.pk})
    assert list(item.catalog_items.all()) == [entry]
    assert item.events.filter(kind="filed").exists()


def test_another_agencys_officer_cannot_file_or_supersede(personas: Personas) -> None:
    p = personas
    entry = _catalog_item(p)
    item = published(p.officer_a, p.reviewer_a, p.agency_a)
    outsider = _as(p.officer_b)
    assert outsider.post(f"/console/items/{item.pk}/file/", {"item": entry.pk}).status_code == 404
    assert outsider.post(f"/console/items/{item.pk}/supersede/", {}).status_code == 404
    assert not item.catalog_items.exists()


def test_an_officer_edits_one_standard_catalog_item_and_adds_another(
    personas: Personas,
) -> None:
    p = personas
    entry = _catalog_item(p)
    url = f"/console/agency/{p.agency_a.pk}/standard-catalog/{entry.pk}/"
    officer = _as(p.officer_a)
    form = officer.get(url)
    assert form.status_code == 200 and "部门预算" in form.content.decode()
    fields = {
        "domain": entry.domain_id, "number": "7", "matter": "部门决算", "submatter": "",
        "content": "决算报告", "basis": "《预算法》", "time_limit": "批准后20日内",
        "subject": "区财政局", "channels": "政府网站", "audience": "everyone", "mode": "active",
        "level": "county",
    }  # fmt: skip
    response = officer.post(url, fields)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.number, entry.matter, entry.time_limit) == (7, "部门决算", "批准后20日内")
    officer.post(f"/console/agency/{p.agency_a.pk}/standard-catalog/new/", {**fields, "number": 8})
    assert CatalogItem.objects.filter(agency=p.agency_a).count() == 2
    # The same domain and number twice is refused, with the form shown again.
    again = officer.post(url, {**fields, "number": 8})
    assert again.status_code == 200 and entry.number == 7
    listing = officer.get(f"/console/agency/{p.agency_a.pk}/standard-catalog/").content.decode()
    assert url in listing
    assert _as(p.officer_b).get(url).status_code == 404


def test_an_officer_supersedes_an_item_by_the_new_versions_index_number(
    personas: Personas,
) -> None:
    p = personas
    old = published(p.officer_a, p.reviewer_a, p.agency_a, title="旧办法")
    new = published(p.officer_a, p.reviewer_a, p.agency_a, title="新办法", on=dt.date(2025, 4, 1))
    officer = _as(p.officer_a)
    assert "index_number" in officer.get(f"/console/items/{old.pk}/").content.decode()
    page = officer.post(
        f"/console/items/{old.pk}/supersede/", {"index_number": "无此索引号"}, follow=True
    )
    assert Publication.objects.get(pk=old.pk).status == Status.PUBLISHED
    assert page.status_code == 200 and "无此索引号" not in page.content.decode()
    officer.post(f"/console/items/{old.pk}/supersede/", {"index_number": new.index_number})
    old.refresh_from_db()
    assert (old.status, old.superseded_by) == (Status.SUPERSEDED, new)
    # Still public, marked superseded; the console links the new version.
    assert new.index_number in officer.get(f"/console/items/{old.pk}/").content.decode()
    public = Client().get(f"/catalog/{old.pk}/")
    assert public.status_code == 200
