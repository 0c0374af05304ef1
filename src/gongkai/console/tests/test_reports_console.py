"""The console's annual reports: the list, the report page, each step, drill-down, import.

UI strings are gettext msgids (English) rendered from the zh-hans catalog; the
tests check data (numbers, names, official labels) and structure (ids and data-* attributes).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.choices import Role
from gongkai.agencies.models import User
from gongkai.agencies.tests.factories import make_user
from gongkai.agencies.tests.test_admin_setup import english
from gongkai.annual_reports import actions
from gongkai.annual_reports.choices import Status
from gongkai.annual_reports.models import AnnualReport, NarrativeVersion
from gongkai.annual_reports.tests.factories import case
from gongkai.cases.models import Case
from gongkai.conftest import Personas
from gongkai.core.report import compute as rc
from gongkai.core.report.formats import get_format

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year - 1
D = dt.date


def _client(user: Any) -> Client:
    client = Client()
    if isinstance(user, User):
        client.force_login(user)
    return client


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def cases_a(personas: Personas) -> list[Case]:
    """Agency A's year: three 自然人 applications 予以公开, one company's 部分公开, one open."""
    a = personas.agency_a
    return [
        case(a, D(YEAR, 2, 1), concluded=D(YEAR, 2, 10), outcome="3.1"),
        case(a, D(YEAR, 3, 1), concluded=D(YEAR, 3, 12), outcome="3.1"),
        case(a, D(YEAR, 4, 1), concluded=D(YEAR, 4, 9), outcome="3.1"),
        case(a, D(YEAR, 5, 1), "business", concluded=D(YEAR, 5, 20), outcome="3.2"),
        case(a, D(YEAR, 12, 20)),
    ]


@pytest.fixture
def draft(personas: Personas, cases_a: list[Case]) -> AnnualReport:
    return actions.create_draft(actor=personas.officer_a, agency=personas.agency_a, year=YEAR)


def _fill(personas: Personas, report: AnnualReport) -> None:
    for section in ("opening", "一", "五", "六"):
        actions.edit_narrative(
            actor=personas.officer_a,
            report=report,
            section=section,
            text=f"{section}：本机关的文字。",
        )


def _messages(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


# -- the list -------------------------------------------------------------------------------------


def test_the_officer_starts_last_years_draft_from_the_list(
    personas: Personas, cases_a: list[Case]
) -> None:
    officer = _client(personas.officer_a)
    page = officer.get(reverse("console:reports:list")).content.decode()
    assert f'data-start="{personas.agency_a.pk}"' in page
    response = officer.post(
        reverse("console:reports:start"), {"agency": personas.agency_a.pk, "year": YEAR}
    )
    report = AnnualReport.objects.get(agency=personas.agency_a, year=YEAR)
    assert response.status_code == 302
    assert response["Location"] == reverse("console:reports:report", args=[report.pk])
    assert report.status == Status.DRAFT and report.units == []
    assert report.data["applications"]["3.1"] == [3, 0, 0, 0, 0, 0, 3]
    listed = officer.get(reverse("console:reports:list")).content.decode()
    assert f'data-start="{personas.agency_a.pk}"' not in listed
    assert reverse("console:reports:report", args=[report.pk]) in listed


def test_a_second_draft_for_the_same_year_is_refused_with_a_message(
    personas: Personas, draft: AnnualReport
) -> None:
    response = _client(personas.officer_a).post(
        reverse("console:reports:start"),
        {"agency": personas.agency_a.pk, "year": YEAR},
        follow=True,
    )
    already = _("There is already a report of %(agency)s for %(year)s.") % {
        "agency": personas.agency_a.name,
        "year": YEAR,
    }
    assert already in _messages(response)
    assert AnnualReport.objects.filter(agency=personas.agency_a).count() == 1


def test_a_government_starts_a_combined_report_over_its_units(personas: Personas) -> None:
    gov_officer = make_user("gov_officer", (personas.county_a, Role.OFFICER))
    case(personas.agency_a, D(YEAR, 2, 1), concluded=D(YEAR, 2, 10), outcome="3.1")
    client = _client(gov_officer)
    page = client.get(reverse("console:reports:list")).content.decode()
    assert 'name="rollup"' in page
    client.post(
        reverse("console:reports:start"),
        {"agency": personas.county_a.pk, "year": YEAR, "rollup": "on"},
    )
    report = AnnualReport.objects.get(agency=personas.county_a, year=YEAR)
    assert set(report.units) == {personas.county_a.pk, personas.agency_a.pk}
    assert report.data["applications"]["3.1"][6] == 1


def test_a_government_may_combine_only_the_units_it_chooses(personas: Personas) -> None:
    city_officer = make_user("city_officer", (personas.city, Role.OFFICER))
    case(personas.agency_a, D(YEAR, 2, 1), concluded=D(YEAR, 2, 10), outcome="3.1")
    case(personas.agency_b, D(YEAR, 3, 1), concluded=D(YEAR, 3, 10), outcome="3.1")
    client = _client(city_officer)
    page = client.get(reverse("console:reports:list")).content.decode()
    assert f'name="units" value="{personas.agency_a.pk}"' in page
    start = reverse("console:reports:start")
    client.post(start, {"agency": personas.city.pk, "year": YEAR, "units": [personas.agency_a.pk]})
    report = AnnualReport.objects.get(agency=personas.city, year=YEAR)
    assert set(report.units) == {personas.city.pk, personas.agency_a.pk}
    assert report.data["applications"]["3.1"][6] == 1  # agency_b's case is not in it


def test_units_outside_the_agencys_subtree_are_refused(personas: Personas) -> None:
    gov_officer = make_user("gov_officer", (personas.county_a, Role.OFFICER))
    response = _client(gov_officer).post(
        reverse("console:reports:start"),
        {"agency": personas.county_a.pk, "year": YEAR, "units": [personas.agency_b.pk]},
        follow=True,
    )
    assert _("Choose units of the agency's own subtree.") in _messages(response)
    assert not AnnualReport.objects.exists()


def test_a_reviewer_cannot_start_a_draft(personas: Personas, cases_a: list[Case]) -> None:
    response = _client(personas.reviewer_a).post(
        reverse("console:reports:start"), {"agency": personas.agency_a.pk, "year": YEAR}
    )
    assert response.status_code == 302
    assert not AnnualReport.objects.exists()


# -- the report page ------------------------------------------------------------------------------


def test_the_report_page_shows_tables_checks_text_and_links_every_cell_of_section_three(
    personas: Personas, draft: AnnualReport, django_assert_max_num_queries: Any
) -> None:
    for n in range(3):  # versions and events do not add queries
        actions.edit_narrative(actor=personas.officer_a, report=draft, section="五", text=f"v{n}")
    officer = _client(personas.officer_a)
    url = reverse("console:reports:report", args=[draft.pk])
    officer.get(url)  # warm the session
    with django_assert_max_num_queries(10):
        response = officer.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "（一）予以公开" in page and 'id="table-applications"' in page
    cell = reverse("console:reports:cell", args=[draft.pk, "3.1", "natural_person"])
    assert f'<a href="{cell}" aria-label="（一）予以公开 自然人：3">3</a>' in page
    spec = get_format(draft.format_key)
    links = re.findall(r'data-key="applications\.[^"]+"><a href=', page)
    assert len(links) == len(spec.application_keys) * 7
    assert 'data-step="recompute"' in page and 'data-step="review"' not in page
    for section in ("opening", "一", "五", "六"):
        assert f'data-section="{section}"' in page
    assert '<mark class="placeholder-text">【' in page  # the drafted opening's placeholders
    assert 'class="placeholder"' in page
    assert "carry.continuity" not in page  # no last year: not checked, and said so


def test_an_edit_adds_a_version_with_its_author_and_keeps_the_earlier_one(
    personas: Personas, draft: AnnualReport
) -> None:
    officer = _client(personas.officer_a)
    url = reverse("console:reports:edit", args=[draft.pk, "五"])
    officer.post(url, {"text": "第一稿：问题与改进。"})
    response = officer.post(url, {"text": "第二稿：问题与改进。"}, follow=True)
    assert response.status_code == 200
    versions = NarrativeVersion.objects.filter(report=draft, section="五").order_by("number")
    assert [v.text for v in versions] == ["第一稿：问题与改进。", "第二稿：问题与改进。"]
    page = response.content.decode()
    assert "第一稿：问题与改进。" in page and "第二稿：问题与改进。" in page
    assert page.count('class="version"') == 2 and "officer_a" in page
    assert AnnualReport.objects.get(pk=draft.pk).data["narrative"]["五"] == "第二稿：问题与改进。"


def test_an_empty_section_comes_back_with_the_error_and_the_input(
    personas: Personas, draft: AnnualReport
) -> None:
    response = _client(personas.officer_a).post(
        reverse("console:reports:edit", args=[draft.pk, "六"]), {"text": "   "}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="text-六" rows="10" aria-invalid="true">   </textarea>' in page
    assert 'role="alert"' in page
    assert not NarrativeVersion.objects.filter(report=draft).exists()


def test_the_reviewer_marks_reviewed_and_the_head_publishes(
    personas: Personas, draft: AnnualReport, media: None
) -> None:
    _fill(personas, draft)
    reviewer = _client(personas.reviewer_a)
    page = reviewer.get(reverse("console:reports:report", args=[draft.pk])).content.decode()
    assert 'data-step="review"' in page and 'data-step="publish"' not in page
    reviewer.post(reverse("console:reports:review", args=[draft.pk]))
    assert AnnualReport.objects.get(pk=draft.pk).status == Status.REVIEWED
    head = _client(personas.head_a)
    response = head.post(reverse("console:reports:publish", args=[draft.pk]), follow=True)
    report = AnnualReport.objects.get(pk=draft.pk)
    assert report.status == Status.PUBLISHED and report.published_by == personas.head_a
    page = response.content.decode()
    for kind in ("html", "docx", "pdf", "xlsx", "json"):
        assert reverse("portal:report_file", args=[report.pk, kind]) in page
    assert 'data-step="' not in page and 'class="narrative-form' not in page


def test_the_editor_cannot_review_their_own_edit_and_is_told_why(
    personas: Personas, draft: AnnualReport
) -> None:
    both = make_user("both", (personas.agency_a, Role.OFFICER), (personas.agency_a, Role.REVIEWER))
    actions.edit_narrative(actor=both, report=draft, section="五", text="本人改写。")
    response = _client(both).post(reverse("console:reports:review", args=[draft.pk]), follow=True)
    assert _("The report must be reviewed by someone other than its editor.") in _messages(response)
    assert AnnualReport.objects.get(pk=draft.pk).status == Status.DRAFT


def test_publishing_waits_while_placeholders_remain(
    personas: Personas, draft: AnnualReport, media: None
) -> None:
    actions.mark_reviewed(actor=personas.reviewer_a, report=draft)
    response = _client(personas.head_a).post(
        reverse("console:reports:publish", args=[draft.pk]), follow=True
    )
    lead = _("The text still has placeholders to fill in: %(list)s").split("%(list)s")[0]
    assert any(m.startswith(lead) for m in _messages(response))
    assert AnnualReport.objects.get(pk=draft.pk).status == Status.REVIEWED
    assert 'class="placeholder"' in response.content.decode()


def test_recompute_counts_a_case_entered_since_the_draft(
    personas: Personas, draft: AnnualReport
) -> None:
    case(personas.agency_a, D(YEAR, 6, 1), concluded=D(YEAR, 6, 5), outcome="3.1")
    _client(personas.officer_a).post(reverse("console:reports:recompute", args=[draft.pk]))
    assert AnnualReport.objects.get(pk=draft.pk).data["applications"]["3.1"][6] == 4


@pytest.mark.parametrize("who", ["officer_b", "applicant"])
def test_a_draft_is_404_to_another_agency_and_the_public(
    personas: Personas, draft: AnnualReport, who: str
) -> None:
    client = _client(personas.named(who))
    for name in ("report", "recompute", "review", "publish"):
        method = client.get if name == "report" else client.post
        assert method(reverse(f"console:reports:{name}", args=[draft.pk])).status_code == 404
    edit = reverse("console:reports:edit", args=[draft.pk, "五"])
    assert client.post(edit, {"text": "x"}).status_code == 404
    assert not NarrativeVersion.objects.exists()


def test_the_anonymous_visitor_is_sent_to_sign_in(personas: Personas, draft: AnnualReport) -> None:
    response = Client().get(reverse("console:reports:report", args=[draft.pk]))
    assert response.status_code == 302 and "/console/login/" in response["Location"]


def test_the_list_shows_only_the_reports_of_ones_own_agencies(
    personas: Personas, draft: AnnualReport
) -> None:
    page = _client(personas.officer_b).get(reverse("console:reports:list")).content.decode()
    assert reverse("console:reports:report", args=[draft.pk]) not in page
    supervisor = _client(personas.supervisor).get(reverse("console:reports:list"))
    assert reverse("console:reports:report", args=[draft.pk]) in supervisor.content.decode()


# -- drill-down -----------------------------------------------------------------------------------


def test_a_cell_lists_its_unit_and_then_the_cases_behind_it(
    personas: Personas, draft: AnnualReport, cases_a: list[Case]
) -> None:
    url = reverse("console:reports:cell", args=[draft.pk, "3.1", "natural_person"])
    response = _client(personas.officer_a).get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "（一）予以公开" in page and "自然人" in page
    assert f'data-unit="{personas.agency_a.pk}"' in page
    for c in cases_a[:3]:
        assert f'href="{reverse("console:cases:case", args=[c.pk])}"' in page
    assert cases_a[3].number not in page and cases_a[4].number not in page
    carried = _client(personas.officer_a).get(
        reverse("console:reports:cell", args=[draft.pk, "4", "total"])
    )
    assert cases_a[4].number in carried.content.decode()


@pytest.mark.parametrize("who", ["officer_b", "applicant"])
def test_the_drill_down_is_404_for_anyone_outside_the_agency(
    personas: Personas, draft: AnnualReport, who: str
) -> None:
    url = reverse("console:reports:cell", args=[draft.pk, "3.1", "natural_person"])
    assert _client(personas.named(who)).get(url).status_code == 404


def test_an_unknown_row_or_column_is_404(personas: Personas, draft: AnnualReport) -> None:
    officer = _client(personas.officer_a)
    for row, column in (("9.9", "total"), ("3.1", "aliens")):
        url = reverse("console:reports:cell", args=[draft.pk, row, column])
        assert officer.get(url).status_code == 404


# -- import ------------------------------------------------------------------------------------


def _prior_apps() -> dict[str, list[int | None]]:
    apps: dict[str, list[int | None]] = {
        key: [0] * 7 for key in get_format("2021").application_keys
    }
    apps["1"] = [10, 2, 0, 0, 0, 0, 12]
    apps["3.1"] = [5, 0, 0, 0, 0, 0, 5]
    apps["3.7"] = [5, 0, 0, 0, 0, 0, 5]
    apps["4"] = [5, 2, 0, 0, 0, 0, 7]
    return apps


def _prior(agency: str, year: int) -> str:
    return rc.build_report(agency, year, applications=_prior_apps()).to_json()


def test_last_years_report_is_imported_from_its_json(personas: Personas) -> None:
    upload = SimpleUploadedFile(
        "prior.json", _prior(personas.agency_b.name, YEAR - 1).encode(), "application/json"
    )
    response = _client(personas.officer_b).post(
        reverse("console:reports:import"),
        {"agency": personas.agency_b.pk, "year": YEAR - 1, "json_file": upload},
    )
    report = AnnualReport.objects.get(agency=personas.agency_b, year=YEAR - 1)
    assert response.status_code == 302
    assert report.source == "imported" and report.status == Status.PUBLISHED
    applications = report.report().applications
    assert applications is not None and applications["4"] == [5, 2, 0, 0, 0, 0, 7]


def test_an_imported_texts_unread_cell_is_listed_in_chinese_on_the_report_page(
    personas: Personas,
) -> None:
    from gongkai.core.report.render import render

    prior = rc.build_report(personas.agency_b.name, YEAR - 1, applications=_prior_apps())
    text = render(prior, "md").decode("utf-8")
    text = text.replace("| （一）予以公开 | 5 |", "| （一）予以公开 | 5? |")
    officer = _client(personas.officer_b)
    response = officer.post(
        reverse("console:reports:import"), {"agency": personas.agency_b.pk, "text": text}
    )
    assert response.status_code == 302
    page = officer.get(response["Location"]).content.decode()
    row = re.search(r'<tr class="finding warning" data-code="cell_unreadable">.*?</tr>', page)
    assert row is not None, page
    assert "“（一）予以公开”行“自然人”列：“5?”不是数字，留空" in row.group(0)
    assert "not a number" not in page  # the English stays in the data (message_en)
    # (what each finding checks is named in Chinese too: no code, no key reaches the page)
    assert english(page) == [], english(page)


def test_every_finding_the_reader_leaves_on_a_report_is_named_in_chinese() -> None:
    from django.utils import translation

    from gongkai.console.reports import FINDING_NAMES
    from gongkai.core.reader.rows import CODES, WITHOUT_REPORT

    kept = CODES - WITHOUT_REPORT  # (the reader's test holds CODES to its sources)
    assert "year_doubtful" in kept and sorted(kept - FINDING_NAMES.keys()) == []
    with translation.override("zh-hans"):
        names = {code: str(FINDING_NAMES[code]) for code in kept}
    assert english(" ".join(names.values())) == [], names


def test_an_unreadable_text_comes_back_with_the_error_and_the_input(
    personas: Personas,
) -> None:
    response = _client(personas.officer_b).post(
        reverse("console:reports:import"),
        {"agency": personas.agency_b.pk, "text": "今天天气很好。"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "今天天气很好。</textarea>" in page and 'role="alert"' in page
    assert not AnnualReport.objects.exists()


def test_an_import_needs_the_text_or_the_json(personas: Personas) -> None:
    response = _client(personas.officer_b).post(
        reverse("console:reports:import"), {"agency": personas.agency_b.pk}
    )
    assert response.status_code == 400 and 'role="alert"' in response.content.decode()


def test_an_officer_cannot_import_into_another_agency(personas: Personas) -> None:
    response = _client(personas.officer_a).post(
        reverse("console:reports:import"),
        {"agency": personas.agency_b.pk, "json": _prior(personas.agency_b.name, YEAR - 1)},
    )
    assert response.status_code == 400
    assert not AnnualReport.objects.exists()


def test_the_report_pages_buttons_are_the_tables_allowed_steps(
    personas: Personas, draft: AnnualReport, media: None
) -> None:
    from gongkai.annual_reports.transitions import TABLE

    buttons = {"recompute", "review", "publish"}
    _fill(personas, draft)
    users = (personas.officer_a, personas.reviewer_a, personas.head_a, personas.supervisor)
    seen: set[str] = set()
    for step in ("draft", "reviewed"):
        if step == "reviewed":
            actions.mark_reviewed(actor=personas.reviewer_a, report=draft)
        report = AnnualReport.objects.get(pk=draft.pk)
        for user in users:
            response = _client(user).get(reverse("console:reports:report", args=[report.pk]))
            if response.status_code == 404:
                continue
            shown = set(re.findall(r'data-step="(\w+)"', response.content.decode()))
            allowed = {t.action for t in TABLE.allowed(user, report, timezone.localdate())}
            assert shown == allowed & buttons, (step, user.username)
            seen |= shown
    assert seen == buttons
