"""The standard documents (文书) an office issues on a disclosure application (statute.md §6).

``KINDS`` holds one row per kind: its official title (data, never gettext), whom it is
addressed to, whether it is a decision that must state the remedy (行政复议 / 行政诉讼,
statute.md §1 and §5), whether it is numbered and sent the day it is issued. What it says and
the fields it needs are its writer's (``wording.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gongkai.core import outcomes
from gongkai.core.outcomes import Group


class LetterKind(StrEnum):
    RECEIPT = "receipt"  # 申请接收回执 (第三十一条: the day of receipt)
    CORRECTION = "correction"  # 补正告知书 (第三十条)
    EXTENSION = "extension"  # 延期答复告知书 (第三十三条第二款)
    REASONS_REQUEST = "reasons_request"  # 说明理由告知书 (第三十五条)
    # Not in statute.md §6's list, but 第三十五条 requires it: reasons accepted, too many to
    # answer in time, the office sets a later reply date "并告知申请人" (statute.md §4).
    DEFERRAL = "deferral"  # 延迟答复告知书 (第三十五条)
    THIRD_PARTY_CONSULTATION = "third_party_consultation"  # 征求意见书（第三方）(第三十二条)
    THIRD_PARTY_NOTICE = "third_party_notice"  # 依申请公开告知书（第三方）(第三十二条)
    CO_PRODUCER_CONSULTATION = "co_producer_consultation"  # 征求意见书（共同制作机关）(第三十四条)
    FEE_NOTICE = "fee_notice"  # 收费通知书 (第四十二条, 国办函〔2020〕109号)
    REPLY = "reply"  # 政府信息公开申请答复书 (第三十六条 …)
    NOT_HANDLED = "not_handled"  # 不予处理告知书 (the 3.5.x outcomes)


@dataclass(frozen=True)
class KindInfo:
    """What the platform must know of a kind, apart from its wording (``wording.WRITERS``)."""

    title: str  # the official title, printed
    # Addressed to the consultee (a third party, or the agency that made the information
    # together with this one) rather than to the applicant.
    to_consultee: bool = False
    # A decision affecting the addressee's rights: it states the remedy (行政复议 within 60
    # days or 行政诉讼 within 6 months).
    decision: bool = False
    answers_outcome: bool = False  # concludes a case with an outcome of core/outcomes.py
    numbered: bool = True  # carries a number from the agency's letter-number pattern
    # A notice to the applicant, sent (so theirs to download) the day it is issued; a reply is
    # theirs once served, a consultee's letter never.
    sent_when_issued: bool = False


KINDS: dict[LetterKind, KindInfo] = {
    LetterKind.RECEIPT: KindInfo("政府信息公开申请接收回执", numbered=False, sent_when_issued=True),
    LetterKind.CORRECTION: KindInfo("政府信息公开申请补正告知书", sent_when_issued=True),
    LetterKind.EXTENSION: KindInfo("政府信息公开申请延期答复告知书", sent_when_issued=True),
    LetterKind.REASONS_REQUEST: KindInfo("政府信息公开申请说明理由告知书", sent_when_issued=True),
    LetterKind.DEFERRAL: KindInfo("政府信息公开申请延迟答复告知书", sent_when_issued=True),
    LetterKind.THIRD_PARTY_CONSULTATION: KindInfo(
        "政府信息公开第三方意见征询书", to_consultee=True
    ),
    # Decides to disclose despite the third party's objection (第三十二条), which it may
    # challenge.
    LetterKind.THIRD_PARTY_NOTICE: KindInfo(
        "政府信息依申请公开告知书", to_consultee=True, decision=True
    ),
    LetterKind.CO_PRODUCER_CONSULTATION: KindInfo("政府信息公开征求意见书", to_consultee=True),
    # Decides to charge (第四十二条).
    LetterKind.FEE_NOTICE: KindInfo(
        "政府信息公开信息处理费收费通知书", decision=True, sent_when_issued=True
    ),
    LetterKind.REPLY: KindInfo("政府信息公开申请答复书", decision=True, answers_outcome=True),
    LetterKind.NOT_HANDLED: KindInfo(
        "政府信息公开申请不予处理告知书", decision=True, answers_outcome=True
    ),
}

# Views of the table, for the code that asks one question.
TITLES: dict[LetterKind, str] = {kind: info.title for kind, info in KINDS.items()}
CONSULTEE_KINDS = frozenset(kind for kind, info in KINDS.items() if info.to_consultee)
DECISION_KINDS = frozenset(kind for kind, info in KINDS.items() if info.decision)
OUTCOME_KINDS = frozenset(kind for kind, info in KINDS.items() if info.answers_outcome)


def kind_for_outcome(code: str) -> LetterKind:
    """The letter that concludes a case with this outcome: 不予处理告知书 for 3.5.x, else 答复书."""
    return (
        LetterKind.NOT_HANDLED
        if outcomes.get(code).group is Group.NOT_HANDLED
        else LetterKind.REPLY
    )


def outcomes_for(kind: LetterKind) -> tuple[str, ...]:
    """The outcome codes a letter of this kind answers (empty for letters that decide nothing)."""
    if kind not in OUTCOME_KINDS:
        return ()
    return tuple(code for code in outcomes.OUTCOMES if kind_for_outcome(code) is kind)
