"""The query strings of the gazette, the interpretations hub and the consultations' list are
validated (``agencies.params``): a refused value answers 400 naming it, never a 500."""

from __future__ import annotations

import pytest
from django.test import Client

from gongkai.conftest import Personas


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/gazette/", "year=²"),
        ("/gazette/", "year=99999999999999999999"),
        ("/gazette/", "year=2025&year=2024"),
        ("/policies/", "form=zzz"),
        ("/policies/", "page=²"),
        ("/consultations/", "page=²"),
        ("/consultations/", "page=-1"),
    ],
)
def test_a_refused_parameter_answers_400_with_a_message(
    personas: Personas, path: str, query: str
) -> None:
    response = Client(raise_request_exception=False).get(f"{path}?{query}")
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


@pytest.mark.parametrize("path", ["/gazette/?year=2025", "/policies/?form=press&page=2"])
def test_a_valid_parameter_is_no_error(personas: Personas, path: str) -> None:
    assert Client().get(path).status_code == 200
