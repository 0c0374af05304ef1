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
