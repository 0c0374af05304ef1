"""Supervision's life cycles as tables.

``TABLE``, a 督办单: issued → answered → closed (or sent back to issued). The unit's officers
and head (``ANSWER_ORDERS``) answer; the supervising office (``ISSUE_ORDERS`` over the unit)
accepts or sends back. ``actions`` check this table and apply its target.

``SCHEME_TABLE``, a 考核 scheme: draft (editable) → reviewed → published (frozen), or reviewed
back to draft; the issuing office (``ISSUE_ORDERS`` in its government) takes every step.
``assessment`` checks this table and applies its target.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy

from gongkai.agencies.access import Capability
from gongkai.agencies.lifecycle import Transition, TransitionTable
from gongkai.supervision.choices import OrderEventKind, OrderStatus, SchemeStatus

if TYPE_CHECKING:
    from gongkai.supervision.models import Order, Scheme

C = Capability
S = OrderStatus

TABLE: TransitionTable[Order] = TransitionTable(
    transitions=[
        Transition(
            action="answer",
            label=OrderEventKind.ANSWERED.label,
            sources=frozenset({S.ISSUED}),
            capability=C.ANSWER_ORDERS,
            target=S.ANSWERED,
        ),
        Transition(
            action="accept",
            label=OrderEventKind.CLOSED.label,
            sources=frozenset({S.ANSWERED}),
            capability=C.ISSUE_ORDERS,
            target=S.CLOSED,
        ),
        Transition(
            action="send_back",
            label=OrderEventKind.RETURNED.label,
            sources=frozenset({S.ANSWERED}),
            capability=C.ISSUE_ORDERS,
            target=S.ISSUED,
        ),
        Transition(
            action="attach",
            label=OrderEventKind.DOCUMENT.label,
            sources=frozenset({S.ISSUED, S.ANSWERED}),
            capability=C.ANSWER_ORDERS,
        ),
    ],
    agency_of=lambda order: order.unit,
    status_label=lambda order: order.get_status_display(),
)

SCHEME_TABLE: TransitionTable[Scheme] = TransitionTable(
    transitions=[
        Transition(
            action="edit",
            label=gettext_lazy("Edit"),
            sources=frozenset({SchemeStatus.DRAFT}),
            capability=C.ISSUE_ORDERS,
        ),
        Transition(
            action="review",
            label=SchemeStatus.REVIEWED.label,
            sources=frozenset({SchemeStatus.DRAFT}),
            capability=C.ISSUE_ORDERS,
            target=SchemeStatus.REVIEWED,
        ),
        Transition(
            action="reopen",
            label=SchemeStatus.DRAFT.label,
            sources=frozenset({SchemeStatus.REVIEWED}),
            capability=C.ISSUE_ORDERS,
            target=SchemeStatus.DRAFT,
        ),
        Transition(
            action="publish",
            label=SchemeStatus.PUBLISHED.label,
            sources=frozenset({SchemeStatus.REVIEWED}),
            capability=C.ISSUE_ORDERS,
            target=SchemeStatus.PUBLISHED,
        ),
    ],
    agency_of=lambda scheme: scheme.issuer,
    status_label=lambda scheme: scheme.get_status_display(),
)
