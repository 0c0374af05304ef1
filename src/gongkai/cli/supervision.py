"""``gongkai disputes import`` and ``gongkai supervision scorecard``.

``disputes import FILE.csv|xlsx``: the lists of 行政复议 / 行政诉讼 an office receives from the
复议机关 or the courts (``disputes.imports``), all or nothing. ``supervision scorecard``: the
supervision figures per unit and year (``supervision.scorecard``) as JSON (an array, one object
per unit) or XLSX. Exit codes: 0 done; 2 bad input — one line on stderr, ``file:line: field:
problem`` for a bad row, and the import then changes nothing.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path
from typing import Any

from gongkai.cli.common import _actor, _database, _fail, _read_csv, write_output


def _xlsx_records(path: Path, columns: list[str]) -> list[tuple[int, dict[str, Any]]]:
    from openpyxl import load_workbook

    from gongkai.core.reader.sources import DocumentTooLarge, check_zip

    try:
        data = path.read_bytes()
    except OSError as exc:
        _fail(f"{path}: cannot read ({exc.strerror})")
    try:
        check_zip(data)
    except DocumentTooLarge as exc:
        _fail(f"{path}: {exc}")
    except Exception:  # not a zip: openpyxl says so below
        pass
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
    except Exception as exc:  # openpyxl raises many kinds on a file that is not XLSX
        _fail(f"{path}: not an XLSX workbook ({type(exc).__name__})")
    if not rows:
        _fail(f"{path}:1: empty sheet (expected a header: {','.join(columns)})")
    header = [str(cell or "").strip() for cell in rows[0]]
    unknown = [name for name in header if name and name not in columns]
    if unknown:
        _fail(f"{path}:1: unknown column {unknown[0]!r} (expected some of: {','.join(columns)})")
    records = []
    for number, cells in enumerate(rows[1:], start=2):
        if len([c for c in cells if c is not None]) and any(str(c).strip() for c in cells if c):
            records.append((number, {h: v for h, v in zip(header, cells, strict=False) if h}))
    if not records:
        _fail(f"{path}: no rows after the header")
    return records


def _cmd_disputes_import(args: argparse.Namespace) -> int:
    _database()
    from gongkai.agencies.actions import RowError
    from gongkai.disputes import imports

    path = Path(args.file)
    if not path.is_file():
        _fail(f"{path}: no such file")
    columns = [*imports.FIELDS, *imports.HEADERS]
    raw = (
        _xlsx_records(path, columns) if path.suffix.lower() == ".xlsx" else _read_csv(path, columns)
    )
    records = [(line, {imports.field_of(k) or k: v for k, v in row.items()}) for line, row in raw]
    try:
        saved = imports.import_disputes(actor=_actor(), records=records)
    except RowError as exc:
        _fail(f"{path}:{exc.line}: {exc.message}")
    print(f"{len(saved)} reviews and suits recorded or brought up to date")
    return 0


def _cmd_scorecard(args: argparse.Namespace) -> int:
    _database()
    from gongkai.agencies.access import SystemActor
    from gongkai.agencies.models import Agency
    from gongkai.supervision import scorecard

    agencies = None
    if args.agency:
        agency = Agency.objects.filter(name=args.agency).first()
        if agency is None:
            _fail(f"--agency {args.agency!r}: no such agency (gongkai agency list shows them)")
        agencies = [agency]
    cards = scorecard.compute(SystemActor(), args.year, agencies=agencies)
    if args.format == "xlsx":
        data = scorecard.to_xlsx(cards, args.year)
    else:
        data = (
            json.dumps([c.to_dict() for c in cards], ensure_ascii=False, indent=2) + "\n"
        ).encode("utf-8")
    output = args.output or "-"
    if args.format == "xlsx" and output == "-" and sys.stdout.isatty():
        _fail("XLSX to a terminal: give -o FILE")
    problem = write_output(data, output)
    if problem:
        _fail(problem)
    return 0


def add_parsers(sub: Any) -> None:
    """Register ``disputes`` and ``supervision`` on the ``gongkai`` command."""
    disputes = sub.add_parser("disputes", help="行政复议 / 行政诉讼 in bulk")
    disputes_sub = disputes.add_subparsers(dest="disputes_command", required=True, metavar="ACTION")
    imp = disputes_sub.add_parser(
        "import",
        help="reviews and suits from CSV or XLSX, all or nothing",
        description=(
            "Columns (field names or Chinese headers): case 申请编号, kind 类型 "
            "(行政复议 / 行政诉讼 / 复议后起诉), body 复议机关或法院, reference 案号, "
            "filed_on 申请或起诉日期, follows 所复议案号, copy_received_on 副本收到日期, "
            "simplified 简易程序 (是/否), accepted_on 受理日期, replied_on 答复或答辩日期, "
            "outcome 结果 (维持 / 纠正 / 其他), decided_on 决定或判决日期, note 备注. "
            "case, kind, body and filed_on are required; a row naming a review or suit already "
            "recorded adds the steps not recorded yet."
        ),
    )
    imp.add_argument("file", help="CSV (UTF-8 or GB18030) or XLSX")
    imp.set_defaults(func=_cmd_disputes_import)

    supervision = sub.add_parser("supervision", help="监督保障: scorecards of the units")
    sup_sub = supervision.add_subparsers(
        dest="supervision_command", required=True, metavar="ACTION"
    )
    card = sup_sub.add_parser(
        "scorecard", help="the supervision figures per unit and year (JSON array or XLSX)"
    )
    card.add_argument("--agency", help="one unit's full name (default: every unit)")
    card.add_argument("--year", type=int, required=True, help="the reporting year")
    card.add_argument("--format", choices=("json", "xlsx"), default="json")
    card.add_argument("-o", "--output", help="file to write (default: standard output)")
    card.set_defaults(func=_cmd_scorecard)
