"""Page cache of the public site: anonymous GETs served from the cache, never a stale page.

What is cached: a 200 answer to a GET of a public page (``PUBLIC_PREFIXES``, never
the console, the API, the admin, applying, tracking or an account page) from a visitor who
carries no session, CSRF or messages cookie, when the answer sets no cookie, is not streamed
and does not say ``private``/``no-store``. Whoever is signed in, or has begun a form, always
gets a freshly rendered page.

Where: Django's cache framework, ``CACHES["default"]``: local memory in each server process by
default; Redis when ``GONGKAI_CACHE_URL`` names one (Django's own backend), shared by every
process and machine.

Keys: the path and only the query parameters the page's view reads (``reads``); any other is
dropped before the view runs, so junk parameters neither miss nor fill the cache.

Never stale: every key carries the site's *version*. Any write to a model the public pages show
(items, reports, agencies, catalog terms: ``SHOWN_APPS``) bumps it — at once and again when its
transaction commits, so a page rendered from the old rows in between is not kept. (A write that
bypasses the models' signals — ``bulk_create``, ``update()`` — sends
``publications.signals.written_in_bulk``, which bumps it too.)
Without Redis the version lives in a file in the data directory, read on every request (one
``stat``), so every worker process and ``gongkai`` command on the machine sees a bump at once.
The date is in the key too (what is public may depend on it) and entries expire after
``GONGKAI_PAGE_CACHE_SECONDS``.

Browsers revalidate: every cacheable answer carries an ``ETag`` (a hash of the body) and
``Last-Modified`` with ``Cache-Control: no-cache``; a conditional GET that matches gets 304.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_init, post_save
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, QueryDict
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import get_language_from_request

from gongkai.publications.models.participation import CommentStatus, ConsultationComment
from gongkai.publications.signals import written_in_bulk

# Public pages: everything under these path prefixes, and the home page itself.
PUBLIC_PREFIXES = (
    *("/catalog/", "/reports/", "/guide/", "/units/", "/policies/", "/standard/", "/sitemap"),
    *("/consultations/", "/gazette/", "/rules/"),
    "/assessments/",  # 考核细则 and results (portal/assessments.py)
    *("/about/", "/apply/notice/"),  # portal/about.py (its summary of results: never cached)
)
NEVER = ("/catalog/agency/",)  # feeds: small, and conditional GET of their own
# Apps whose rows the public pages show: a write to any of their models bumps the version.
SHOWN_APPS = frozenset({"publications", "annual_reports", "agencies"})
# Models of those apps no public page shows (written on every sign-in or lookup).
NOT_SHOWN = frozenset(
    {"auditevent", "failedattempt", "loginfailure", "membership", "user"}
    | {"staticdevice", "statictoken", "totpdevice"}
    # timelines are staff-only; a comment is shown only while approved (_comment_written)
    | {"consultationevent", "gazetteevent", "consultationcomment"}
)
# Models of other apps a public page shows: the 考核 schemes and scores (/assessments/).
SHOWN_MODELS = frozenset({("supervision", "scheme"), ("supervision", "score")})
VERSION_KEY = "gongkai:page-version"


def enabled() -> bool:
    return bool(getattr(settings, "GONGKAI_PAGE_CACHE_SECONDS", 0))


def _shared() -> bool:
    """Whether the cache is one for every process (Redis), not each process's own memory."""
    backend = str(settings.CACHES["default"]["BACKEND"])
    return "locmem" not in backend and "dummy" not in backend


def _version_file() -> Path:
    return Path(settings.DATA_DIR) / "page-cache-version"


def version() -> str:
    if _shared():
        return str(cache.get_or_set(VERSION_KEY, secrets.token_hex(8), timeout=None))
    try:
        stat = os.stat(_version_file())
    except FileNotFoundError:
        return "0"
    return f"{stat.st_ino}.{stat.st_mtime_ns}"


def bump() -> None:
    """A new version: every cached page is stale from now on (they expire by themselves)."""
    if _shared():
        cache.set(VERSION_KEY, secrets.token_hex(8), timeout=None)
        return
    path = _version_file()
    fresh = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fresh.write_text(secrets.token_hex(8), encoding="ascii")
    os.replace(fresh, path)  # a new inode: a reader never sees the old version again


def _bump_on_commit() -> None:
    bump()


def bump_now_and_on_commit() -> None:
    bump()
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    # One bump at commit however many rows the transaction writes (a demo build writes 10⁴).
    if not any(entry[1] is _bump_on_commit for entry in connection.run_on_commit):
        transaction.on_commit(_bump_on_commit)


def _written(sender: type, **kwargs: Any) -> None:
    meta = sender._meta  # type: ignore[attr-defined]
    if (meta.app_label in SHOWN_APPS and meta.model_name not in NOT_SHOWN) or (
        meta.app_label,
        meta.model_name,
    ) in SHOWN_MODELS:
        bump_now_and_on_commit()


