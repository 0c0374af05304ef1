"""Chinese full-text search over title, summary, body and attachment text.

Tokens come from ``tokens.py`` (unigrams + bigrams of Han text), stored in ``SearchDocument``;
each backend indexes them its own way (migration 0002):

- SQLite: an FTS5 table over the document (external content, kept in step by triggers),
  (``detail=column``: no positions, a third of the size; a column filter still works).
- PostgreSQL: a generated ``tsvector`` built with ``array_to_tsvector`` (the tokens are taken
  verbatim: no text-search parser, so the result does not depend on a locale), GIN-indexed,
  with a second one over the title alone. Each lexeme carries the item's id bucket
  (``<id >> 13>_<token>``, migration 0004) so that the newest matches are found without
  reading a common token's whole posting list (``_pg_newest``).

A query matches items containing every query token and, for each run of three or more Han
characters, that run as a phrase: its bigrams one after the other in the stored tokens
(``tokens.query_phrases``; checked on the candidate rows the index found, ``instr``/``strpos``
on the same stored text), so 社会保险法 does not find an item that says 社会 … 保险 … 险法
apart. A query is also searched with the common abbreviations replaced (``synonyms.py``: 低保
finds 最低生活保障), the matches of its variants merged. Ranking: items with every token in the
title first, then the others, newest first within each — over the newest ``RANK_WINDOW``
matches of each (walking an index in id order is cheap; scoring every match of a common
character such as 税 across a million items is not: bm25 over 1,000 FTS5 rows took 130 ms).
The order is total (rank, then id), so pages are stable. Only publicly visible items have a
search document, so search never shows a draft.
"""

from __future__ import annotations

import datetime as dt
import html
import importlib
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils.safestring import SafeString, mark_safe

from gongkai.publications import synonyms
from gongkai.publications.choices import DocumentKind
from gongkai.publications.models import CatalogItem, Publication, SearchDocument
from gongkai.publications.tokens import index_tokens, query_phrases, query_terms, query_tokens

RANK_WINDOW = 1000
SNIPPET_CHARS = 80


def filed_names(publication: Publication) -> list[str]:
    """The standard catalog's domains and matters the item is filed under (征地补偿 …)."""
    rows = CatalogItem.objects.filter(publications=publication).values_list(
        "domain__name", "matter", "submatter"
    )
    return list(dict.fromkeys(name for row in rows for name in row if name))


def document_tokens(
    publication: Publication, attachment_texts: list[str], filed: list[str] | None = None
) -> tuple[str, str]:
    """The title's tokens, and the rest's: text, numbers, and the names a visitor searches by
    (the publishing agency, the topic, the genre, the standard catalog's domains and matters
    the item is filed under — ``filed``, read from the database when not given: 教育 finds the
    教育局's items, 征地补偿 the items filed under that domain)."""
    title = " ".join(index_tokens(publication.title))
    names = [publication.agency.name]
    names += [term.name for term in (publication.topic, publication.genre) if term is not None]
    names += filed_names(publication) if filed is None else filed
    body = " ".join(
        index_tokens(
            "\n".join(
                [
                    *names,
                    publication.summary,
                    publication.document_number,
                    publication.index_number,
                    publication.body_text,
                    *attachment_texts,
                ]
            )
        )
    )
    return title, body


def index(publication: Publication) -> None:
    """(Re)build the item's search document; called by actions when an item becomes public."""
    texts = list(publication.attachments.values_list("text", flat=True))
    title, body = document_tokens(publication, texts)
    SearchDocument.objects.update_or_create(
        publication=publication, defaults={"title_tokens": title, "body_tokens": body}
    )


def reindex_all(batch: int = 500) -> int:
    """Rebuild every public item's search document (after what goes into one has changed)."""
    from gongkai.publications.access import public_publications

    count = 0
    items = public_publications().select_related("agency", "topic", "genre").order_by("pk")
    for item in items.iterator(chunk_size=batch):
        with transaction.atomic():
            index(item)
        count += 1
    return count


