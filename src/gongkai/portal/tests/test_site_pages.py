"""The pages a visitor expects: home, 公开指南, a unit's page, 政策解读 — Chinese throughout."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client

from gongkai.conftest import Personas
from gongkai.publications.choices import DocumentKind, InterpretationForm
from gongkai.publications.models import Genre, Topic
from gongkai.publications.tests.factories import published


@pytest.fixture
def items(personas: Personas) -> dict[str, Any]:
    p = personas
    p.agency_a.address = "温州市瓯海区娄桥街道"
    p.agency_a.phone = "0577-88000000"
    p.agency_a.office_hours = "工作日 8:30-12:00，14:00-17:30"
    p.agency_a.save()
    policy = published(
        p.officer_a,
        p.reviewer_a,
        p.agency_a,
        title="瓯海区教育经费管理办法",
        on=dt.date(2025, 3, 10),
    )
    reading = published(
        p.officer_a, p.reviewer_a, p.agency_a, title="《瓯海区教育经费管理办法》政策解读",
        kind=DocumentKind.INTERPRETATION, interprets=policy,
        genre=Genre.objects.get(name="解读", agency=None),
        on=dt.date(2025, 3, 12),
    )  # fmt: skip
    return {"policy": policy, "reading": reading}


def test_the_home_page_is_the_governments(personas: Personas, items: dict[str, Any]) -> None:
    page = Client().get("/").content.decode()
    assert "温州市人民政府政府信息公开" in page  # the root of the tree is the site's agency
    assert "瓯海区教育经费管理办法" in page and "政策解读" in page
    assert "依申请公开" in page and "/apply/" in page and "/guide/" in page
    assert "主办单位：温州市人民政府" in page  # the footer
    assert f"/units/{personas.agency_a.parent_id}/" in page  # the units it hosts


def test_the_guide_comes_from_the_agencys_data(personas: Personas, items: dict[str, Any]) -> None:
    page = Client().get(f"/units/{personas.agency_a.pk}/guide/").content.decode()
    assert "温州市瓯海区财政局政府信息公开指南" in page
    for text in ("温州市瓯海区娄桥街道", "0577-88000000", "工作日 8:30-12:00", "20个工作日"):
        assert text in page, text
    assert "（未登记）" in page  # no e-mail given: said, not invented
    site_guide = Client().get("/guide/")
    assert (
        site_guide.status_code == 200
        and "温州市人民政府政府信息公开指南" in site_guide.content.decode()
    )


def test_a_units_page_lists_its_information(personas: Personas, items: dict[str, Any]) -> None:
    page = Client().get(f"/units/{personas.agency_a.pk}/").content.decode()
    assert "机构信息" in page and "0577-88000000" in page and "瓯海区教育经费管理办法" in page
    assert Client().get("/units/999999/").status_code == 404


def test_the_interpretations_hub_links_the_policy(
    personas: Personas, items: dict[str, Any]
) -> None:
    page = Client().get("/policies/").content.decode()
    assert "《瓯海区教育经费管理办法》政策解读" in page
    assert f'href="/catalog/{items["policy"].pk}/"' in page


def test_the_interpretations_hub_never_names_a_withdrawn_policy(
    personas: Personas, items: dict[str, Any]
) -> None:
    from gongkai.publications.actions import publishing

    publishing.withdraw(actor=personas.officer_a, publication=items["policy"], reason="错发")
    page = Client().get("/policies/").content.decode()
    assert "《瓯海区教育经费管理办法》政策解读" in page  # the interpretation itself is public
    assert f'href="/catalog/{items["policy"].pk}/"' not in page
    assert ">瓯海区教育经费管理办法<" not in page


def test_the_interpretations_hub_shows_and_filters_by_form(
    personas: Personas, items: dict[str, Any]
) -> None:
    reading = items["reading"]
    reading.interpretation_form = InterpretationForm.GRAPHIC
    reading.save(update_fields=["interpretation_form"])
    page = Client().get("/policies/").content.decode()
    assert "图解 · " in page  # the form beside the item
    assert 'href="/policies/?form=press"' in page  # every form offered as a filter
    graphic = Client().get("/policies/?form=graphic").content.decode()
    assert "《瓯海区教育经费管理办法》政策解读" in graphic
    press = Client().get("/policies/?form=press").content.decode()
    assert "《瓯海区教育经费管理办法》政策解读" not in press
    unknown = Client().get("/policies/?form=%3Cscript%3E")
    assert unknown.status_code == 400  # an unknown form is refused by name, never a 500
    assert "《瓯海区教育经费管理办法》政策解读" not in unknown.content.decode()


class _Text(HTMLParser):
    """The text a reader sees: outside <script>/<style>, plus title/alt/placeholder/aria-label."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("title", "alt", "placeholder", "aria-label") and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


# ASCII that is not English: file formats and units, JavaScript, the ICP mark.
ALLOWED = {
    "PDF",
    "HTML",
    "DOCX",
    "XLSX",
    "JSON",
    "SVG",
    "JPEG",
    "PNG",
    "JavaScript",
    "ICP",
    "KB",
    "MB",
}


