"""Outcomes of a disclosure application (statute.md §5): one per concluded case, one report row.

The codes are the 2021 format's leaf result rows of section 三 (``3.1`` … ``3.6.3``); a case
counts in the row of its code, or in the enclosing row of a format that has no such row (``3.6``
for any ``3.6.x`` in the 2019 format: ``report_row``). Each
outcome carries the articles a reply letter cites and which letter answers it. The wording is
official text (data, never gettext).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gongkai.core.report.formats import get_format


class Group(StrEnum):
    DISCLOSED = "disclosed"  # 予以公开
    PARTLY = "partly"  # 部分公开
    WITHHELD = "withheld"  # 不予公开
    CANNOT_PROVIDE = "cannot_provide"  # 无法提供
    NOT_HANDLED = "not_handled"  # 不予处理
    OTHER = "other"  # 其他处理


GROUP_LABELS: dict[Group, str] = {
    Group.DISCLOSED: "予以公开",
    Group.PARTLY: "部分公开",
    Group.WITHHELD: "不予公开",
    Group.CANNOT_PROVIDE: "无法提供",
    Group.NOT_HANDLED: "不予处理",
    Group.OTHER: "其他处理",
}


@dataclass(frozen=True)
class Outcome:
    code: str  # the 2021 report row key
    group: Group
    label: str  # short official wording of the row
    articles: tuple[str, ...]  # what the reply cites (条例 unless named)
    # A decision letter must give reasons for these (a withheld part, a refusal, a termination).
    reasons_required: bool


_C = "《中华人民共和国政府信息公开条例》"

# 条例第三十六条第四项: 经检索没有所需要的政府信息 — the row whose answer rests on a recorded
# search (内部检索单: ``cases.actions.decision`` refuses it without one).
NOT_HELD = "3.4.1"

OUTCOMES: dict[str, Outcome] = {
    o.code: o
    for o in (
        Outcome(
            "3.1", Group.DISCLOSED, "予以公开", ("第三十六条第一项", "第三十六条第二项"), False
        ),
        # 第三十七条: the disclosable part is provided; the exemption's own article is added by
        # the officer when deciding (reasons name it).
        Outcome("3.2", Group.PARTLY, "部分公开", ("第三十七条",), True),
        Outcome("3.3.1", Group.WITHHELD, "属于国家秘密", ("第十四条", "第三十六条第三项"), True),
        Outcome(
            "3.3.2",
            Group.WITHHELD,
            "其他法律行政法规禁止公开",
            ("第十四条", "第三十六条第三项"),
            True,
        ),
        Outcome(
            "3.3.3", Group.WITHHELD, "危及“三安全一稳定”", ("第十四条", "第三十六条第三项"), True
        ),
        Outcome(
            "3.3.4",
            Group.WITHHELD,
            "保护第三方合法权益",
            ("第十五条", "第三十二条", "第三十六条第三项"),
            True,
        ),
        Outcome(
            "3.3.5",
            Group.WITHHELD,
            "属于三类内部事务信息",
            ("第十六条第一款", "第三十六条第三项"),
            True,
        ),
        Outcome(
            "3.3.6",
            Group.WITHHELD,
            "属于四类过程性信息",
            ("第十六条第二款", "第三十六条第三项"),
            True,
        ),
        Outcome(
            "3.3.7",
            Group.WITHHELD,
            "属于行政执法案卷",
            ("第十六条第二款", "第三十六条第三项"),
            True,
        ),
        Outcome("3.3.8", Group.WITHHELD, "属于行政查询事项", ("第三十六条第七项",), True),
        Outcome(
            NOT_HELD,
            Group.CANNOT_PROVIDE,
            "本机关不掌握相关政府信息",
            ("第三十六条第四项", "第三十六条第五项"),
            True,
        ),
        Outcome("3.4.2", Group.CANNOT_PROVIDE, "没有现成信息需要另行制作", ("第三十八条",), True),
        Outcome("3.4.3", Group.CANNOT_PROVIDE, "补正后申请内容仍不明确", ("第三十条",), True),
        Outcome("3.5.1", Group.NOT_HANDLED, "信访举报投诉类申请", ("第三十九条第一款",), True),
        Outcome("3.5.2", Group.NOT_HANDLED, "重复申请", ("第三十六条第六项",), True),
        Outcome("3.5.3", Group.NOT_HANDLED, "要求提供公开出版物", ("第三十九条第二款",), True),
        Outcome("3.5.4", Group.NOT_HANDLED, "无正当理由大量反复申请", ("第三十五条",), True),
        # No dedicated article (statute.md §5): the agency's wording stands alone.
        Outcome("3.5.5", Group.NOT_HANDLED, "要求行政机关确认或重新出具已获取信息", (), True),
        Outcome(
            "3.6.1",
            Group.OTHER,
            "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            ("第三十条",),
            False,
        ),
        Outcome(
            "3.6.2",
            Group.OTHER,
            "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            ("《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",),
            False,
        ),
        Outcome("3.6.3", Group.OTHER, "其他", (), True),
    )
}

STATUTE = _C
# Outcomes an officer records by deciding; 3.6.1 / 3.6.2 / 3.6.3 come from their own actions
# (correction lapsed, fee unpaid, withdrawn) — though 3.6.3 may also be decided with reasons.
DECIDABLE = tuple(code for code in OUTCOMES if code not in {"3.6.1", "3.6.2"})
WITHDRAWN = "3.6.3"
# 条例第三十六条第一、二项: the information is disclosed (made public already, or provided) — the
# reply says how it is provided or where it is published; with 第三十七条 (部分公开) the
# disclosable part is provided: the outcomes under which information reaches the applicant.
DISCLOSED = "3.1"
PROVIDING = frozenset({DISCLOSED, "3.2"})
CORRECTION_LAPSED = "3.6.1"
FEE_UNPAID = "3.6.2"
# 第三十七条 区分处理: the rows under which part of a document may be removed or a document
# withheld (国家秘密 第十四条 … 行政执法案卷 第十六条第二款); their first article is the one cited.
WITHHOLDING_ROWS = ("3.3.1", "3.3.2", "3.3.3", "3.3.4", "3.3.5", "3.3.6", "3.3.7")


def get(code: str) -> Outcome:
    try:
        return OUTCOMES[code]
    except KeyError:
        raise ValueError(
            f"unknown outcome {code!r} (expected one of {', '.join(OUTCOMES)})"
        ) from None


def report_row(code: str, format_key: str) -> str:
    """The row a case with this outcome counts in, for a report in ``format_key``."""
    get(code)
    return get_format(format_key).result_row(code)
