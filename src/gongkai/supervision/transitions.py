"""A 督办单's life cycle as one table: issued → answered → closed (or sent back to issued).

The unit's officers and head (``ANSWER_ORDERS``) answer; the supervising office
(``ISSUE_ORDERS`` over the unit) accepts or sends back. ``actions`` check this table and apply
its target.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gongkai.agencies.access import Capability
from gongkai.agencies.lifecycle import Transition, TransitionTable
from gongkai.supervision.choices import OrderEventKind, OrderStatus

if TYPE_CHECKING:
    from gongkai.supervision.models import Order

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
