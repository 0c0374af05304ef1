"""Standard catalogs: the 26 seeded domains, XLSX round trip, filing items and the gaps."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from gongkai.conftest import Personas
from gongkai.publications import actions, catalog_xlsx, queries
from gongkai.publications.choices import STANDARD_DOMAINS
from gongkai.publications.models import CatalogItem, Domain
from gongkai.publications.tests.factories import published


def _sheet(rows: list[list[str]]) -> bytes:
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([h for _f, h in catalog_xlsx.COLUMNS])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


ROWS = [
    ["财政预决算", "1", "财政预算", "部门预算", "预算报告、报表", "《预算法》", "批准后20日内",
     "区财政局", "政府网站", "全社会", "主动", "县级"],
    ["集体土地上房屋征收与补偿", "1", "征收公告", "", "征收范围", "《土地管理法》",
     "信息形成或者变更之日起20个工作日内", "区政府", "政府网站、公开栏", "特定群众", "主动", "乡级"],  # noqa: E501
]  # fmt: skip


def test_the_26_domains_are_seeded(db: None) -> None:
    assert Domain.objects.filter(agency=None).count() == 26 == len(STANDARD_DOMAINS)


def test_import_export_round_trip_and_own_domains(personas: Personas) -> None:
    p = personas
    saved = actions.import_catalog(
        actor=p.officer_a, agency=p.agency_a, rows=catalog_xlsx.read(_sheet(ROWS))
    )
    assert len(saved) == 2
    own = Domain.objects.get(name="集体土地上房屋征收与补偿")
    assert own.agency == p.agency_a
    assert saved[1].audience == "specific" and saved[1].level == "township"
    back = list(catalog_xlsx.read(catalog_xlsx.export(p.agency_a)))
    assert [list(r.values()) for _line, r in back] == ROWS
    with pytest.raises(ValidationError, match="line 2"):
        actions.import_catalog(
            actor=p.officer_a,
            agency=p.agency_a,
            rows=catalog_xlsx.read(_sheet([[*ROWS[0][:9], "大家", "主动", "县级"]])),
        )


def test_the_gaps_show_published_late_and_missing(personas: Personas) -> None:
    p = personas
    budget, expropriation = actions.import_catalog(
        actor=p.officer_a, agency=p.agency_a, rows=catalog_xlsx.read(_sheet(ROWS))
    )
    late = published(
        p.officer_a, p.reviewer_a, p.agency_a, written_on=dt.date(2025, 1, 2),
        on=dt.date(2025, 3, 10),
    )  # fmt: skip
    actions.file_under(actor=p.officer_a, publication=late, item=budget)
    gaps = {g.item.pk: g for g in queries.catalog_gaps(p.agency_a, 2025)}
    assert (gaps[budget.pk].published, gaps[budget.pk].late, gaps[budget.pk].missing) == (
        1, 1, False,
    )  # fmt: skip
    assert gaps[expropriation.pk].missing
    client = Client()
    client.force_login(p.officer_a)
    page = client.get(f"/console/agency/{p.agency_a.pk}/standard-catalog/", {"year": "2025"})
    assert "财政预算" in page.content.decode()
    other = Client()
    other.force_login(p.officer_b)
    assert other.get(f"/console/agency/{p.agency_a.pk}/standard-catalog/").status_code == 403
    assert CatalogItem.objects.filter(agency=p.agency_b).count() == 0
