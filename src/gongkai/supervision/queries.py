"""Reading 督办单 with a rights check: the unit's staff who answer them, the supervising office
that issued them (404 otherwise); overdue ones for the flags and the morning reminders."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.http import Http404

from gongkai.agencies.access import C, SystemActor, Viewer, agencies_for
from gongkai.supervision.choices import OrderStatus
from gongkai.supervision.models import Order


def orders_for(viewer: Viewer) -> QuerySet[Order]:
    if isinstance(viewer, SystemActor):
        return Order.objects.all()
    return Order.objects.filter(
        Q(unit__in=agencies_for(viewer, C.ANSWER_ORDERS))
        | Q(unit__in=agencies_for(viewer, C.ISSUE_ORDERS))
        | Q(unit__in=agencies_for(viewer, C.VIEW_SCORECARD))
    ).distinct()


def get_order(viewer: Viewer, order_id: int | str) -> Order:
    try:
        return orders_for(viewer).select_related("unit", "issuer").get(pk=order_id)
    except (Order.DoesNotExist, ValueError, TypeError):
        raise Http404("no such supervision order") from None


def is_overdue(order: Order, today: dt.date) -> bool:
    """Not answered by its due date (an answer sent back is overdue again once past it)."""
    return order.status == OrderStatus.ISSUED and today > order.due_on


def answered_late(order: Order) -> bool:
    """Answered (the last answer) after its due date."""
    return bool(order.answered_on and order.answered_on > order.due_on)


def overdue(today: dt.date) -> QuerySet[Order]:
    return Order.objects.filter(status=OrderStatus.ISSUED, due_on__lt=today).select_related(
        "unit", "issuer"
    )
