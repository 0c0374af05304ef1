"""Setting up an agency in the browser as its own administrator: roles from a person's page,
the numbering patterns explained and checked against the agency's data, all in Chinese."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from django.test import Client
from django.urls import reverse

from gongkai.agencies.models import Agency, User
from gongkai.agencies.tests.test_admin import _agency_form
from gongkai.conftest import Personas


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


class _Text(HTMLParser):
    """Visible text and the attributes people read (title, placeholder, aria-label, value of
    buttons), without scripts and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("title", "placeholder", "aria-label", "alt") and value:
                self.parts.append(value)
            if name == "value" and tag == "input" and ("type", "submit") in attrs and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


# ASCII that is not English: formats, placeholders of the numbering patterns, field names of
# the import spreadsheets the page documents.
ALLOWED = {"PDF", "DOCX", "XLSX", "CSV", "PNG", "JPEG", "SVG", "ICP", "KB", "MB", "year", "short",
           "credit_code", "code", "TOTP"}  # fmt: skip
# (chinese-calendar, the package the seeded years come from, is named as their source.)


def english(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    text = " ".join(parser.parts)
    text = re.sub(r"https?://\S+|[\w.+-]+@[\w.-]+|/[\w/.-]*|\{[^}]*\}", " ", text)
    # Words standing alone: user names such as officer_a and codes are data, not wording.
    words = re.findall(r"(?<![\w-])[A-Za-z]{2,}(?![\w-])", text)
    # Capitals only: codes people copy (a 2FA key in groups), acronyms.
    return sorted({w for w in words if w not in ALLOWED and not w.isupper()})


def test_no_english_on_the_admin_pages_an_agency_admin_sees(personas: Personas) -> None:
    p = personas
    client = _client(p.admin_a)
    paths = [
        reverse("admin:index"),
        reverse("admin:agencies_agency_changelist"),
        reverse("admin:agencies_agency_change", args=[p.agency_a.pk]),
        reverse("admin:agencies_user_changelist"),
        reverse("admin:agencies_user_change", args=[p.officer_a.pk]),
        reverse("admin:agencies_calendaryear_changelist"),
        reverse("admin:password_change"),
    ]
    names = set(User.objects.values_list("username", flat=True))  # data, not wording
    found: dict[str, Any] = {}
    for path in paths:
        for language in ("zh-CN", "en-US,en;q=0.9"):
            response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
            assert response.status_code == 200, path
            words = [w for w in english(response.content.decode()) if w not in names]
            if words:
                found[f"{path} ({language})"] = words
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())


def test_no_english_on_the_console_pages_staff_see(personas: Personas) -> None:
    p = personas
    a = p.agency_a.pk
    paths = [
        "/console/", "/console/catalog/", "/console/cases/", "/console/reports/",
        f"/console/agency/{a}/new/", f"/console/agency/{a}/standard-catalog/",
        f"/console/agency/{a}/figures/", "/console/cases/register/",
        "/console/account/two-factor/",
    ]  # fmt: skip
    found: dict[str, Any] = {}
    for user in (p.officer_a, p.admin_a, p.head_a):
        client = _client(user)
        for path in paths:
            response = client.get(path, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
            if response.status_code != 200:
                continue
            words = english(response.content.decode())
            if words:
                found[f"{user.username} {path}"] = words
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())


def _roles_form(user: User, rows: list[dict[str, Any]], initial: int) -> dict[str, Any]:
    """The person's page as an agency administrator posts it: the roles they manage."""
    data: dict[str, Any] = {
        "memberships-TOTAL_FORMS": str(len(rows)), "memberships-INITIAL_FORMS": str(initial),
        "memberships-MIN_NUM_FORMS": "0", "memberships-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    for i, row in enumerate(rows):
        data.update({f"memberships-{i}-{k}": v for k, v in row.items()})
        data[f"memberships-{i}-user"] = user.pk
    return data


def test_an_agency_admin_assigns_roles_from_a_persons_page(personas: Personas) -> None:
    from gongkai.agencies.models import AuditEvent, Membership

    p = personas
    client = _client(p.admin_a)
    url = reverse("admin:agencies_user_change", args=[p.officer_b.pk])
    page = client.get(url).content.decode()
    assert 'name="memberships-TOTAL_FORMS"' in page and "您管理的机关中的角色" in page
    assert 'name="full_name"' not in page  # the account itself stays read-only for them
    # Their own agency is offered; another agency is not.
    assert f'<option value="{p.agency_a.pk}">' in page
    assert f'<option value="{p.agency_b.pk}">' not in page
    granted = client.post(
        url, _roles_form(p.officer_b, [{"agency": p.agency_a.pk, "role": "reviewer"}], 0)
    )
    assert granted.status_code == 302, granted.content.decode()[:3000]
    assert p.officer_b.memberships.filter(agency=p.agency_a, role="reviewer").exists()
    assert AuditEvent.objects.filter(action="membership.grant", actor=p.admin_a).exists()
    own = Membership.objects.get(user=p.officer_b, agency=p.agency_a)
    revoked = client.post(
        url,
        _roles_form(
            p.officer_b,
            [{"id": own.pk, "agency": p.agency_a.pk, "role": "reviewer", "DELETE": "on"}],
            1,
        ),
    )
    assert revoked.status_code == 302
    assert not p.officer_b.memberships.filter(agency=p.agency_a).exists()
    assert p.officer_b.memberships.filter(agency=p.agency_b).exists()  # not theirs: kept
    # The platform administrator's tools are not theirs.
    listing = client.get(reverse("admin:agencies_user_changelist")).content.decode()
    assert "unlock_sign_in" not in listing


def test_the_pattern_fields_list_their_placeholders(personas: Personas) -> None:
    client = _client(personas.admin_a)
    url = reverse("admin:agencies_agency_change", args=[personas.agency_a.pk])
    page = client.get(url).content.decode()
    assert "可用的占位符" in page
    for placeholder in ("{year}", "{n}", "{short}", "{credit_code}"):
        assert placeholder in page, placeholder


def test_a_pattern_needing_a_field_the_agency_lacks_is_refused(personas: Personas) -> None:
    p = personas
    Agency.objects.filter(pk=p.agency_a.pk).update(credit_code="")
    p.agency_a.refresh_from_db()
    client = _client(p.admin_a)
    url = reverse("admin:agencies_agency_change", args=[p.agency_a.pk])
    response = client.post(
        url, _agency_form(p.agency_a, index_number_pattern="{credit_code}/{year}-{n:05d}")
    )
    assert response.status_code == 200  # the form again, with the message
    page = response.content.decode()
    assert "统一社会信用代码" in page and "索引号" in page
    fine = client.post(url, _agency_form(p.agency_a, index_number_pattern="{short}-{year}-{n}"))
    assert fine.status_code == 302
