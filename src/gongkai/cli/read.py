"""``gongkai report read``: published reports (text, HTML, DOCX, PDF) back into checked data.

One input → one JSON document on stdout; several inputs or a directory → JSON Lines, one
object per file with its ``"source"``, streamed in input order (constant memory; ``--jobs``
reads on several cores). A bad file never stops the batch: it is reported and skipped.
Exit 0 when every input was read, 2 when any could not be read or is not a report;
with ``--check``, 1 when a report read fine but fails an error-level check.
"""

from __future__ import annotations

import argparse
import errno
import functools
import os
import sys
from collections import Counter
from collections.abc import Iterator
from multiprocessing import Pool
from pathlib import Path
from typing import Any, TextIO

from gongkai.cli.common import error_line
from gongkai.core.reader import Reading, read_bytes
from gongkai.core.reader.parse import Finding
from gongkai.core.reader.sources import DocumentTooLarge, check_length
from gongkai.core.report.checks import has_errors
from gongkai.core.report.model import dumps

SUFFIXES = {".txt", ".text", ".html", ".htm", ".shtml", ".docx", ".pdf", ".md"}
# Each file counts once in full / partial / tables_missing / not_a_report (``Reading.coverage``:
# a text that stops before its tables is not "read fully"), and besides in failed_checks when a
# check the reader does not doubt finds an error, and in ocr when it was a scan read by OCR.
COVERAGE_LABELS = {
    "full": "完整读取 read fully",
    "partial": "部分读取 read partially",
    "tables_missing": "缺少表格 tables missing",
    "failed_checks": "未通过校验 failed checks",
    "not_a_report": "不是年报 / 无法读取 not a report / unreadable",
    "ocr": "扫描件，经OCR读取 scanned, read by OCR",
}


def _inputs(names: list[str]) -> Iterator[Path]:
    for name in names:
        path = Path(name)
        if path.is_dir():
            found = False
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for file in sorted(files):
                    candidate = Path(root) / file
                    if candidate.suffix.lower() in SUFFIXES:
                        found = True
                        yield candidate
            if not found:
                yield path  # read_one says why nothing was read
        else:
            yield path


# Why a file could not be read (the system's words, in English, stay in message_en).
_OS_ERRORS = {errno.ENOENT: "文件不存在", errno.EACCES: "没有读取该文件的权限",
              errno.EPERM: "没有读取该文件的权限"}  # fmt: skip


def read_one(path: Path, year: int | None = None) -> Reading:
    if path.is_dir():
        suffixes = " ".join(sorted(SUFFIXES))
        kinds = "、".join(f"“{suffix}”" for suffix in sorted(SUFFIXES))
        said = (f"目录中没有可读取的报告文件（扩展名为{kinds}）",
                f"no reports in the directory (files ending {suffixes})")  # fmt: skip
        return Reading(None, [Finding("unreadable_file", *said)], source=str(path))
    try:
        check_length(path.stat().st_size)
        data = path.read_bytes()
    except DocumentTooLarge as exc:
        return Reading(None, [Finding("too_large", exc.zh, str(exc))], source=str(path))
    except OSError as exc:
        why = _OS_ERRORS.get(exc.errno or 0, "读取时出错")
        said = (f"无法读取文件：{why}", f"cannot read the file ({exc.strerror})")
        return Reading(None, [Finding("unreadable_file", *said)], source=str(path))
    # A year printed in the text wins; else --year, else one in the file name (the reader's rule).
    return read_bytes(data, path.name, source=str(path), year=year)


def _text(reading: Reading) -> str:
    lines = [f"{reading.source}: {reading.coverage}"]
    report = reading.report
    if report is not None:
        lines.append(f"  {report.agency} · {report.year}年 · 格式 {report.format}")
        for section in ("proactive", "applications", "disputes"):
            rows = getattr(report, section)
            lines.append(f"  {section}: {len(rows) if rows else 0} rows")
    for issue in reading.issues():
        if issue["code"] == "cells.blank":
            continue
        lines.append(f"  [{issue['code']}] {issue.get('where', '')} {issue['message']}")
    return "\n".join(lines)


def _cmd_read(args: argparse.Namespace) -> int:
    paths = list(_inputs(args.files))
    single = len(paths) == 1 and not Path(args.files[0]).is_dir()
    out: TextIO = sys.stdout
    if args.output != "-":
        try:
            out = open(args.output, "w", encoding="utf-8")  # noqa: SIM115 (closed below)
        except OSError as exc:
            print(error_line(f"{args.output}: cannot write ({exc.strerror})"), file=sys.stderr)
            return 2
    progress = sys.stderr.isatty() and not single
    counts: Counter[str] = Counter()
    status = 0
    try:
        for n, reading in enumerate(_readings(paths, args.jobs, args.year), start=1):
            if single:
                reading.source = None
            if reading.read_by_ocr:
                counts["ocr"] += 1
            if reading.report is None:
                status = 2
                counts["not_a_report"] += 1
                reason = "; ".join(f.message for f in reading.findings)
                print(error_line(f"{reading.source or paths[0]}: {reason}"), file=sys.stderr)
            else:
                counts[reading.coverage] += 1
                if has_errors(reading.check_findings):
                    counts["failed_checks"] += 1
                    if args.check and status == 0:
                        status = 1
            if args.format == "json" and args.spans:
                doc = reading.to_dict() | {"spans": {k: list(v) for k, v in reading.spans.items()}}
                out.write(dumps(doc, indent=1 if single else None) + "\n")
            elif args.format == "json":
                out.write(reading.to_json(indent=1 if single else None) + "\n")
            else:
                out.write(_text(reading) + "\n")
            if progress:
                print(f"\r{n}/{len(paths)} …", end="", file=sys.stderr, flush=True)
    finally:
        if progress:
            print(file=sys.stderr)
        if out is not sys.stdout:
            out.close()
    if args.summary:
        _summary(counts, len(paths), sys.stdout if out is not sys.stdout else sys.stderr)
    return status


def _readings(paths: list[Path], jobs: int, year: int | None) -> Iterator[Reading]:
    read = functools.partial(read_one, year=year)
    if jobs <= 1 or len(paths) < 2:
        yield from map(read, paths)
        return
    with Pool(jobs) as pool:
        yield from pool.imap(read, paths, chunksize=8)


def _summary(counts: Counter[str], total: int, stream: TextIO) -> None:
    print(f"{'':<44}{'files':>8}", file=stream)
    for key, label in COVERAGE_LABELS.items():
        print(f"{label:<44}{counts.get(key, 0):>8}", file=stream)
    print(f"{'合计 total':<44}{total:>8}", file=stream)


def add_parser(rsub: Any) -> None:
    p = rsub.add_parser(
        "read", help="read published reports (text, HTML, DOCX, PDF) into checked JSON"
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="files or directories")
    p.add_argument("--format", choices=("json", "text"), default="json")
    p.add_argument("--check", action="store_true", help="exit 1 when a check finds an error")
    p.add_argument("--summary", action="store_true", help="print a table of outcomes")
    p.add_argument(
        "--spans",
        action="store_true",
        help='add "spans": where each figure stands ("section.row.column": [start, end]), in '
        "characters of the decoded text file; of HTML, DOCX and PDF, in their cells' texts "
        "joined a cell a line",
    )
    p.add_argument("--jobs", type=int, default=1, help="read on this many cores")
    p.add_argument(
        "--year",
        type=int,
        help="the reporting year when the text prints none (else one in the file name is used)",
    )
    p.add_argument("-o", "--output", default="-", metavar="OUT")
    p.set_defaults(func=_cmd_read)
