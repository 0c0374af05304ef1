"""Chinese search on the real backend (SQLite FTS5 or PostgreSQL tsvector, whichever runs)."""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from gongkai.conftest import Personas
from gongkai.publications import actions, search
from gongkai.publications.choices import DocumentKind, Validity
from gongkai.publications.tests.factories import draft, published
from gongkai.publications.tokens import index_tokens, query_tokens


def test_tokens_are_unigrams_and_bigrams_of_han_runs_and_words_otherwise() -> None:
    assert index_tokens("行政复议 PDF２０２５") == [
        "行", "政", "复", "议", "行政", "政复", "复议", "pdf2025",
    ]  # fmt: skip
    assert query_tokens("税") == ["税"]
    assert query_tokens("复议") == ["复议"]
    assert query_tokens("行政复议") == ["行政", "政复", "复议"]


@pytest.fixture
def catalog(personas: Personas) -> dict[str, object]:
    p = personas
    tax = published(
        p.officer_a, p.reviewer_a, p.agency_a, title="关于减免小微企业税费的通知",
        summary="税费减免政策。", body="<p>对小微企业减半征收。</p>", on=dt.date(2025, 3, 10),
    )  # fmt: skip
    review = published(
        p.officer_a, p.reviewer_a, p.agency_a, title="行政复议工作规则",
        kind=DocumentKind.NORMATIVE, body="<p>申请人可以申请行政复议。</p>",
        on=dt.date(2024, 6, 3), written_on=dt.date(2024, 6, 3),
    )  # fmt: skip
    body_only = published(
        p.officer_a, p.reviewer_a, p.agency_a, title="年度工作要点",
        summary="", body="<p>做好行政复议应诉工作。</p>", on=dt.date(2025, 3, 11),
    )  # fmt: skip
    secret = draft(p.officer_a, p.agency_a, title="行政复议草稿（未公开）")
    other = published(
        p.officer_b, _reviewer_b(p), p.agency_b, title="鹿城区复议通告", summary="",
        body="<p>见附件。</p>", on=dt.date(2025, 3, 12),
    )  # fmt: skip
    return {"tax": tax, "review": review, "body_only": body_only, "secret": secret, "other": other}


def _reviewer_b(p: Personas):  # type: ignore[no-untyped-def]
    from gongkai.agencies.choices import Role
    from gongkai.agencies.tests.factories import make_user

    return make_user("reviewer_b", (p.agency_b, Role.REVIEWER))


def _ids(page: search.SearchPage) -> list[int]:
    return [h.publication.pk for h in page.hits]


def test_one_character_queries_find_items(catalog: dict) -> None:  # type: ignore[type-arg]
    assert _ids(search.search("税")) == [catalog["tax"].pk]


def test_two_character_queries_rank_title_matches_first_and_skip_drafts(catalog: dict) -> None:  # type: ignore[type-arg]
    ids = _ids(search.search("复议"))
    assert catalog["secret"].pk not in ids
    assert set(ids) == {catalog["review"].pk, catalog["body_only"].pk, catalog["other"].pk}
    assert ids.index(catalog["review"].pk) < ids.index(catalog["body_only"].pk)


def test_longer_queries_and_highlighting(catalog: dict) -> None:  # type: ignore[type-arg]
    page = search.search("行政复议")
    assert set(_ids(page)) == {catalog["review"].pk, catalog["body_only"].pk}
    hit = next(h for h in page.hits if h.publication.pk == catalog["review"].pk)
    assert hit.title_html == "<mark>行政复议</mark>工作规则"
    assert "<mark>行政复议</mark>" in next(
        h.snippet_html for h in page.hits if h.publication.pk == catalog["body_only"].pk
    )
    assert search.search("不存在的词").hits == []
    assert search.search("  ").hits == []


