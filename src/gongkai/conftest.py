"""Personas shared by every app's tests: who is who in a small tree of agencies.

    温州市人民政府 (city)
    ├── 温州市瓯海区人民政府 (county: A's parent; ``supervisor`` works here)
    │   └── 温州市瓯海区财政局 (department: agency A)
    └── 温州市鹿城区人民政府 (county)
        └── 温州市鹿城区教育局 (department: agency B)

Later apps (cases, disputes …) reuse ``personas`` to test their rights the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.agencies.choices import AgencyKind, Role
from gongkai.agencies.models import Agency, User
from gongkai.agencies.tests.factories import make_agency, make_user


@pytest.fixture(scope="session", autouse=True)
def _own_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Each test session — each pytest-xdist worker (``make test`` runs one per core) — keeps
    its uploads and the page cache's version file in a data directory of its own: never the
    demo's ``var/``, and no worker's write makes another's cached pages stale mid-test."""
    from django.test.utils import override_settings

    data = tmp_path_factory.mktemp("data")
    with override_settings(DATA_DIR=data, MEDIA_ROOT=data / "media"):
        yield


@pytest.fixture(scope="session", autouse=True)
def _live_server_takes_turns_on_a_shared_connection() -> Iterator[None]:
    """On the SQLite default the test database lives in memory, and the live server's request
    threads all use the test's one connection (pytest-django passes it over). Two requests at
    once (a page and its preview image, each saving its session: SESSION_SAVE_EVERY_REQUEST)
    then open a transaction inside each other's ("cannot start a transaction within a
    transaction") and one of them answers 500. So each request's application call takes a
    lock while the connection is shared; on PostgreSQL each thread has its own and nothing
    waits. The threads stay (a kept-alive browser connection never blocks the others)."""
    import threading

    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.test.testcases import LiveServerThread

    class TakingTurns(ThreadedWSGIServer):
        def set_app(self, application: Any) -> None:
            if not self.connections_override:
                super().set_app(application)
                return
            turn = threading.Lock()

            def one_at_a_time(environ: Any, start_response: Any) -> Any:
                with turn:
                    return application(environ, start_response)

            super().set_app(one_at_a_time)

    original = LiveServerThread.server_class
    LiveServerThread.server_class = TakingTurns
    yield
    LiveServerThread.server_class = original


@pytest.fixture(scope="session")
def live_server(live_server: Any) -> Iterator[Any]:
    """pytest-django's live server, and on its way out every database connection opened while
    it ran closed. Playwright's sync API switches greenlets, each with its own context: a test's
    body may then open a connection of its own that no later code sees to close, and on
    PostgreSQL the test database could not be dropped ("is being accessed by other users")."""
    import threading
    import weakref

    from django.db.backends.signals import connection_created

    opened: weakref.WeakSet[Any] = weakref.WeakSet()

    def made(sender: Any, connection: Any, **kwargs: Any) -> None:
        opened.add(connection)

    connection_created.connect(made, weak=False)
    yield live_server
    connection_created.disconnect(made)
    for wrapper in list(opened):
        # (a request thread's own closed when its request did; the main thread's left open)
        if wrapper.connection is not None and wrapper._thread_ident == threading.get_ident():
            wrapper.close()


