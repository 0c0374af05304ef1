"""What every ``gongkai`` command shares: one-line errors, reading files, the system actor.

Exit codes: 0 done; 2 bad input — one line on stderr names the file, line and problem.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import getpass
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn


def write_output(data: bytes, output: str) -> str | None:
    """``data`` to the file ``output`` or, for ``-``, to stdout; the one-line problem, if any."""
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return None
    try:
        Path(output).write_bytes(data)
    except OSError as exc:
        return f"{output}: cannot write ({exc.strerror})"
    return None


_MAX_LINE = 300
# The longest CSV field or JSONL string the imports accept: a long 正文 is some 100,000
# characters; Python's csv module stops at 131,072 unless told otherwise.
MAX_FIELD_CHARS = 1 << 20


def error_line(message: str) -> str:
    """``gongkai: message`` as one printable line: the bytes of a bad file quoted in a library's
    message (control characters, line breaks, 100,000 brackets) are flattened and cut."""
    text = "".join(c if c.isprintable() else " " for c in message)
    text = " ".join(text.split())
    if len(text) > _MAX_LINE:
        text = text[: _MAX_LINE - 1] + "…"
    return f"gongkai: {text}"


def _fail(message: str) -> NoReturn:
    from gongkai.cli import CommandError

    raise CommandError(message, code=2)


def _database() -> None:
    """Set Django up and bring the database schema up to date, quietly."""
    from gongkai.cli import _setup_django

    _setup_django()
    from django.core.management import call_command
    from django.db import DatabaseError, connection
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            call_command("migrate", interactive=False, verbosity=0)
    except DatabaseError as exc:
        _fail(f"database: {str(exc).strip().splitlines()[0] if str(exc).strip() else exc}")


def _actor() -> Any:
    from gongkai.agencies.access import SystemActor

    try:
        who = getpass.getuser()
    except (KeyError, OSError):
        who = "unknown"
    return SystemActor(f"cli:{who}")


def _date(text: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        _fail(f"{what} {text!r}: not a date (YYYY-MM-DD)")


def _one_line(exc: Exception) -> str:
    from django.core.exceptions import ValidationError

    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return "; ".join(
                f"{field}: {' '.join(str(m) for m in messages)}"
                for field, messages in exc.message_dict.items()
            )
        return " ".join(str(m) for m in exc.messages)
    return " ".join(str(exc).split())


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


# -- CSV --------------------------------------------------------------------------------------


def csv_problem(path: Path, line: int | None, exc: csv.Error) -> str:
    """The one line for a ``csv.Error`` (its messages name no file)."""
    where = f"{path}:{line}" if line else str(path)
    if "field larger than field limit" in str(exc):
        return f"{where}: a field longer than {MAX_FIELD_CHARS:,} characters"
    return f"{where}: not CSV ({exc})"


def _password(args: argparse.Namespace, read: Callable[[], str]) -> str:
    """Read once: a command run again after "database is locked" must not ask twice."""
    if getattr(args, "password_read", None) is None:
        args.password_read = read()
    password: str = args.password_read
    return password


def _read_text(path: Path) -> str:
    from gongkai.core.reader.sources import MAX_FILE_BYTES, MB

    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            _fail(f"{path}: larger than {MAX_FILE_BYTES // MB} MB: not read")
        raw = path.read_bytes()
    except OSError as exc:
        _fail(f"{path}: cannot read ({exc.strerror})")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        _fail(f"{path}: UTF-16 text: save it as CSV in UTF-8")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Excel on a Chinese Windows saves "CSV" in GB18030/GBK.
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        _fail(f"{path}: not UTF-8 or GB18030 text")


def _read_csv(path: Path, columns: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    csv.field_size_limit(MAX_FIELD_CHARS)
    reader = csv.DictReader(io.StringIO(_read_text(path)))
    try:
        return _csv_records(path, columns, reader)
    except csv.Error as exc:
        _fail(csv_problem(path, reader.line_num, exc))


def _csv_records(
    path: Path, columns: Sequence[str], reader: csv.DictReader[str]
) -> list[tuple[int, dict[str, str]]]:
    header = [(name or "").strip() for name in reader.fieldnames or []]
    if not header:
        _fail(f"{path}:1: empty file (expected a header: {','.join(columns)})")
    unknown = [name for name in header if name not in columns]
    if unknown:
        _fail(f"{path}:1: unknown column {unknown[0]!r} (expected some of: {','.join(columns)})")
    reader.fieldnames = header
    records: list[tuple[int, dict[str, str]]] = []
    for record in reader:
        if None in record:
            _fail(f"{path}:{reader.line_num}: more cells than the header has columns")
        if any((value or "").strip() for value in record.values()):
            records.append((reader.line_num, {k: v or "" for k, v in record.items()}))
    if not records:
        _fail(f"{path}: no rows after the header")
    return records


def _import(path: Path, columns: Sequence[str], apply: Callable[..., list[Any]]) -> list[Any]:
    from django.core.exceptions import PermissionDenied

    from gongkai.agencies.actions import RowError

    records = _read_csv(path, columns)
    try:
        return apply(actor=_actor(), records=records)
    except RowError as exc:
        _fail(f"{path}:{exc.line}: {exc.message}")
    except PermissionDenied as exc:
        _fail(f"{path}: {exc}")


# -- agency -----------------------------------------------------------------------------------
