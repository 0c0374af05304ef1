"""``gongkai catalog import|export`` and ``gongkai publications import``: the catalog in bulk.

The standard catalog (基层政务公开标准目录) goes in and out as the XLSX offices publish it in
(``publications.catalog_xlsx``); an earlier catalog's published items come in from CSV or
JSONL, streamed in batches so memory stays flat for a million rows. Like the other commands
these act as the system (``SystemActor``) through the publications actions. Exit codes: 0 done;
2 bad input — one line on stderr names the file, the line and the problem, and the import
then changes nothing.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import json
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from gongkai.cli.common import (
    MAX_FIELD_CHARS,
    _actor,
    _database,
    _fail,
    _one_line,
    csv_problem,
    write_output,
)


def _agency(name: str) -> Any:
    from gongkai.agencies.models import Agency

    agency = Agency.objects.filter(name=name).first()
    if agency is None:
        _fail(f"--agency {name!r}: no such agency (gongkai agency list shows them)")
    return agency


# -- catalog (standard catalog XLSX) ----------------------------------------------------------


def _cmd_catalog_export(args: argparse.Namespace) -> int:
    _database()
    from gongkai.publications import catalog_xlsx

    data = catalog_xlsx.export(_agency(args.agency))
    output = args.output or "-"
    problem = write_output(data, output)
    if problem:
        _fail(problem)
    if output != "-":
        print(f"wrote {output}", file=sys.stderr)
    return 0


def _cmd_catalog_import(args: argparse.Namespace) -> int:
    _database()
    from django.core.exceptions import PermissionDenied, ValidationError

    from gongkai.core.reader.sources import DocumentTooLarge, check_zip
    from gongkai.publications import actions, catalog_xlsx

    path = Path(args.file)
    agency = _agency(args.agency)
    try:
        data = path.read_bytes()
    except OSError as exc:
        _fail(f"{path}: cannot read ({exc.strerror})")
    try:
        check_zip(data)  # an XLSX is a zip: the reader's bounds on inflating it
    except DocumentTooLarge as exc:
        _fail(f"{path}: {exc}")
    except Exception:  # not a zip at all: openpyxl says so below
        pass
    try:
        rows = list(catalog_xlsx.read(data))
    except Exception as exc:  # openpyxl raises many kinds on a file that is not XLSX
        _fail(f"{path}: not an XLSX workbook ({type(exc).__name__})")
    if not rows:
        _fail(f"{path}: no rows under the header")
    try:
        saved = actions.import_catalog(actor=_actor(), agency=agency, rows=rows)
    except ValidationError as exc:
        message = _one_line(exc)
        # import_catalog says "line N: …": put the line where the shell's tools expect it.
        found = re.match(r"line (\d+): (.*)", message)
        _fail(f"{path}:{found[1]}: {found[2]}" if found else f"{path}: {message}")
    except PermissionDenied as exc:
        _fail(f"{path}: {exc}")
    print(f"{len(saved)} standard catalog items saved for {agency.name}")
    return 0


# -- publications (items from CSV / JSONL) ----------------------------------------------------


def _encoding(path: Path) -> str:
    """UTF-8 (with or without BOM), else GB18030 (Excel on a Chinese Windows saves that)."""
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        _fail(f"{path}: UTF-16 text: save it in UTF-8 (or GB18030)")
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    try:
        decoder.decode(head, final=False)  # a character cut at the end is not an error
        return "utf-8-sig"
    except UnicodeDecodeError:
        return "gb18030"


def _field(path: Path, line: int, name: str) -> str:
    from gongkai.publications.actions import IMPORT_FIELDS, IMPORT_HEADERS

    key = name.strip()
    key = IMPORT_HEADERS.get(key, key)
    if key not in IMPORT_FIELDS:
        expected = ",".join(IMPORT_FIELDS)
        _fail(f"{path}:{line}: unknown column {name!r} (expected some of: {expected})")
    return key


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    csv.field_size_limit(MAX_FIELD_CHARS)
    with path.open(encoding=_encoding(path), newline="") as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, None)
            if not header:
                _fail(f"{path}:1: empty file (expected a header row)")
            fields = [_field(path, 1, name) for name in header]
            for cells in reader:
                if not any(cell.strip() for cell in cells):
                    continue
                if len(cells) > len(fields):
                    _fail(f"{path}:{reader.line_num}: more cells than the header has columns")
                yield reader.line_num, dict(zip(fields, cells, strict=False))
        except UnicodeDecodeError:
            _fail(f"{path}: not UTF-8 or GB18030 text")
        except csv.Error as exc:
            _fail(csv_problem(path, reader.line_num, exc))


# A JSONL line holds a record's fields, escaped (\uXXXX is 6 characters for one).
_MAX_JSONL_LINE = 8 * MAX_FIELD_CHARS


def _jsonl_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    line = records = 0
    with path.open(encoding=_encoding(path)) as handle:
        try:
            while text := handle.readline(_MAX_JSONL_LINE + 1):
                line += 1
                if len(text) > _MAX_JSONL_LINE:
                    _fail(f"{path}:{line}: a line longer than {_MAX_JSONL_LINE:,} characters")
                if text.strip():
                    records += 1
                    yield line, _jsonl_record(path, line, text)
        except UnicodeDecodeError:
            _fail(f"{path}: not UTF-8 or GB18030 text")
    if records == 0:
        _fail(f"{path}: empty file (expected one JSON object per line)")


def _jsonl_record(path: Path, line: int, text: str) -> dict[str, Any]:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        _fail(f"{path}:{line}: not JSON ({exc.msg})")
    except RecursionError:
        _fail(f"{path}:{line}: not JSON (nested too deeply)")
    if not isinstance(record, dict):
        _fail(f"{path}:{line}: not a JSON object")
    for key, value in record.items():
        if isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
            _fail(f"{path}:{line}: {key} longer than {MAX_FIELD_CHARS:,} characters")
    return {_field(path, line, str(k)): v for k, v in record.items()}


def _cmd_publications_import(args: argparse.Namespace) -> int:
    _database()
    from django.core.exceptions import PermissionDenied

    from gongkai.agencies.actions import RowError
    from gongkai.publications import actions

    path = Path(args.file)
    if path.is_dir():
        _fail(f"{path}: a directory, not a file")
    if not path.is_file():
        _fail(f"{path}: no such file")
    agency = _agency(args.agency)
    kind = args.format or ("jsonl" if path.suffix.lower() in (".jsonl", ".ndjson") else "csv")
    rows = _jsonl_rows(path) if kind == "jsonl" else _csv_rows(path)
    start = time.perf_counter()
    try:
        count = actions.import_published(
            actor=_actor(), agency=agency, rows=rows, source=path.name, batch=args.batch
        )
    except RowError as exc:
        _fail(f"{path}:{exc.line}: {exc.message}")
    except PermissionDenied as exc:
        _fail(f"{path}: {exc}")
    seconds = time.perf_counter() - start
    print(f"{count:,} items imported for {agency.name} in {seconds:.1f} s")
    return 0


def _cmd_publications_reindex(args: argparse.Namespace) -> int:
    _database()
    from gongkai.publications import search

    start = time.perf_counter()
    count = search.reindex_all()
    print(f"{count:,} items reindexed in {time.perf_counter() - start:.1f} s")
    return 0


def add_parsers(sub: Any) -> None:
    """Register ``catalog`` and ``publications`` on the ``gongkai`` command."""
    catalog = sub.add_parser("catalog", help="standard catalogs (基层政务公开标准目录): XLSX")
    catalog_sub = catalog.add_subparsers(dest="catalog_command", required=True, metavar="ACTION")
    export = catalog_sub.add_parser("export", help="an agency's standard catalog as XLSX")
    export.add_argument("--agency", required=True, help="the agency's full name")
    export.add_argument("-o", "--output", help="file to write (default: standard output)")
    export.set_defaults(func=_cmd_catalog_export)
    imp = catalog_sub.add_parser(
        "import", help="add or replace standard catalog items from XLSX, all or nothing"
    )
    imp.add_argument("--agency", required=True, help="the agency's full name")
    imp.add_argument("file", help="XLSX in the usual column layout (领域, 序号, 公开事项 …)")
    imp.set_defaults(func=_cmd_catalog_import)

    publications = sub.add_parser("publications", help="published items in bulk")
    pub_sub = publications.add_subparsers(
        dest="publications_command", required=True, metavar="ACTION"
    )
    items = pub_sub.add_parser(
        "import",
        help="items already published elsewhere, from CSV or JSONL (streamed), all or nothing",
        description=(
            "Columns (field names or the catalog's Chinese headers): index_number 索引号, "
            "title 名称, summary 内容概述, document_number 文号, written_on 成文日期, "
            "published_on 发布日期, topic 主题分类, genre 体裁, "
            "kind 文件类型 (规章/行政规范性文件), "
            "validity 有效性, validity_changed_on, channels 公开渠道 (;-separated), body 正文. "
            "title, written_on and published_on are required; a row without 索引号 gets the "
            "agency's next serial."
        ),
    )
    items.add_argument("--agency", required=True, help="the publishing agency's full name")
    items.add_argument("--format", choices=("csv", "jsonl"), help="default: from the suffix")
    items.add_argument("--batch", type=int, default=2000, help="rows per database batch")
    items.add_argument("file", help="CSV (UTF-8 or GB18030) or JSONL")
    items.set_defaults(func=_cmd_publications_import)
    reindex = pub_sub.add_parser(
        "reindex", help="rebuild every public item's search entry (after an upgrade that says so)"
    )
    reindex.set_defaults(func=_cmd_publications_reindex)
