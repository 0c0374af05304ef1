"""The standard documents (文书) an office issues on a disclosure application (statute.md §6).

Each kind has its official title (data, never gettext), says whom it is addressed to and whether
it is a decision that must state the remedy (行政复议 / 行政诉讼, statute.md §1 and §5).
"""

from __future__ import annotations

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


TITLES: dict[LetterKind, str] = {
    LetterKind.RECEIPT: "政府信息公开申请接收回执",
    LetterKind.CORRECTION: "政府信息公开申请补正告知书",
    LetterKind.EXTENSION: "政府信息公开申请延期答复告知书",
    LetterKind.REASONS_REQUEST: "政府信息公开申请说明理由告知书",
    LetterKind.DEFERRAL: "政府信息公开申请延迟答复告知书",
    LetterKind.THIRD_PARTY_CONSULTATION: "政府信息公开第三方意见征询书",
    LetterKind.THIRD_PARTY_NOTICE: "政府信息依申请公开告知书",
    LetterKind.CO_PRODUCER_CONSULTATION: "政府信息公开征求意见书",
    LetterKind.FEE_NOTICE: "政府信息公开信息处理费收费通知书",
    LetterKind.REPLY: "政府信息公开申请答复书",
    LetterKind.NOT_HANDLED: "政府信息公开申请不予处理告知书",
}

# Short names as staff say them (lists, buttons); the title above is what is printed.
SHORT_NAMES: dict[LetterKind, str] = {
    LetterKind.RECEIPT: "申请接收回执",
    LetterKind.CORRECTION: "补正告知书",
    LetterKind.EXTENSION: "延期答复告知书",
    LetterKind.REASONS_REQUEST: "说明理由告知书",
    LetterKind.DEFERRAL: "延迟答复告知书",
    LetterKind.THIRD_PARTY_CONSULTATION: "征求意见书（第三方）",
    LetterKind.THIRD_PARTY_NOTICE: "依申请公开告知书（第三方）",
    LetterKind.CO_PRODUCER_CONSULTATION: "征求意见书（共同制作机关）",
    LetterKind.FEE_NOTICE: "收费通知书",
    LetterKind.REPLY: "政府信息公开申请答复书",
    LetterKind.NOT_HANDLED: "不予处理告知书",
}

# Letters addressed to the consultee (a third party, or the agency that made the information
# together with this one) rather than to the applicant.
CONSULTEE_KINDS = frozenset(
    {
        LetterKind.THIRD_PARTY_CONSULTATION,
        LetterKind.THIRD_PARTY_NOTICE,
        LetterKind.CO_PRODUCER_CONSULTATION,
    }
)

# Decisions that affect the addressee's rights: each states the remedy (行政复议 within 60 days
# or 行政诉讼 within 6 months). The fee notice decides to charge (第四十二条); the notice to a
# third party decides to disclose despite its objection (第三十二条), which it may challenge.
DECISION_KINDS = frozenset(
    {
        LetterKind.REPLY,
        LetterKind.NOT_HANDLED,
        LetterKind.FEE_NOTICE,
        LetterKind.THIRD_PARTY_NOTICE,
    }
)

# Letters that answer an outcome of core/outcomes.py (and need ``LetterData.outcome``).
OUTCOME_KINDS = frozenset({LetterKind.REPLY, LetterKind.NOT_HANDLED})


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
