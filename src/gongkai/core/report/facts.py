"""The figures the platform's other records give the annual report's narrative (一's
平台建设, 监督保障, 考核, and （一）'s 政策解读 and 意见征集): plain data, filled by the apps that
keep the records, worded in ``narrative``."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

# The forms of 政策解读 as the report names them (国办发〔2016〕80号), keyed by the value the
# catalog stores, in the catalog's order: the report's wording is data here, never a UI
# translation. A press conference is held, not written: it is counted in 场, the others in 篇.
INTERPRETATION_FORMS = {
    "text": "文字解读",
    "graphic": "图解",
    "video": "视频解读",
    "press": "新闻发布会",
    "expert": "专家解读",
    "media": "媒体解读",
}
UNFORMED_INTERPRETATIONS = "其他形式解读"
HELD_NOT_WRITTEN = frozenset({INTERPRETATION_FORMS["press"]})


@dataclass(frozen=True)
class Facts:
    """What the platform's other records say for 一's 平台建设, 监督保障 and (a government's)
    考核 parts: websites and 政务新媒体 accounts and their checks, training, 督办单, 考核.

    ``None`` means "not kept on the platform" (the part keeps its placeholder); 0 is a figure.
    The caller (the annual report, from whatever app keeps these records) fills it; the
    wording is written here."""

    websites: int | None = None
    accounts: int | None = None
    websites_checked: int | None = None
    accounts_checked: int | None = None
    checks: int | None = None
    checks_failed: int | None = None
    trainings: int | None = None
    trained: int | None = None
    orders_issued: int | None = None
    orders_answered: int | None = None
    orders_closed: int | None = None
    # 考核 carried out in the year (of ``assessed_year``'s work, usually the year before):
    # units scored, their mean score, whether the results are published
    assessed_year: int | None = None
    assessed_units: int | None = None
    assessed_mean: Decimal | None = None
    assessment_published: bool = False
    # 考核 of this agency itself by its supervising office (its total score)
    own_score: Decimal | None = None
    # 政策解读 published in the year by form (the form's name, count), in the catalog's order
    interpretations: tuple[tuple[str, int], ...] | None = None
    # 重大行政决策预公开 / 意见征集 opened in the year, comments received and adopted (fully or
    # partly), feedback notes published
    consultations: int | None = None
    consultation_comments: int | None = None
    consultation_adopted: int | None = None
    consultation_feedback: int | None = None

    def merged(self, other: Facts) -> Facts:
        """Each figure from ``self`` when known, else from ``other`` (providers combined)."""
        values = {
            # 0 is a figure: only None (and an unset flag) gives way
            name: value if getattr(self, name) is None or getattr(self, name) is False else mine
            for name, value in vars(other).items()
            for mine in (getattr(self, name),)
        }
        return Facts(**values)
