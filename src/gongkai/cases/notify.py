"""Mail to applicants and officers (Django's mail settings; the console backend by default).

Called after the transaction commits, so a failed send never undoes a stored application; a
send that fails is logged, and the applicant still has the receipt page.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.core.mail import send_mail

from gongkai.cases.models import Case, Letter
from gongkai.core import deadlines as d

log = logging.getLogger(__name__)


def send(subject: str, body: str, to: Iterable[str]) -> bool:
    """One mail to the non-empty addresses of ``to``; False when there were none. A failure is
    logged, never raised (the callers run after their transaction has committed)."""
    recipients = [address for address in to if address]
    if not recipients:
        return False
    try:
        send_mail(subject, body, None, recipients)
    except Exception:
        log.exception("mail to %s failed: %s", recipients, subject)
    return True


def remind_officers_and_heads(
    lines: Iterable[tuple[str, int, str]],
    *,
    officer_subject: str,
    head_subject: Callable[[list[str]], str],
) -> int:
    """The morning reminders' shape: ``lines`` are (officer's address or "", agency id, line).
    Each officer gets their own lines in one mail; the heads of each agency get all of the
    agency's lines in one digest, under ``head_subject(lines)``. Returns the mails sent."""
    from gongkai.agencies.choices import Role
    from gongkai.agencies.models import Membership

    by_officer: dict[str, list[str]] = defaultdict(list)
    by_agency: dict[int, list[str]] = defaultdict(list)
    for address, agency_id, line in lines:
        if address:
            by_officer[address].append(line)
        by_agency[agency_id].append(line)
    sent = 0
    for address, own in by_officer.items():
        sent += send(officer_subject, "\n".join(own), [address])
    heads = Membership.objects.filter(agency_id__in=by_agency, role=Role.HEAD).select_related(
        "user"
    )
    for membership in heads:
        digest = by_agency[membership.agency_id]
        sent += send(head_subject(digest), "\n".join(digest), [membership.user.email])
    return sent


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
    send(f"政府信息公开申请受理回执 {case.number}", "\n".join(lines), [case.email])


def letter_sent(letter: Letter) -> None:
    from gongkai.core.letters import TITLES, LetterKind

    case = letter.case
    title = TITLES[LetterKind(letter.kind)]
    body = (
        f"{case.applicant_name}：\n{case.agency.name}就您的政府信息公开申请（{case.number}）"
        f"向您发出《{title}》{letter.number}，请凭受理编号登录平台查询并下载。"
    )
    send(f"{title} {case.number}", body, [case.email])


def correction_answered(case: Case) -> None:
    """The officer learns the applicant supplemented online (the clock runs again)."""
    officer = case.assigned_to
    body = (
        f"申请人已在线提交补正材料：{case.number}（{case.applicant_name}）。"
        f"答复期限自补正之日起重新计算，现为{d.cn(case.due_on) if case.due_on else ''}。"
    )
    send(f"补正材料已提交 {case.number}", body, [officer.email if officer else ""])


def reply_served(case: Case) -> None:
    body = (
        f"{case.applicant_name}：\n您的政府信息公开申请（{case.number}）已答复，"
        "请凭受理编号登录平台查询并下载答复书。"
    )
    send(f"政府信息公开申请已答复 {case.number}", body, [case.email])


def reminders(cases: Iterable[tuple[Case, str]], today_text: str) -> int:
    """Due-soon and overdue lists to each officer, and a digest to each agency's heads."""
    return remind_officers_and_heads(
        (
            (
                case.assigned_to.email if case.assigned_to else "",
                case.agency_id,
                f"{case.number} 答复期限 {case.due_on} "
                f"{'已逾期' if state == 'overdue' else '即将到期'}",
            )
            for case, state in cases
        ),
        officer_subject=f"依申请公开到期提醒（{today_text}）",
        head_subject=lambda digest: (
            f"依申请公开办理情况摘要（{today_text}）：{len(digest)}件即将到期或已逾期"
        ),
    )
