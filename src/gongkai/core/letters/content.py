"""What a letter says: ``compose(kind, data) -> Letter`` (statute.md §5, §6, §7).

``LetterData`` (``data``) holds every plain value any letter needs; ``compose`` checks that the
ones its kind needs are there (``LetterDataError`` names the missing field in Chinese and English)
and writes the official wording (``wording``), citing the articles of
《中华人民共和国政府信息公开条例》 that ``core/outcomes.py`` lists for the outcome. The wording is
data, never gettext. Nothing here reads the clock: the issue date and every other date are
passed in.
"""

from __future__ import annotations

from collections.abc import Iterable

from gongkai.core import outcomes
from gongkai.core.deadlines import EXTENSION_MAX_WORKDAYS, cn
from gongkai.core.letters.data import (
    FIELD_LABELS,
    Letter,
    LetterData,
    LetterDataError,
)
from gongkai.core.letters.kinds import (
    CONSULTEE_KINDS,
    DECISION_KINDS,
    OUTCOME_KINDS,
    TITLES,
    LetterKind,
    kind_for_outcome,
)
from gongkai.core.letters.wording import WRITERS, note, remedy

# -- composing ----------------------------------------------------------------------------


def compose(kind: LetterKind, data: LetterData) -> Letter:
    """The letter of ``kind`` for ``data``; ``LetterDataError`` when a needed field is missing."""
    kind = LetterKind(kind)
    _check(kind, data)
    code = data.outcome if kind in OUTCOME_KINDS else ""
    paragraphs, closing = WRITERS[kind].write(data)
    addressee = data.consultee if kind in CONSULTEE_KINDS else data.applicant
    clause = remedy(kind, data) if kind in DECISION_KINDS else ""
    return Letter(
        kind=kind,
        title=TITLES[kind],
        number=data.number.strip(),
        addressee=f"{addressee.strip()}：",
        paragraphs=tuple(_split(paragraphs)),
        remedy=clause,
        closing=closing,
        signature=data.agency.strip(),
        date=cn(data.issue_date),
        note=note(data),
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
    needed = list(WRITERS[kind].needs)
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
        if outcome.reasons_required:  # 3.3.8's reasons name the law with its own procedure
            needed.append("reasons")
        if (
            outcome.code == "3.1"
            and _missing(data.provision)
            and _missing(data.published_at)
            and not data.released
        ):
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


def _check_dates(kind: LetterKind, data: LetterData) -> None:
    if data.received is not None and data.received > data.issue_date:
        raise LetterDataError(
            kind,
            "received",
            f"收到申请日期{cn(data.received)}晚于成文日期{cn(data.issue_date)}",
            "received after the letter's issue date",
        )
    name = WRITERS[kind].after_issue
    day = getattr(data, name) if name else None
    if name and day is not None and day <= data.issue_date:
        label = FIELD_LABELS.get(name, name)
        raise LetterDataError(
            kind,
            name,
            f"“{label}”{cn(day)}不晚于成文日期{cn(data.issue_date)}",
            f"{name} is not after the letter's issue date",
        )
    # A letter setting a new due date: due_date equal to it is the deadline as it stands after
    # the change (callers pass the case's current deadline); only an earlier one is a mistake.
    new, current = data.new_due_date, data.due_date
    if name == "new_due_date" and new and current and new < current:
        raise LetterDataError(
            kind,
            "new_due_date",
            f"新的答复期限{cn(new)}早于原答复期限{cn(current)}",
            "the new due date is before the current one",
        )


def _split(paragraphs: Iterable[str]) -> Iterable[str]:
    # A field typed in a form may hold several paragraphs; each becomes its own.
    for paragraph in paragraphs:
        for line in paragraph.splitlines():
            if line.strip():
                yield line.strip()
