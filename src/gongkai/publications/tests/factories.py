"""Catalog items made through the actions, so they are always valid and fully recorded."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.agencies.models import Agency, User
from gongkai.publications import actions
from gongkai.publications.choices import ReviewKind
from gongkai.publications.models import Publication


def draft(officer: User, agency: Agency, **fields: Any) -> Publication:
    fields.setdefault("title", "关于印发瓯海区行政复议工作规则的通知")
    fields.setdefault("summary", "规范行政复议案件办理程序。")
    fields.setdefault("written_on", dt.date(2025, 3, 3))
    fields.setdefault("body", "<p>为进一步规范行政复议工作，制定本规则。</p>")
    return actions.create_draft(actor=officer, agency=agency, **fields)


def publish(
    officer: User, reviewer: User, publication: Publication, on: dt.date | None = None
) -> Publication:
    actions.submit(actor=officer, publication=publication)
    actions.sign_off(actor=reviewer, publication=publication, kind=ReviewKind.CONTENT)
    actions.sign_off(actor=reviewer, publication=publication, kind=ReviewKind.CONFIDENTIALITY)
    return actions.publish(actor=officer, publication=publication, on=on or dt.date(2025, 3, 10))


def published(officer: User, reviewer: User, agency: Agency, **fields: Any) -> Publication:
    on = fields.pop("on", None)
    return publish(officer, reviewer, draft(officer, agency, **fields), on)
