"""意见征集 and 公报 made through the actions, for the tests of every app."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from gongkai.agencies.models import Agency, User
from gongkai.publications.actions import participation as actions
from gongkai.publications.models import Consultation, ConsultationComment


def consultation(officer: User, agency: Agency, **values: Any) -> Consultation:
    values.setdefault("title", "瓯海区养老服务补贴办法（征求意见稿）")
    values.setdefault("summary", "为规范养老服务补贴发放，起草本办法。")
    values.setdefault(
        "draft_text", "第一条　为规范养老服务补贴发放，制定本办法。\n第二条　本办法适用于本区。"
    )
    return actions.create_consultation(actor=officer, agency=agency, **values)


def opened(officer: User, agency: Agency, days_ago: int = 0, **values: Any) -> Consultation:
    found = consultation(officer, agency, **values)
    on = timezone.localdate() - dt.timedelta(days=days_ago)
    return actions.open_consultation(actor=officer, consultation=found, on=on)


def comment(
    found: Consultation, body: str = "建议提高八十岁以上老人的补贴标准。", **kw: Any
) -> ConsultationComment:
    from gongkai.agencies.challenge import issue, solve

    kw.setdefault("name", "李建国")
    kw.setdefault("contact", "13812345678")
    kw.setdefault("token", f"tok-{ConsultationComment.objects.count()}-{body[:4]}")
    made, new = actions.submit_comment(
        actor=kw.pop("actor", None) or _anonymous(),
        consultation=found,
        body=body,
        proof=solve(issue()),
        address=kw.pop("address", "10.1.1.1"),
        **kw,
    )
    assert new
    return made


def _anonymous() -> Any:
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()
