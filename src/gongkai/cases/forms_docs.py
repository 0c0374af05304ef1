"""A case's internal forms (内部表单), built from its records and printed like its letters.

Each form is filled from what the actions recorded — the application's fields, the timeline
(``CaseEvent``), the search records, the decisions, the assistance requests, the released items —
and rendered on demand by ``core.letters`` (the letters' DOCX template machinery and PDF page).
Nothing here changes a record. ``available(case)`` lists the forms a case has now; the console
offers exactly those, to the handling agency's staff only.

The wording is Chinese data (the forms are the office's paper), with the interface's Chinese
labels for choices and steps (rendered under ``zh-hans`` whatever the request's language).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from django.utils import timezone, translation

from gongkai.agencies.models import Agency, User
from gongkai.cases.choices import CaseEventKind, Delivery
from gongkai.cases.models import Case, CaseEvent
from gongkai.core import deadlines as d
from gongkai.core import letters as core
from gongkai.core import outcomes
from gongkai.core.letters.forms import BLANK, BLANK_DATE, Form, FormKind

# The downloadable forms: a kind of core.letters.forms, and the blank application form.
BLANK_APPLICATION = "application_blank"
NAMES: dict[str, str] = {
    BLANK_APPLICATION: "政府信息公开申请表（空白）",
    **{kind.value: title for kind, title in core.FORM_TITLES.items()},
}
FORMATS = ("docx", "pdf")

_CHANNELS = {channel.value: channel for channel in d.Channel}

# Who signs a step on the 处理单, by what the step is (承办 / 审核 / 批准).
_ROLE_OF_STEP: dict[str, str] = {
    CaseEventKind.LEGAL_REVIEW_SIGNED: "审核",
    CaseEventKind.EXTENDED: "批准",
    CaseEventKind.DECIDED: "承办",
}


def _name(user: User | None) -> str:
    if user is None:
        return ""
    return user.full_name or user.username


def _day(value: dt.date | None) -> str:
    return d.cn(value) if value else ""


def _lines(values: Iterable[str]) -> str:
    return "\n".join(v for v in values if v)


def _common(case: Case) -> tuple[tuple[str, str], ...]:
    return (
        ("申请人", case.applicant_name),
        ("申请获取的政府信息", case.description),
        ("收到申请日期", _day(case.received_on)),
    )


def _form(case: Case, kind: FormKind, today: dt.date, **fields: object) -> Form:
    return Form(
        kind=kind,
        agency=case.agency.letter_header or case.agency.name,
        issue_date=today,
        case_number=case.number,
        **fields,  # type: ignore[arg-type]
    )


# -- 申请表 ------------------------------------------------------------------------------------

_APPLICATION_NOTES = (
    "申请人应当如实填写，一份申请表只申请一项政府信息（一事一申请）。",
    "所需政府信息的名称、文号或者便于查询的其他特征性描述应当尽可能具体（《中华人民共和国政府"
    "信息公开条例》第二十九条）。",
)


def _application_fields(case: Case | None) -> tuple[tuple[str, str], ...]:
    if case is None:
        labels = (
            "申请人姓名或者名称",
            "申请人类型（公民／法人或者其他组织）",
            "身份证件名称及号码",
            "联系人",
            "联系电话",
            "通信地址及邮政编码",
            "电子邮箱",
            "所需政府信息的名称、文号或者特征性描述",
            "用途（选填）",
            "信息的指定提供形式（纸质／电子／查阅）",
            "获取信息的方式（邮寄／电子邮件／网上获取／自行领取）",
        )
        return tuple((label, "") for label in labels)
    return (
        ("申请人姓名或者名称", case.applicant_name),
        ("申请人类型", str(case.get_applicant_type_display())),
        ("身份证件名称及号码", f"{case.get_id_kind_display()} {case.id_number_masked}"),
        ("联系人", case.contact_person),
        ("联系电话", case.phone),
        ("通信地址及邮政编码", f"{case.address} {case.postcode}".strip()),
        ("电子邮箱", case.email),
        ("所需政府信息的名称、文号或者特征性描述", case.description),
        ("文号", case.document_number),
        ("用途（选填）", case.purpose),
        ("信息的指定提供形式", str(case.get_form_wanted_display())),
        ("获取信息的方式", str(case.get_delivery_display())),
        ("提交方式", core.CHANNEL_WORDING[_CHANNELS[case.channel]]),
        ("提交日期", _day(case.submitted_on)),
    )


def blank_application(agency: Agency, today: dt.date) -> Form:
    """The application form to fill in by hand (at the counter, or printed at home)."""
    return Form(
        kind=FormKind.APPLICATION,
        agency=agency.letter_header or agency.name,
        issue_date=today,
        fields=_application_fields(None),
        notes=_APPLICATION_NOTES,
        signatures=(f"申请人（签名或者盖章）：{BLANK}　　日期：{BLANK_DATE}",),
    )


def _application(case: Case, today: dt.date) -> Form:
    # The identity number is masked: the form is the office's file copy, printed on demand.
    return _form(
        case,
        FormKind.APPLICATION,
        today,
        fields=_application_fields(case),
        notes=_APPLICATION_NOTES,
        signatures=(
            f"申请人（签名或者盖章）：{BLANK}　　日期：{_day(case.submitted_on)}",
            f"收件人：{_name(case.assigned_to) or BLANK}　　收到日期：{_day(case.received_on)}",
        ),
    )


# -- 处理单 ------------------------------------------------------------------------------------


def _event_note(event: CaseEvent) -> str:
    data = event.data or {}
    if event.kind == CaseEventKind.DECIDED and data.get("outcome"):
        code = str(data["outcome"])
        return f"{code} {outcomes.get(code).label}"
    if event.kind == CaseEventKind.EXTENDED:
        days, to, why = data.get("workdays", ""), data.get("to", ""), data.get("reason", "")
        return f"延长{days}个工作日至{to}：{why}"
    if event.kind == CaseEventKind.SEARCH_RECORDED:
        return f"检索范围：{data.get('places', '')}；检索词：{data.get('terms', '')}"
    for key in ("reasons", "note", "unit", "reason"):
        if data.get(key):
            return str(data[key])
    return ""


def _processing(case: Case, today: dt.date) -> Form:
    events = case.events.select_related("actor").order_by("at", "pk")
    rows = []
    for event in events:
        who = _name(event.actor) or event.actor_label
        role = _ROLE_OF_STEP.get(event.kind, "经办")
        when = event.on or timezone.localdate(event.at)
        rows.append(
            (
                str(CaseEventKind(event.kind).label),
                f"{role}：{who}" if who else role,
                _day(when),
                _event_note(event),
            )
        )
    decision = case.decisions.select_related("decided_by", "legal_review_by").last()
    extension = getattr(case, "extension", None)
    outcome = f"{case.outcome} {outcomes.get(case.outcome).label}" if case.outcome else ""
    decider = _name(decision.decided_by) if decision else ""
    reviewer = _name(decision.legal_review_by) if decision else ""
    approver = _name(extension.approved_by) if extension else ""
    return _form(
        case,
        FormKind.PROCESSING,
        today,
        fields=(
            *_common(case),
            ("答复期限", _day(case.due_on)),
            ("承办人", _name(case.assigned_to)),
            ("处理结果", outcome),
        ),
        grid_title="办理过程",
        grid_header=("环节", "办理人", "日期", "意见或者说明"),
        grid_widths=(20, 16, 24, 40),
        grid=tuple(rows),
        signatures=(
            f"承办人意见：{BLANK}　　签字：{decider or BLANK}",
            f"审核意见：{BLANK}　　签字：{reviewer or BLANK}",
            f"负责人批准：{BLANK}　　签字：{approver or BLANK}",
        ),
    )


# -- 内部检索单 --------------------------------------------------------------------------------


def _search(case: Case, today: dt.date) -> Form:
    rows = tuple(
        (
            f"{_day(s.searched_on)}\n{_name(s.searched_by)}",
            _lines(s.places),
            "、".join(s.terms),
            ("已找到：" if s.found else "未找到：") + s.result,
        )
        for s in case.searches.select_related("searched_by")
    )
    return _form(
        case,
        FormKind.SEARCH,
        today,
        fields=_common(case),
        grid_title="检索记录",
        grid_header=("检索日期及检索人", "检索范围（档案、系统、部门）", "检索词", "检索结果"),
        grid=rows,
        notes=(
            "本单记录本机关为答复该申请所作的检索；答复“本机关不掌握相关政府信息”"
            "（《中华人民共和国政府信息公开条例》第三十六条第四项）的，应当附本单备查。",
        ),
        signatures=(f"检索人（签字）：{BLANK}", f"审核人（签字）：{BLANK}", f"日期：{BLANK_DATE}"),
    )


# -- 法制审查联系单 ----------------------------------------------------------------------------


def _legal_review(case: Case, today: dt.date) -> Form:
    decision = case.decisions.select_related("decided_by", "legal_review_by").last()
    assert decision is not None
    outcome = outcomes.get(decision.outcome)
    return _form(
        case,
        FormKind.LEGAL_REVIEW,
        today,
        fields=(
            *_common(case),
            ("拟处理结果", f"{outcome.code} {outcome.label}"),
            ("依据", "、".join(decision.articles)),
            ("理由", decision.reasons),
            ("承办人", _name(decision.decided_by)),
            ("提请审查日期", _day(decision.decided_on)),
            ("审查人", _name(decision.legal_review_by)),
            ("审查日期", _day(decision.legal_review_on)),
            ("审查意见", "同意" if decision.legal_review_by else ""),
        ),
        notes=(
            "本机关规定政府信息公开申请的答复须经法制审查"
            + ("。" if case.agency.legal_review_required else "（本件自愿提请审查）。"),
        ),
        signatures=(
            f"承办人（签字）：{_name(decision.decided_by) or BLANK}",
            f"审查人（签字）：{_name(decision.legal_review_by) or BLANK}",
        ),
    )


# -- 协查联系单 --------------------------------------------------------------------------------


def _assistance(case: Case, today: dt.date) -> Form:
    requested = {
        e.data.get("unit"): e
        for e in case.events.filter(kind=CaseEventKind.ASSISTANCE_REQUESTED).select_related("actor")
    }
    rows = []
    for a in case.assistance.select_related("unit"):
        event = requested.get(a.unit.name)
        who = _name(event.actor) if event is not None else ""
        answered = f"已于{_day(a.answered_on)}回复" if a.answered_on else "尚未回复"
        rows.append(
            (
                a.unit.name,
                f"{_day(a.requested_on)}\n{who}".strip(),
                _day(a.due_on),
                _lines((answered, a.note)),
            )
        )
    return _form(
        case,
        FormKind.ASSISTANCE,
        today,
        fields=(*_common(case), ("本机关答复期限", _day(case.due_on))),
        grid_title="协查事项",
        grid_header=("协查单位", "发出日期及联系人", "请于此日前回复", "回复情况"),
        grid=tuple(rows),
        notes=("请协查单位在上述期限内书面回复检索、核实情况，并注明经办人和联系方式。",),
        signatures=(f"协查单位经办人（签字）：{BLANK}　　日期：{BLANK_DATE}",),
    )


# -- 撤回回执, 自行领取回执 ---------------------------------------------------------------------


def _withdrawal(case: Case, today: dt.date) -> Form:
    event = case.events.filter(kind=CaseEventKind.WITHDRAWN).order_by("at", "pk").last()
    assert event is not None
    by = "申请人本人（网上撤回）" if event.data.get("by_applicant") else "申请人（书面或者当面）"
    return _form(
        case,
        FormKind.WITHDRAWAL_RECEIPT,
        today,
        fields=(
            *_common(case),
            ("撤回日期", _day(event.on)),
            ("撤回方式", by),
            ("撤回说明", str(event.data.get("reasons", ""))),
            ("经办人", _name(event.actor) or event.actor_label),
        ),
        notes=(
            "本机关已收到申请人撤回上述政府信息公开申请，对该申请终止处理"
            "（政府信息公开工作年度报告第三部分“其他处理”）。",
        ),
        signatures=(
            f"申请人（签名）：{BLANK}　　日期：{BLANK_DATE}",
            f"经办人（签字）：{_name(event.actor) or BLANK}　　日期：{_day(event.on)}",
        ),
    )


def _collection(case: Case, today: dt.date) -> Form:
    decision = case.decisions.last()
    rows = tuple(
        (
            item.name,
            str(item.get_disclosure_display()),
            f"{item.pages}页" if item.pages else "",
            item.index_number,
        )
        for item in case.released.all()
    )
    return _form(
        case,
        FormKind.COLLECTION_RECEIPT,
        today,
        fields=(
            *_common(case),
            ("答复日期", _day(decision.decided_on) if decision else ""),
            ("回执编号", decision.service_reference if decision else ""),
        ),
        grid_title="领取的答复材料",
        grid_header=("名称", "公开方式", "页数", "索引号"),
        grid_widths=(40, 22, 10, 28),
        grid=rows,
        notes=("申请人已当面领取上述答复书及答复材料。",),
        signatures=(
            f"领取人（签名）：{BLANK}　　身份证件号码：{BLANK}",
            f"领取日期：{BLANK_DATE}　　经办人（签字）：{BLANK}",
        ),
    )


# -- which forms a case has ---------------------------------------------------------------------

_BUILDERS: dict[str, Callable[[Case, dt.date], Form]] = {
    FormKind.APPLICATION: _application,
    FormKind.PROCESSING: _processing,
    FormKind.SEARCH: _search,
    FormKind.LEGAL_REVIEW: _legal_review,
    FormKind.ASSISTANCE: _assistance,
    FormKind.WITHDRAWAL_RECEIPT: _withdrawal,
    FormKind.COLLECTION_RECEIPT: _collection,
}


def available(case: Case, kinds: Iterable[str] | None = None) -> list[str]:
    """The forms this case has now, in the order of handling.

    Read from the kinds of its timeline events (``kinds``, when the caller has the events
    already: the case page), each form's record being written with its event."""
    seen = set(
        kinds
        if kinds is not None
        else case.events.filter(kind__in=_FORM_EVENTS).values_list("kind", flat=True)
    )
    names = [BLANK_APPLICATION, FormKind.APPLICATION.value, FormKind.PROCESSING.value]
    if CaseEventKind.SEARCH_RECORDED in seen:
        names.append(FormKind.SEARCH.value)
    if CaseEventKind.ASSISTANCE_REQUESTED in seen:
        names.append(FormKind.ASSISTANCE.value)
    decided = CaseEventKind.DECIDED in seen
    signed = CaseEventKind.LEGAL_REVIEW_SIGNED in seen
    if decided and (case.agency.legal_review_required or signed):
        names.append(FormKind.LEGAL_REVIEW.value)
    if CaseEventKind.WITHDRAWN in seen:
        names.append(FormKind.WITHDRAWAL_RECEIPT.value)
    if decided and case.delivery == Delivery.IN_PERSON and case.released.exists():
        names.append(FormKind.COLLECTION_RECEIPT.value)
    return names