@pytest.fixture(autouse=True)
def _plain_static_files(settings: Any) -> Iterator[None]:
    """Pages render without ``collectstatic``: the manifest storage needs its manifest."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    yield


@pytest.fixture(autouse=True)
def _empty_page_cache() -> Iterator[None]:
    """Each test starts with no cached public page (the database was rolled back under it)."""
    from django.core.cache import cache

    cache.clear()
    yield


CHROMIUM = "/usr/bin/chromium"  # Debian's Chromium (never `playwright install`)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser() -> Iterator[Any]:
    """A real Chromium, driven by Playwright, for the browser tests (``-m browser``)."""
    import os

    # The live server's threads and Playwright's sync API share the process.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def signed_in(browser: Any, live_server: Any) -> Callable[[User | None], Any]:
    """A page of its own for ``user`` (signed in through a session cookie), or for a visitor."""
    from django.test import Client

    def page_for(user: User | None) -> Any:
        context = browser.new_context(
            locale="zh-CN", viewport={"width": 1100, "height": 900}, accept_downloads=True
        )
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies["sessionid"].value
            context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    return page_for


@pytest.fixture(autouse=True)
def _fresh_calendar() -> Iterator[None]:
    """Each test's calendar rows roll back with it: so must the process's cached calendar."""
    from gongkai.agencies.queries import forget_calendar

    forget_calendar()
    yield
    forget_calendar()


@pytest.fixture(autouse=True)
def _cheap_argon2(settings: Any) -> Iterator[None]:
    """Argon2 still, at test strength: production's 100 MB per hash makes sign-in tests crawl."""
    settings.PASSWORD_HASHERS = [
        "gongkai.agencies.tests.factories.TestArgon2PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]
    yield


@pytest.fixture(autouse=True)
def _second_factor_not_required(settings: Any) -> Iterator[None]:
    """Tests sign staff in with ``force_login``: no role is held to enrol a second factor
    unless a test asks (``settings.GONGKAI_REQUIRE_2FA``, as agencies/tests/test_two_factor.py)."""
    settings.GONGKAI_REQUIRE_2FA = frozenset()
    yield


@pytest.fixture(autouse=True)
def _cheap_challenge(settings: Any) -> Iterator[None]:
    """The anti-abuse proof-of-work at test strength (one or two tries; agencies/challenge.py)."""
    settings.GONGKAI_CHALLENGE_COST = 1
    yield


@dataclass
class Personas:
    city: Agency
    county_a: Agency  # agency A's parent government
    agency_a: Agency
    county_b: Agency
    agency_b: Agency
    officer_a: User
    reviewer_a: User
    head_a: User
    admin_a: User
    officer_b: User
    supervisor: User  # supervisor in A's parent government: reads A, acts on nothing
    platform_admin: User
    applicant: User  # a registered member of the public: no staff rights anywhere
    anonymous: AnonymousUser

    def named(self, name: str) -> User | AnonymousUser:
        value = getattr(self, name)
        assert isinstance(value, User | AnonymousUser), name
        return value


PERSONA_NAMES = (
    "officer_a",
    "reviewer_a",
    "head_a",
    "admin_a",
    "officer_b",
    "supervisor",
    "platform_admin",
    "applicant",
    "anonymous",
)


@pytest.fixture
def personas(db: None) -> Personas:
    city = make_agency("温州市人民政府", AgencyKind.CITY, short_name="温州")
    county_a = make_agency("温州市瓯海区人民政府", AgencyKind.COUNTY, city, short_name="瓯海")
    agency_a = make_agency("温州市瓯海区财政局", parent=county_a, short_name="瓯海财")
    county_b = make_agency("温州市鹿城区人民政府", AgencyKind.COUNTY, city, short_name="鹿城")
    agency_b = make_agency("温州市鹿城区教育局", parent=county_b, short_name="鹿城教")
    return Personas(
        city=city,
        county_a=county_a,
        agency_a=agency_a,
        county_b=county_b,
        agency_b=agency_b,
        officer_a=make_user("officer_a", (agency_a, Role.OFFICER), full_name="张经办"),
        reviewer_a=make_user("reviewer_a", (agency_a, Role.REVIEWER)),
        head_a=make_user("head_a", (agency_a, Role.HEAD)),
        admin_a=make_user("admin_a", (agency_a, Role.ADMIN)),
        officer_b=make_user("officer_b", (agency_b, Role.OFFICER)),
        supervisor=make_user("supervisor", (county_a, Role.SUPERVISOR)),
        platform_admin=make_user("platform_admin", platform_admin=True),
        applicant=make_user("applicant", staff=False),
        anonymous=AnonymousUser(),
    )
