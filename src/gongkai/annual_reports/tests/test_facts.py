"""The catalog's figures for the report's （一）: named as the report names them, not as the UI
translates the catalog's choices."""

from __future__ import annotations

import pytest

from gongkai.annual_reports.facts import catalog_facts
from gongkai.conftest import Personas
from gongkai.core.report.facts import INTERPRETATION_FORMS
from gongkai.publications.choices import InterpretationForm


def test_every_form_of_interpretation_has_its_name_in_the_report() -> None:
    assert list(INTERPRETATION_FORMS) == list(InterpretationForm.values)


@pytest.mark.django_db
def test_the_forms_are_named_officially_whatever_the_language(personas: Personas) -> None:
    from django.utils import translation

    with translation.override("en"):
        facts = catalog_facts(personas.agency_a, [personas.agency_a.pk], 2025)
    assert facts.interpretations == tuple((name, 0) for name in INTERPRETATION_FORMS.values())


@pytest.mark.django_db
def test_one_definition_of_an_interpretation_for_the_report_and_the_policies_page(
    personas: Personas,
) -> None:
    """``publications.queries.interpretations``: the kind (linked to its policy) or the 体裁 解读
    (an imported interpretation not linked yet); the report counts both, /policies/ lists both."""
    import datetime as dt

    from django.test import Client

    from gongkai.core.report.facts import UNFORMED_INTERPRETATIONS
    from gongkai.publications.choices import DocumentKind
    from gongkai.publications.models import Genre
    from gongkai.publications.queries import interpretations
    from gongkai.publications.tests.factories import published

    p, on = personas, dt.date(2025, 6, 2)
    genre = Genre.objects.get(name="解读", agency=None)
    policy = published(p.officer_a, p.reviewer_a, p.agency_a, title="某某管理办法", on=on)
    linked = published(
        p.officer_a, p.reviewer_a, p.agency_a, title="《某某管理办法》图解", on=on,
        kind=DocumentKind.INTERPRETATION, interprets=policy,
        interpretation_form=InterpretationForm.GRAPHIC,
    )  # fmt: skip
    unlinked = published(
        p.officer_a, p.reviewer_a, p.agency_a, title="导入的解读（尚未关联政策）", on=on,
        genre=genre,
    )  # fmt: skip
    assert set(interpretations()) == {linked, unlinked}
    counted = catalog_facts(p.agency_a, [p.agency_a.pk], 2025).interpretations
    assert counted is not None
    facts = dict(counted)
    assert facts[INTERPRETATION_FORMS[InterpretationForm.GRAPHIC]] == 1
    assert facts[UNFORMED_INTERPRETATIONS] == 1
    assert sum(facts.values()) == 2
    page = Client().get("/policies/").content.decode()
    assert linked.title in page and unlinked.title in page