def unindex(publication: Publication) -> None:
    SearchDocument.objects.filter(publication=publication).delete()


@contextmanager
def bulk_indexing() -> Iterator[None]:
    """Load many search documents inside this block; they are indexed once, at its end.

    SQLite: the FTS insert trigger is dropped for the load and the new documents go into the
    FTS table in one statement at the end — row by row with a commit every 5,000 rows, FTS5
    flushed and merged hundreds of small segments (19 minutes for a million items). Run it
    while nobody else writes items: documents changed meanwhile by another connection would
    not reach the index. PostgreSQL: into an empty table, the GIN indexes are dropped and
    built at the end (several times faster than row by row); into a filled table they stay.
    """
    doc = SearchDocument._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT coalesce(max(publication_id), 0) FROM {doc}")
        row = cursor.fetchone()
        before = int(row[0]) if row else 0
        if connection.vendor == "sqlite":
            migration = importlib.import_module(
                "gongkai.publications.migrations.0002_seeds_and_search"
            )
            (trigger,) = [sql for sql in migration.SQLITE if "publications_fts_ai" in sql]
            cursor.execute("DROP TRIGGER IF EXISTS publications_fts_ai")
            try:
                yield
            finally:
                with transaction.atomic():
                    cursor.execute(
                        "INSERT INTO publications_fts(rowid, title_tokens, body_tokens) "
                        f"SELECT publication_id, title_tokens, body_tokens FROM {doc} "
                        "WHERE publication_id > %s ORDER BY publication_id",
                        [before],
                    )
                    loaded = cursor.rowcount
                    cursor.execute(trigger)
                    if loaded > 0:
                        # One segment instead of the many the load left: a million items'
                        # p95 went from 72 to ~20 ms, for 27 s of merging.
                        cursor.execute(
                            "INSERT INTO publications_fts(publications_fts) VALUES ('optimize')"
                        )
            return
        indexes: list[tuple[str, str]] = []
        if before == 0:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s "
                "AND indexdef LIKE '%%USING gin%%'",
                [doc],
            )
            indexes = [(str(name), str(sql)) for name, sql in cursor.fetchall()]
            for name, _sql in indexes:
                cursor.execute(f"DROP INDEX {name}")
        try:
            yield
        finally:
            if indexes:
                # Inside an enclosing transaction, deferred foreign-key checks must run first:
                # PostgreSQL builds no index on a table with pending trigger events.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET maintenance_work_mem = '512MB'")
                for _name, sql in indexes:
                    cursor.execute(sql)
                cursor.execute("RESET maintenance_work_mem")
                cursor.execute(f"ANALYZE {doc}")


