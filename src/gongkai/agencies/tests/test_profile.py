"""机构信息 and the versioned 公开指南: the actions, their rights, numbering and the audit."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.agencies import profile_actions as actions
from gongkai.agencies.guide_text import contacts, default_text
from gongkai.agencies.models import AuditEvent
from gongkai.agencies.profile import AgencyProfile, GuideVersion
from gongkai.conftest import Personas

pytestmark = pytest.mark.django_db

LEADERS = [
    {"name": "陈局长", "post": "局长", "duties": "主持全面工作。"},
    {"name": "", "post": "", "duties": ""},  # an empty line of the form is skipped
    {"name": "林副局长", "post": "副局长", "duties": "分管预算、政府信息公开工作。"},
]


def test_the_agency_admin_saves_the_profile_and_its_rows_in_order(personas: Personas) -> None:
    profile = actions.save_profile(
        actor=personas.admin_a,
        agency=personas.agency_a,
        changes={
            "functions": "负责全区财政收支管理。",
            "fax": "0577-88001234",
            "postcode": "325000",
        },
        leaders=LEADERS,
        departments=[{"name": "预算科", "duties": "编制预算。", "phone": "0577-88001235"}],
    )
    assert [(r.name, r.position) for r in profile.leaders.all()] == [
        ("陈局长", 0),
        ("林副局长", 1),
    ]
    assert profile.departments.get().phone == "0577-88001235"
    event = AuditEvent.objects.get(action="agency.profile")
    assert event.agency == personas.agency_a and event.after == {
        "functions": "负责全区财政收支管理。",
        "fax": "0577-88001234",
        "postcode": "325000",
        "leaders": [
            ["陈局长", "局长", "主持全面工作。"],
            ["林副局长", "副局长", "分管预算、政府信息公开工作。"],
        ],
        "departments": [["预算科", "编制预算。", "0577-88001235"]],
    }
    assert ("传真", "0577-88001234") in contacts(personas.agency_a)
    assert ("邮政编码", "325000") in contacts(personas.agency_a)
    # Saving again replaces the rows; the same content writes no second audit event.
    actions.save_profile(
        actor=personas.admin_a,
        agency=personas.agency_a,
        changes={
            "functions": "负责全区财政收支管理。",
            "fax": "0577-88001234",
            "postcode": "325000",
        },
        leaders=LEADERS,
        departments=[{"name": "预算科", "duties": "编制预算。", "phone": "0577-88001235"}],
    )
    assert AuditEvent.objects.filter(action="agency.profile").count() == 1
    assert profile.leaders.count() == 2


@pytest.mark.parametrize(
    "name", ["officer_a", "head_a", "supervisor", "officer_b", "applicant", "anonymous"]
)
def test_only_the_agency_admin_or_platform_admin_may_edit(personas: Personas, name: str) -> None:
    with pytest.raises(PermissionDenied):
        actions.save_profile(
            actor=personas.named(name),  # type: ignore[arg-type]
            agency=personas.agency_a,
            changes={"fax": "1"},
        )
    with pytest.raises(PermissionDenied):
        actions.save_guide_version(
            actor=personas.named(name),  # type: ignore[arg-type]
            agency=personas.agency_a,
            sections=[("一、主动公开", "正文")],
        )
    assert not AgencyProfile.objects.exists() and not GuideVersion.objects.exists()
    actions.save_profile(actor=personas.platform_admin, agency=personas.agency_a, changes={})


def test_bad_input_writes_nothing(personas: Personas) -> None:
    with pytest.raises(ValidationError):
        actions.save_profile(
            actor=personas.admin_a, agency=personas.agency_a, changes={"postcode": "3250"}
        )
    with pytest.raises(ValidationError, match="每一行都须填写：职务"):
        actions.save_profile(
            actor=personas.admin_a,
            agency=personas.agency_a,
            changes={},
            leaders=[{"name": "陈局长", "post": "", "duties": ""}],
        )
    assert not AgencyProfile.objects.exists()
    with pytest.raises(ValidationError):
        actions.save_guide_version(
            actor=personas.admin_a, agency=personas.agency_a, sections=[("一、主动公开", " ")]
        )
    assert not GuideVersion.objects.exists()


def test_versions_are_numbered_dated_and_an_unchanged_text_is_refused(
    personas: Personas,
) -> None:
    start = default_text(personas.agency_a)
    assert start[0][0] == "一、主动公开" and "第十九条" in start[0][1]
    first = actions.save_guide_version(
        actor=personas.admin_a, agency=personas.agency_a, sections=start
    )
    assert first.number == 1 and first.dated is not None
    with pytest.raises(ValidationError, match="没有改动"):
        actions.save_guide_version(actor=personas.admin_a, agency=personas.agency_a, sections=start)
    edited = [(start[0][0], start[0][1] + "\n\n（五）新增段落。"), *start[1:]]
    second = actions.save_guide_version(
        actor=personas.admin_a, agency=personas.agency_a, sections=edited
    )
    assert second.number == 2
    assert second.paragraphs()[0][1][-1] == "（五）新增段落。"
    # another agency's numbering is its own
    other = actions.save_guide_version(
        actor=personas.platform_admin, agency=personas.agency_b, sections=start
    )
    assert other.number == 1
    assert actions.latest_guide(personas.agency_a) == second
    assert AuditEvent.objects.filter(action="agency.guide").count() == 3
