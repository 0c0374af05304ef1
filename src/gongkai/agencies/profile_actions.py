"""Every change to 机构信息 and the 公开指南's text: one function each (agencies/profile.py).

Keyword-only ``actor``; the right is ``MANAGE_AGENCY`` of the agency (its own administrator or
the platform administrator, access.py); one transaction; validated before anything is written;
an ``AuditEvent`` for each change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies.access import Actor, C, actor_user, require
from gongkai.agencies.audit import record_audit
from gongkai.agencies.models import Agency
from gongkai.agencies.profile import AgencyProfile, Department, GuideVersion, Leader

MAX_ROWS = 60  # leaders or departments of one agency
MAX_SECTIONS = 20
MAX_SECTION_CHARS = 20_000
LABELS = {"name": gettext_lazy("Name or title"), "post": gettext_lazy("Post")}


def profile_of(agency: Agency) -> AgencyProfile | None:
    """The agency's profile, or None before its administrator first saves one (no write)."""
    return AgencyProfile.objects.filter(agency=agency).first()


def _snapshot(profile: AgencyProfile) -> dict[str, Any]:
    data: dict[str, Any] = {name: getattr(profile, name) for name in AgencyProfile.FIELDS}
    data["leaders"] = [
        [row.name, row.post, row.duties] for row in profile.leaders.order_by("position", "pk")
    ]
    data["departments"] = [
        [row.name, row.duties, row.phone] for row in profile.departments.order_by("position", "pk")
    ]
    return data


def _clean_rows(
    rows: Sequence[Mapping[str, str]], fields: tuple[str, ...], required: tuple[str, ...]
) -> list[dict[str, str]]:
    cleaned = []
    for row in rows:
        values = {name: str(row.get(name, "") or "").strip() for name in fields}
        if not any(values.values()):
            continue  # an empty line of the form
        missing = [str(LABELS[name]) for name in required if not values[name]]
        if missing:
            raise ValidationError(
                _("Every row must fill in: %(fields)s."), params={"fields": "、".join(missing)}
            )
        cleaned.append(values)
    if len(cleaned) > MAX_ROWS:
        raise ValidationError(_("At most %(n)s rows."), params={"n": MAX_ROWS})
    return cleaned


@transaction.atomic
def save_profile(
    *,
    actor: Actor,
    agency: Agency,
    changes: Mapping[str, Any],
    leaders: Sequence[Mapping[str, str]] | None = None,
    departments: Sequence[Mapping[str, str]] | None = None,
) -> AgencyProfile:
    """Set the profile's fields and (when given) replace its leaders and departments."""
    require(actor, C.MANAGE_AGENCY, agency)
    unknown = sorted(set(changes) - set(AgencyProfile.FIELDS))
    if unknown:
        raise ValueError(f"save_profile: unknown fields {', '.join(unknown)}")
    leader_rows = (
        _clean_rows(leaders, ("name", "post", "duties"), ("name", "post"))
        if leaders is not None
        else None
    )
    department_rows = (
        _clean_rows(departments, ("name", "duties", "phone"), ("name",))
        if departments is not None
        else None
    )
    Agency.objects.select_for_update().get(pk=agency.pk)  # one writer per agency at a time
    profile, _created = AgencyProfile.objects.get_or_create(agency=agency)
    before = _snapshot(profile)
    for key, value in changes.items():
        setattr(profile, key, value.strip() if isinstance(value, str) else value)
    postcode = profile.postcode
    if postcode and not (len(postcode) == 6 and postcode.isdigit()):
        raise ValidationError({"postcode": _("A postcode is 6 digits.")})
    profile.updated_at = timezone.now()
    profile.full_clean()
    profile.save()
    if leader_rows is not None:
        profile.leaders.all().delete()
        Leader.objects.bulk_create(
            Leader(profile=profile, position=i, **row) for i, row in enumerate(leader_rows)
        )
    if department_rows is not None:
        profile.departments.all().delete()
        Department.objects.bulk_create(
            Department(profile=profile, position=i, **row) for i, row in enumerate(department_rows)
        )
    after = _snapshot(profile)
    changed = [k for k in after if before.get(k) != after.get(k)]
    if changed:
        record_audit(
            actor,
            "agency.profile",
            agency.name,
            agency=agency,
            before={k: before.get(k) for k in changed},
            after={k: after[k] for k in changed},
        )
    return profile


def latest_guide(agency: Agency) -> GuideVersion | None:
    return GuideVersion.objects.filter(agency=agency).order_by("-number").first()


@transaction.atomic
def save_guide_version(
    *, actor: Actor, agency: Agency, sections: Sequence[tuple[str, str]]
) -> GuideVersion:
    """A new numbered version of the guide's text, dated today (条例第十二条: 及时更新)."""
    require(actor, C.MANAGE_AGENCY, agency)
    cleaned = [
        {"title": title.strip(), "text": text.strip().replace("\r\n", "\n")}
        for title, text in sections
    ]
    if not cleaned or len(cleaned) > MAX_SECTIONS:
        raise ValidationError(
            _("The disclosure guide must have 1 to %(n)s sections."), params={"n": MAX_SECTIONS}
        )
    for section in cleaned:
        if not section["title"] or not section["text"]:
            raise ValidationError(_("Every section needs a title and a text."))
        if len(section["text"]) > MAX_SECTION_CHARS:
            raise ValidationError(
                _("The text of each section is at most %(n)s characters."),
                params={"n": MAX_SECTION_CHARS},
            )
    Agency.objects.select_for_update().get(pk=agency.pk)  # numbers are taken one at a time
    previous = latest_guide(agency)
    if previous is not None and previous.sections == cleaned:
        raise ValidationError(_("The text has not changed; no new version was saved."))
    version = GuideVersion.objects.create(
        agency=agency,
        number=(previous.number + 1) if previous is not None else 1,
        sections=cleaned,
        dated=timezone.localdate(),
        saved_by=actor_user(actor),
    )
    record_audit(
        actor,
        "agency.guide",
        agency.name,
        agency=agency,
        before={"number": previous.number} if previous is not None else None,
        after={"number": version.number, "dated": version.dated.isoformat()},
    )
    return version