@dataclass(frozen=True)
class Filters:
    agency_id: int | None = None
    year: int | None = None
    topic_id: int | None = None
    genre_id: int | None = None
    validity: str | None = None
    domain_id: int | None = None

    def sql(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.agency_id is not None:
            clauses.append("p.agency_id = %s")
            params.append(self.agency_id)
        if self.year is not None:
            # A range on the date column (an index can use it; EXTRACT could not).
            clauses.append("p.published_on >= %s AND p.published_on < %s")
            params += [f"{self.year:04d}-01-01", f"{self.year + 1:04d}-01-01"]
        if self.topic_id is not None:
            clauses.append("p.topic_id = %s")
            params.append(self.topic_id)
        if self.genre_id is not None:
            clauses.append("p.genre_id = %s")
            params.append(self.genre_id)
        if self.validity:
            # Only 规章 and 规范性文件 have a validity: saying so lets the (kind, validity)
            # index answer (a scan of every item otherwise, 0.8 s at a million on SQLite).
            clauses.append("p.kind IN (%s, %s) AND p.validity = %s")
            params += [DocumentKind.RULES.value, DocumentKind.NORMATIVE.value, self.validity]
        if self.domain_id is not None:
            filed = Publication.catalog_items.through._meta.db_table
            catalog = CatalogItem._meta.db_table
            clauses.append(
                f"p.id IN (SELECT m.publication_id FROM {filed} m JOIN {catalog} c "
                "ON c.id = m.catalogitem_id WHERE c.domain_id = %s)"
            )
            params.append(self.domain_id)
        return "".join(f" AND {c}" for c in clauses), params


@dataclass(frozen=True)
class Match:
    """What an item must contain: every token, and every phrase in its title or its body."""

    tokens: list[str]
    phrases: list[str]

    @classmethod
    def of(cls, query: str) -> Match:
        return cls(query_tokens(query), query_phrases(query))

    def phrase_sql(self, alias: str, *, title_only: bool) -> tuple[str, list[Any]]:
        """`` AND …`` clauses checking each phrase in the stored tokens of row ``alias``."""
        find = "strpos" if connection.vendor == "postgresql" else "instr"
        clauses: list[str] = []
        params: list[Any] = []
        for phrase in self.phrases:
            columns = ["title_tokens"] if title_only else ["title_tokens", "body_tokens"]
            clauses.append(
                "("
                + " OR ".join(f"{find}(' ' || {alias}.{c} || ' ', %s) > 0" for c in columns)
                + ")"
            )
            params += [f" {phrase} "] * len(columns)
        return "".join(f" AND {c}" for c in clauses), params


def _fts5_query(tokens: list[str]) -> str:
    return " ".join('"' + t.replace('"', '""') + '"' for t in tokens)


def _pg_lexeme(bucket: int, token: str) -> str:
    return "'" + f"{bucket}_{token}".replace("\\", "\\\\").replace("'", "''") + "'"


def _pg_tsquery(tokens: list[str], high: int, low: int) -> str:
    """Every token in one item, in any bucket from ``high`` down to ``low`` (migration 0004)."""
    return " | ".join(
        "(" + " & ".join(_pg_lexeme(b, t) for t in tokens) + ")" for b in range(high, low - 1, -1)
    )


def _fts5_match(match: Match, *, title_only: bool) -> str:
    query = _fts5_query(match.tokens)
    return "{title_tokens} : (" + query + ")" if title_only else query


def _match_sql(
    match: Match, filters: Filters, *, title_only: bool, ids: tuple[int, int] | None = None
) -> tuple[str, list[Any]]:
    """SQLite: SELECT of matching ids (newest first), with the filters applied (and the id
    range of the filter's year: FTS5 then reads only that part of each token's list)."""
    where, params = filters.sql()
    pub = Publication._meta.db_table
    phrases, phrase_params = match.phrase_sql("f", title_only=title_only)
    fts = _fts5_match(match, title_only=title_only)
    if not where:  # the FTS table alone walks its index in rowid order: no join needed
        sql = f"SELECT f.rowid FROM publications_fts f WHERE publications_fts MATCH %s{phrases}"
        return sql + " ORDER BY f.rowid DESC", [fts, *phrase_params]
    if ids is not None:
        where += " AND f.rowid BETWEEN %s AND %s"
        params += list(ids)
    sql = (
        f"SELECT f.rowid FROM publications_fts f JOIN {pub} p ON p.id = f.rowid "
        f"WHERE publications_fts MATCH %s{where}{phrases}"
    )
    return sql + " ORDER BY f.rowid DESC", [fts, *params, *phrase_params]


def _sqlite_filtered(match: Match, filters: Filters, *, title_only: bool) -> tuple[str, list[Any]]:
    """SQLite: the filter's items (few), newest first, each looked up in the FTS index."""
    where, params = filters.sql()
    phrases, phrase_params = match.phrase_sql("f", title_only=title_only)
    # The LIMIT keeps the subquery apart, so that the filter's index finds the items (left
    # to order by id, SQLite walks the whole table instead).
    sql = (
        f"SELECT c.id FROM (SELECT p.id FROM {Publication._meta.db_table} p WHERE true{where} "
        "LIMIT %s) c WHERE EXISTS (SELECT 1 FROM publications_fts f "
        f"WHERE publications_fts MATCH %s AND f.rowid = c.id{phrases})"
    )
    return sql + " ORDER BY c.id DESC", [
        *params,
        FILTER_FIRST + 1,
        _fts5_match(match, title_only=title_only),
        *phrase_params,
    ]


def _few(cursor: Any, filters: Filters) -> bool:
    """Whether the filters allow at most ``FILTER_FIRST`` items (then they drive the search)."""
    where, params = filters.sql()
    if not where:
        return False
    cursor.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM {Publication._meta.db_table} p "
        f"WHERE true{where} LIMIT %s) c",
        [*params, FILTER_FIRST + 1],
    )
    row = cursor.fetchone()
    return bool(row) and int(row[0]) <= FILTER_FIRST


