"""``gongkai redact IN.pdf [--auto] [--term TEXT]… [--reason ROW] -o OUT.pdf [--log LOG.json]``:
区分处理 of PDFs from the shell, for batches (no database needed).

``--auto`` applies the suggested personal-data redactions (cases/redact.py: identity numbers
with a valid check character, phone and bank card numbers, labelled names and addresses; with
``--credit-codes`` also 统一社会信用代码); ``--term`` removes every occurrence of a text.
``--reason`` is the statute-table row the terms are withheld under (default 3.3.4, 第十五条).
The log (JSON) lists each box: page, rectangle, what it covered, its kind, row and article.
Exit codes: 0 done; 2 bad input (one line on stderr: a file that is not a readable PDF,
nothing to remove).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from gongkai.cli.common import _fail, write_output


def _cmd_redact(args: argparse.Namespace) -> int:
    from gongkai.cases import redact
    from gongkai.core import outcomes
    from gongkai.core.outcomes import WITHHOLDING_ROWS

    if args.reason not in WITHHOLDING_ROWS:
        _fail(f"--reason {args.reason}: one of {', '.join(WITHHOLDING_ROWS)}")
    try:
        content = Path(args.input).read_bytes()
    except OSError as exc:
        _fail(f"{args.input}: {exc.strerror or exc}")
    try:
        boxes = redact.suggest(content, credit_codes=args.credit_codes) if args.auto else []
        boxes += redact.find_terms(content, args.term, args.reason)
        if not boxes:
            _fail(f"{args.input}: nothing to remove (give --auto or --term)")
        out = redact.apply_redactions(content, boxes)
    except redact.NotAPdf:
        _fail(f"{args.input}: not a readable PDF")
    problem = write_output(out, args.output)
    if problem:
        _fail(problem)
    if args.log:
        log: list[dict[str, Any]] = [
            {**b.as_dict(), "article": outcomes.get(b.reason).articles[0]} for b in boxes
        ]
        Path(args.log).write_text(json.dumps(log, ensure_ascii=False, indent=1), "utf-8")
    print(f"{args.input}: {len(boxes)} areas removed", file=sys.stderr)
    return 0


def add_parser(sub: Any) -> None:
    parser = sub.add_parser("redact", help="区分处理: remove personal data or terms from a PDF")
    parser.add_argument("input", help="the PDF to redact (left unchanged)")
    parser.add_argument("-o", "--output", required=True, help="the redacted PDF (- for stdout)")
    parser.add_argument("--auto", action="store_true", help="apply the suggested personal data")
    parser.add_argument("--credit-codes", action="store_true", help="also 统一社会信用代码")
    parser.add_argument("--term", action="append", default=[], help="a text to remove")
    parser.add_argument("--reason", default="3.3.4", help="statute-table row (default 3.3.4)")
    parser.add_argument("--log", help="write the redaction log (JSON) here")
    parser.set_defaults(func=_cmd_redact)
