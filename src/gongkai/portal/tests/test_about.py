"""机构信息, the guide's versions, the 申请须知 and the published summary of results."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.agencies import profile_actions as actions
from gongkai.agencies.guide_text import default_text
from gongkai.cases.models import Case
from gongkai.cases.queries import monthly_outcomes
from gongkai.cases.tests.factories import ID_NUMBER, online_case
from gongkai.conftest import Personas

pytestmark = pytest.mark.django_db


def _profile(personas: Personas, **changes: object) -> None:
    actions.save_profile(
        actor=personas.admin_a,
        agency=personas.agency_a,
        changes={"functions": "负责全区财政收支管理。", "fax": "0577-88001234", **changes},
        leaders=[{"name": "陈局长", "post": "局长", "duties": "主持全面工作。"}],
        departments=[{"name": "预算科", "duties": "编制预算。", "phone": "0577-88001235"}],
    )


def test_about_shows_functions_leaders_departments_and_contacts(personas: Personas) -> None:
    page = Client().get(f"/units/{personas.agency_a.pk}/about/").content.decode()
    assert "温州市瓯海区财政局机构信息" in page and "（未登记）" in page
    _profile(personas, postcode="325000")
    answer = Client().get(f"/units/{personas.agency_a.pk}/about/")  # no stale cached page
    page = answer.content.decode()
    assert answer.status_code == 200
    assert "<title>温州市瓯海区财政局机构信息" in page
    for text in ("负责全区财政收支管理", "陈局长", "主持全面工作", "预算科", "0577-88001235"):
        assert text in page
    assert "0577-88001234" in page and "325000" in page
    guide = Client().get(f"/units/{personas.agency_a.pk}/guide/").content.decode()
    assert '<th scope="row">传真</th><td>0577-88001234</td>' in guide
    site = Client().get("/about/")
    assert site.status_code == 200 and "温州市人民政府机构信息" in site.content.decode()
    assert Client().get("/units/999999/about/").status_code == 404


def test_the_guide_shows_the_latest_version_and_the_earlier_ones(personas: Personas) -> None:
    url = f"/units/{personas.agency_a.pk}/guide/"
    assert "第1版" not in Client().get(url).content.decode()  # the generated default
    start = default_text(personas.agency_a)
    actions.save_guide_version(actor=personas.admin_a, agency=personas.agency_a, sections=start)
    edited = [("一、主动公开", "本机关主动公开的政府信息以本网站为第一平台。"), *start[1:]]
    actions.save_guide_version(actor=personas.admin_a, agency=personas.agency_a, sections=edited)
    today = timezone.localdate().isoformat()
    page = Client().get(url).content.decode()
    assert "第2版" in page and f'更新于 <time datetime="{today}">{today}</time>' in page
    assert "以本网站为第一平台" in page and "第十九条、第二十条" not in page
    assert "联系方式" in page and "受理机构" in page  # contacts always from the record
    assert f"{url}versions/1/" in page
    old = Client().get(f"{url}versions/1/").content.decode()
    assert "此为历史版本" in old and "第十九条、第二十条" in old
    assert Client().get(f"{url}versions/3/").status_code == 404
    assert Client().get("/guide/versions/1/").status_code == 404  # the site's own: none yet


def test_apply_notice_is_linked_from_the_form_and_says_the_rules(personas: Personas) -> None:
    choose = Client().get("/apply/").content.decode()
    form = Client().get(f"/apply/{personas.agency_a.pk}/").content.decode()
    assert "/apply/notice/" in choose and "/apply/notice/" in form
    page = Client().get("/apply/notice/").content.decode()
    for text in ("第二十九条", "第三十条", "第三十三条", "国办函〔2020〕109号", "第五十一条"):
        assert text in page
    assert "个人信息保护法" in page and "加密存储" in page


def _concluded(personas: Personas, on: dt.date, outcome: str) -> Case:
    case = online_case(personas.agency_a, on)
    # The summary reads only the conclusion; the actions' own tests cover how one is reached.
    Case.objects.filter(pk=case.pk).update(outcome=outcome, concluded_on=on)
    return case


def test_summary_counts_by_month_and_outcome_without_personal_data(
    personas: Personas, django_assert_num_queries: Any
) -> None:
    year = timezone.localdate().year
    url = f"/units/{personas.agency_a.pk}/applications/summary/"
    _concluded(personas, dt.date(year, 1, 10), "3.1")
    _concluded(personas, dt.date(year, 1, 20), "3.1")
    _concluded(personas, dt.date(year, 1, 21), "3.2")
    _concluded(personas, dt.date(year - 1, 12, 1), "3.4.1")
    _concluded(personas, dt.date(year - 2, 12, 1), "3.1")  # too old: not shown
    online_case(personas.agency_a, dt.date(year, 1, 5))  # open: not counted
    assert Client().get(url).status_code == 404  # not opted in
    _profile(personas, publish_summary=True)
    with django_assert_num_queries(1):  # one grouped query
        counts = monthly_outcomes(personas.agency_a.pk, (year, year - 1))
    assert counts == {(year, 1, "3.1"): 2, (year, 1, "3.2"): 1, (year - 1, 12, "3.4.1"): 1}
    answer = Client().get(url)
    page = answer.content.decode()
    assert answer.status_code == 200 and "private" in answer["Cache-Control"]
    assert "共3件" in page and "共1件" in page
    assert '<th scope="row">3.1 予以公开</th><td>2</td>' in page
    for secret in ("王小明", "13912345678", "wang@example.com", ID_NUMBER, "三公"):
        assert secret not in page
    # another agency's summary is its own (and not opted in)
    assert Client().get(f"/units/{personas.agency_b.pk}/applications/summary/").status_code == 404


def test_new_pages_are_cached_and_a_profile_save_makes_them_fresh(
    personas: Personas, settings: object
) -> None:
    settings.GONGKAI_PAGE_CACHE_SECONDS = 300  # type: ignore[attr-defined]
    url = f"/units/{personas.agency_a.pk}/about/"
    first = Client().get(url)
    assert first.has_header("ETag")
    _profile(personas)
    assert "陈局长" in Client().get(url).content.decode()
    assert Client().get("/apply/notice/").has_header("ETag")