_FORM_EVENTS = (
    CaseEventKind.SEARCH_RECORDED,
    CaseEventKind.ASSISTANCE_REQUESTED,
    CaseEventKind.DECIDED,
    CaseEventKind.LEGAL_REVIEW_SIGNED,
    CaseEventKind.WITHDRAWN,
)


def build(case: Case, name: str, today: dt.date | None = None) -> Form:
    """The form ``name`` of ``case`` (a ``KeyError`` for a form the case does not have)."""
    if name not in available(case):
        raise KeyError(name)
    today = today or timezone.localdate()
    with translation.override("zh-hans"):
        if name == BLANK_APPLICATION:
            return blank_application(case.agency, today)
        return _BUILDERS[name](case, today)


def render(case: Case, name: str, fmt: str, today: dt.date | None = None) -> bytes:
    """The form as DOCX or PDF bytes (``KeyError`` for an unknown form or format)."""
    if fmt not in FORMATS:
        raise KeyError(fmt)
    form = build(case, name, today)
    return core.render_form_docx(form) if fmt == "docx" else core.render_form_pdf(form)


def search_sheet_pdf(case: Case, today: dt.date | None = None) -> bytes:
    """The 内部检索单 as PDF, from the search records themselves (the disputes evidence pack)."""
    with translation.override("zh-hans"):
        form = _search(case, today or timezone.localdate())
    return core.render_form_pdf(form)