def _year_ids(cursor: Any, year: int) -> tuple[int, int] | None:
    """The lowest and highest id of the items published in ``year`` (None: there are none)."""
    pub = Publication._meta.db_table
    ids = f"SELECT id FROM {pub} WHERE published_on >= %s AND published_on < %s"
    # OFFSET 0 keeps PostgreSQL's planner on the date index (else it walks the primary key
    # from both ends: 0.8 s at a million items instead of 0.08).
    fence = " OFFSET 0" if connection.vendor == "postgresql" else ""
    cursor.execute(
        f"SELECT min(id), max(id) FROM ({ids}{fence}) y",
        [f"{year:04d}-01-01", f"{year + 1:04d}-01-01"],
    )
    row = cursor.fetchone()
    if not row or row[0] is None:
        return None
    return int(row[0]), int(row[1])


def _sqlite_ranked(match: Match, filters: Filters, window: int) -> tuple[list[int], list[int]]:
    with connection.cursor() as cursor:
        if _few(cursor, filters):
            return (
                _ids(*_sqlite_filtered(match, filters, title_only=True), window),
                _ids(*_sqlite_filtered(match, filters, title_only=False), window),
            )
        ids = None
        if filters.year is not None:
            ids = _year_ids(cursor, filters.year)
            if ids is None:
                return [], []
    return (
        _ids(*_match_sql(match, filters, title_only=True, ids=ids), window),
        _ids(*_match_sql(match, filters, title_only=False, ids=ids), window),
    )


def _ids(sql: str, params: list[Any], limit: int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} LIMIT %s", [*params, limit])
        return [int(row[0]) for row in cursor.fetchall()]


# PostgreSQL: GIN cannot return matches in id order, and reads a token's whole posting list
# whatever the LIMIT. So each lexeme carries its bucket of 8,192 ids (migration 0004) and the
# buckets are searched newest first, a few more at each step, until the window is full: a
# common character is answered from the newest bucket alone, a rare word from all of them
# (whose lists are short). Index scans stay off: left to itself the planner walks the primary
# key backwards testing each row's tsvector (detoasting it), seconds for a moderately rare word.
PG_BUCKET_BITS = 13  # fixed by migration 0004 (its BUCKET_BITS); a test checks they agree
# Buckets searched at each step, then all the remaining ones. The first step takes two: the
# newest bucket is usually only partly filled.
PG_STEPS = (2, 4, 16, 64)


# With filters, the items they allow are counted first (up to this many): a few are tested
# one by one against the query; for many, the index is searched as without filters, within
# the ids of the filter's year when it has one (an agency's or a validity's items are spread
# over every id: a year's are not).
FILTER_FIRST = 20_000


