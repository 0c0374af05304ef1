"""``gongkai report check|render|rollup``: the annual report as data, from the shell.

Exit codes: 0 all good; 1 a check found an error-level problem; 2 an input could not be read
or is not a valid ``gongkai/annual-report@1`` document (one line on stderr says which and why;
the other inputs are still processed).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from gongkai.cli import compute as compute_cli
from gongkai.cli import read as read_cli
from gongkai.cli.common import error_line, write_output
from gongkai.core.reader.sources import MAX_FILE_BYTES, MB
from gongkai.core.report import Report, ReportError, RollupError, check, has_errors, rollup
from gongkai.core.report.model import dumps, loads
from gongkai.core.report.render import RENDERERS, render


class InputError(Exception):
    pass


def load_report(path: Path) -> Report:
    """Read and validate one report file, or raise ``InputError`` with a one-line reason."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError(f"{path}: larger than {MAX_FILE_BYTES // MB} MB: not read")
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    try:
        data = loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not JSON ({exc})") from exc
    except RecursionError as exc:
        raise InputError(f"{path}: not a report (JSON nested too deeply)") from exc
    try:
        return Report.from_dict(data)
    except ReportError as exc:
        raise InputError(f"{path}: not a valid gongkai/annual-report@1 report: {exc}") from exc


def _err(message: str) -> None:
    print(error_line(message), file=sys.stderr)


def _cmd_check(args: argparse.Namespace) -> int:
    previous = None
    if args.previous:
        try:
            previous = load_report(Path(args.previous))
        except InputError as exc:
            _err(f"--previous {exc}")
            return 2
    results: list[dict[str, Any]] = []
    status = 0
    for name in args.files:
        path = Path(name)
        try:
            report = load_report(path)
        except InputError as exc:
            _err(str(exc))
            results.append({"file": name, "ok": False, "error": str(exc), "findings": []})
            status = 2
            continue
        findings = check(report, previous)
        ok = not has_errors(findings)
        if not ok and status == 0:
            status = 1
        results.append(
            {
                "file": name,
                "ok": ok,
                "findings": [
                    {
                        "code": f.code,
                        "level": f.level,
                        "where": f.where,
                        "expected": f.expected,
                        "actual": f.actual,
                        "message": f.message,
                        "message_en": f.message_en,
                    }
                    for f in findings
                ],
            }
        )
    if args.format == "json":
        sys.stdout.write(dumps(results, indent=1) + "\n")
    else:
        for result in results:
            _print_text(result)
    return status


def _print_text(result: dict[str, Any]) -> None:
    findings = result["findings"]
    if "error" in result:
        print(f"{result['file']}: 无法读取 / unreadable")
        return
    errors = sum(1 for f in findings if f["level"] == "error")
    warnings = len(findings) - errors
    verdict = "通过 OK" if result["ok"] else "未通过 FAILED"
    print(f"{result['file']}: {verdict} — {errors} 个错误 error(s), {warnings} 个警告 warning(s)")
    for f in findings:
        mark = "错误 error  " if f["level"] == "error" else "警告 warning"
        print(f"  {mark} {f['code']:<22} {f['where']:<24} {f['message']}")


def _cmd_render(args: argparse.Namespace) -> int:
    try:
        report = load_report(Path(args.file))
    except InputError as exc:
        _err(str(exc))
        return 2
    problem = write_output(render(report, args.to), args.output)
    if problem:
        _err(problem)
        return 2
    return 0


def _cmd_rollup(args: argparse.Namespace) -> int:
    reports = []
    for name in args.files:
        try:
            reports.append(load_report(Path(name)))
        except InputError as exc:
            _err(str(exc))
            return 2
    try:
        total = rollup(reports, agency=args.agency)
    except RollupError as exc:
        _err(str(exc))
        return 2
    problem = write_output((total.to_json() + "\n").encode("utf-8"), args.output)
    if problem:
        _err(problem)
        return 2
    return 0


def add_parser(sub: Any) -> None:
    report = sub.add_parser("report", help="annual reports: check, render, roll up")
    rsub = report.add_subparsers(dest="report_command", required=True, metavar="ACTION")

    p = rsub.add_parser("check", help="run the 勾稽 checks on report JSON files")
    p.add_argument("files", nargs="+", metavar="FILE.json")
    p.add_argument("--previous", metavar="LAST_YEAR.json", help="last year's report")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=_cmd_check)

    p = rsub.add_parser("render", help="render a report JSON file")
    p.add_argument("file", metavar="FILE.json")
    p.add_argument("--to", choices=tuple(RENDERERS), required=True)
    p.add_argument("-o", "--output", default="-", metavar="OUT", help="output file (- = stdout)")
    p.set_defaults(func=_cmd_render)

    read_cli.add_parser(rsub)
    compute_cli.add_parser(rsub)

    p = rsub.add_parser("rollup", help="sum several units' reports of one format and year")
    p.add_argument("files", nargs="+", metavar="UNIT.json")
    p.add_argument("-o", "--output", default="-", metavar="TOTAL.json")
    p.add_argument("--agency", default="合计", help="name of the combined report's agency")
    p.set_defaults(func=_cmd_rollup)