def _comment_loaded(sender: type, instance: ConsultationComment, **kwargs: Any) -> None:
    instance._status_shown = instance.__dict__.get("status")  # type: ignore[attr-defined]


def _comment_written(sender: type, instance: ConsultationComment, **kwargs: Any) -> None:
    """A comment is on a public page only while approved: a pending one arriving (anyone may
    post one) leaves every cached page as it is; approving, un-approving, answering or deleting
    an approved one bumps."""
    was = getattr(instance, "_status_shown", None)
    now = instance.__dict__.get("status")
    if CommentStatus.APPROVED in (was, now):
        bump_now_and_on_commit()
    instance._status_shown = now  # type: ignore[attr-defined]


def connect() -> None:
    """Called from the portal's ``ready()``: every process (server, worker, command) bumps."""
    post_save.connect(_written, dispatch_uid="gongkai-page-cache-save")
    post_delete.connect(_written, dispatch_uid="gongkai-page-cache-delete")
    written_in_bulk.connect(_written, dispatch_uid="gongkai-page-cache-bulk")
    post_init.connect(_comment_loaded, sender=ConsultationComment, dispatch_uid="gk-pc-comment")
    for signal, uid in ((post_save, "gk-pc-comment-save"), (post_delete, "gk-pc-comment-del")):
        signal.connect(_comment_written, sender=ConsultationComment, dispatch_uid=uid)


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method != "GET":
        return False
    path = request.path
    if path != "/" and (not path.startswith(PUBLIC_PREFIXES) or path.startswith(NEVER)):
        return False
    cookies = request.COOKIES
    private = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages")
    return not any(name in cookies for name in private)


def _cacheable_response(response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "")
    return "private" not in control and "no-store" not in control


def reads[V: Callable[..., Any]](*names: str) -> Callable[[V], V]:
    """Marks a public view with the query parameters it reads (its ``ParamsForm``'s fields).

    The cache keys its pages by the path and those parameters only; any other parameter is
    dropped from the request before the view runs, so ``?junk=N`` is the same page and the same
    entry, never a miss that renders and fills the cache. A view not marked reads none.
    """

    def mark(view: V) -> V:
        view.page_params = frozenset(names)  # type: ignore[attr-defined]
        return view

    return mark


def _known_query(request: HttpRequest) -> str:
    """The query string the page is rendered from: the view's parameters, sorted by name."""
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return ""  # a 404 is never cached
    known: frozenset[str] = getattr(view, "page_params", frozenset())
    kept = QueryDict(mutable=True)
    for name in sorted(request.GET):
        if name in known:
            kept.setlist(name, request.GET.getlist(name))
    query = kept.urlencode()
    if len(kept) != len(request.GET):  # the view sees only what the key holds
        kept._mutable = False
        request.GET = kept  # type: ignore[assignment]
        request.META["QUERY_STRING"] = query
    return query


def _key(request: HttpRequest) -> str:
    raw = "|".join(
        (
            version(),
            timezone.localdate().isoformat(),
            get_language_from_request(request),
            request.path,
            _known_query(request),
        )
    )
    return "gongkai:page:" + hashlib.sha256(raw.encode()).hexdigest()


def _mark(response: HttpResponse, etag: str, modified: float) -> HttpResponse:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    response["Cache-Control"] = "no-cache"  # the browser may keep it, and asks again each time
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    return response


def _not_modified(request: HttpRequest, etag: str, modified: float) -> bool:
    match = request.META.get("HTTP_IF_NONE_MATCH")
    if match is not None:
        return etag in [t.strip() for t in match.split(",")] or match.strip() == "*"
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and int(modified) <= since


def _answer(request: HttpRequest, entry: tuple[bytes, dict[str, str], str, float]) -> HttpResponse:
    body, headers, etag, modified = entry
    if _not_modified(request, etag, modified):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(body)
    for name, value in headers.items():
        response[name] = value
    return _mark(response, etag, modified)


def page_cache(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[..., HttpResponse]:
    """The middleware: placed before the session, so a hit costs no session or user lookup."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if not enabled() or not _cacheable_request(request):
            return get_response(request)
        key = _key(request)
        entry = cache.get(key)
        if entry is not None:
            return _answer(request, entry)
        response = get_response(request)
        if not _cacheable_response(response):
            return response
        body = response.content
        etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
        modified = timezone.now().timestamp()
        headers = {
            name: value
            for name, value in response.items()
            if name.lower() in ("content-type", "content-language", "x-robots-tag")
        }
        cache.set(key, (body, headers, etag, modified), settings.GONGKAI_PAGE_CACHE_SECONDS)
        return _answer(request, (body, headers, etag, modified))

    return middleware
