"""The console's disclosure applications: who sees what, the inbox, the case page, every action.

UI strings are gettext msgids (English) rendered from the zh-hans catalog; the
tests check data (numbers, names, dates, official labels) and structure (data-* attributes).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from gongkai.agencies.models import User
from gongkai.agencies.queries import workday_calendar
from gongkai.cases import actions, transitions
from gongkai.cases.choices import (
    CaseEventKind,
    Status,
)
from gongkai.cases.models import Case, CaseEvent
from gongkai.cases.tests.factories import ID_NUMBER, application, online_case
from gongkai.conftest import Personas
from gongkai.console import cases as views

pytestmark = pytest.mark.django_db

MASKED = ID_NUMBER[:4] + "*" * 10 + ID_NUMBER[-4:]


def _client(user: Any) -> Client:
    client = Client()
    if isinstance(user, User):
        client.force_login(user)
    return client


def _today() -> dt.date:
    return timezone.localdate()


def _received_day() -> dt.date:
    """A recent working day, so a fresh case has its full 20 working days ahead."""
    calendar = workday_calendar(predict_through=_today().year + 1)
    day = _today()
    while not calendar.is_workday(day):
        day -= dt.timedelta(days=1)
    return day


@pytest.fixture
def case_a(personas: Personas) -> Case:
    return online_case(personas.agency_a, _received_day())


def _url(name: str, *args: Any) -> str:
    return reverse(f"console:cases:{name}", args=args)


def _actions_on_page(html: str) -> list[str]:
    return re.findall(r'data-action="([a-z_]+)"', html)


# -- who may see a case ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["officer_b", "anonymous", "applicant", "admin_a"])
def test_outsiders_get_404_not_403_for_every_url_of_a_case_of_agency_a(
    personas: Personas, case_a: Case, name: str, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    attachment = actions.add_attachment(
        actor=personas.officer_a,
        case=case_a,
        kind="identity",
        upload=SimpleUploadedFile("id.pdf", b"%PDF-1.4 test", "application/pdf"),
    )
    letter = case_a.letters.get()
    client = _client(personas.named(name))
    for url in (
        _url("case", case_a.pk),
        _url("act", case_a.pk, "decide"),
        _url("letter", case_a.pk, letter.pk, "pdf"),
        _url("attachment", case_a.pk, attachment.pk),
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(
        _url("act", case_a.pk, "decide"),
        {"outcome": "3.1", "decided_on": _today().isoformat(), "provision": "附件"},
    )
    assert response.status_code == 404
    case_a.refresh_from_db()
    assert case_a.status == Status.OPEN


def test_a_supervisor_reads_the_case_without_buttons_and_cannot_post_an_action(
    personas: Personas, case_a: Case
) -> None:
    client = _client(personas.supervisor)
    page = client.get(_url("case", case_a.pk))
    assert page.status_code == 200
    assert case_a.number in page.content.decode()
    assert _actions_on_page(page.content.decode()) == []
    response = client.post(
        _url("act", case_a.pk, "decide"),
        {"outcome": "3.2", "decided_on": _today().isoformat(), "reasons": "涉及个人隐私"},
    )
    assert response.status_code == 403
    assert client.get(_url("act", case_a.pk, "decide")).status_code == 403
    case_a.refresh_from_db()
    assert case_a.status == Status.OPEN and not case_a.decisions.exists()


@pytest.mark.parametrize(
    ("name", "full"),
    [
        ("officer_a", True),
        ("head_a", True),
        ("reviewer_a", True),
        ("supervisor", False),
        ("platform_admin", False),
    ],
)
def test_the_full_identity_number_appears_only_for_the_handling_agencys_own_staff(
    personas: Personas, case_a: Case, name: str, full: bool
) -> None:
    response = _client(personas.named(name)).get(_url("case", case_a.pk))
    if response.status_code == 404:  # the platform administrator may not read cases at all
        assert not full
        return
    html = response.content.decode()
    assert (ID_NUMBER in html) is full
    assert MASKED in html or full


@pytest.mark.parametrize(
    ("name", "whole"),
    [("officer_a", True), ("head_a", True), ("supervisor", False), ("officer_b", False)],
)
def test_the_applicants_phone_email_and_address_are_masked_but_for_the_handling_staff(
    personas: Personas, name: str, whole: bool
) -> None:
    case = online_case(
        personas.agency_a,
        _received_day(),
        phone="13812341234",
        email="zhang@example.com",
        address="浙江省温州市瓯海区娄桥街道1号",
    )
    response = _client(personas.named(name)).get(_url("case", case.pk))
    if name == "officer_b":  # another agency may not even learn that the case exists
        assert response.status_code == 404
        assert "zhang" not in response.content.decode()
        return
    html = response.content.decode()
    for full, masked in [
        ("13812341234", "138****1234"),
        ("zhang@example.com", "z***@example.com"),
        ("浙江省温州市瓯海区娄桥街道1号", "浙江省温州市****"),
        (ID_NUMBER, MASKED),
    ]:
        assert (full in html) is whole, full
        assert (masked in html) is not whole, masked


def test_the_inbox_and_its_exports_never_show_a_full_identity_number(
    personas: Personas, case_a: Case
) -> None:
    client = _client(personas.officer_a)
    for name in ("inbox", "export_csv"):
        body = client.get(_url(name)).content.decode("utf-8-sig")
        assert case_a.number in body and MASKED in body and ID_NUMBER not in body
    book = load_workbook(io.BytesIO(client.get(_url("export_xlsx")).content))
    sheet = book.active
    assert sheet is not None
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert case_a.number in cells and MASKED in cells
    assert not any(ID_NUMBER in c for c in cells)


def test_a_name_typed_as_a_formula_is_exported_as_text(personas: Personas) -> None:
    online_case(
        personas.agency_a, _received_day(), applicant_name='=HYPERLINK("http://x.example","点")'
    )
    client = _client(personas.officer_a)
    lines = list(
        csv.reader(io.StringIO(client.get(_url("export_csv")).content.decode("utf-8-sig")))
    )
    assert lines[1][5] == '\'=HYPERLINK("http://x.example","点")'
    book = load_workbook(io.BytesIO(client.get(_url("export_xlsx")).content))
    sheet = book.active
    assert sheet is not None
    cell = sheet.cell(row=2, column=6)
    assert cell.data_type == "s" and str(cell.value).startswith("'=")


# -- the inbox ---------------------------------------------------------------------------------


def _with_due(agency: Any, due: dt.date, **overrides: Any) -> Case:
    case = online_case(agency, _received_day(), **overrides)
    Case.objects.filter(pk=case.pk).update(due_on=due)  # test setup: the deadline we need
    return Case.objects.get(pk=case.pk)


def test_the_inbox_sorts_by_due_date_and_flags_overdue_and_due_soon_in_words(
    personas: Personas,
) -> None:
    calendar = workday_calendar(predict_through=_today().year + 1)
    running = _with_due(personas.agency_a, calendar.add_workdays(_today(), 15))
    overdue = _with_due(personas.agency_a, _today() - dt.timedelta(days=3))
    soon = _with_due(personas.agency_a, calendar.add_workdays(_today(), 3))
    html = _client(personas.officer_a).get(_url("inbox")).content.decode()
    rows = re.findall(
        r'<tr class="case-row ([a-z_]*)" data-due="[a-z_]*">\s*<td><a href="[^"]+">([^<]+)</a>',
        html,
    )
    assert rows == [
        ("overdue", overdue.number),
        ("due_soon", soon.number),
        ("running", running.number),
    ]
    assert f'<span class="case-flag overdue">{_("Overdue")}</span>' in html
    assert f'<span class="case-flag due_soon">{_("Due soon")}</span>' in html


def test_the_inbox_filters_searches_and_shows_only_cases_the_viewer_may_read(
    personas: Personas,
) -> None:
    budget = online_case(personas.agency_a, _received_day(), applicant_name="李四")
    roads = online_case(
        personas.agency_a, _received_day(), description="瓯海大道改造工程的招标文件"
    )
    other = online_case(personas.agency_b, _received_day())
    officer = _client(personas.officer_a)

    def numbers(**params: str) -> set[str]:
        html = officer.get(_url("inbox"), params).content.decode()
        return {c.number for c in (budget, roads, other) if c.number in html}

    assert numbers() == {budget.number, roads.number}
    assert numbers(q="李四") == {budget.number}
    assert numbers(q="招标") == {roads.number}
    assert numbers(q=roads.number) == {roads.number}
    assert numbers(status="served") == set()
    assert numbers(status="any", year=str(_today().year)) == {budget.number, roads.number}
    assert numbers(year=str(_today().year - 5)) == set()
    assert numbers(channel="online", applicant_type="natural") == {budget.number, roads.number}
    assert numbers(scope="mine") == set()
    html = _client(personas.officer_b).get(_url("inbox")).content.decode()
    assert other.number in html and budget.number not in html
    supervisor = _client(personas.supervisor).get(_url("inbox")).content.decode()
    assert budget.number in supervisor and other.number not in supervisor


def test_the_inbox_pages_and_runs_a_fixed_number_of_queries(
    personas: Personas, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    for n in range(55):
        online_case(personas.agency_a, _received_day(), applicant_name=f"申请人{n}")
    client = _client(personas.officer_a)
    client.get(_url("inbox"))  # warm the per-process caches (calendar, content types)
    # session, user, memberships, count, calendar (2), the page, agencies (2), session save (3)
    with django_assert_max_num_queries(12):
        first = client.get(_url("inbox"))
    assert first.content.decode().count('class="case-row') == views.PAGE_SIZE
    second = client.get(_url("inbox"), {"page": "2"}).content.decode()
    assert second.count('class="case-row') == 5


# -- registering -------------------------------------------------------------------------------


def _register_post(personas: Personas, **overrides: Any) -> dict[str, Any]:
    data = {
        "agency": personas.agency_a.pk,
        "channel": "ordinary_letter",
        "submitted_on": _received_day().isoformat(),
        "signed_for_on": "",
        "confirmed_on": "",
        **application(),
    }
    data.update(overrides)
    return data


def test_registering_with_a_bad_identity_number_shows_the_error_with_the_input_kept(
    personas: Personas,
) -> None:
    response = _client(personas.officer_a).post(
        _url("register"), _register_post(personas, id_number="330304199001011230")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "330304199001011230" in html and "王小明" in html and "errorlist" in html
    assert not Case.objects.exists()


def test_registering_with_a_missing_date_also_names_the_bad_identity_number(
    personas: Personas,
) -> None:
    response = _client(personas.officer_a).post(
        _url("register"),
        _register_post(personas, submitted_on="", id_number="330304199001011230", phone=""),
    )
    errors = response.context["form"].errors
    assert {"submitted_on", "id_number", "phone"} <= set(errors)
    assert not Case.objects.exists()


def test_registering_an_ordinary_letter_waits_for_confirmation_then_the_clock_starts(
    personas: Personas,
) -> None:
    client = _client(personas.officer_a)
    response = client.post(_url("register"), _register_post(personas))
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == _url("case", case.pk)
    assert case.status == Status.AWAITING_CONFIRMATION and case.received_on is None
    page = client.get(_url("case", case.pk)).content.decode()
    assert _actions_on_page(page)[0] == "confirm_receipt"
    client.post(_url("act", case.pk, "confirm_receipt"), {"on": _received_day().isoformat()})
    case.refresh_from_db()
    assert case.status == Status.OPEN and case.received_on == _received_day()
    assert case.due_on is not None


def test_registering_needs_a_case_officer(personas: Personas) -> None:
    assert _client(personas.supervisor).get(_url("register")).status_code == 403
    assert _client(personas.head_a).get(_url("register")).status_code == 403


# -- the case page and its actions ---------------------------------------------------------------


def test_every_staff_action_of_the_transition_table_has_a_form() -> None:
    staff = {a for a, t in transitions.TRANSITIONS.items() if t.capability is not None}
    assert staff == set(views.STEPS)


def test_the_timeline_shows_every_event_kind_by_its_plain_label(case_a: Case) -> None:
    for kind in CaseEventKind:
        event = CaseEvent(case=case_a, kind=kind, actor_label="系统", data={})
        assert views.timeline_entry(event).what == str(kind.label) != kind.value


@pytest.mark.parametrize("name", ["officer_a", "head_a", "reviewer_a"])
def test_the_case_page_offers_exactly_the_actions_the_table_allows(
    personas: Personas, case_a: Case, name: str
) -> None:
    user = personas.named(name)
    html = _client(user).get(_url("case", case_a.pk)).content.decode()
    expected = [t.action for t in transitions.allowed(user, case_a, _today())]
    assert _actions_on_page(html) == expected


def test_the_case_page_runs_a_fixed_number_of_queries(
    personas: Personas, case_a: Case, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    officer = personas.officer_a
    day = _received_day()
    actions.consult(actor=officer, case=case_a, kind="third_party", consultee="某公司", sent_on=day)
    actions.consult(
        actor=officer, case=case_a, kind="co_producer", consultee="区发改局", sent_on=day
    )
    client = _client(officer)
    client.get(_url("case", case_a.pk))
    # the same with two consultations, three letters and five events as with none (one of
    # them the check for an earlier application this one repeats, 第三十六条第六项)
    with django_assert_max_num_queries(18):
        response = client.get(_url("case", case_a.pk))
    assert "某公司" in response.content.decode()


def test_deciding_without_the_required_reasons_comes_back_with_the_message_and_input(
    personas: Personas, case_a: Case
) -> None:
    client = _client(personas.officer_a)
    url = _url("act", case_a.pk, "decide")
    form = client.get(url).content.decode()
    assert "部分公开" in form and '<optgroup label="不予公开">' in form
    response = client.post(
        url, {"outcome": "3.2", "decided_on": _today().isoformat(), "extra_articles": "第十五条"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "errorlist" in html and "第十五条" in html
    assert '<option value="3.2" selected>' in html
    case_a.refresh_from_db()
    assert case_a.status == Status.OPEN and not case_a.decisions.exists()
    response = client.post(
        url,
        {"outcome": "3.2", "decided_on": _today().isoformat(), "reasons": "涉及第三方商业秘密"},
    )
    assert response.status_code == 302
    case_a.refresh_from_db()
    assert case_a.status == Status.DECIDED and case_a.outcome == "3.2"


def test_an_action_not_open_now_sends_the_officer_back_with_a_message(
    personas: Personas, case_a: Case
) -> None:
    response = _client(personas.officer_a).get(_url("act", case_a.pk, "serve"), follow=True)
    assert response.redirect_chain[-1][0] == _url("case", case_a.pk)
    assert _client(personas.officer_a).get(_url("act", case_a.pk, "nonsense")).status_code == 404
