"""信息处理费 (国办函〔2020〕109号, statute.md §7): two progressive bases, one per application.

- per application (按件): counted per applicant per calendar month, cumulatively — the 1st to 10th
  application of the month is free, the 11th–30th cost 100 元 each, and from the 31st each further
  band of 10 costs 100 元 more per application (31–40: 200 元, 41–50: 300 元, …);
- per page (按量), within one application: pages 1–30 free, 31–100 at 10 元, 101–200 at 20 元,
  201 and more at 40 元 a page.

Amounts are whole 元. Nothing here decides *whether* to charge (only when volume or frequency
clearly exceeds the reasonable — an officer's judgment); it computes what the notice states.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

BASIS_ARTICLE = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
PAYMENT_WORKDAYS = 20  # 109号: paid within 20 working days from the day after the notice arrives

FREE_APPLICATIONS_PER_MONTH = 10
FREE_PAGES = 30
# (first page of the band, 元 per page) — 109号 第五条第二项
PAGE_BANDS: tuple[tuple[int, int], ...] = ((31, 10), (101, 20), (201, 40))


class Basis(StrEnum):
    PER_APPLICATION = "per_application"  # 按件计收
    PER_PAGE = "per_page"  # 按量计收


BASIS_LABELS = {Basis.PER_APPLICATION: "按件计收", Basis.PER_PAGE: "按量计收"}


@dataclass(frozen=True)
class Fee:
    basis: Basis
    amount: int  # 元
    explanation: str  # plain Chinese, for the 收费通知书


def per_application_rate(nth_in_month: int) -> int:
    """What the ``nth`` application of one applicant in one calendar month costs (元)."""
    if nth_in_month < 1:
        raise ValueError(f"the application's number in the month must be ≥ 1, not {nth_in_month}")
    if nth_in_month <= FREE_APPLICATIONS_PER_MONTH:
        return 0
    if nth_in_month <= 30:
        return 100
    # 31–40 → 200, 41–50 → 300, …
    return 100 * ((nth_in_month - 31) // 10 + 2)


def per_application(nth_in_month: int) -> Fee:
    amount = per_application_rate(nth_in_month)
    if amount == 0:
        why = f"申请人本月第{nth_in_month}件申请，每月前10件不收费"
    else:
        why = f"申请人本月第{nth_in_month}件申请，按件计收{amount}元"
    return Fee(Basis.PER_APPLICATION, amount, why)


def per_page(pages: int) -> Fee:
    if pages < 0:
        raise ValueError(f"the page count cannot be negative ({pages})")
    amount = 0
    parts: list[str] = []
    ends: list[int | None] = [first - 1 for first, _ in PAGE_BANDS[1:]] + [None]
    for (first, rate), band_end in zip(PAGE_BANDS, ends, strict=True):
        if pages < first:
            break
        last = pages if band_end is None else min(pages, band_end)
        count = last - first + 1
        amount += count * rate
        parts.append(f"第{first}至{last}页{count}页×{rate}元")
    if not parts:
        why = f"共{pages}页，30页以下不收费"
    else:
        why = f"共{pages}页，前30页不收费；" + "，".join(parts) + f"，合计{amount}元"
    return Fee(Basis.PER_PAGE, amount, why)
