"""Review before publishing (先审后发), index numbers, deadlines, validity and the counts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.conftest import Personas
from gongkai.publications import actions, queries
from gongkai.publications.access import public_publications
from gongkai.publications.choices import DocumentKind, ReviewKind, Status, Validity
from gongkai.publications.models import PublicationEvent, ReviewSignoff
from gongkai.publications.tests.factories import draft, publish, published


def test_it_numbers_items_from_the_agency_pattern_and_never_reuses_a_number(
    personas: Personas,
) -> None:
    a = personas.agency_a
    first = draft(personas.officer_a, a)
    second = draft(personas.officer_a, a)
    assert first.index_number == f"{a.credit_code}/2025-00001"
    assert second.index_number == f"{a.credit_code}/2025-00002"
    actions.update_draft(
        actor=personas.officer_a, publication=first, changes={"title": "改过的标题"}
    )
    first.refresh_from_db()
    assert first.index_number.endswith("2025-00001")
    other_year = draft(personas.officer_a, a, written_on=dt.date(2024, 12, 30))
    assert other_year.index_number.endswith("2024-00001")


def test_nothing_is_public_before_both_reviews_are_signed_off(personas: Personas) -> None:
    p = personas
    item = draft(p.officer_a, p.agency_a)
    actions.submit(actor=p.officer_a, publication=item)
    actions.sign_off(actor=p.reviewer_a, publication=item, kind=ReviewKind.CONTENT)
    item.refresh_from_db()
    assert item.status == Status.SUBMITTED
    with pytest.raises(ValidationError):
        actions.publish(actor=p.officer_a, publication=item)
    assert not public_publications().filter(pk=item.pk).exists()
    actions.sign_off(actor=p.reviewer_a, publication=item, kind=ReviewKind.CONFIDENTIALITY)
    item = actions.publish(actor=p.officer_a, publication=item, on=dt.date(2025, 3, 10))
    assert item.status == Status.PUBLISHED
    assert public_publications().filter(pk=item.pk).exists()
    kinds = list(PublicationEvent.objects.filter(publication=item).values_list("kind", flat=True))
    assert kinds == ["created", "submitted", "signed_off", "signed_off", "published"]
    signoffs = ReviewSignoff.objects.filter(publication=item)
    assert {(s.kind, s.reviewer_id) for s in signoffs} == {
        ("content", p.reviewer_a.pk),
        ("confidentiality", p.reviewer_a.pk),
    }


def test_only_reviewers_of_the_agency_sign_off_and_never_their_own_draft(
    personas: Personas,
) -> None:
    p = personas
    item = draft(p.officer_a, p.agency_a)
    actions.submit(actor=p.officer_a, publication=item)
    for outsider in (p.officer_a, p.officer_b, p.head_a, p.supervisor):
        with pytest.raises(PermissionDenied):
            actions.sign_off(actor=outsider, publication=item, kind=ReviewKind.CONTENT)
    with pytest.raises(PermissionDenied):
        draft(p.officer_b, p.agency_a)


def test_a_sent_back_item_needs_fresh_signoffs(personas: Personas) -> None:
    p = personas
    item = draft(p.officer_a, p.agency_a)
    actions.submit(actor=p.officer_a, publication=item)
    actions.sign_off(actor=p.reviewer_a, publication=item, kind=ReviewKind.CONTENT)
    actions.send_back(actor=p.reviewer_a, publication=item, reason="文号有误")
    actions.submit(actor=p.officer_a, publication=item)
    actions.sign_off(actor=p.reviewer_a, publication=item, kind=ReviewKind.CONFIDENTIALITY)
    item.refresh_from_db()
    assert item.status == Status.SUBMITTED  # the first round's content review no longer counts


def test_signoffs_and_events_are_immutable(personas: Personas) -> None:
    item = published(personas.officer_a, personas.reviewer_a, personas.agency_a)
    signoff = ReviewSignoff.objects.filter(publication=item).first()
    assert signoff is not None
    with pytest.raises(ValueError, match="immutable"):
        signoff.save()
    event = PublicationEvent.objects.filter(publication=item).first()
    assert event is not None
    with pytest.raises(ValueError, match="immutable"):
        event.delete()


def test_it_flags_an_item_published_after_twenty_working_days(personas: Personas) -> None:
    p = personas
    # Written Fri 2025-09-26: the 20th working day after skips the National Day holiday and
    # counts the make-up days 09-28 and 10-11 (statute.md §1) -> 2025-10-30.
    on_time = published(
        p.officer_a, p.reviewer_a, p.agency_a, written_on=dt.date(2025, 9, 26),
        on=dt.date(2025, 10, 30),
    )  # fmt: skip
    late = published(
        p.officer_a, p.reviewer_a, p.agency_a, written_on=dt.date(2025, 9, 26),
        on=dt.date(2025, 10, 31),
    )  # fmt: skip
    assert on_time.due_on == dt.date(2025, 10, 30)
    assert not on_time.is_late
    assert late.is_late
    assert queries.late_counts(p.agency_a, 2025) == queries.LateCount(published=2, late=1)
    assert list(queries.late_items(p.agency_a)) == [late]


def test_an_interpretation_links_both_ways_and_is_flagged_when_later(personas: Personas) -> None:
    p = personas
    policy = published(
        p.officer_a, p.reviewer_a, p.agency_a, kind=DocumentKind.NORMATIVE,
        document_number="瓯财〔2025〕3号", on=dt.date(2025, 3, 10),
    )  # fmt: skip
    same_day = published(
        p.officer_a, p.reviewer_a, p.agency_a, kind=DocumentKind.INTERPRETATION,
        interprets=policy, title="《规则》政策解读", on=dt.date(2025, 3, 10),
    )  # fmt: skip
    later = published(
        p.officer_a, p.reviewer_a, p.agency_a, kind=DocumentKind.INTERPRETATION,
        interprets=policy, title="《规则》图解", on=dt.date(2025, 3, 20),
    )  # fmt: skip
    assert set(policy.interpretations.all()) == {same_day, later}
    assert same_day.interprets == policy
    assert not same_day.interpretation_late
    assert later.interpretation_late
    with pytest.raises(ValidationError):
        draft(p.officer_a, p.agency_a, kind=DocumentKind.INTERPRETATION)


def test_repeal_keeps_the_item_visible_and_feeds_the_counts(personas: Personas) -> None:
    p = personas
    old = published(
        p.officer_a, p.reviewer_a, p.agency_a, kind=DocumentKind.NORMATIVE,
        written_on=dt.date(2024, 5, 6), on=dt.date(2024, 5, 8),
    )  # fmt: skip
    new = published(
        p.officer_a, p.reviewer_a, p.agency_a, kind=DocumentKind.NORMATIVE,
        title="关于废止部分规范性文件的决定", on=dt.date(2025, 3, 10),
    )  # fmt: skip
    published(p.officer_a, p.reviewer_a, p.agency_a, kind=DocumentKind.RULES)
    assert old.validity == Validity.IN_FORCE
    with pytest.raises(ValidationError):  # a repeal names what repeals it
        actions.change_validity(
            actor=p.officer_a, publication=old, validity=Validity.REPEALED, on=dt.date(2025, 4, 1)
        )
    actions.change_validity(
        actor=p.officer_a, publication=old, validity=Validity.REPEALED, on=dt.date(2025, 4, 1),
        by=new,
    )  # fmt: skip
    old.refresh_from_db()
    assert old.validity == Validity.REPEALED
    assert old.validity_changed_by == new
    assert public_publications().filter(pk=old.pk).exists()
    counts_2024 = queries.normative_counts(p.agency_a, 2024)
    counts_2025 = queries.normative_counts(p.agency_a, 2025)
    assert counts_2024["normative"] == queries.NormativeCount(
        issued=1, repealed=0, in_force=1, made=1, published=1, total=1
    )
    assert counts_2025["normative"] == queries.NormativeCount(
        issued=1, repealed=1, in_force=1, made=1, published=1, total=2
    )
    assert counts_2025["rules"] == queries.NormativeCount(
        issued=1, repealed=0, in_force=1, made=1, published=1, total=1
    )
    assert queries.normative_counts(p.agency_b, 2025)["normative"].issued == 0


def test_the_2019_columns_count_made_by_date_written_and_published_by_date_published(
    personas: Personas,
) -> None:
    p = personas
    # Signed in late December, published in January: made in 2024, published in 2025.
    published(
        p.officer_a, p.reviewer_a, p.agency_a, kind=DocumentKind.NORMATIVE,
        written_on=dt.date(2024, 12, 20), on=dt.date(2025, 1, 6),
    )  # fmt: skip
    withdrawn = published(
        p.officer_a, p.reviewer_a, p.agency_a, kind=DocumentKind.NORMATIVE,
        written_on=dt.date(2024, 3, 1), on=dt.date(2024, 3, 5),
    )  # fmt: skip
    actions.withdraw(actor=p.officer_a, publication=withdrawn, reason="错发")
    y2024 = queries.normative_counts(p.agency_a, 2024)["normative"]
    y2025 = queries.normative_counts(p.agency_a, 2025)["normative"]
    assert (y2024.made, y2024.published, y2024.total) == (1, 0, 0)
    assert (y2025.made, y2025.published, y2025.total) == (0, 1, 1)
    assert y2025.issued == y2025.published


def test_the_body_is_sanitised_and_kept_as_text_for_search(personas: Personas) -> None:
    item = draft(
        personas.officer_a,
        personas.agency_a,
        body='<p onclick="x()">第一条&nbsp;规则<script>alert(1)</script></p><img src=x>',
    )
    assert "script" not in item.body and "onclick" not in item.body and "img" not in item.body
    assert "第一条" in item.body_text and "alert" not in item.body_text


def test_attachment_text_is_extracted_from_docx(
    personas: Personas, tmp_path: Path, settings: Any
) -> None:
    import io

    import docx

    settings.MEDIA_ROOT = tmp_path
    document = docx.Document()
    document.add_paragraph("附件：行政复议申请书格式文本")
    buffer = io.BytesIO()
    document.save(buffer)
    item = draft(personas.officer_a, personas.agency_a)
    attachment = actions.add_attachment(
        actor=personas.officer_a, publication=item, name="申请书.docx", content=buffer.getvalue()
    )
    assert "申请书格式文本" in attachment.text
    assert attachment.file.name
    assert (tmp_path / attachment.file.name).exists()


def test_article_20_figures_are_validated_and_record_who(personas: Personas) -> None:
    p = personas
    record = actions.record_figures(
        actor=p.officer_a, agency=p.agency_a, year=2025,
        figures={"licensing": "12", "penalties": 3, "fees": "1,234.5万元"},
    )  # fmt: skip
    assert (record.licensing, record.penalties, str(record.fees)) == (12, 3, "1234.5")
    assert record.entered_by == p.officer_a
    for bad in ({"licensing": "-1"}, {"penalties": "2.5"}, {"fees": "很多"}):
        with pytest.raises(ValidationError):
            actions.record_figures(actor=p.officer_a, agency=p.agency_a, year=2025, figures=bad)
    with pytest.raises(PermissionDenied):
        actions.record_figures(actor=p.officer_b, agency=p.agency_a, year=2025, figures={})
    rows = [(2, {"机构": p.agency_a.name, "年度": "2024", "enforcement": "7"})]
    [imported] = actions.import_figures(actor=p.officer_a, rows=rows, source="figures.csv")
    assert imported.enforcement == 7 and imported.year == 2024


def test_publish_refuses_a_withdrawn_or_draft_item(personas: Personas) -> None:
    p = personas
    item = published(p.officer_a, p.reviewer_a, p.agency_a)
    actions.withdraw(actor=p.officer_a, publication=item, reason="内容有误")
    assert not public_publications().filter(pk=item.pk).exists()
    with pytest.raises(ValidationError):
        publish(p.officer_a, p.reviewer_a, item)


def test_unpublished_items_past_their_twenty_working_days_are_flagged(personas: Personas) -> None:
    p = personas
    waiting = draft(p.officer_a, p.agency_a, written_on=dt.date(2025, 9, 26))
    assert queries.overdue_drafts(p.agency_a, dt.date(2025, 10, 30)) == []
    assert queries.overdue_drafts(p.agency_a, dt.date(2025, 10, 31)) == [waiting]


def test_article_20_figures_import_reads_chinese_column_headers(personas: Personas) -> None:
    p = personas
    row = {
        "机构": p.agency_a.name, "年度": "2024", "行政许可": "12", "行政处罚 ": "3",
        "行政强制": "1", "行政事业性收费（万元）": "4.5", "行政许可事项增/减": "-2",
        "其他对外管理服务事项": "6", "政府集中采购（单位：万元）": "88.25",
    }  # fmt: skip
    [saved] = actions.import_figures(actor=p.officer_a, rows=[(2, row)], source="表.xlsx")
    assert (saved.licensing, saved.penalties, saved.enforcement) == (12, 3, 1)
    assert (str(saved.fees), saved.licensing_change, saved.other_services) == ("4.5", -2, 6)
    assert str(saved.procurement) == "88.25"
    assert actions.figure_field("licensing") == "licensing"
    assert actions.figure_field("备注") is None


def test_an_interpretation_records_its_form_and_only_an_interpretation_has_one(
    personas: Personas,
) -> None:
    from gongkai.publications.choices import DocumentKind, InterpretationForm

    p = personas
    policy = published(p.officer_a, p.reviewer_a, p.agency_a, kind=DocumentKind.NORMATIVE)
    video = draft(
        p.officer_a, p.agency_a, title="视频解读：《瓯海区行政复议工作规则》",
        kind=DocumentKind.INTERPRETATION, interprets=policy,
        interpretation_form=InterpretationForm.VIDEO,
    )  # fmt: skip
    assert video.get_interpretation_form_display() == "视频解读"
    assert len(InterpretationForm.choices) == 6
    with pytest.raises(ValidationError, match="解读"):
        draft(p.officer_a, p.agency_a, interpretation_form=InterpretationForm.GRAPHIC)
