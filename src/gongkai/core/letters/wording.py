"""The official wording of each kind of letter (statute.md §5, §6, §7).

One writer per kind (``@_writes(kind, *the fields it needs)``) turns ``LetterData`` into the
body paragraphs and the closing formula; the shared phrases (the opening on the application,
the citation of articles, the remedy clause, the 附注) are here once. The articles cited are
those of ``core/outcomes.py`` for an outcome. The wording is official text: data, never gettext.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from gongkai.core import outcomes
from gongkai.core.deadlines import (
    CONSULTATION_WORKDAYS,
    FEE_PAYMENT_WORKDAYS,
    REPLY_WORKDAYS,
    cn,
)
from gongkai.core.fees import BASIS_ARTICLE as FEE_RULES
from gongkai.core.letters.data import FEE_STANDARDS, FeeBasis, LetterData
from gongkai.core.letters.kinds import LetterKind

STATUTE = outcomes.STATUTE  # 《中华人民共和国政府信息公开条例》
DEFAULT_COURT = "有管辖权的人民法院"

# 按件 answers applications too frequent, 按量 applications too large (109号).
_FEE_EXCESS: dict[FeeBasis, str] = {
    FeeBasis.PER_APPLICATION: "频次",
    FeeBasis.PER_PAGE: "数量",
}


def _end(text: str) -> str:
    """The text as a sentence: a full stop added unless it ends in punctuation already."""
    text = text.strip()
    return text if not text or text[-1] in "。！？；：…" else f"{text}。"


def _sentences(text: str) -> list[str]:
    return [_end(line) for line in text.splitlines() if line.strip()]


# How an article of the 条例 may arrive: bare (第十五条), or already prefixed with the statute's
# full or short name by whoever recorded it (a redaction log, an officer's own list).
_STATUTE_PREFIXES = (STATUTE, "《条例》", "《政府信息公开条例》", "《信息公开条例》")


def _bare(article: str) -> str:
    """第十五条 for 第十五条, 《中华人民共和国政府信息公开条例》第十五条 and 《条例》第十五条."""
    article = article.strip()
    for prefix in _STATUTE_PREFIXES:
        if article.startswith(prefix) and article != prefix:
            return article.removeprefix(prefix).strip()
    return article


def cite(articles: Iterable[str]) -> str:
    """Articles as a letter cites them: 《…条例》第十四条、第三十六条第三项.

    Each article once, however it was written (bare, or with the statute's full or short name):
    the 条例's articles follow its full name once, in the order first given; an entry naming
    another law (starting with 《) stands alone after them.
    """
    own: list[str] = []
    other: list[str] = []
    for article in dict.fromkeys(_bare(a) for a in articles if a.strip()):
        (other if article.startswith("《") else own).append(article)
    parts = ([STATUTE + own[0], *own[1:]] if own else []) + other
    return "、".join(parts)


def _quoted(text: str) -> str:
    """Text quoted inside a sentence: its own closing punctuation dropped, so the sentence
    ends once (申请获取“某文件”。, never “某文件。”。)."""
    return text.strip().rstrip("。．.，,；;：:！!？? ")


def _you(data: LetterData, kind: LetterKind | None = None) -> str:
    if kind is LetterKind.CO_PRODUCER_CONSULTATION or data.organisation:
        return "你单位"
    return "你"


def _application(data: LetterData, you: str) -> str:
    """The opening every letter on an application shares."""
    assert data.received is not None
    return (
        f"本机关于{cn(data.received)}收到{you}提出的政府信息公开申请"
        f"（申请编号：{data.case_number.strip()}），申请获取“{_quoted(data.request)}”。"
    )


def _third_party_application(data: LetterData) -> str:
    # The applicant's name is personal information the consultee does not need.
    assert data.received is not None
    return (
        f"本机关于{cn(data.received)}收到政府信息公开申请（申请编号：{data.case_number.strip()}），"
        f"申请人申请获取“{_quoted(data.request)}”。"
    )


def remedy(kind: LetterKind, data: LetterData) -> str:
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


def note(data: LetterData) -> str:
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


@dataclass(frozen=True)
class Writer:
    """A kind's wording, the fields it cannot do without and the date it prints that must lie
    after the issue date (a deadline already past when the letter is issued is a mistake)."""

    write: Callable[[LetterData], _Body]  # (body paragraphs, closing formula)
    needs: tuple[str, ...]  # names of ``LetterData`` fields
    after_issue: str = ""


# The writer of each kind, registered by ``@_writes`` above its function.
WRITERS: dict[LetterKind, Writer] = {}
_COMMON = ("agency", "case_number", "received", "request")


def _writes(
    kind: LetterKind, *needs: str, after_issue: str = ""
) -> Callable[[Callable[[LetterData], _Body]], Callable[[LetterData], _Body]]:
    def register(write: Callable[[LetterData], _Body]) -> Callable[[LetterData], _Body]:
        WRITERS[kind] = Writer(write, (*_COMMON, *needs), after_issue)
        return write

    return register


@_writes(LetterKind.RECEIPT, "applicant")
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


@_writes(
    LetterKind.CORRECTION,
    "applicant",
    "correction_items",
    "correction_deadline",
    after_issue="correction_deadline",
)
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


@_writes(
    LetterKind.EXTENSION, "applicant", "new_due_date", "extension_days", after_issue="new_due_date"
)
def _extension(data: LetterData) -> _Body:
    assert data.new_due_date is not None
    you = _you(data)
    # The reasons lead into the sentence: "因……，本机关不能在规定期限内作出答复".
    # The head's written reason (第三十三条第二款: the extension needs the head's consent, and
    # the letter tells the applicant why), as the head wrote it, else the common ground.
    why = _quoted(" ".join(data.reasons.split())) or "所申请信息需要进一步检索、核实"
    if not why.startswith(("因", "由于")):
        why = f"因{why}"
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


@_writes(LetterKind.REASONS_REQUEST, "applicant", "respond_by", after_issue="respond_by")
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


@_writes(LetterKind.DEFERRAL, "applicant", "new_due_date", after_issue="new_due_date")
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


@_writes(LetterKind.THIRD_PARTY_CONSULTATION, "consultee", after_issue="respond_by")
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


@_writes(LetterKind.THIRD_PARTY_NOTICE, "consultee", "reasons", "reconsideration_body")
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


@_writes(LetterKind.CO_PRODUCER_CONSULTATION, "consultee", after_issue="respond_by")
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


@_writes(
    LetterKind.FEE_NOTICE,
    "applicant",
    "fee_basis",
    "fee_amount",
    "payment_method",
    "reconsideration_body",
    after_issue="payment_due",
)
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


def _released_lines(data: LetterData) -> list[str]:
    """答复材料, item by item: exactly what is provided (and what of it is withheld, and why)."""
    if not data.released:
        return []
    lines = ["本机关提供的政府信息如下："]
    for n, item in enumerate(data.released, 1):
        detail = "、".join(p for p in (item.format, f"共{item.pages}页" if item.pages else "") if p)
        title = f"{n}. 《{item.name}》" + (f"（{detail}）" if detail else "")
        if item.disclosure == "published":
            lines.append(f"{title}，已经主动公开，索引号：{item.index_number}。")
        elif item.disclosure == "redacted":
            because = f"依据{cite(item.removed)}" if item.removed else ""
            lines.append(f"{title}，经区分处理后提供，{because}删除了不应当公开的内容。")
        elif item.disclosure == "withheld":
            because = f"依据{cite([item.article])}" if item.article else ""
            lines.append(f"{title}，{because}不予公开。")
        else:
            lines.append(f"{title}，全文提供。")
    return lines


@_writes(LetterKind.REPLY, "applicant", "number", "outcome", "reconsideration_body")
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
        elif data.provision.strip():
            lines.append(f"{according}本机关向{you}提供该政府信息：{_end(data.provision)}")
        else:
            lines.append(f"{according}本机关向{you}提供该政府信息。")
        lines += _released_lines(data)
        lines += reasons
    elif code == "3.2":
        lines.append(
            f"经审查，{you}申请获取的政府信息中含有不应当公开的内容，但是能够作区分处理。"
            f"{according}本机关向{you}提供可以公开的政府信息内容"
            + (f"：{_end(data.provision)}" if data.provision.strip() else "。")
        )
        if data.published_at.strip():
            lines.append(f"可以公开的部分已经主动公开，获取途径：{_end(data.published_at)}")
        lines += _released_lines(data)
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
    elif code == outcomes.WITHDRAWN:  # 3.6.3: withdrawn, or another reason the office states
        lines += reasons
        lines.append(f"{according}本机关终止处理{you}的政府信息公开申请。")
        closing = "特此告知。"
    else:  # a new outcome is given its wording above; no letter borrows another's
        raise ValueError(f"no reply wording for outcome {code}")
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


@_writes(LetterKind.NOT_HANDLED, "applicant", "number", "outcome", "reconsideration_body")
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


# What each kind cannot do without (an outcome adds its own: ``content._check``).
REQUIRED: dict[LetterKind, tuple[str, ...]] = {kind: w.needs for kind, w in WRITERS.items()}
