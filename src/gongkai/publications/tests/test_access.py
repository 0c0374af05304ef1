"""Persona tests: drafts are invisible to the public and to other agencies (404, never 403)."""

from __future__ import annotations

import pytest
from django.http import Http404

from gongkai.agencies.access import C, can
from gongkai.conftest import PERSONA_NAMES, Personas
from gongkai.publications.access import (
    can_draft,
    get_publication_for_viewer,
    staff_publications,
)
from gongkai.publications.tests.factories import draft, published

# Who may read agency A's unpublished items: its staff, the supervisor above it, the platform.
READS_A_DRAFTS = {"officer_a", "reviewer_a", "head_a", "admin_a", "supervisor", "platform_admin"}


@pytest.mark.parametrize("name", PERSONA_NAMES)
def test_a_draft_is_visible_only_to_those_who_read_the_agency(
    personas: Personas, name: str
) -> None:
    item = draft(personas.officer_a, personas.agency_a)
    viewer = personas.named(name)
    if name in READS_A_DRAFTS:
        assert get_publication_for_viewer(viewer, item.pk) == item
        assert item in staff_publications(viewer)
    else:
        with pytest.raises(Http404):
            get_publication_for_viewer(viewer, item.pk)
        assert item not in staff_publications(viewer)


@pytest.mark.parametrize("name", PERSONA_NAMES)
def test_a_published_item_is_visible_to_everyone(personas: Personas, name: str) -> None:
    item = published(personas.officer_a, personas.reviewer_a, personas.agency_a)
    assert get_publication_for_viewer(personas.named(name), item.pk) == item


@pytest.mark.parametrize("name", PERSONA_NAMES)
def test_only_the_agencys_officers_draft_and_only_its_reviewers_review(
    personas: Personas, name: str
) -> None:
    viewer = personas.named(name)
    assert can_draft(viewer, personas.agency_a) == (name == "officer_a")
    assert can(viewer, C.REVIEW_PUBLICATIONS, personas.agency_a) == (name == "reviewer_a")


def test_a_missing_or_malformed_id_is_a_404(personas: Personas) -> None:
    for bad in (999999, "abc", None):
        with pytest.raises(Http404):
            get_publication_for_viewer(personas.anonymous, bad)  # type: ignore[arg-type]
