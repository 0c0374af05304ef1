"""督办单: issuing, answering, accepting or sending back — the only place that changes one.

Every action takes a keyword-only ``actor``, checks its right (``ISSUE_ORDERS`` over the unit to
issue, accept or send back; ``ANSWER_ORDERS`` in the unit to answer and add evidence) through
``transitions.TABLE``, runs in a transaction and appends an immutable ``OrderEvent``. The answer
is due ``workdays`` working days after issue, on the platform's calendar (the supervising office
sets the number; 国办 practice for 政务公开 督办 is a few working days to a month).
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.access import (
    Actor,
    Capability,
    SystemActor,
    actor_user,
    memberships_of,
    require,
)
from gongkai.agencies.choices import Role
from gongkai.agencies.lifecycle import TransitionRefused, record_event
from gongkai.agencies.models import Agency
from gongkai.agencies.queries import calendar_for
from gongkai.cases.actions import check_upload
from gongkai.supervision.choices import OrderEventKind
from gongkai.supervision.models import Order, OrderDocument, OrderEvent
from gongkai.supervision.transitions import TABLE

MAX_WORKDAYS = 60


class OrderError(ValidationError):
    """Bad input or a step not possible now; nothing was written."""


def _today() -> dt.date:
    return timezone.localdate()


def issuer_for(actor: Actor, unit: Agency) -> Agency:
    """The supervising government the actor issues from: its own government above (or at) the
    unit where it is a supervisor; the unit's parent (or the unit) for the system."""
    ancestors: list[Agency] = []
    node: Agency | None = unit
    while node is not None:
        ancestors.append(node)
        node = node.parent
    if not isinstance(actor, SystemActor):
        supervised = {aid for aid, role in memberships_of(actor) if role is Role.SUPERVISOR}
        for agency in ancestors:
            if agency.pk in supervised:
                return agency
    return unit.parent or unit


def _locked(order: Order) -> Order:
    return Order.objects.select_for_update().select_related("unit", "issuer").get(pk=order.pk)


def _step(actor: Actor, order: Order, action: str, today: dt.date) -> Any:
    try:
        return TABLE.check(actor, order, action, today)
    except TransitionRefused as exc:
        raise OrderError(exc.messages, code="status") from exc


def issue(
    *,
    actor: Actor,
    unit: Agency,
    finding: str,
    requirement: str,
    workdays: int,
    source: str = "",
    source_year: int | None = None,
    today: dt.date | None = None,
) -> Order:
    """A 督办单 to ``unit``, numbered per issuing government and year."""
    today = today or _today()
    require(actor, Capability.ISSUE_ORDERS, unit)
    errors = {}
    if not finding.strip():
        errors["finding"] = _("State the finding.")
    if not requirement.strip():
        errors["requirement"] = _("State what is to be rectified.")
    if not 1 <= workdays <= MAX_WORKDAYS:
        errors["workdays"] = _("Between 1 and %(n)s working days.") % {"n": MAX_WORKDAYS}
    if errors:
        raise OrderError(errors)
    issuer = issuer_for(actor, unit)
    due = calendar_for(today).add_workdays(today, workdays)
    with transaction.atomic():
        serial = (
            Order.objects.filter(issuer=issuer, year=today.year).aggregate(m=Max("serial"))["m"]
            or 0
        ) + 1
        name = issuer.short_name or issuer.name
        order = Order.objects.create(
            unit=unit,
            issuer=issuer,
            year=today.year,
            serial=serial,
            number=f"{name}政务公开督办〔{today.year}〕{serial}号",
            finding=finding.strip(),
            requirement=requirement.strip(),
            issued_on=today,
            workdays=workdays,
            due_on=due,
            source=source,
            source_year=source_year,
        )
        record_event(
            OrderEvent,
            actor=actor,
            kind=OrderEventKind.ISSUED,
            after=order.status,
            on=today,
            data={"number": order.number, "due_on": due.isoformat()},
            order=order,
        )
    return order


def answer(
    *,
    actor: Actor,
    order: Order,
    text: str,
    on: dt.date | None = None,
    today: dt.date | None = None,
) -> Order:
    """The unit reports what it rectified (evidence through ``attach``)."""
    today = today or _today()
    on = on or today
    if not text.strip():
        raise OrderError({"text": _("Say what was rectified.")})
    if on > today or on < order.issued_on:
        raise OrderError({"on": _("The date must lie between the issue and today.")})
    with transaction.atomic():
        order = _locked(order)
        transition = _step(actor, order, "answer", today)
        before = transition.apply(order, TABLE.status_field)
        order.answer, order.answered_on = text.strip(), on
        order.save(update_fields=["status", "answer", "answered_on"])
        record_event(
            OrderEvent,
            actor=actor,
            kind=OrderEventKind.ANSWERED,
            before=before,
            after=order.status,
            on=on,
            data={"late": on > order.due_on},
            order=order,
        )
    return order


def review(
    *, actor: Actor, order: Order, accept: bool, note: str = "", today: dt.date | None = None
) -> Order:
    """The supervising office accepts the rectification (closed) or sends it back."""
    today = today or _today()
    action = "accept" if accept else "send_back"
    if not accept and not note.strip():
        raise OrderError({"note": _("Say why the answer is sent back.")})
    with transaction.atomic():
        order = _locked(order)
        transition = _step(actor, order, action, today)
        before = transition.apply(order, TABLE.status_field)
        order.closed_on = today if accept else None
        order.save(update_fields=["status", "closed_on"])
        record_event(
            OrderEvent,
            actor=actor,
            kind=OrderEventKind.CLOSED if accept else OrderEventKind.RETURNED,
            before=before,
            after=order.status,
            on=today,
            data={"note": note.strip()},
            order=order,
        )
    return order


def attach(*, actor: Actor, order: Order, upload: UploadedFile[Any]) -> OrderDocument:
    """Evidence of the rectification (PDF, JPEG, PNG or DOCX), stored outside any served URL."""
    _step(actor, order, "attach", _today())
    content_type, suffix = check_upload(upload, field="file", error=OrderError)
    name = upload.name or ""
    with transaction.atomic():
        order = _locked(order)
        document = OrderDocument(
            order=order,
            name=name[-200:],
            content_type=content_type,
            size=upload.size or 0,
            added_by=actor_user(actor),
        )
        document.file.save(f"{secrets.token_hex(8)}{suffix}", upload, save=False)
        document.save()
        record_event(
            OrderEvent,
            actor=actor,
            kind=OrderEventKind.DOCUMENT,
            before=order.status,
            after=order.status,
            data={"name": document.name, "id": document.pk},
            order=order,
        )
    return document
