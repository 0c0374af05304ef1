"""通报: numbered per office and year, the period's checks and 督办单 frozen as data, DOCX and
PDF downloads, rights."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from gongkai.conftest import Personas
from gongkai.supervision import actions, bulletin, registry

pytestmark = pytest.mark.django_db
D = dt.date


def test_a_bulletin_summarises_the_checks_and_orders_and_renders(personas: Personas) -> None:
    p = personas
    account = registry.register_channel(
        actor=p.admin_a, agency=p.agency_a, kind="weibo", name="瓯海财政微博"
    )
    registry.record_check(
        actor=p.supervisor, channel=account, checked_on=D(2025, 9, 30), last_update=D(2025, 9, 1)
    )
    actions.issue(
        actor=p.supervisor, unit=p.agency_a, finding="微博超过两周未更新", requirement="整改",
        workdays=5, today=D(2025, 10, 9),
    )  # fmt: skip
    b = bulletin.issue(
        actor=p.supervisor, issuer=p.county_a, start=D(2025, 7, 1), end=D(2025, 10, 31),
        today=D(2025, 11, 3),
    )  # fmt: skip
    assert b.number == "瓯海政务公开通报〔2025〕1号"
    assert b.data["checked"] == 1 and len(b.data["failed"]) == 1 and len(b.data["orders"]) == 1
    from docx import Document

    text = "\n".join(par.text for par in Document(io.BytesIO(bulletin.to_docx(b))).paragraphs)
    assert b.number in text and "超过两周未更新" in text and "瓯海政务公开督办〔2025〕1号" in text
    assert bulletin.to_pdf(b).startswith(b"%PDF")
    with pytest.raises(PermissionDenied):
        bulletin.issue(actor=p.head_a, issuer=p.county_a, start=D(2025, 7, 1), end=D(2025, 9, 30))
    with pytest.raises(ValidationError):
        bulletin.issue(
            actor=p.supervisor, issuer=p.county_a, start=D(2025, 9, 1), end=D(2025, 8, 1)
        )


def test_the_console_issues_and_serves_bulletins(personas: Personas) -> None:
    p = personas
    client = Client()
    client.force_login(p.supervisor)
    url = reverse("console:supervision:bulletins")
    response = client.post(
        url, {"issuer": p.county_a.pk, "start": "2025-01-01", "end": "2025-03-31"}
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "政务公开通报" in page
    from gongkai.supervision.models import Bulletin

    b = Bulletin.objects.get()
    docx = client.get(reverse("console:supervision:bulletin", args=[b.pk, "docx"]))
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    other = Client()
    other.force_login(p.officer_b)
    assert other.get(reverse("console:supervision:bulletin", args=[b.pk, "pdf"])).status_code == 404