def _pg_newest(
    cursor: Any,
    top: int,
    match: Match,
    filters: Filters,
    *,
    title_only: bool,
    window: int,
    bottom: int = 0,
) -> list[int]:
    where, params = filters.sql()
    phrases, phrase_params = match.phrase_sql("s", title_only=title_only)
    column = "title_tsv" if title_only else "tsv"
    join = f" JOIN {Publication._meta.db_table} p ON p.id = s.publication_id" if where else ""
    sql = (
        f"SELECT s.publication_id FROM {SearchDocument._meta.db_table} s{join} "
        f"WHERE s.{column} @@ %s::tsquery{where}{phrases} "
        "ORDER BY s.publication_id DESC LIMIT %s"
    )
    ids: list[int] = []
    high, floor = top >> PG_BUCKET_BITS, bottom >> PG_BUCKET_BITS
    steps = iter(PG_STEPS)
    while high >= floor and len(ids) < window:
        low = max(floor, high - next(steps, high + 1) + 1)
        tsquery = _pg_tsquery(match.tokens, high, low)
        cursor.execute(sql, [tsquery, *params, *phrase_params, window - len(ids)])
        ids += [int(r[0]) for r in cursor.fetchall()]
        high = low - 1
    return ids


def _pg_filtered(
    cursor: Any, match: Match, filters: Filters, *, title_only: bool, window: int
) -> list[int]:
    """The filter's items (few), newest first, each tested against the query in its bucket."""
    where, params = filters.sql()
    phrases, phrase_params = match.phrase_sql("s", title_only=title_only)
    column = "title_tsv" if title_only else "tsv"
    # The query once per row with the row's bucket put in: tokens never contain braces.
    template = " & ".join(_pg_lexeme(0, t).replace("'0_", "'{b}_", 1) for t in match.tokens)
    cursor.execute(
        f"SELECT p.id FROM {Publication._meta.db_table} p "
        f"JOIN {SearchDocument._meta.db_table} s ON s.publication_id = p.id "
        f"WHERE true{where} AND s.{column} @@ "
        f"replace(%s, '{{b}}', (p.id >> {PG_BUCKET_BITS})::text)::tsquery{phrases} "
        "ORDER BY p.id DESC LIMIT %s",
        [*params, template, *phrase_params, window],
    )
    return [int(r[0]) for r in cursor.fetchall()]


def _pg_ranked(match: Match, filters: Filters, window: int) -> tuple[list[int], list[int]]:
    # One transaction, so that SET LOCAL ends with it at the latest (RESET covers the case of
    # an enclosing transaction); both searches share it and the newest id.
    with transaction.atomic(), connection.cursor() as cursor:
        bottom = 0
        if _few(cursor, filters):
            return (
                _pg_filtered(cursor, match, filters, title_only=True, window=window),
                _pg_filtered(cursor, match, filters, title_only=False, window=window),
            )
        if filters.year is not None:
            year_ids = _year_ids(cursor, filters.year)
            if year_ids is None:
                return [], []
            bottom, top = year_ids
        else:
            cursor.execute(f"SELECT max(publication_id) FROM {SearchDocument._meta.db_table}")
            row = cursor.fetchone()
            if not row or row[0] is None:
                return [], []
            top = int(row[0])
        cursor.execute("SET LOCAL enable_indexscan = off; SET LOCAL enable_seqscan = off")
        try:
            return (
                _pg_newest(
                    cursor, top, match, filters, title_only=True, window=window, bottom=bottom
                ),
                _pg_newest(
                    cursor, top, match, filters, title_only=False, window=window, bottom=bottom
                ),
            )
        finally:
            cursor.execute("RESET enable_indexscan; RESET enable_seqscan")


def _newest(lists: list[list[int]], window: int) -> list[int]:
    """The union of id lists (each newest first), newest first, at most ``window``."""
    if len(lists) == 1:
        return lists[0][:window]
    return sorted({pk for ids in lists for pk in ids}, reverse=True)[:window]


SORTS = ("relevance", "date")


