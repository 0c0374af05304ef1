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


def test_phrases_are_checked_from_the_stored_tokens() -> None:
    from gongkai.publications.tokens import query_phrases

    assert query_phrases("社会保险 复议 税") == ["社会 会保 保险"]
    # The phrase occurs in the stored tokens exactly when the run occurs in the text.
    stored = " " + " ".join(index_tokens("社会组织座谈会保持沟通，保险公司参加")) + " "
    assert " 社会 " in stored and " 会保 " in stored and " 保险 " in stored
    assert " 社会 会保 保险 " not in stored
    assert " 社会 会保 保险 " in " " + " ".join(index_tokens("缴纳社会保险费")) + " "


@pytest.mark.parametrize("few", [20_000, 0], ids=["filter first", "buckets first"])
def test_a_query_of_three_or_more_characters_must_occur_as_typed(
    personas: Personas, monkeypatch: pytest.MonkeyPatch, few: int
) -> None:
    """Every bigram of 社会保险 in an item is not enough: the four characters must be adjacent."""
    monkeypatch.setattr(search, "FILTER_FIRST", few)
    p = personas
    scattered = published(
        p.officer_a, p.reviewer_a, p.agency_a, title="社会组织座谈会保持沟通的通知",
        summary="", body="<p>保险公司参加。</p>",
    )  # fmt: skip
    in_body = published(
        p.officer_a, p.reviewer_a, p.agency_a, title="年度工作要点", summary="",
        body="<p>按时缴纳社会保险费。</p>",
    )  # fmt: skip
    in_title = published(
        p.officer_a, p.reviewer_a, p.agency_a, title="社会保险费征缴办法", summary="", body="",
    )  # fmt: skip
    split = published(  # the bigrams of 保险费 in the title, the phrase only in the body
        p.officer_a, p.reviewer_a, p.agency_a, title="参保险种及险费说明", summary="",
        body="<p>保险费按月缴纳。</p>",
    )  # fmt: skip
    for filters in (search.Filters(), search.Filters(agency_id=p.agency_a.pk, year=2025)):
        ids = _ids(search.search("社会保险", filters))
        assert ids == [in_title.pk, in_body.pk], filters
        assert scattered.pk not in _ids(search.search("社会保险费", filters))
        # 保险 and 险费 are in split's title, not 保险费: it ranks with the body matches.
        assert _ids(search.search("保险费", filters)) == [in_title.pk, split.pk, in_body.pk]
    # Two characters and one need no phrase: the scattered item has 社会 and 保险.
    assert scattered.pk in _ids(search.search("社会 保险"))


def test_abbreviations_find_the_full_terms_and_are_marked(personas: Personas) -> None:
    from gongkai.publications import synonyms

    p = personas
    full = published(
        p.officer_a, p.reviewer_a, p.agency_a, title="关于调整城乡最低生活保障标准的通知",
        summary="", body="<p>自2025年起提高最低生活保障标准。</p>",
    )  # fmt: skip
    short = published(
        p.officer_a, p.reviewer_a, p.agency_a, title="低保对象名单公示", summary="",
        body="<p>本月新增低保对象三户。</p>",
    )  # fmt: skip
    assert set(_ids(search.search("低保"))) == {full.pk, short.pk}
    assert set(_ids(search.search("最低生活保障"))) == {full.pk, short.pk}
    assert _ids(search.search("低保标准")) == [full.pk]
    hit = search.search("低保").hits
    marked = {h.publication.pk: h.title_html for h in hit}
    assert "<mark>最低生活保障</mark>" in marked[full.pk]
    assert "<mark>低保</mark>" in marked[short.pk]
    assert all(group.source for group in synonyms.GROUPS)
    assert synonyms.variants("公租房") == ["公租房", "公共租赁住房"]
    assert synonyms.variants("税") == ["税"]


def test_agency_topic_and_standard_catalog_names_find_items(personas: Personas) -> None:
    from gongkai.publications.models import Domain

    p = personas
    item = published(
        p.officer_b, _reviewer_b(p), p.agency_b, title="2025年秋季学期开学工作安排",
        summary="", body="<p>见附件。</p>",
    )  # fmt: skip
    assert _ids(search.search("教育局")) == [item.pk]  # 温州市鹿城区教育局
    assert _ids(search.search("鹿城区教育")) == [item.pk]
    domain = Domain.objects.get(agency=None, name="征地补偿")
    row = actions.save_catalog_item(
        actor=p.officer_b, agency=p.agency_b, domain=domain, number=1, matter="征地信息",
        submatter="征地补偿安置方案",
    )  # fmt: skip
    assert _ids(search.search("征地补偿")) == []
    actions.file_under(actor=p.officer_b, publication=item, item=row)
    assert _ids(search.search("征地补偿")) == [item.pk]  # filed: the domain's name finds it
    assert _ids(search.search("安置方案")) == [item.pk]
    assert _ids(search.search("开学", search.Filters(domain_id=domain.pk))) == [item.pk]
    other = Domain.objects.get(agency=None, name="城乡规划")
    assert _ids(search.search("开学", search.Filters(domain_id=other.pk))) == []


def test_results_sort_by_relevance_or_date(personas: Personas) -> None:
    p = personas
    old_title = published(
        p.officer_a, p.reviewer_a, p.agency_a, title="就业补助资金管理办法", summary="",
        body="", on=dt.date(2024, 5, 6), written_on=dt.date(2024, 5, 6),
    )  # fmt: skip
    new_body = published(
        p.officer_a, p.reviewer_a, p.agency_a, title="年度工作要点", summary="",
        body="<p>用好就业补助资金。</p>", on=dt.date(2025, 6, 1),
    )  # fmt: skip
    newest_id_oldest_date = published(
        p.officer_a, p.reviewer_a, p.agency_a, title="档案移交", summary="",
        body="<p>就业补助资金档案。</p>", on=dt.date(2023, 1, 5), written_on=dt.date(2023, 1, 5),
    )  # fmt: skip
    assert _ids(search.search("就业补助资金")) == [
        old_title.pk, newest_id_oldest_date.pk, new_body.pk,
    ]  # fmt: skip
    by_date = search.search("就业补助资金", sort="date")
    assert _ids(by_date) == [new_body.pk, old_title.pk, newest_id_oldest_date.pk]
    assert by_date.sort == "date"