@pytest.mark.parametrize("few", [20_000, 0], ids=["filter first", "buckets first"])
def test_filters_narrow_by_agency_year_and_validity(
    catalog: dict,  # type: ignore[type-arg]
    personas: Personas,
    monkeypatch: pytest.MonkeyPatch,
    few: int,
) -> None:
    # PostgreSQL tests a filter's few items one by one, or walks the buckets (bounded by the
    # year's ids) when the filter allows many: both must give the same answer.
    monkeypatch.setattr(search, "FILTER_FIRST", few)
    a = personas.agency_a.pk
    assert set(_ids(search.search("复议", search.Filters(agency_id=a)))) == {
        catalog["review"].pk,
        catalog["body_only"].pk,
    }
    assert _ids(search.search("复议", search.Filters(year=2024))) == [catalog["review"].pk]
    assert _ids(search.search("复议", search.Filters(validity=Validity.IN_FORCE))) == [
        catalog["review"].pk
    ]
    assert _ids(search.search("复议", search.Filters(year=2019))) == []
    assert _ids(search.search("复", search.Filters(year=2025, agency_id=a))) == [
        catalog["body_only"].pk
    ]


def test_pages_are_stable_and_complete(personas: Personas) -> None:
    p = personas
    made = {
        published(p.officer_a, p.reviewer_a, p.agency_a, title=f"复议第{i}号").pk for i in range(7)
    }
    pages = [search.search("复议", page=n, per_page=3) for n in (1, 2, 3)]
    seen = [pk for page in pages for pk in _ids(page)]
    assert sorted(seen) == sorted(made) and len(seen) == 7
    assert pages[0].total == 7 and pages[0].pages == 3
    assert _ids(search.search("复议", page=2, per_page=3)) == _ids(pages[1])


def test_a_withdrawn_item_leaves_the_index_and_attachment_text_is_searched(
    personas: Personas, tmp_path: Path, settings: Any
) -> None:
    p = personas
    settings.MEDIA_ROOT = tmp_path
    item = draft(p.officer_a, p.agency_a, title="通知")
    actions.add_attachment(
        actor=p.officer_a, publication=item, name="附件.txt", content="征地补偿标准表".encode()
    )
    from gongkai.publications.tests.factories import publish

    publish(p.officer_a, p.reviewer_a, item)
    assert _ids(search.search("补偿")) == [item.pk]
    actions.withdraw(actor=p.officer_a, publication=item, reason="错发")
    assert _ids(search.search("补偿")) == []


@pytest.mark.django_db
def test_postgresql_runs_with_a_utf8_ctype() -> None:
    """Chinese text needs a UTF-8 ctype on PostgreSQL (upper/lower, pg_trgm if ever used)."""
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"
        with connection.cursor() as cursor:
            cursor.execute("SELECT sqlite_compileoption_used('ENABLE_FTS5')")
            assert cursor.fetchone()[0] == 1
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT datctype FROM pg_database WHERE datname = current_database()")
        (ctype,) = cursor.fetchone()
    assert ctype.replace("-", "").lower().endswith("utf8"), ctype


def _jump_ids_to(start: int) -> None:
    """The next item gets id ``start`` (as if many items had been published in between)."""
    from gongkai.publications.models import Publication

    table = Publication._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), %s)", [start - 1]
            )
        else:
            cursor.execute(
                "UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [start - 1, table]
            )


def test_the_newest_matches_are_found_when_older_id_buckets_have_to_be_searched(
    personas: Personas,
) -> None:
    p = personas
    width = 1 << search.PG_BUCKET_BITS
    made = []
    # Matches in buckets 0, 2, 5 and 60: PostgreSQL searches the newest bucket, then the next
    # three, then twelve, then the rest; SQLite walks its index in id order directly.
    for bucket in (0, 2, 5, 60):
        _jump_ids_to(bucket * width + 3)
        made += [
            published(p.officer_a, p.reviewer_a, p.agency_a, title=f"复议第{bucket}-{i}号").pk
            for i in range(2)
        ]
    published(p.officer_a, p.reviewer_a, p.agency_a, title="无关通知", summary="", body="")
    newest = sorted(made, reverse=True)
    assert search.ranked_ids("复议", window=3) == newest[:3]
    assert search.ranked_ids("复议", window=100) == newest
    assert search.ranked_ids("复", window=5) == newest[:5]
    assert search.ranked_ids("无关") == [made[-1] + 1]


def test_the_bucket_width_is_the_one_the_migration_built_the_index_with() -> None:
    migration = importlib.import_module("gongkai.publications.migrations.0004_search_buckets")
    assert migration.BUCKET_BITS == search.PG_BUCKET_BITS