def _english(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    text = " ".join(parser.parts)
    text = re.sub(r"https?://\S+|[\w.+-]+@[\w.-]+|/[\w/.-]*", " ", text)  # addresses and paths
    words = re.findall(r"[A-Za-z]{2,}", text)
    return [w for w in words if w not in ALLOWED]


def test_no_english_reaches_a_public_page(personas: Personas, items: dict[str, Any]) -> None:
    a = personas.agency_a.pk
    paths = [
        "/", "/guide/", f"/units/{a}/", f"/units/{a}/guide/", "/policies/", "/catalog/",
        "/catalog/search/?q=教育", f"/catalog/{items['policy'].pk}/", "/reports/", "/track/",
        "/apply/", f"/apply/{a}/", "/standard/", f"/units/{a}/standard/",
    ]  # fmt: skip
    found = {}
    for path in paths:
        for language in ("zh-CN,zh;q=0.9", "en-US,en;q=0.9"):
            response = Client().get(path, HTTP_ACCEPT_LANGUAGE=language)
            assert response.status_code == 200, path
            english = _english(response.content.decode())
            if english:
                found[f"{path} ({language})"] = english
    assert found == {}, sorted({w for ws in found.values() for w in ws})


def test_every_pages_breadcrumbs_are_named_alike(personas: Personas) -> None:
    """The trail is "当前位置" on every public page (a screen reader announces the name)."""
    paths = ["/rules/", "/gazette/", "/consultations/", "/guide/", "/policies/", "/standard/"]
    names = {}
    for path in paths:
        response = Client().get(path)
        assert response.status_code == 200, path
        names[path] = re.findall(
            r'<nav class="crumbs" aria-label="([^"]*)"', response.content.decode()
        )
    assert names == {path: ["当前位置"] for path in paths}


def test_search_finds_items_by_agency_and_topic_and_shows_the_title_once(
    personas: Personas,
) -> None:
    p = personas
    b = published(
        p.officer_a, p.reviewer_a, p.agency_a, title="2025年春季学期开学工作安排",
        body="<p>2025年春季学期开学工作安排</p><p>各校按时开学。</p>", on=dt.date(2025, 3, 10),
        topic=Topic.objects.get(name="教育\\义务教育", agency=None),
    )  # fmt: skip
    page = Client().get("/catalog/search/", {"q": "财政局"}).content.decode()
    assert f"/catalog/{b.pk}/" in page  # found by its agency, 温州市瓯海区财政局
    assert page.count("开学工作安排") == 1  # the body's first line is the title: not repeated
    assert "<p>各校按时开学。</p>" in page
    assert f"/catalog/{b.pk}/" in Client().get("/catalog/search/", {"q": "教育"}).content.decode()
    from gongkai.publications import search

    assert search.reindex_all() >= 1
    assert f"/catalog/{b.pk}/" in Client().get("/catalog/search/", {"q": "财政局"}).content.decode()


def test_the_standard_catalog_is_public_with_what_is_filed(
    personas: Personas, items: dict[str, Any]
) -> None:
    from gongkai.publications.models import CatalogItem, Domain

    a = personas.agency_a
    row = CatalogItem.objects.create(
        agency=a, domain=Domain.objects.get(name="财政预决算", agency=None), number=1,
        matter="财政预算", submatter="部门预算",
    )  # fmt: skip
    items["policy"].catalog_items.add(row)
    page = Client().get(f"/units/{a.pk}/standard/").content.decode()
    assert "法定主动公开内容" in page and "财政预决算" in page and "部门预算" in page
    assert f'href="/catalog/{items["policy"].pk}/"' in page
    assert Client().get("/standard/").status_code == 200


def test_filters_offer_only_options_that_find_something(
    personas: Personas, items: dict[str, Any]
) -> None:
    page = Client().get("/catalog/").content.decode()
    assert "温州市瓯海区财政局" in page  # the agency of the items
    assert ">温州市鹿城区教育局<" not in page  # publishes nothing: not an option
    assert ">解读<" in page and ">通告<" not in page  # genres: used / unused


def test_errors_are_the_sites_own_pages_in_chinese(personas: Personas) -> None:
    response = Client().get("/catalog/999999/", HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 404 and "页面不存在" in page and "主办单位" in page
    assert _english(page) == []


def test_a_press_conference_shows_its_speakers_and_only_it_may_have_them(
    personas: Personas, items: dict[str, Any]
) -> None:
    from django.core.exceptions import ValidationError

    from gongkai.publications import actions as pub_actions

    p = personas
    conference = pub_actions.create_draft(
        actor=p.officer_a, agency=p.agency_a, title="教育经费管理办法新闻发布会",
        written_on=dt.date(2025, 3, 14), kind=DocumentKind.INTERPRETATION,
        interprets=items["policy"], interpretation_form=InterpretationForm.PRESS,
        speakers="区教育局副局长王建国",
    )  # fmt: skip
    assert conference.speakers == "区教育局副局长王建国"
    with pytest.raises(ValidationError):
        pub_actions.create_draft(
            actor=p.officer_a, agency=p.agency_a, title="教育经费管理办法图解",
            written_on=dt.date(2025, 3, 14), kind=DocumentKind.INTERPRETATION,
            interprets=items["policy"], interpretation_form=InterpretationForm.GRAPHIC,
            speakers="某人",
        )  # fmt: skip
    reading = items["reading"]
    reading.interpretation_form = InterpretationForm.PRESS
    reading.speakers = "区教育局副局长王建国"
    reading.save(update_fields=["interpretation_form", "speakers"])
    page = Client().get(f"/catalog/{reading.pk}/").content.decode()
    assert "新闻发布会" in page and "区教育局副局长王建国" in page
    assert "发布人：区教育局副局长王建国" in Client().get("/policies/").content.decode()
