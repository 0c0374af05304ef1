"""What every life cycle shares: a transition table, an immutable timeline, event kinds.

Each domain app with a life cycle (cases, publications, annual_reports, disputes …) declares

- its statuses as ``TextChoices`` (``choices.py``);
- one ``TransitionTable`` (``transitions.py``): for each action, the statuses it may run from,
  the capability it needs in the object's agency (or an owner test), the law's guard and the
  status it leads to. ``table.check(...)`` returns the ``Transition`` an action then applies
  with ``transition.apply(obj)``; ``table.allowed(...)`` is what the console shows as buttons.
  Nothing else sets a status.
- its event kinds as an ``EventKind`` (``TextChoices`` with a public label beside the staff one);
- one concrete ``TimelineEvent`` model, written only through ``record_event``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.access import Capability, Viewer, actor_label, actor_user, can

if TYPE_CHECKING:
    from gongkai.agencies.models import Agency

# -- the timeline ------------------------------------------------------------------------------


class Immutable(models.Model):
    """A record written once: saving it again or deleting it raises."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.pop("_allow_update", False):
            raise ValueError(f"{type(self).__name__} records are immutable")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError(f"{type(self).__name__} records are immutable")


class EventKind(models.TextChoices):
    """Event kinds of one timeline: the member's label is the staff wording.

    A subclass may set ``PUBLIC`` after the class body (``Kind.PUBLIC = {Kind.X: _("…")}``):
    what the applicant or the public reads for that kind, ``None`` where they see nothing.
    """

    PUBLIC: ClassVar[Mapping[Any, str | Promise]]

    @property
    def public_label(self) -> str | Promise | None:
        public: Mapping[Any, str | Promise] = getattr(type(self), "PUBLIC", {})
        return public.get(self)


class TimelineEvent(Immutable):
    """One line of a timeline: who did what, when, the legal date, the status before and after.

    Concrete events add the foreign key to their subject and ``kind`` with their choices.
    """

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    on = models.DateField(null=True, blank=True)  # the legal date the action records, if any
    actor = models.ForeignKey(
        "agencies.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=150)
    status_before = models.CharField(max_length=30, blank=True)
    status_after = models.CharField(max_length=30, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True
        ordering: ClassVar[list[str]] = ["at", "pk"]


def record_event[E: TimelineEvent](
    model: type[E],
    *,
    actor: Viewer,
    kind: str,
    before: str = "",
    after: str = "",
    on: dt.date | None = None,
    data: Mapping[str, Any] | None = None,
    **subject: Any,
) -> E:
    """Append one event to ``model``'s timeline (``subject``: its foreign key, e.g. ``case=``)."""
    event: E = model._default_manager.create(
        actor=actor_user(actor),
        actor_label=actor_label(actor),
        kind=kind,
        status_before=before,
        status_after=after,
        on=on,
        data=dict(data or {}),
        **subject,
    )
    return event


# -- transitions -------------------------------------------------------------------------------


def always(obj: object, today: dt.date) -> bool:
    return True


class TransitionRefused(ValidationError):
    """The table does not allow this step now (status, or the law's guard): nothing written.

    Interfaces answer it as "no longer possible" (HTTP 409 in the API), never as a server error.
    """


@dataclass(frozen=True, kw_only=True)
class Transition[M: models.Model]:
    action: str
    label: str | Promise
    sources: frozenset[str]
    # None: not a staff right; ``TransitionTable.owner`` decides (an applicant's own case …).
    capability: Capability | None
    target: str | None = None  # None: the status does not change
    guard: Callable[[M, dt.date], bool] = always
    # A button that needs a confirmation or form before it runs (all but a few).
    needs_form: bool = True

    def apply(self, obj: M, field_name: str = "status") -> str:
        """Move ``obj`` to the target status (not saved); returns the status before."""
        before = str(getattr(obj, field_name))
        if self.target is not None:
            setattr(obj, field_name, self.target)
        return before


@dataclass(frozen=True)
class TransitionTable[M: models.Model]:
    """A life cycle as data; actions call ``check`` and apply its answer, pages call ``allowed``."""

    transitions: Iterable[Transition[M]]
    agency_of: Callable[[M], Agency]
    owner: Callable[[Viewer, M], bool] | None = None
    status_field: str = "status"
    status_label: Callable[[M], str | Promise] = field(default=lambda obj: str(obj))
    by_action: dict[str, Transition[M]] = field(init=False)

    def __post_init__(self) -> None:
        table = {t.action: t for t in self.transitions}
        object.__setattr__(self, "transitions", tuple(table.values()))
        object.__setattr__(self, "by_action", table)

    def __getitem__(self, action: str) -> Transition[M]:
        return self.by_action[action]

    def __iter__(self) -> Any:
        return iter(self.by_action.values())

    def _right(self, viewer: Viewer, obj: M, transition: Transition[M]) -> bool:
        if transition.capability is None:
            return self.owner is not None and self.owner(viewer, obj)
        return can(viewer, transition.capability, self.agency_of(obj))

    def permitted(self, viewer: Viewer, obj: M, action: str, today: dt.date) -> bool:
        """May ``viewer`` run ``action`` on ``obj`` now (status, right and the law's guard)."""
        transition = self.by_action[action]
        return (
            str(getattr(obj, self.status_field)) in transition.sources
            and self._right(viewer, obj, transition)
            and transition.guard(obj, today)
        )

    def allowed(self, viewer: Viewer, obj: M, today: dt.date) -> list[Transition[M]]:
        return [t for t in self.by_action.values() if self.permitted(viewer, obj, t.action, today)]

    def check(self, viewer: Viewer, obj: M, action: str, today: dt.date) -> Transition[M]:
        """The transition to apply, or PermissionDenied (no right) / TransitionRefused (not now)."""
        transition = self.by_action[action]
        if not self._right(viewer, obj, transition):
            raise PermissionDenied(f"{actor_label(viewer)} may not {action} here")
        if not self.permitted(viewer, obj, action, today):
            raise TransitionRefused(
                _("“%(action)s” is not possible now (status: %(status)s).")
                % {"action": transition.label, "status": self.status_label(obj)},
                code="transition",
            )
        return transition
