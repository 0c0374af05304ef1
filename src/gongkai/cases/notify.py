"""Mail to applicants and officers (Django's mail settings; the console backend by default).

Called after the transaction commits, so a failed send never undoes a stored application; a
send that fails is logged, and the applicant still has the receipt page.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable

from django.core.mail import send_mail

from gongkai.cases.models import Case, Letter
from gongkai.core import deadlines as d

log = logging.getLogger(__name__)


def _send(subject: str, body: str, to: Iterable[str]) -> None:
    recipients = [address for address in to if address]
    if not recipients:
        return
    try:
        send_mail(subject, body, None, recipients)
    except Exception:
        log.exception("mail to %s failed: %s", recipients, subject)


def application_received(case: Case, secret: str) -> None:
    # Official correspondence to the public is in Chinese.
    lines = [
        f"{case.applicant_name}：",
        f"您向{case.agency.name}提交的政府信息公开申请已收到，受理编号：{case.number}。",
        f"收到申请之日：{d.cn(case.received_on) if case.received_on else ''}。",
    ]
    if case.due_on:
        lines.append(f"答复期限：{d.cn(case.due_on)}（依《条例》第三十三条，20个工作日）。")
    if secret:
        lines.append(f"查询进度时请输入受理编号和查询码：{secret}（请妥善保存）。")
    _send(f"政府信息公开申请受理回执 {case.number}", "\n".join(lines), [case.email])


def letter_sent(letter: Letter) -> None:
    from gongkai.core.letters import TITLES, LetterKind

    case = letter.case
    title = TITLES[LetterKind(letter.kind)]
    body = (
        f"{case.applicant_name}：\n{case.agency.name}就您的政府信息公开申请（{case.number}）"
        f"向您发出《{title}》{letter.number}，请凭受理编号登录平台查询并下载。"
    )
    _send(f"{title} {case.number}", body, [case.email])


def correction_answered(case: Case) -> None:
    """The officer learns the applicant supplemented online (the clock runs again)."""
    officer = case.assigned_to
    body = (
        f"申请人已在线提交补正材料：{case.number}（{case.applicant_name}）。"
        f"答复期限自补正之日起重新计算，现为{d.cn(case.due_on) if case.due_on else ''}。"
    )
    _send(f"补正材料已提交 {case.number}", body, [officer.email if officer else ""])


def reply_served(case: Case) -> None:
    body = (
        f"{case.applicant_name}：\n您的政府信息公开申请（{case.number}）已答复，"
        "请凭受理编号登录平台查询并下载答复书。"
    )
    _send(f"政府信息公开申请已答复 {case.number}", body, [case.email])


def reminders(cases: Iterable[tuple[Case, str]], today_text: str) -> int:
    """Due-soon and overdue lists to each officer, and a digest to each agency's heads."""
    from gongkai.agencies.choices import Role
    from gongkai.agencies.models import Membership

    by_officer: dict[str, list[str]] = defaultdict(list)
    by_agency: dict[int, list[str]] = defaultdict(list)
    for case, state in cases:
        line = (
            f"{case.number} 答复期限 {case.due_on} {'已逾期' if state == 'overdue' else '即将到期'}"
        )
        if case.assigned_to and case.assigned_to.email:
            by_officer[case.assigned_to.email].append(line)
        by_agency[case.agency_id].append(line)
    sent = 0
    for address, lines in by_officer.items():
        _send(f"依申请公开到期提醒（{today_text}）", "\n".join(lines), [address])
        sent += 1
    heads = Membership.objects.filter(agency_id__in=by_agency, role=Role.HEAD).select_related(
        "user"
    )
    for membership in heads:
        lines = by_agency[membership.agency_id]
        _send(
            f"依申请公开办理情况摘要（{today_text}）：{len(lines)}件即将到期或已逾期",
            "\n".join(lines),
            [membership.user.email],
        )
        sent += 1
    return sent
