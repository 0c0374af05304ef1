"""Disputes in bulk: the lists a 复议机关 or court sends an office (``gongkai disputes import``).

One row per review or suit, keyed by the application's tracking number. Every row goes through
the same actions as the console (``actions.record_dispute``, ``record_copy_received``,
``set_stage``, ``record_reply``, ``record_decision`` — so a 纠正 reopens the case here too), all
in one transaction: the first bad row raises ``RowError(line, "field: problem")`` and nothing is
written. A row naming a review or suit already recorded (same application, kind and case number;
without a case number, same application, kind, filing day and body) adds only the steps not
recorded yet, so the same list can be imported again as it grows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.access import Actor
from gongkai.agencies.actions import RowError
from gongkai.cases.models import Case
from gongkai.disputes import actions
from gongkai.disputes.choices import Kind, Outcome, Stage
from gongkai.disputes.models import Dispute

# Column: field. The Chinese headers are what the lists offices receive use.
HEADERS = {
    "申请编号": "case",
    "受理编号": "case",
    "类型": "kind",
    "复议机关或法院": "body",
    "案号": "reference",
    "申请或起诉日期": "filed_on",
    "所复议案号": "follows",
    "副本收到日期": "copy_received_on",
    "简易程序": "simplified",
    "受理日期": "accepted_on",
    "答复或答辩日期": "replied_on",
    "结果": "outcome",
    "决定或判决日期": "decided_on",
    "备注": "note",
}
FIELDS = (
    "case",
    "kind",
    "body",
    "reference",
    "filed_on",
    "follows",
    "copy_received_on",
    "simplified",
    "accepted_on",
    "replied_on",
    "outcome",
    "decided_on",
    "note",
)
REQUIRED = ("case", "kind", "body", "filed_on")

KINDS = {
    "行政复议": Kind.REVIEW,
    "复议": Kind.REVIEW,
    "行政诉讼": Kind.LITIGATION_DIRECT,
    "直接起诉": Kind.LITIGATION_DIRECT,
    "未经复议直接起诉": Kind.LITIGATION_DIRECT,
    "复议后起诉": Kind.LITIGATION_AFTER_REVIEW,
    **{k.value: k for k in Kind},
}
OUTCOMES = {
    "": Outcome.PENDING,
    "维持": Outcome.UPHELD,
    "结果维持": Outcome.UPHELD,
    "纠正": Outcome.CORRECTED,
    "结果纠正": Outcome.CORRECTED,
    "其他": Outcome.OTHER,
    "其他结果": Outcome.OTHER,
    "尚未审结": Outcome.PENDING,
    **{o.value: o for o in Outcome},
}
YES = {"是", "yes", "true", "1", "y"}
NO = {"", "否", "no", "false", "0", "n"}


def field_of(header: str) -> str | None:
    key = header.strip()
    key = HEADERS.get(key, key)
    return key if key in FIELDS else None


def _date(line: int, field: str, value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.replace("/", "-").replace(".", "-"))
    except ValueError:
        raise RowError(line, f"{field}: {text!r} is not a date (YYYY-MM-DD)") from None


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _apply(actor: Actor, line: int, row: Mapping[str, Any], today: dt.date) -> Dispute:
    for name in REQUIRED:
        if not _text(row.get(name)):
            raise RowError(line, f"{name}: required")
    number = _text(row["case"])
    case = Case.objects.filter(number=number).select_related("agency").first()
    if case is None:
        raise RowError(line, f"case: no application numbered {number!r}")
    kind = KINDS.get(_text(row["kind"]))
    if kind is None:
        raise RowError(
            line, f"kind: {_text(row['kind'])!r} is not 行政复议, 行政诉讼 or 复议后起诉"
        )
    outcome = OUTCOMES.get(_text(row.get("outcome")))
    if outcome is None:
        raise RowError(line, f"outcome: {_text(row['outcome'])!r} is not 维持, 纠正 or 其他")
    simplified_text = _text(row.get("simplified")).lower()
    if simplified_text not in YES | NO:
        raise RowError(line, f"simplified: {simplified_text!r} is not 是 or 否")
    filed_on = _date(line, "filed_on", row["filed_on"])
    assert filed_on is not None
    dates = {
        name: _date(line, name, row.get(name))
        for name in ("copy_received_on", "accepted_on", "replied_on", "decided_on")
    }
    if outcome != Outcome.PENDING and dates["decided_on"] is None:
        raise RowError(line, "decided_on: required with an outcome")
    if outcome == Outcome.PENDING and dates["decided_on"] is not None:
        raise RowError(line, "outcome: required with a decision date")
    reference = _text(row.get("reference"))
    follows = None
    if _text(row.get("follows")):
        follows = Dispute.objects.filter(
            case=case, kind=Kind.REVIEW, reference=_text(row["follows"])
        ).first()
        if follows is None:
            raise RowError(line, f"follows: no review {_text(row['follows'])!r} on {number}")
    # The same review or suit again: by its case number, or without one by who filed it where
    # and when (a re-import adds only the steps not recorded yet, never a second dispute).
    same = Dispute.objects.filter(case=case, kind=kind)
    if reference:
        dispute = same.filter(reference=reference).first()
    else:
        dispute = same.filter(reference="", filed_on=filed_on, body=_text(row["body"])).first()
    if dispute is None:
        dispute = actions.record_dispute(
            actor=actor,
            case=case,
            kind=kind,
            body=_text(row["body"]),
            filed_on=filed_on,
            follows=follows,
            reference=reference,
            note=_text(row.get("note")),
            today=today,
        )
    copy_on = dates["copy_received_on"]
    if copy_on and dispute.copy_received_on != copy_on and dispute.stage != Stage.DECIDED:
        dispute = actions.record_copy_received(
            actor=actor,
            dispute=dispute,
            on=copy_on,
            simplified=simplified_text in YES,
            today=today,
        )
    if dates["accepted_on"] and dispute.stage == Stage.FILED:
        dispute = actions.set_stage(
            actor=actor, dispute=dispute, stage=Stage.ACCEPTED, on=dates["accepted_on"], today=today
        )
    if dates["replied_on"] and dispute.replied_on is None and dispute.stage != Stage.DECIDED:
        dispute = actions.record_reply(
            actor=actor, dispute=dispute, on=dates["replied_on"], today=today
        )
    if outcome != Outcome.PENDING:
        decided_on = dates["decided_on"]
        assert decided_on is not None
        if dispute.stage == Stage.DECIDED:
            if (dispute.outcome, dispute.decided_on) != (outcome, decided_on):
                raise RowError(
                    line,
                    f"outcome: already decided as {dispute.outcome} on {dispute.decided_on}",
                )
        else:
            dispute = actions.record_decision(
                actor=actor, dispute=dispute, outcome=outcome, decided_on=decided_on, today=today
            )
    return dispute


def _message(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(
            f"{field}: {' '.join(str(m) for m in messages)}"
            for field, messages in exc.message_dict.items()
        )
    return " ".join(str(m) for m in exc.messages)


def import_disputes(
    *,
    actor: Actor,
    records: Iterable[tuple[int, Mapping[str, Any]]],
    today: dt.date | None = None,
) -> list[Dispute]:
    """All rows or none: ``RowError(line, "field: problem")`` on the first bad row."""
    today = today or timezone.localdate()
    saved: list[Dispute] = []
    with transaction.atomic():
        for line, row in records:
            try:
                saved.append(_apply(actor, line, row, today))
            except ValidationError as exc:
                raise RowError(line, _message(exc)) from exc
            except PermissionDenied as exc:
                raise RowError(line, f"case: {exc}") from exc
    return saved
