"""The console's 第四十四条 button (纳入主动公开), the repeat flag (第三十六条第六项) on the
case page and in the inbox, and the 送达 dates on the case page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.agencies.models import User
from gongkai.cases import actions
from gongkai.cases.models import CaseEvent
from gongkai.cases.tests.factories import online_case
from gongkai.cases.tests.test_proactive import decided_with_redacted_file
from gongkai.conftest import PERSONA_NAMES, Personas
from gongkai.publications.models import Publication

pytestmark = pytest.mark.django_db
D = dt.date
TOPICS = [
    "本局行政许可事项清单",
    "城区道路改造工程招标文件",
    "2023年度政府采购合同",
    "义务教育学校划片方案",
    "河道整治项目环评批复",
    "老旧小区加装电梯补助办法",
    "农村宅基地审批流程",
    "公共租赁住房分配名单",
    "垃圾分类考核结果通报",
    "重大行政决策目录",
]


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _client(user: Any) -> Client:
    client = Client()
    if isinstance(user, User):
        client.force_login(user)
    return client


def test_the_officer_turns_a_released_file_into_a_draft(personas: Personas) -> None:
    case, item = decided_with_redacted_file(personas)
    officer = _client(personas.officer_a)
    page = officer.get(reverse("console:cases:case", args=[case.pk])).content.decode()
    url = reverse("console:cases:released_propose", args=[case.pk, item.pk])
    assert url in page
    assert officer.get(url).status_code == 200
    refused = officer.post(url, {"title": " ", "summary": ""})
    assert refused.status_code == 400 and not Publication.objects.exists()
    done = officer.post(url, {"title": "征地补偿标准", "summary": "纳入主动公开"})
    assert done.status_code == 302
    draft = Publication.objects.get()
    assert (draft.title, draft.status) == ("征地补偿标准", "draft")
    page = officer.get(reverse("console:cases:case", args=[case.pk])).content.decode()
    assert draft.index_number in page and reverse("console:item", args=[draft.pk]) in page
    assert url not in page  # once per file
    assert CaseEvent.objects.filter(case=case, kind="proactive_draft").count() == 1
    timeline = page[page.index('data-kind="proactive_draft"') :]
    assert "索引号" in timeline[:400] and "publication" not in timeline[:400]
    # The draft's console page links back to the case, for those who may read the case.
    item_url = reverse("console:item", args=[draft.pk])
    case_url = reverse("console:cases:case", args=[case.pk])
    for user in (personas.officer_a, personas.reviewer_a):
        html = _client(user).get(item_url).content.decode()
        assert 'class="from-case"' in html and case_url in html
    assert case.applicant_name not in officer.get(item_url).content.decode()


@pytest.mark.parametrize("name", [n for n in PERSONA_NAMES if n != "officer_a"])
def test_nobody_else_may(personas: Personas, name: str) -> None:
    case, item = decided_with_redacted_file(personas)
    client = _client(personas.named(name))
    url = reverse("console:cases:released_propose", args=[case.pk, item.pk])
    assert client.get(url).status_code in {302, 404}  # the anonymous visitor: to the sign-in
    assert client.post(url, {"title": "标准"}).status_code in {302, 404}
    assert not Publication.objects.exists()
    if name in {"reviewer_a", "head_a", "supervisor"}:  # they see the case, not the button
        page = client.get(reverse("console:cases:case", args=[case.pk])).content.decode()
        assert url not in page


def test_a_repeat_is_flagged_on_the_case_page_and_in_the_inbox(personas: Personas) -> None:
    today = dt.date.today()
    first = online_case(personas.agency_a, today - dt.timedelta(days=40))
    again = online_case(personas.agency_a, today - dt.timedelta(days=1))
    others = [
        online_case(personas.agency_a, today, description=TOPICS[n], phone=f"1380000{n:04d}")
        for n in range(5)
    ]
    officer = _client(personas.officer_a)
    page = officer.get(reverse("console:cases:case", args=[again.pk])).content.decode()
    assert "repeat-of" in page and first.number in page
    assert "疑似重复申请" in page and "相似度 100%" in page
    assert reverse("console:cases:case", args=[first.pk]) in page
    page = officer.get(reverse("console:cases:case", args=[first.pk])).content.decode()
    assert "repeat-of" not in page
    with CaptureQueriesContext(connection) as few:
        inbox = officer.get(reverse("console:cases:inbox")).content.decode()
    assert inbox.count('class="case-flag repeat"') == 1
    # Adding five more unrelated cases to the page adds no query (no N+1).
    for n in range(5, 10):
        others.append(
            online_case(personas.agency_a, today, description=TOPICS[n], phone=f"1380000{n:04d}")
        )
    with CaptureQueriesContext(connection) as more:
        officer.get(reverse("console:cases:inbox"))
    assert len(more) == len(few)


def test_the_case_page_shows_the_service_and_first_download_dates(
    personas: Personas, settings: Any
) -> None:
    from gongkai.cases.models import OnlineServiceRule

    case, item = decided_with_redacted_file(personas)
    OnlineServiceRule.objects.create(agency=personas.agency_a, served_on="first_download")
    actions.serve(
        actor=personas.officer_a,
        case=case,
        method="online",
        served_on=D(2025, 3, 21),
        today=D(2025, 3, 21),
    )
    officer = _client(personas.officer_a)
    url = reverse("console:cases:case", args=[case.pk])
    page = officer.get(url).content.decode()
    assert "service-dates" in page and "2025-03-21" in page
    assert "以申请人首次下载之日为准（尚未下载）" in page
    assert '<td class="first-download">—</td>' in page
    actions.record_download(actor=personas.anonymous, item=item)
    page = officer.get(url).content.decode()
    delivered = case.decisions.get().delivered_on
    assert delivered is not None
    assert f'<strong class="delivered-on">{delivered:%Y-%m-%d}</strong>' in page
    assert '<td class="first-download">—</td>' not in page
