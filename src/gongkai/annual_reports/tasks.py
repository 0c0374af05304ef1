"""Reminders to publish the annual report before its deadline (条例第四十九、五十条).

Every morning the daily run (``gongkai.site.daily``, or ``gongkai tick`` from cron) calls
``remind``: from one month before the deadline, the officers and heads of every agency whose
report for last year is not yet published get one mail a week, and every day once it is late.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.mail import send_mail

from gongkai.agencies.choices import Role
from gongkai.agencies.models import Membership
from gongkai.annual_reports.queries import DueReport, reports_due

log = logging.getLogger(__name__)

_STATUS_TEXT = {None: "尚未起草", "draft": "草稿", "reviewed": "已审核待发布"}


def _message(due: DueReport, today: dt.date) -> tuple[str, str]:
    days = (due.deadline - today).days
    when = f"已超过发布期限{-days}天" if days < 0 else f"距发布期限还有{days}天"
    subject = f"{due.year}年政府信息公开工作年度报告：{when}"
    body = (
        f"{due.agency.name}的{due.year}年政府信息公开工作年度报告应于"
        f"{due.deadline.year}年{due.deadline.month}月{due.deadline.day}日前公布"
        f"（《中华人民共和国政府信息公开条例》第四十九条、第五十条），"
        f"目前状态：{_STATUS_TEXT.get(due.status, due.status)}。"
    )
    return subject, body


def remind(today: dt.date) -> int:
    """Send the reminders for ``today``; returns the number of mails sent."""
    sent = 0
    for due in reports_due(today):
        days = (due.deadline - today).days
        if days >= 0 and days % 7 != 0:
            continue  # weekly before the deadline, daily after it
        subject, body = _message(due, today)
        recipients = sorted(
            {
                email
                for email in Membership.objects.filter(
                    agency=due.agency, role__in=[Role.OFFICER, Role.HEAD]
                ).values_list("user__email", flat=True)
                if email
            }
        )
        if not recipients:
            continue
        try:
            send_mail(subject, body, None, recipients)
            sent += 1
        except Exception:
            log.exception("report reminder to %s failed", recipients)
    return sent
