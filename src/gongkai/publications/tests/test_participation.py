"""意见征集: the life cycle, the period on the calendar, moderation, rights and the counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone, translation

from gongkai.agencies import challenge
from gongkai.agencies.lifecycle import TransitionRefused
from gongkai.conftest import Personas
from gongkai.core.calendar import DayKind, DayRow, WorkdayCalendar
from gongkai.publications import access
from gongkai.publications.actions import participation as actions
from gongkai.publications.models import ConsultationComment, ConsultationEvent
from gongkai.publications.models.participation import (
    MAX_PERIOD_DAYS,
    MIN_PERIOD_DAYS,
    Adoption,
    CommentStatus,
)
from gongkai.publications.participation import comment_counts, consultation_counts
from gongkai.publications.tests.participation_factories import comment, consultation, opened

pytestmark = pytest.mark.django_db


def test_the_period_is_thirty_full_days_and_ends_on_a_working_day() -> None:
    weekdays = WorkdayCalendar.weekdays_only()
    # Opened Monday 2026-03-02: day 30 is Wednesday 2026-04-01.
    assert actions.closing_day(dt.date(2026, 3, 2), 30, weekdays) == dt.date(2026, 4, 1)
    # Opened Thursday 2026-03-05: day 30 is Saturday 04-04 → Monday 04-06 (民法典第二百零三条).
    assert actions.closing_day(dt.date(2026, 3, 5), 30, weekdays) == dt.date(2026, 4, 6)
    holiday = WorkdayCalendar.from_rows(
        [DayRow(dt.date(2026, 4, 6), DayKind.HOLIDAY, "清明节")], confirmed_years={2026}
    )
    assert actions.closing_day(dt.date(2026, 3, 5), 30, holiday) == dt.date(2026, 4, 7)


def test_a_period_under_thirty_days_is_refused(personas: Personas) -> None:
    with pytest.raises(ValidationError, match="不少于30日") as refused:
        consultation(personas.officer_a, personas.agency_a, period_days=15)
    assert "重大行政决策程序暂行条例》第十四条" in str(refused.value)  # the rule it applies


def test_a_period_past_the_platforms_ceiling_is_refused_naming_both_bounds(
    personas: Personas,
) -> None:
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        consultation(personas.officer_a, personas.agency_a, period_days=MAX_PERIOD_DAYS + 1)
    assert refused.value.message_dict["period_days"] == [
        f"征集期限不少于{MIN_PERIOD_DAYS}日、不超过{MAX_PERIOD_DAYS}日"
        f"（《重大行政决策程序暂行条例》第十四条：征求意见期限一般不少于{MIN_PERIOD_DAYS}日）。"
    ]


def test_the_feedback_is_dated_the_day_given(personas: Personas) -> None:
    officer = personas.officer_a
    found = opened(officer, personas.agency_a, days_ago=40)
    closed_on = timezone.localdate() - dt.timedelta(days=5)
    actions.close_consultation(actor=officer, consultation=found, on=closed_on)
    on = closed_on + dt.timedelta(days=2)
    done = actions.publish_feedback(
        actor=officer, consultation=found, feedback="未收到意见。", on=on
    )
    assert done.feedback_on == on


def test_the_whole_life_cycle(personas: Personas) -> None:
    officer = personas.officer_a
    found = opened(officer, personas.agency_a, days_ago=40)
    assert found.status == "open" and found.closes_on and found.opens_on
    assert found.closes_on >= found.opens_on + dt.timedelta(days=30)
    # The period has run (opened 40 days ago): no comment any more, and it can be closed.
    with pytest.raises(actions.CommentError, match="不在征集期"):
        comment(found)
    fresh = opened(officer, personas.agency_a, title="另一征集")
    with pytest.raises(TransitionRefused):  # the period is given in full: not closed early
        actions.close_consultation(actor=officer, consultation=fresh)
    taken = comment(fresh)
    spam = comment(fresh, "广告广告")
    assert ConsultationComment.objects.get(pk=taken.pk).status == CommentStatus.PENDING
    actions.moderate_comment(actor=officer, comment=taken, approve=True)
    actions.moderate_comment(actor=officer, comment=spam, approve=False)
    assert list(access.public_comments(fresh)) == [taken]

    closing = actions.close_consultation(actor=officer, consultation=found)
    assert closing.status == "closed"
    found2 = opened(officer, personas.agency_a, days_ago=35, title="第三个征集")
    # Feedback needs every comment moderated and every published one answered.
    c1 = ConsultationComment.objects.create(consultation=found2, body="意见一", token="x1")
    actions.close_consultation(actor=officer, consultation=found2)
    with pytest.raises(TransitionRefused):
        actions.publish_feedback(actor=officer, consultation=found2, feedback="共收到意见1条。")
    actions.moderate_comment(actor=officer, comment=c1, approve=True)
    with pytest.raises(ValidationError, match="说明理由"):
        actions.answer_comment(actor=officer, comment=c1, adoption=Adoption.NOT_ADOPTED)
    actions.answer_comment(
        actor=officer, comment=c1, adoption=Adoption.NOT_ADOPTED, reply="超出本办法调整范围。"
    )
    done = actions.publish_feedback(actor=officer, consultation=found2, feedback="共收到意见1条。")
    assert done.status == "feedback" and done.feedback_on == timezone.localdate()
    kinds = list(
        ConsultationEvent.objects.filter(consultation=found2).values_list("kind", flat=True)
    )
    assert kinds == ["created", "opened", "closed", "moderated", "answered", "feedback"]


def test_only_the_agency_s_officers_act_and_others_get_404(personas: Personas) -> None:
    found = consultation(personas.officer_a, personas.agency_a)
    for outsider in (personas.officer_b, personas.reviewer_a, personas.supervisor):
        with pytest.raises(PermissionDenied):
            actions.open_consultation(actor=outsider, consultation=found)
    # A draft is nobody's business outside the agency: 404 for the public and agency B.
    with pytest.raises(Http404):
        access.get_consultation_for_public(found.pk)
    with pytest.raises(Http404):
        access.get_consultation_for_staff(personas.officer_b, found.pk)
    assert access.get_consultation_for_staff(personas.supervisor, found.pk) == found
    actions.open_consultation(actor=personas.officer_a, consultation=found)
    assert access.get_consultation_for_public(found.pk) == found


def test_a_comment_needs_a_proof_of_work_and_the_same_form_twice_stores_once(
    personas: Personas,
) -> None:
    found = opened(personas.officer_a, personas.agency_a)
    with pytest.raises(challenge.ChallengeFailed):
        actions.submit_comment(
            actor=personas.anonymous, consultation=found, body="意见", token="t1", proof=None
        )
    with pytest.raises(actions.CommentError):
        comment(found, "长" * 2001)
    assert not ConsultationComment.objects.exists()
    first = comment(found, token="same")
    again, new = actions.submit_comment(
        actor=personas.anonymous, consultation=found, body="x", token="same", proof=None
    )
    assert again == first and not new
    assert ConsultationComment.objects.count() == 1


def test_the_counts_for_the_annual_report(personas: Personas) -> None:
    officer = personas.officer_a
    found = opened(officer, personas.agency_a, days_ago=35)
    for n, adoption in enumerate((Adoption.ADOPTED, Adoption.PARTLY, Adoption.NOT_ADOPTED)):
        made = ConsultationComment.objects.create(
            consultation=found, body=f"意见{n}", token=f"c{n}"
        )
        actions.moderate_comment(actor=officer, comment=made, approve=True)
        actions.answer_comment(actor=officer, comment=made, adoption=adoption, reply="理由")
    hidden = ConsultationComment.objects.create(consultation=found, body="无关", token="c9")
    actions.moderate_comment(actor=officer, comment=hidden, approve=False)
    actions.close_consultation(actor=officer, consultation=found)
    actions.publish_feedback(actor=officer, consultation=found, feedback="采纳2条。")
    consultation(officer, personas.agency_a)  # a draft is not counted
    assert found.opens_on is not None
    year = found.opens_on.year
    counts = consultation_counts([personas.agency_a.pk], year)
    assert (counts.consultations, counts.comments) == (1, 4)
    assert (counts.adopted, counts.feedback_published) == (2, 1)
    shown = comment_counts(found)
    assert (shown.received, shown.published, shown.not_adopted) == (4, 3, 1)
    assert shown.adopted + shown.partly == 2
    assert consultation_counts([personas.agency_b.pk], year).consultations == 0
