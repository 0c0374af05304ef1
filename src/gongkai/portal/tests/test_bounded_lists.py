"""Anonymous lists are bounded: a consultation's comments and the rules a page at a time, the
standard catalog's newest few items a row fetched by the query itself."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db.models.signals import post_init
from django.test import Client

from gongkai.conftest import Personas
from gongkai.portal import columns, consultations, rules
from gongkai.publications import actions as catalog_actions
from gongkai.publications.models import CatalogItem, ConsultationComment, Domain, Genre, Publication
from gongkai.publications.models.participation import CommentStatus
from gongkai.publications.tests.factories import published
from gongkai.publications.tests.participation_factories import opened


def test_a_consultations_comments_come_a_page_at_a_time(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(consultations, "COMMENTS_PER_PAGE", 2)
    found = opened(personas.officer_a, personas.agency_a)
    ConsultationComment.objects.bulk_create(
        ConsultationComment(
            consultation=found, body=f"第{n}条意见", token=f"t{n}", status=CommentStatus.APPROVED
        )
        for n in range(1, 4)
    )
    first = Client().get(f"/consultations/{found.pk}/").content.decode()
    assert "第1条意见" in first and "第2条意见" in first and "第3条意见" not in first
    second = Client().get(f"/consultations/{found.pk}/?page=2").content.decode()
    assert "第3条意见" in second and "第1条意见" not in second
    assert Client().get(f"/consultations/{found.pk}/?page=²").status_code == 400


def test_the_rules_come_a_page_at_a_time(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rules, "PER_PAGE", 2)
    p = personas
    genre = catalog_actions.add_term(
        actor=p.officer_a, agency=p.agency_a, vocabulary=Genre, name="制度"
    )
    for n, day in enumerate((1, 2, 3), start=1):
        published(
            p.officer_a, p.reviewer_a, p.agency_a, title=f"第{n}项制度", genre=genre,
            on=dt.date(2025, 4, day),
        )  # fmt: skip
    first = Client().get("/rules/").content.decode()
    assert "第3项制度" in first and "第2项制度" in first and "第1项制度" not in first
    assert "第1项制度" in Client().get("/rules/?page=2").content.decode()
    assert Client().get("/rules/?page=abc").status_code == 400


def test_a_catalog_row_loads_only_its_newest_items(personas: Personas) -> None:
    p = personas
    row = CatalogItem.objects.create(
        agency=p.agency_a, domain=Domain.objects.get(name="财政预决算", agency=None), number=1,
        matter="财政预算", submatter="部门预算",
    )  # fmt: skip
    for day in range(1, columns.SHOWN_PER_ROW + 3):
        published(
            p.officer_a, p.reviewer_a, p.agency_a, title=f"预算公开{day}", on=dt.date(2025, 4, day)
        ).catalog_items.add(row)
    loaded: list[Any] = []

    def count(sender: type, instance: Publication, **kwargs: Any) -> None:
        loaded.append(instance.pk)

    post_init.connect(count, sender=Publication)
    try:
        shown = columns._columns(p.agency_a)
    finally:
        post_init.disconnect(count, sender=Publication)
    titles = [item.title for item in shown[0][1][0][1]]
    newest = columns.SHOWN_PER_ROW + 2
    assert titles == [f"预算公开{day}" for day in range(newest, 2, -1)]
    assert len(loaded) == columns.SHOWN_PER_ROW  # not every filed item, then cut
