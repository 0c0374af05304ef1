"""What a letter is made of: ``LetterData`` in, ``Letter`` out.

The fields a kind cannot do without are its writer's (``wording.REQUIRED``); ``LetterDataError``
names a missing or impossible one in Chinese and English. The wording is data, never gettext.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from gongkai.core.deadlines import Channel
from gongkai.core.fees import Basis
from gongkai.core.letters.kinds import TITLES, LetterKind

# One basis per application, never both (国办函〔2020〕109号): the fee rules' own enum.
FeeBasis = Basis

# How a letter names the channel an application came by: "提交方式：{wording}".
CHANNEL_WORDING: dict[Channel, str] = {
    Channel.IN_PERSON: "当面提交",
    Channel.REGISTERED_POST: "邮寄",
    Channel.ORDINARY_LETTER: "平常信函",
    Channel.ONLINE: "互联网申请平台",
    Channel.EMAIL: "电子邮件",
    Channel.FAX: "传真",
}


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


@dataclass(frozen=True)
class Released:
    """One item of what a reply provides (答复材料), as the letter lists it.

    ``disclosure``: "whole", "redacted" (区分处理, ``removed`` the articles of what was taken
    out), "withheld" (``article`` why), or "published" (已主动公开: ``index_number`` 索引号).
    """

    name: str
    disclosure: str
    pages: int | None = None
    format: str = ""
    article: str = ""
    index_number: str = ""
    removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class LetterData:
    """Everything a letter may need, as plain values; each kind uses some (``wording.REQUIRED``).

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
    released: tuple[Released, ...] = ()  # 3.1 / 3.2: exactly what is provided, item by item
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
    "released": "提供的政府信息",
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
