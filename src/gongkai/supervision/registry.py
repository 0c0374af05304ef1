"""Websites and 政务新媒体 accounts, their periodic checks, and training sessions: recorded
through these actions (rights: ``ENTER_FIGURES`` in the unit — its office keeps the registry —
or ``ISSUE_ORDERS`` over it for the supervising office's checks), counted for the report.

A check fails (国办秘函〔2019〕19号, 单项否决) when the channel was not updated for more than two
weeks before the check, when it carries serious wrong content, or when messages were left
unanswered; broken links are recorded and counted but do not fail it alone. A failed check is
the finding of a 督办单 (``failed_finding``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.access import Actor, Capability, actor_label, actor_user, can
from gongkai.agencies.models import Agency
from gongkai.supervision import audit
from gongkai.supervision.choices import STALE_DAYS, ChannelKind
from gongkai.supervision.models import Channel, ChannelCheck, TrainingSession


def _may_record(actor: Actor, agency: Agency) -> None:
    if not (
        can(actor, Capability.ENTER_FIGURES, agency) or can(actor, Capability.ISSUE_ORDERS, agency)
    ):
        raise PermissionDenied(f"{actor_label(actor)} may not keep {agency}'s registry")


def register_channel(
    *,
    actor: Actor,
    agency: Agency,
    kind: ChannelKind | str,
    name: str,
    operator: str = "",
    opened_on: dt.date | None = None,
    filing: str = "",
) -> Channel:
    _may_record(actor, agency)
    channel = Channel(
        agency=agency,
        kind=kind,
        name=name.strip(),
        operator=operator.strip(),
        opened_on=opened_on,
        filing=filing.strip(),
    )
    channel.full_clean()
    with transaction.atomic():
        channel.save()
        audit.record(
            actor,
            "registry.register_channel",
            agency=agency,
            subject=channel,
            after={
                "id": channel.pk,
                "kind": channel.kind,
                "name": channel.name,
                "operator": channel.operator,
                "opened_on": channel.opened_on,
                "filing": channel.filing,
            },
        )
    return channel


def close_channel(*, actor: Actor, channel: Channel, on: dt.date) -> Channel:
    _may_record(actor, channel.agency)
    if channel.opened_on and on < channel.opened_on:
        raise ValidationError({"closed_on": _("A channel cannot close before it opened.")})
    before = channel.closed_on
    channel.closed_on = on
    with transaction.atomic():
        channel.save(update_fields=["closed_on"])
        audit.record(
            actor,
            "registry.close_channel",
            agency=channel.agency,
            subject=channel,
            before={"closed_on": before},
            after={"closed_on": on},
        )
    return channel


def verdict(
    checked_on: dt.date, last_update: dt.date, wrong_content: int, unanswered: int
) -> list[str]:
    """The reasons a check fails (empty: passed), in the words of the 检查指标."""
    reasons = []
    if (checked_on - last_update).days > STALE_DAYS:
        reasons.append(f"超过两周未更新（最后更新{last_update.isoformat()}）")
    if wrong_content:
        reasons.append(f"存在严重表述错误{wrong_content}处")
    if unanswered:
        reasons.append(f"留言{unanswered}条未回应")
    return reasons


def record_check(
    *,
    actor: Actor,
    channel: Channel,
    checked_on: dt.date,
    last_update: dt.date,
    broken_links: int = 0,
    wrong_content: int = 0,
    unanswered: int = 0,
    today: dt.date | None = None,
) -> ChannelCheck:
    today = today or timezone.localdate()
    _may_record(actor, channel.agency)
    if checked_on > today:
        raise ValidationError({"checked_on": _("The date cannot be in the future.")})
    if last_update > checked_on:
        raise ValidationError({"last_update": _("The last update cannot follow the check.")})
    reasons = verdict(checked_on, last_update, wrong_content, unanswered)
    with transaction.atomic():
        check = ChannelCheck.objects.create(
            channel=channel,
            checked_on=checked_on,
            last_update=last_update,
            broken_links=broken_links,
            wrong_content=wrong_content,
            unanswered=unanswered,
            passed=not reasons,
            reasons=reasons,
            checked_by=actor_user(actor),
        )
        audit.record(
            actor,
            "registry.record_check",
            agency=channel.agency,
            subject=channel,
            after={
                "id": check.pk,
                "checked_on": checked_on,
                "last_update": last_update,
                "broken_links": broken_links,
                "wrong_content": wrong_content,
                "unanswered": unanswered,
                "passed": check.passed,
                "reasons": reasons,
            },
        )
    return check


def failed_finding(check: ChannelCheck) -> str:
    """The finding of a 督办单 raised from a failed check."""
    return f"{check.checked_on.isoformat()}检查{check.channel}：" + "；".join(check.reasons)


def record_training(
    *,
    actor: Actor,
    agency: Agency,
    held_on: dt.date,
    topic: str,
    organiser: str,
    participants: int,
    today: dt.date | None = None,
) -> TrainingSession:
    today = today or timezone.localdate()
    _may_record(actor, agency)
    if held_on > today:
        raise ValidationError({"held_on": _("The date cannot be in the future.")})
    session = TrainingSession(
        agency=agency,
        held_on=held_on,
        topic=topic.strip(),
        organiser=organiser.strip(),
        participants=participants,
        recorded_by=actor_user(actor),
    )
    session.full_clean()
    with transaction.atomic():
        session.save()
        audit.record(
            actor,
            "registry.record_training",
            agency=agency,
            subject=session,
            after={
                "id": session.pk,
                "held_on": held_on,
                "topic": session.topic,
                "organiser": session.organiser,
                "participants": participants,
            },
        )
    return session


@dataclass(frozen=True)
class YearCounts:
    """For the report's 监督保障 and 平台建设: one unit or a government's units together."""

    trainings: int
    trained: int
    websites: int
    accounts: int
    checks: int
    checks_failed: int
    websites_checked: int = 0
    accounts_checked: int = 0


def year_counts(agency_ids: Iterable[int], year: int) -> YearCounts:
    ids = list(agency_ids)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    training = TrainingSession.objects.filter(
        agency_id__in=ids, held_on__range=(start, end)
    ).aggregate(n=Count("pk"), people=Sum("participants"))
    open_in_year = Channel.objects.filter(agency_id__in=ids).filter(
        Q(opened_on__isnull=True) | Q(opened_on__lte=end),
        Q(closed_on__isnull=True) | Q(closed_on__gte=start),
    )
    checks = ChannelCheck.objects.filter(
        channel__agency_id__in=ids, checked_on__range=(start, end)
    ).aggregate(
        n=Count("pk"),
        failed=Count("pk", filter=Q(passed=False)),
        websites=Count("channel", filter=Q(channel__kind=ChannelKind.WEBSITE), distinct=True),
        accounts=Count("channel", filter=~Q(channel__kind=ChannelKind.WEBSITE), distinct=True),
    )
    return YearCounts(
        trainings=training["n"],
        trained=training["people"] or 0,
        websites=open_in_year.filter(kind=ChannelKind.WEBSITE).count(),
        accounts=open_in_year.exclude(kind=ChannelKind.WEBSITE).count(),
        checks=checks["n"],
        checks_failed=checks["failed"],
        websites_checked=checks["websites"],
        accounts_checked=checks["accounts"],
    )
