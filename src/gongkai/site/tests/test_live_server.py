"""The browser tests' live server on the SQLite default: a page and the requests it makes at
once (its images, a second tab) all answer, though they share the test's one in-memory
connection (conftest's ``_live_server_takes_turns_on_a_shared_connection``)."""

from __future__ import annotations

import urllib.request
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.conftest import Personas

pytestmark = pytest.mark.django_db(transaction=True)


def test_requests_at_once_each_with_a_session_saved_all_answer(
    personas: Personas, live_server: Any
) -> None:
    client = Client()
    client.force_login(personas.officer_a)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    url = live_server.url + reverse("console:home")

    def status(_: int) -> int:
        request = urllib.request.Request(url, headers={"Cookie": cookie})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:
            return error.code

    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(status, range(24)))
    assert answers == [200] * 24
