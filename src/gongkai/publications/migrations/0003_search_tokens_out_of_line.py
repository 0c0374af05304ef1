# ruff: noqa: RUF012 — a migration's class attributes, as Django writes them
"""PostgreSQL: keep the search table's tokens and tsvectors out of line (TOAST, uncompressed).

A GIN bitmap gives matching rows in no order; ordering them by id means reading every
matching row. With tokens inline a row fills a third of a page; out of line it takes ~100
bytes, so reading 100,000 matches reads a few thousand pages instead of 40,000.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

COLUMNS = ("title_tokens", "body_tokens", "tsv", "title_tsv")


def forward(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    alter = ", ".join(f"ALTER COLUMN {c} SET STORAGE EXTERNAL" for c in COLUMNS)
    schema_editor.execute(f"ALTER TABLE publications_searchdocument {alter}")
    schema_editor.execute("ALTER TABLE publications_searchdocument SET (toast_tuple_target = 128)")


def backward(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    alter = ", ".join(f"ALTER COLUMN {c} SET STORAGE EXTENDED" for c in COLUMNS)
    schema_editor.execute(f"ALTER TABLE publications_searchdocument {alter}")
    schema_editor.execute("ALTER TABLE publications_searchdocument RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    dependencies = [("publications", "0002_seeds_and_search")]

    operations = [migrations.RunPython(forward, backward)]