def ranked_ids(
    query: str, filters: Filters | None = None, window: int = RANK_WINDOW, sort: str = "relevance"
) -> list[int]:
    """Ids of matching items, best first: every query token in the title, then the rest;
    newest first within each. Over the newest ``window`` matches of each kind, the query's
    variants (``synonyms``) merged. ``sort="date"``: the same matches by date published,
    newest first (then by id)."""
    matches = [m for m in (Match.of(v) for v in synonyms.variants(query)) if m.tokens]
    if not matches:
        return []
    filters = filters or Filters()
    ranked = _pg_ranked if connection.vendor == "postgresql" else _sqlite_ranked
    found = [ranked(m, filters, window) for m in matches]
    in_title = _newest([t for t, _a in found], window)
    anywhere = _newest([a for _t, a in found], window)
    seen = set(in_title)
    ids = in_title + [pk for pk in anywhere if pk not in seen]
    if sort == "date":
        dates = dict(Publication.objects.filter(pk__in=ids).values_list("pk", "published_on"))
        ids.sort(key=lambda pk: (dates.get(pk) or dt.date.min, pk), reverse=True)
    return ids


@dataclass(frozen=True)
class Hit:
    publication: Publication
    title_html: SafeString
    snippet_html: SafeString


@dataclass(frozen=True)
class SearchPage:
    query: str
    hits: list[Hit]
    total: int  # at most RANK_WINDOW: beyond it, "1000+" and the filters narrow the search
    page: int
    pages: int
    per_page: int
    sort: str = "relevance"

    @property
    def capped(self) -> bool:
        return self.total >= RANK_WINDOW


def highlight(text: str, terms: list[str]) -> SafeString:
    """``text`` escaped, with every occurrence of a term in ``<mark>``."""
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    if not terms:
        return mark_safe(html.escape(text))
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    out: list[str] = []
    last = 0
    for m in pattern.finditer(text):
        out.append(html.escape(text[last : m.start()]))
        out.append(f"<mark>{html.escape(m.group(0))}</mark>")
        last = m.end()
    out.append(html.escape(text[last:]))
    return mark_safe("".join(out))


def snippet(text: str, terms: list[str], width: int = SNIPPET_CHARS) -> SafeString:
    """A window of ``text`` around the first term found, highlighted."""
    flat = " ".join(text.split())
    lowered = flat.lower()
    positions = [p for p in (lowered.find(t) for t in terms) if p >= 0]
    start = max(0, min(positions) - width // 4) if positions else 0
    piece = flat[start : start + width]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(flat) else ""
    return mark_safe(prefix + highlight(piece, terms) + suffix)


def search(
    query: str,
    filters: Filters | None = None,
    *,
    page: int = 1,
    per_page: int = 20,
    sort: str = "relevance",
) -> SearchPage:
    filters = filters or Filters()
    ids = ranked_ids(query, filters, sort=sort)[:RANK_WINDOW]
    # No exact count beyond the window: counting every match of a common character costs more
    # than the search itself (PostgreSQL reads each row's tsvector); the page says "1000+".
    total = len(ids)
    pages = max(1, math.ceil(total / per_page))
    page = min(max(1, page), pages)
    chosen = ids[(page - 1) * per_page : page * per_page]
    items = Publication.objects.select_related("agency", "topic", "genre").in_bulk(chosen)
    # What to mark: the query's words and their equivalents (低保 finds 最低生活保障: marked).
    terms = list(dict.fromkeys(t for v in synonyms.variants(query) for t in query_terms(v)))
    hits = []
    for pk in chosen:
        item = items.get(pk)
        if item is None:
            continue
        # The summary when it holds a term and says more than the title, else the body.
        summary = item.summary.strip().rstrip("。")
        useful = summary and summary != item.title.strip()
        text = (
            item.summary
            if useful and any(t in item.summary.lower() for t in terms)
            else item.body_text
        )
        # A body that opens with the title would show the title twice in the hit.
        text = " ".join(text.split()).removeprefix(" ".join(item.title.split())).lstrip(" 。：")
        hits.append(
            Hit(
                publication=item,
                title_html=highlight(item.title, terms),
                snippet_html=snippet(text or item.summary, terms),
            )
        )
    return SearchPage(query, hits, total, page, pages, per_page, sort)
