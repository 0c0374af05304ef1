"""What a letter says: ``compose(kind, data) -> Letter`` (statute.md §5, §6, §7).

``LetterData`` holds every plain value any letter needs; ``compose`` checks that the ones its kind
needs are there (``LetterDataError`` names the missing field in Chinese and English) and writes
the official wording, citing the articles of 《中华人民共和国政府信息公开条例》 that
``core/outcomes.py`` lists for the outcome. The wording is data, never gettext. Nothing here reads
the clock: the issue date and every other date are passed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from gongkai.core import outcomes
from gongkai.core.deadlines import (
    CONSULTATION_WORKDAYS,
    EXTENSION_MAX_WORKDAYS,
    FEE_PAYMENT_WORKDAYS,
    REPLY_WORKDAYS,
    Channel,
    cn,
)
from gongkai.core.letters.kinds import (
    CONSULTEE_KINDS,
    DECISION_KINDS,
    OUTCOME_KINDS,
    TITLES,
    LetterKind,
    kind_for_outcome,
)

STATUTE = outcomes.STATUTE  # 《中华人民共和国政府信息公开条例》
FEE_RULES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
DEFAULT_COURT = "有管辖权的人民法院"

# How a letter names the channel an application came by: "提交方式：{wording}".
CHANNEL_WORDING: dict[Channel, str] = {
    Channel.IN_PERSON: "当面提交",
    Channel.REGISTERED_POST: "邮寄",
    Channel.ORDINARY_LETTER: "平常信函",
    Channel.ONLINE: "互联网申请平台",
    Channel.EMAIL: "电子邮件",
    Channel.FAX: "传真",
}


class FeeBasis(StrEnum):
    """One basis per application, never both (国办函〔2020〕109号)."""

    PER_APPLICATION = "per_application"  # 按件计收: the applicant's applications in a month
    PER_PAGE = "per_page"  # 按量计收: the pages of one application


# 国办函〔2020〕109号: both bases progressive (超额累进), statute.md §7.
FEE_STANDARDS: dict[FeeBasis, str] = {
    FeeBasis.PER_APPLICATION: (
        "按件计收：同一申请人一个自然月内累计申请10件以下（含10件）的，不收费；"
        "累计申请11—30件（含30件）的部分，收费标准为100元/件；"
        "累计申请30件以上的部分，以10件为一档，每增加一档，收费标准提高100元/件。"
    ),
    FeeBasis.PER_PAGE: (
        "按量计收：同一政府信息公开申请中，同一申请人一次申请处理政府信息30页以下（含30页）的，"
        "不收费；31—100页（含100页）的部分，收费标准为10元/页；101—200页（含200页）的部分，"
        "收费标准为20元/页；200页以上的部分，收费标准为40元/页。"
    ),
}

# 按件 answers applications too frequent, 按量 applications too large (109号).
_FEE_EXCESS: dict[FeeBasis, str] = {
    FeeBasis.PER_APPLICATION: "频次",
    FeeBasis.PER_PAGE: "数量",
}


@dataclass(frozen=True)
class LetterData:
    """Everything a letter may need, as plain values; each kind uses some (see ``REQUIRED``).

    Text fields are written into the letter as given (no trailing 。 needed); empty means absent.
    """

    # -- who writes, and when --------------------------------------------------------------
    agency: str  # 机关名称: the signature, and "本机关" in the text
    issue_date: dt.date  # 成文日期, printed as 2025年9月26日 (GB/T 9704: Arabic numerals)
    number: str = ""  # 文号, already rendered by the caller: 瓯政公开〔2025〕12号
    agency_address: str = ""  # 联系地址 (printed in the 附注 under the date)
    agency_postcode: str = ""  # 邮政编码
    agency_phone: str = ""  # 联系电话
    contact_person: str = ""  # 联系人
    seal_png: bytes | None = None  # the agency's seal (PNG, transparent background), optional

    # -- the application -------------------------------------------------------------------
    applicant: str = ""  # 申请人姓名或者名称
    organisation: bool = False  # the addressee is a 法人或其他组织: "你单位", not "你"
    case_number: str = ""  # 申请编号 (the tracking number the applicant quotes)
    received: dt.date | None = None  # 收到申请之日 (第三十一条)
    channel: str = ""  # how it came, e.g. CHANNEL_WORDING[Channel.ONLINE]: "互联网申请平台"
    request: str = ""  # 所需政府信息的描述 (name, document number or other features)
    # The reply deadline: the receipt states it; an extension letter names it as the original
    # deadline when it is earlier than ``new_due_date`` (equal means "as it stands now").
    due_date: dt.date | None = None

    # -- the decision (答复书, 不予处理告知书) ---------------------------------------------
    outcome: str = ""  # the outcome code of core/outcomes.py: 3.1 … 3.6.3
    reasons: str = ""  # 理由 (required where the outcome says so); new lines start paragraphs
    articles: tuple[str, ...] = ()  # further articles cited, e.g. "第十四条" for a 3.2 reply;
    # a text starting with 《 names another law: "《中华人民共和国保守国家秘密法》第二条"
    provision: str = ""  # 3.1 / 3.2: how, where and when the information is provided
    published_at: str = ""  # 3.1 / 3.5.3: where the published information can be found
    responsible_agency: str = ""  # 3.4.1: the agency responsible for the information, if known
    responsible_contact: str = ""  # 3.4.1: its contact (address, telephone)
    correction_date: dt.date | None = None  # 3.4.3 / 3.6.1: when the 补正 notice was sent
    fee_notice_date: dt.date | None = None  # 3.6.2: when the fee notice was sent

    # -- extension (第三十三条第二款), later date (第三十五条) --------------------------------
    new_due_date: dt.date | None = None  # the extended deadline, or the office's later date
    extension_days: int | None = None  # working days added, at most 20

    # -- correction (第三十条) ------------------------------------------------------------
    correction_items: tuple[str, ...] = ()  # everything to supplement, all at once
    correction_deadline: dt.date | None = None  # the reasonable deadline for it

    # -- consultation (第三十二条, 第三十四条) and reasons (第三十五条) ----------------------
    consultee: str = ""  # the third party or the co-producing agency
    respond_by: dt.date | None = None  # by when the consultee answers / the applicant explains

    # -- fee (第四十二条, 国办函〔2020〕109号) -------------------------------------------------
    fee_basis: FeeBasis | None = None
    fee_amount: Decimal | None = None  # 元, e.g. Decimal("300")
    fee_breakdown: str = ""  # how the amount is made up: "第31—100页，共70页×10元/页=700元"
    payment_due: dt.date | None = None  # last day to pay (20 working days from the day after)
    payment_method: str = ""  # how to pay: account, payee, reference to quote

    # -- remedy (statute.md §1, §5) ---------------------------------------------------------
    reconsideration_body: str = ""  # 复议机关, usually the same-level people's government
    court: str = ""  # 人民法院; "有管辖权的人民法院" when empty


# Chinese names of the fields, for error messages (and as their documentation in Chinese).
FIELD_LABELS: dict[str, str] = {
    "agency": "机关名称",
    "number": "文号",
    "applicant": "申请人",
    "case_number": "申请编号",
    "received": "收到申请日期",
    "request": "申请获取的政府信息",
    "due_date": "答复期限",
    "outcome": "处理结果",
    "reasons": "理由",
    "provision": "提供方式",
    "published_at": "获取途径",
    "new_due_date": "新的答复期限",
    "extension_days": "延长的工作日数",
    "correction_items": "需要补正的事项",
    "correction_deadline": "补正期限",
    "consultee": "被征求意见方",
    "respond_by": "答复意见期限",
    "fee_basis": "计收方式",
    "fee_amount": "收费金额",
    "payment_method": "缴费方式",
    "payment_due": "缴费期限",
    "reconsideration_body": "行政复议机关",
}

_COMMON = ("agency", "case_number", "received", "request")
# What each kind cannot do without (the outcome adds its own, see ``_OUTCOME_REQUIRED``).
REQUIRED: dict[LetterKind, tuple[str, ...]] = {
    LetterKind.RECEIPT: (*_COMMON, "applicant"),
    LetterKind.CORRECTION: (*_COMMON, "applicant", "correction_items", "correction_deadline"),
    LetterKind.EXTENSION: (*_COMMON, "applicant", "new_due_date", "extension_days"),
    LetterKind.REASONS_REQUEST: (*_COMMON, "applicant", "respond_by"),
    LetterKind.DEFERRAL: (*_COMMON, "applicant", "new_due_date"),
    LetterKind.THIRD_PARTY_CONSULTATION: (*_COMMON, "consultee"),
    LetterKind.THIRD_PARTY_NOTICE: (*_COMMON, "consultee", "reasons", "reconsideration_body"),
    LetterKind.CO_PRODUCER_CONSULTATION: (*_COMMON, "consultee"),
    LetterKind.FEE_NOTICE: (
        *_COMMON,
        "applicant",
        "fee_basis",
        "fee_amount",
        "payment_method",
        "reconsideration_body",
    ),
    LetterKind.REPLY: (*_COMMON, "applicant", "number", "outcome", "reconsideration_body"),
    LetterKind.NOT_HANDLED: (*_COMMON, "applicant", "number", "outcome", "reconsideration_body"),
}

_OUTCOME_REQUIRED: dict[str, tuple[str, ...]] = {
    "3.3.8": ("reasons",),  # names the law whose special procedure applies
}


class LetterDataError(ValueError):
    """A field the letter needs is missing or impossible; ``field`` names it."""

    def __init__(self, kind: LetterKind, field_name: str, problem: str = "", en: str = "") -> None:
        self.kind = kind
        self.field = field_name
        label = FIELD_LABELS.get(field_name, field_name)
        zh = problem or f"缺少“{label}”"
        english = en or f"missing {field_name}"
        super().__init__(f"{TITLES[kind]}：{zh}（{field_name}） / {kind}: {english}")


@dataclass(frozen=True)
class Letter:
    """A composed letter: the structured content every renderer and template draws."""

    kind: LetterKind
    title: str  # 政府信息公开申请答复书
    number: str  # 文号, or ""
    addressee: str  # 主送: "张三：" (with the full-width colon)
    paragraphs: tuple[str, ...]  # the body, one string per paragraph, without the remedy
    remedy: str  # the 行政复议 / 行政诉讼 clause of a decision letter, or ""
    closing: str  # 特此告知。 / 特此答复。 …, or "" (the receipt has none)
    signature: str  # 发文机关署名
    date: str  # 成文日期: 2025年9月26日
    note: str  # 附注: (联系人：…；联系电话：…；…), or ""
    case_number: str
    outcome: str  # the outcome code for replies, else ""
    issue_date: dt.date
    seal_png: bytes | None = field(default=None, repr=False)

    @property
    def body(self) -> tuple[str, ...]:
        """Every paragraph under the addressee line, in order: text, remedy, closing."""
        return tuple(p for p in (*self.paragraphs, self.remedy, self.closing) if p)

    @property
    def text(self) -> str:
        """The whole letter as plain text (previews, search, tests)."""
        lines = [self.title, self.number, self.addressee, *self.body, self.signature, self.date]
        if self.note:
            lines.append(self.note)
        return "\n".join(line for line in lines if line)


# -- composing ----------------------------------------------------------------------------


def compose(kind: LetterKind, data: LetterData) -> Letter:
    """The letter of ``kind`` for ``data``; ``LetterDataError`` when a needed field is missing."""
    kind = LetterKind(kind)
    _check(kind, data)
    code = data.outcome if kind in OUTCOME_KINDS else ""
    paragraphs, closing = _WRITERS[kind](data)
    addressee = data.consultee if kind in CONSULTEE_KINDS else data.applicant
    remedy = _remedy(kind, data) if kind in DECISION_KINDS else ""
    return Letter(
        kind=kind,
        title=TITLES[kind],
        number=data.number.strip(),
        addressee=f"{addressee.strip()}：",
        paragraphs=tuple(_split(paragraphs)),
        remedy=remedy,
        closing=closing,
        signature=data.agency.strip(),
        date=cn(data.issue_date),
        note=_note(data),
        case_number=data.case_number.strip(),
        outcome=code,
        issue_date=data.issue_date,
        seal_png=data.seal_png or None,
    )


def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, tuple):
        return not any(str(item).strip() for item in value)
    return False


def _check(kind: LetterKind, data: LetterData) -> None:
    needed = list(REQUIRED[kind])
    if kind in OUTCOME_KINDS and data.outcome:
        try:
            outcome = outcomes.get(data.outcome)
        except ValueError:
            raise LetterDataError(
                kind,
                "outcome",
                f"未知的处理结果“{data.outcome}”",
                f"unknown outcome {data.outcome!r}",
            ) from None
        if kind_for_outcome(outcome.code) is not kind:
            right = TITLES[kind_for_outcome(outcome.code)]
            raise LetterDataError(
                kind,
                "outcome",
                f"处理结果{outcome.code}（{outcome.label}）应当以《{right}》答复",
                f"outcome {outcome.code} is answered by a {kind_for_outcome(outcome.code)} letter",
            )
        if outcome.reasons_required:
            needed.append("reasons")
        needed.extend(_OUTCOME_REQUIRED.get(outcome.code, ()))
        if outcome.code == "3.1" and _missing(data.provision) and _missing(data.published_at):
            raise LetterDataError(
                kind,
                "provision",
                "予以公开的答复须写明提供方式（provision）或获取途径（published_at）",
                "a 3.1 reply needs provision or published_at",
            )
    for name in needed:
        if _missing(getattr(data, name)):
            raise LetterDataError(kind, name)
    if data.extension_days is not None and not 0 < data.extension_days <= EXTENSION_MAX_WORKDAYS:
        raise LetterDataError(
            kind,
            "extension_days",
            f"延长的期限最长不得超过{EXTENSION_MAX_WORKDAYS}个工作日（第三十三条第二款）",
            f"an extension is 1 to {EXTENSION_MAX_WORKDAYS} working days",
        )
    if data.fee_amount is not None and data.fee_amount <= 0:
        raise LetterDataError(
            kind, "fee_amount", "收费金额须大于零", "the fee amount must be positive"
        )
    _check_dates(kind, data)


# The dates a kind prints that lie ahead of the letter: a deadline already past when the
# letter is issued is a mistake in the data.
_AFTER_ISSUE: dict[LetterKind, str] = {
    LetterKind.CORRECTION: "correction_deadline",
    LetterKind.REASONS_REQUEST: "respond_by",
    LetterKind.THIRD_PARTY_CONSULTATION: "respond_by",
    LetterKind.CO_PRODUCER_CONSULTATION: "respond_by",
    LetterKind.FEE_NOTICE: "payment_due",
    LetterKind.EXTENSION: "new_due_date",
    LetterKind.DEFERRAL: "new_due_date",
}


def _check_dates(kind: LetterKind, data: LetterData) -> None:
    if data.received is not None and data.received > data.issue_date:
        raise LetterDataError(
            kind,
            "received",
            f"收到申请日期{cn(data.received)}晚于成文日期{cn(data.issue_date)}",
            "received after the letter's issue date",
        )
    name = _AFTER_ISSUE.get(kind)
    day = getattr(data, name) if name else None
    if name and day is not None and day <= data.issue_date:
        label = FIELD_LABELS.get(name, name)
        raise LetterDataError(
            kind,
            name,
            f"“{label}”{cn(day)}不晚于成文日期{cn(data.issue_date)}",
            f"{name} is not after the letter's issue date",
        )
    # due_date equal to new_due_date is the deadline as it stands after the change (callers
    # pass the case's current deadline); only an earlier new date is a mistake.
    later = kind in (LetterKind.EXTENSION, LetterKind.DEFERRAL)
    if later and data.new_due_date and data.due_date and data.new_due_date < data.due_date:
        raise LetterDataError(
            kind,
            "new_due_date",
            f"新的答复期限{cn(data.new_due_date)}早于原答复期限{cn(data.due_date)}",
            "the new due date is before the current one",
        )


def _split(paragraphs: Iterable[str]) -> Iterable[str]:
    # A field typed in a form may hold several paragraphs; each becomes its own.
    for paragraph in paragraphs:
        for line in paragraph.splitlines():
            if line.strip():
                yield line.strip()


def _end(text: str) -> str:
    """The text as a sentence: a full stop added unless it ends in punctuation already."""
    text = text.strip()
    return text if not text or text[-1] in "。！？；：…" else f"{text}。"


def _sentences(text: str) -> list[str]:
    return [_end(line) for line in text.splitlines() if line.strip()]


def cite(articles: Iterable[str]) -> str:
    """Articles as a letter cites them: 《…条例》第十四条、第三十六条第三项.

    Articles of the 条例 follow its name once; an entry starting with 《 names another law and
    stands alone.
    """
    parts: list[str] = []
    statute_named = False
    for article in dict.fromkeys(a.strip() for a in articles if a.strip()):
        if article.startswith("《"):
            parts.append(article)
            statute_named = False
        elif statute_named:
            parts.append(article)
        else:
            parts.append(STATUTE + article)
            statute_named = True
    return "、".join(parts)


def _you(data: LetterData, kind: LetterKind | None = None) -> str:
    if kind is LetterKind.CO_PRODUCER_CONSULTATION or data.organisation:
        return "你单位"
    return "你"


def _application(data: LetterData, you: str) -> str:
    """The opening every letter on an application shares."""
    assert data.received is not None
    return (
        f"本机关于{cn(data.received)}收到{you}提出的政府信息公开申请"
        f"（申请编号：{data.case_number.strip()}），申请获取“{data.request.strip()}”。"
    )


def _third_party_application(data: LetterData) -> str:
    # The applicant's name is personal information the consultee does not need.
    assert data.received is not None
    return (
        f"本机关于{cn(data.received)}收到政府信息公开申请（申请编号：{data.case_number.strip()}），"
        f"申请人申请获取“{data.request.strip()}”。"
    )


def _remedy(kind: LetterKind, data: LetterData) -> str:
    # 行政复议法第二十条 (sixty days), 行政诉讼法第四十六条 (six months); 条例第五十一条.
    what, document = {
        LetterKind.REPLY: ("本答复", "本答复书"),
        LetterKind.FEE_NOTICE: ("本收费决定", "本通知书"),
        LetterKind.THIRD_PARTY_NOTICE: ("本机关的公开决定", "本告知书"),
    }.get(kind, ("本告知", "本告知书"))
    court = data.court.strip() or DEFAULT_COURT
    return (
        f"如对{what}不服，可以自收到{document}之日起60日内向{data.reconsideration_body.strip()}"
        f"申请行政复议，或者自收到{document}之日起6个月内向{court}提起行政诉讼。"
    )


def _note(data: LetterData) -> str:
    """附注 under the date (GB/T 9704 7.3.6): where the addressee can reach the office."""
    parts = [
        f"{label}：{value.strip()}"
        for label, value in (
            ("联系人", data.contact_person),
            ("联系电话", data.agency_phone),
            ("联系地址", data.agency_address),
            ("邮政编码", data.agency_postcode),
        )
        if value.strip()
    ]
    return f"（{'；'.join(parts)}）" if parts else ""


def _money(amount: Decimal) -> str:
    return f"{amount:.0f}" if amount == amount.to_integral_value() else f"{amount:.2f}"


# -- the kinds ------------------------------------------------------------------------------

_Body = tuple[list[str], str]


def _receipt(data: LetterData) -> _Body:
    assert data.received is not None
    you = _you(data)
    how = f"；提交方式：{data.channel.strip()}" if data.channel.strip() else ""
    due = f"（最迟于{cn(data.due_date)}）" if data.due_date else ""
    # Kept short: a receipt is handed over or sent at once and should fit on one page.
    return [
        f"本机关已收到{you}提交的政府信息公开申请，现将有关事项告知如下：",
        f"一、申请编号：{data.case_number.strip()}。",
        # 第三十一条 decides which day this is; the caller computed it (deadlines.receipt_date).
        f"二、收到申请日期：{cn(data.received)}{how}。",
        f"三、申请获取的政府信息：{_end(data.request)}",
        f"四、根据{cite(['第三十三条'])}的规定，本机关将自收到申请之日起"
        f"{REPLY_WORKDAYS}个工作日内{due}予以答复；需要延长答复期限的，将另行书面告知。"
        "征求第三方和其他机关意见所需时间不计算在上述期限内。",
    ], ""


def _correction(data: LetterData) -> _Body:
    assert data.correction_deadline is not None
    you = _you(data)
    items = [
        f"{n}. {_end(item)}" for n, item in enumerate(_nonblank(data.correction_items), start=1)
    ]
    return [
        _application(data, you),
        f"经审查，{you}的申请内容不明确，本机关无法确定{you}申请获取的政府信息。"
        f"根据{cite(['第三十条'])}的规定，请{you}对下列事项一并作出补正：",
        *items,
        f"请于{cn(data.correction_deadline)}前（含当日）向本机关提交补正后的申请。"
        "答复期限自本机关收到补正的申请之日起计算。"
        f"{you}无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
    ], "特此告知。"


def _nonblank(items: Iterable[str]) -> list[str]:
    return [item.strip() for item in items if item.strip()]


def _extension(data: LetterData) -> _Body:
    assert data.new_due_date is not None
    you = _you(data)
    # The reasons lead into the sentence: "因……，本机关不能在规定期限内作出答复".
    why = " ".join(data.reasons.split()).rstrip("。，；,;") or "因所申请信息需要进一步检索、核实"
    why += "，"
    before = data.due_date if data.due_date and data.due_date < data.new_due_date else None
    original = f"（原答复期限为{cn(before)}）" if before else ""
    return [
        _application(data, you),
        f"{why}本机关不能在规定期限{original}内作出答复。",
        f"根据{cite(['第三十三条第二款'])}的规定，经本机关政府信息公开工作机构负责人同意，"
        f"答复期限延长{data.extension_days}个工作日，本机关将最迟于{cn(data.new_due_date)}"
        f"作出答复。",
    ], "特此告知。"


def _reasons_request(data: LetterData) -> _Body:
    assert data.respond_by is not None
    you = _you(data)
    extra = _sentences(data.reasons)
    return [
        _application(data, you),
        f"经审查，{you}申请公开政府信息的数量、频次明显超过合理范围。",
        *extra,
        f"根据{cite(['第三十五条'])}的规定，请{you}于{cn(data.respond_by)}前（含当日）"
        "向本机关书面说明申请理由。",
        "本机关认为申请理由不合理的，将告知不予处理；认为申请理由合理，但是无法在"
        f"{cite(['第三十三条'])}规定的期限内答复的，将确定延迟答复的合理期限并告知{you}。",
    ], "特此告知。"


def _deferral(data: LetterData) -> _Body:
    assert data.new_due_date is not None
    you = _you(data)
    return [
        _application(data, you),
        f"经审查，{you}申请公开政府信息的数量、频次明显超过合理范围。本机关已要求{you}说明理由，"
        f"认为{you}的申请理由合理，但是无法在{cite(['第三十三条'])}规定的期限内答复。",
        *_sentences(data.reasons),
        f"根据{cite(['第三十五条'])}的规定，本机关确定延迟答复的合理期限，"
        f"将最迟于{cn(data.new_due_date)}作出答复。",
    ], "特此告知。"


def _third_party_consultation(data: LetterData) -> _Body:
    you = _you(data)
    by = f"（最迟于{cn(data.respond_by)}）" if data.respond_by else ""
    concern = _sentences(data.reasons) or [
        f"经审查，该信息涉及{you}的商业秘密、个人隐私等合法权益，公开可能对{you}造成损害。"
    ]
    return [
        _third_party_application(data),
        *concern,
        f"根据{cite(['第三十二条'])}的规定，现书面征求{you}的意见。"
        f"请{you}自收到本征询书之日起{CONSULTATION_WORKDAYS}个工作日内{by}"
        "向本机关提出是否同意公开的书面意见；不同意公开的，请一并说明理由。",
        f"{you}逾期未提出意见的，由本机关依照{STATUTE}的规定决定是否公开。"
        "征求意见所需时间不计算在答复申请人的期限内。",
    ], "特此征询。"


def _third_party_notice(data: LetterData) -> _Body:
    you = _you(data)
    return [
        _third_party_application(data),
        f"本机关已就该申请书面征求{you}的意见，{you}不同意公开。",
        f"经审查，本机关认为不公开可能对公共利益造成重大影响。根据"
        f"{cite(['第十五条', '第三十二条', *data.articles])}的规定，本机关决定予以公开。",
        f"决定公开的政府信息内容：{_end(data.request)}",
        "决定公开的理由：",
        *_sentences(data.reasons),
    ], "特此告知。"


def _co_producer_consultation(data: LetterData) -> _Body:
    you = _you(data, LetterKind.CO_PRODUCER_CONSULTATION)
    by = f"（最迟于{cn(data.respond_by)}）" if data.respond_by else ""
    return [
        _third_party_application(data),
        f"经审查，该信息由本机关与{you}共同制作，本机关为牵头制作机关。"
        f"根据{cite(['第三十四条'])}的规定，现征求{you}的意见。",
        *_sentences(data.reasons),
        f"请{you}自收到本征求意见书之日起{CONSULTATION_WORKDAYS}个工作日内{by}"
        "向本机关提出书面意见；逾期未提出意见的，视为同意公开。",
    ], "特此函询。"


def _fee_notice(data: LetterData) -> _Body:
    assert data.fee_basis is not None and data.fee_amount is not None
    basis = FeeBasis(data.fee_basis)
    you = _you(data)
    due = f"（最迟于{cn(data.payment_due)}）" if data.payment_due else ""
    lines = [
        _application(data, you),
        f"经审查，{you}申请公开政府信息的{_FEE_EXCESS[basis]}明显超过合理范围。"
        f"根据{cite(['第四十二条'])}和{FEE_RULES}的规定，本机关决定收取信息处理费。",
        f"收费标准：{FEE_STANDARDS[basis]}",
    ]
    if data.fee_breakdown.strip():
        lines.append(f"计费明细：{_end(data.fee_breakdown)}")
    lines += [
        f"应缴金额：人民币{_money(data.fee_amount)}元。",
        f"缴费方式：{_end(data.payment_method)}",
        f"请{you}自收到本通知书次日起{FEE_PAYMENT_WORKDAYS}个工作日内{due}缴纳。"
        f"逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。",
    ]
    return lines, "特此通知。"


# Per outcome: the finding, in the reply's words; ``{you}`` is 你 / 你单位, ``{cite}`` the
# articles of core/outcomes.py (plus ``LetterData.articles``).
_FINDINGS: dict[str, str] = {
    "3.3.1": "经审查，{you}申请获取的政府信息属于依法确定为国家秘密的政府信息。",
    "3.3.2": "经审查，{you}申请获取的政府信息属于法律、行政法规禁止公开的政府信息。",
    "3.3.3": "经审查，{you}申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、"
    "社会稳定。",
    "3.3.4": "经审查，{you}申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益"
    "造成损害。",
    "3.3.5": "经审查，{you}申请获取的政府信息属于行政机关的内部事务信息。",
    "3.3.6": "经审查，{you}申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的"
    "过程性信息。",
    "3.3.7": "经审查，{you}申请获取的政府信息属于行政执法案卷信息。",
}


def _reply(data: LetterData) -> _Body:
    you = _you(data)
    outcome = outcomes.get(data.outcome)
    code = outcome.code
    citation = cite([*outcome.articles, *data.articles])
    according = f"根据{citation}的规定，" if citation else ""
    reasons = _sentences(data.reasons)
    lines = [_application(data, you)]
    closing = "特此答复。"
    if code == "3.1":
        lines.append(f"经审查，{you}申请获取的政府信息属于公开范围。")
        if data.published_at.strip():
            lines.append(
                f"该政府信息已经主动公开，{according}现告知{you}获取途径：{_end(data.published_at)}"
            )
            if data.provision.strip():
                lines.append(_end(data.provision))
        else:
            lines.append(f"{according}本机关向{you}提供该政府信息：{_end(data.provision)}")
        lines += reasons
    elif code == "3.2":
        lines.append(
            f"经审查，{you}申请获取的政府信息中含有不应当公开的内容，但是能够作区分处理。"
            f"{according}本机关向{you}提供可以公开的政府信息内容"
            + (f"：{_end(data.provision)}" if data.provision.strip() else "。")
        )
        if data.published_at.strip():
            lines.append(f"可以公开的部分已经主动公开，获取途径：{_end(data.published_at)}")
        lines.append("对不予公开的内容，理由如下：")
        lines += reasons
    elif code in _FINDINGS:
        lines.append(_FINDINGS[code].format(you=you))
        lines += reasons
        lines.append(f"{according}本机关决定不予公开。")
    elif code == "3.3.8":
        lines.append(
            f"经审查，{you}申请获取的信息属于有关法律、行政法规对信息的获取有特别规定的信息。"
        )
        lines += reasons
        lines.append(f"{according}请{you}依照有关法律、行政法规的规定办理。")
    elif code == "3.4.1":
        lines.append(f"经检索，本机关不掌握{you}申请获取的政府信息。")
        lines += reasons
        if data.responsible_agency.strip():
            contact = (
                f"，联系方式：{data.responsible_contact.strip()}"
                if data.responsible_contact.strip()
                else ""
            )
            lines.append(
                f"经了解，负责公开该政府信息的行政机关为{data.responsible_agency.strip()}"
                f"{contact}。{you}可以向该机关提出申请。"
            )
        lines.append(f"{according}本机关无法向{you}提供该政府信息。")
    elif code == "3.4.2":
        lines.append(
            f"经审查，本机关没有{you}申请获取的现成信息，提供该信息需要对现有政府信息进行"
            "加工、分析。"
        )
        lines += reasons
        lines.append(f"{according}本机关不予提供。")
    elif code == "3.4.3":
        sent = f"于{cn(data.correction_date)}" if data.correction_date else "已"
        lines.append(
            f"本机关{sent}告知{you}作出补正，但补正后申请内容仍不明确，本机关无法确定"
            f"{you}申请获取的政府信息。"
        )
        lines += reasons
        lines.append(f"{according}本机关无法提供。")
    elif code == "3.6.1":
        sent = f"于{cn(data.correction_date)}" if data.correction_date else "已"
        lines.append(
            f"本机关{sent}书面告知{you}作出补正，{you}无正当理由逾期未补正。"
            f"{according}视为放弃申请，本机关不再处理该政府信息公开申请。"
        )
        lines += reasons
        closing = "特此告知。"
    elif code == "3.6.2":
        sent = f"于{cn(data.fee_notice_date)}" if data.fee_notice_date else "已"
        lines.append(
            f"本机关{sent}向{you}发出收费通知，{you}逾期未按收费通知要求缴纳信息处理费。"
            f"{according}视为放弃申请，本机关不再处理该政府信息公开申请。"
        )
        lines += reasons
        closing = "特此告知。"
    else:  # 3.6.3: withdrawn, or another reason the office states
        lines += reasons
        lines.append(f"{according}本机关终止处理{you}的政府信息公开申请。")
        closing = "特此告知。"
    return lines, closing


_NOT_HANDLED_FINDINGS: dict[str, str] = {
    "3.5.1": "经审查，{you}以政府信息公开申请的形式进行信访、投诉、举报等活动。",
    "3.5.2": "经审查，本机关已就{you}提出的政府信息公开申请作出答复，{you}重复申请公开相同"
    "政府信息。",
    "3.5.3": "经审查，{you}申请获取的是政府公报、报刊、书籍等公开出版物。",
    "3.5.4": "经审查，{you}申请公开政府信息的数量、频次明显超过合理范围，本机关已要求{you}"
    "说明理由，本机关认为申请理由不合理。",
    "3.5.5": "经审查，{you}的申请系要求本机关确认或者重新出具{you}已获取的信息，"
    "不属于政府信息公开申请。",
}

_NOT_HANDLED_DECISIONS: dict[str, str] = {
    "3.5.1": "本机关不作为政府信息公开申请处理，{you}可以通过信访、投诉、举报等相应渠道提出。",
    "3.5.2": "本机关不予重复处理。",
    "3.5.3": "本机关不作为政府信息公开申请处理。",
    "3.5.4": "本机关不予处理。",
    "3.5.5": "本机关不作为政府信息公开申请处理。",
}


def _not_handled(data: LetterData) -> _Body:
    you = _you(data)
    outcome = outcomes.get(data.outcome)
    citation = cite([*outcome.articles, *data.articles])
    according = f"根据{citation}的规定，" if citation else ""
    lines = [
        _application(data, you),
        _NOT_HANDLED_FINDINGS[outcome.code].format(you=you),
        *_sentences(data.reasons),
        according + _NOT_HANDLED_DECISIONS[outcome.code].format(you=you),
    ]
    if outcome.code == "3.5.3" and data.published_at.strip():
        lines.append(f"{you}可以通过以下途径获取：{_end(data.published_at)}")
    return lines, "特此告知。"


_WRITERS: dict[LetterKind, Callable[[LetterData], _Body]] = {
    LetterKind.RECEIPT: _receipt,
    LetterKind.CORRECTION: _correction,
    LetterKind.EXTENSION: _extension,
    LetterKind.REASONS_REQUEST: _reasons_request,
    LetterKind.DEFERRAL: _deferral,
    LetterKind.THIRD_PARTY_CONSULTATION: _third_party_consultation,
    LetterKind.THIRD_PARTY_NOTICE: _third_party_notice,
    LetterKind.CO_PRODUCER_CONSULTATION: _co_producer_consultation,
    LetterKind.FEE_NOTICE: _fee_notice,
    LetterKind.REPLY: _reply,
    LetterKind.NOT_HANDLED: _not_handled,
}
