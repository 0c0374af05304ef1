"""schemathesis over every operation of /api/openapi.json, anonymous and with a staff token.

A bounded run (a few dozen examples an operation, positive and negative data, against the
WSGI application in the test database): no server error, every status, content type and body
as documented, invalid input refused. The bigger run is by hand (CONTRIBUTING.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from gongkai.agencies import tokens
from gongkai.api.api import api
from gongkai.cases.tests.factories import online_case
from gongkai.conftest import Personas
from gongkai.publications.tests.factories import published
from gongkai.site.wsgi import application

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
    ignored_auth,
]
EXAMPLES = 25


def _operations() -> list[tuple[str, str]]:
    document = api.get_openapi_schema()
    return [(method.upper(), path) for path, ops in document["paths"].items() for method in ops]


@pytest.fixture
def api_schema(personas: Personas) -> Iterator[Any]:
    """The live schema, with something to find: a public item and an application of A's.

    The real WSGI handler closes the database connection when a request ends; inside the test's
    transaction that would close it under the test (PostgreSQL), so — as Django's test client
    does — connections are left open while the fuzzer calls the application.
    """
    published(personas.officer_a, personas.reviewer_a, personas.agency_a, title="财政预算公开")
    online_case(personas.agency_a, dt.date(2025, 9, 26))
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _fuzz(schema: Any, method: str, path: str, headers: dict[str, str]) -> None:
    operation = schema[path][method]
    strategy = st.one_of(
        operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
        operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
    )

    @given(case=strategy)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        # The same examples on every run: a CI run fails only on what the code changed. The
        # token is added to every call, so a random negative case that also "drops" the
        # Authorization header is not negative at all (the bigger random run is by hand).
        derandomize=True,
    )
    def run(case: Any) -> None:
        case.call_and_validate(headers=headers, checks=CHECKS)

    run()


@pytest.mark.parametrize(("method", "path"), _operations())
def test_every_operation_answers_as_documented_to_anyone(
    api_schema: Any, method: str, path: str
) -> None:
    _fuzz(api_schema, method, path, {})


@pytest.mark.parametrize(("method", "path"), _operations())
def test_every_operation_answers_as_documented_to_staff(
    api_schema: Any, personas: Personas, method: str, path: str
) -> None:
    token = tokens.issue(personas.officer_a)
    _fuzz(api_schema, method, path, {"Authorization": f"Bearer {token}"})
