# ruff: noqa: RUF012 — a migration's class attributes, as Django writes them
"""Shared vocabularies, the 26 standard-catalog domains, and each backend's search index."""

from __future__ import annotations

from typing import Any

from django.db import migrations

from gongkai.publications.choices import COMMON_GENRES, COMMON_TOPICS, STANDARD_DOMAINS

SQLITE = [
    # External-content FTS5 over publications_searchdocument; triggers keep it in step.
    # unicode61 keeps a run of Han characters as one token: our space-separated tokens survive.
    """CREATE VIRTUAL TABLE publications_fts USING fts5(
        title_tokens, body_tokens,
        content='publications_searchdocument', content_rowid='publication_id',
        tokenize='unicode61', detail='column')""",
    """CREATE TRIGGER publications_fts_ai AFTER INSERT ON publications_searchdocument BEGIN
        INSERT INTO publications_fts(rowid, title_tokens, body_tokens)
        VALUES (new.publication_id, new.title_tokens, new.body_tokens); END""",
    """CREATE TRIGGER publications_fts_ad AFTER DELETE ON publications_searchdocument BEGIN
        INSERT INTO publications_fts(publications_fts, rowid, title_tokens, body_tokens)
        VALUES ('delete', old.publication_id, old.title_tokens, old.body_tokens); END""",
    """CREATE TRIGGER publications_fts_au AFTER UPDATE ON publications_searchdocument BEGIN
        INSERT INTO publications_fts(publications_fts, rowid, title_tokens, body_tokens)
        VALUES ('delete', old.publication_id, old.title_tokens, old.body_tokens);
        INSERT INTO publications_fts(rowid, title_tokens, body_tokens)
        VALUES (new.publication_id, new.title_tokens, new.body_tokens); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER publications_fts_au",
    "DROP TRIGGER publications_fts_ad",
    "DROP TRIGGER publications_fts_ai",
    "DROP TABLE publications_fts",
]
POSTGRES = [
    # The tokens verbatim as lexemes (array_to_tsvector: no parser, no locale). Lexemes made
    # so carry no positions, hence no weights: the title gets its own column for ranking.
    """ALTER TABLE publications_searchdocument ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        array_to_tsvector(array_cat(
            string_to_array(title_tokens, ' '), string_to_array(body_tokens, ' ')))) STORED""",
    """ALTER TABLE publications_searchdocument ADD COLUMN title_tsv tsvector GENERATED ALWAYS AS (
        array_to_tsvector(string_to_array(title_tokens, ' '))) STORED""",
    "CREATE INDEX publications_searchdocument_tsv ON publications_searchdocument USING gin (tsv)",
    "CREATE INDEX publications_searchdocument_title_tsv "
    "ON publications_searchdocument USING gin (title_tsv)",
]
POSTGRES_REVERSE = [
    "DROP INDEX publications_searchdocument_title_tsv",
    "DROP INDEX publications_searchdocument_tsv",
    "ALTER TABLE publications_searchdocument DROP COLUMN tsv",
    "ALTER TABLE publications_searchdocument DROP COLUMN title_tsv",
]


def _run(statements: dict[str, list[str]]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        vendor = schema_editor.connection.vendor
        for sql in statements[vendor]:
            schema_editor.execute(sql)

    return run


def seed(apps: Any, schema_editor: Any) -> None:
    Topic = apps.get_model("publications", "Topic")
    Genre = apps.get_model("publications", "Genre")
    Domain = apps.get_model("publications", "Domain")
    Topic.objects.bulk_create([Topic(name=n) for n in COMMON_TOPICS])
    Genre.objects.bulk_create([Genre(name=n) for n in COMMON_GENRES])
    Domain.objects.bulk_create(
        [Domain(name=n, order=i) for i, n in enumerate(STANDARD_DOMAINS, start=1)]
    )


def unseed(apps: Any, schema_editor: Any) -> None:
    for name in ("Topic", "Genre", "Domain"):
        apps.get_model("publications", name).objects.filter(agency=None).delete()


class Migration(migrations.Migration):
    dependencies = [("publications", "0001_initial")]

    operations = [
        migrations.RunPython(seed, unseed),
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        ),
    ]
