"""Reading a year's holidays and make-up working days from what an administrator has at hand.

Four inputs, one output (a list of ``DayRow``), and errors that name the line:

- the State Council notice pasted as it is published (``parse_notice``): "二、春节：1月28日（农历
  除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。"
  Weekdays written in the notice and the "共N天" totals are checked against the dates, so a typo
  in the paste is caught rather than silently moving a deadline;
- one date or range per line (``parse_lines``): ``2027-10-01..2027-10-07 国庆节 休`` /
  ``2027-09-26 国庆节 班``;
- CSV with a header ``date,kind,name`` (``parse_csv``);
- iCal (``parse_ical``): all-day events; a summary containing 班 (上班/补班) is a make-up day.

``check_year`` then checks the rows of one notice as a whole.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from gongkai.core.calendar import ONE_DAY, DayKind, DayRow, weekday_cn

_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}

_KIND_WORDS = {
    "holiday": DayKind.HOLIDAY,
    "休": DayKind.HOLIDAY,
    "放假": DayKind.HOLIDAY,
    "假": DayKind.HOLIDAY,
    "workday": DayKind.WORKDAY,
    "班": DayKind.WORKDAY,
    "上班": DayKind.WORKDAY,
    "补班": DayKind.WORKDAY,
    "调休上班": DayKind.WORKDAY,
}


class CalendarInputError(ValueError):
    """Input that cannot be read; ``line`` is 1-based (0 when the whole input is at fault)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}" if line else message)
        self.line = line
        self.message = message


def parse_kind(word: str) -> DayKind:
    """``holiday``/``workday`` or the Chinese words a notice or a spreadsheet uses."""
    kind = _KIND_WORDS.get(word.strip().lower())
    if kind is None:
        raise ValueError(f"kind {word!r}: expected holiday/workday (休/放假, 班/上班)")
    return kind


def _weekday_label(day: dt.date) -> str:
    return f"周{weekday_cn(day)}"


# -- the notice as published -----------------------------------------------------------------

# A section starts a line or follows a full stop: "初七、周二" inside a note is no section.
_SECTION = re.compile(
    r"(?:^|(?<=[。\n]))\s*([一二三四五六七八九十]+)、\s*([^：:。\n]{1,20}?)\s*[：:]", re.M
)
_DATE = re.compile(
    r"(?:(?P<y>\d{4})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*日"
    r"(?:\s*[（(](?P<note>[^）)]*)[）)])?"
)
_TOTAL = re.compile(r"(?:共|放假)\s*(\d+)\s*天")
_NOTE_WEEKDAY = re.compile(r"(?:周|星期)([一二三四五六日天])")


@dataclass
class _Cursor:
    year: int
    month: int | None = None


def _read_date(match: re.Match[str], cursor: _Cursor, line: int) -> dt.date:
    if match["y"]:
        cursor.year = int(match["y"])
    if match["m"]:
        cursor.month = int(match["m"])
    if cursor.month is None:
        raise CalendarInputError(line, f"{match[0]!r}: the month is missing")
    try:
        day = dt.date(cursor.year, cursor.month, int(match["d"]))
    except ValueError as exc:
        raise CalendarInputError(line, f"{match[0]!r}: not a date ({exc})") from exc
    note = match["note"] or ""
    said = _NOTE_WEEKDAY.search(note)
    if said and _WEEKDAYS[said[1]] != day.weekday():
        raise CalendarInputError(
            line,
            f"{match[0]!r}: {day.isoformat()} is a {_weekday_label(day)}, "
            f"not 周{said[1]} as written",
        )
    return day


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def parse_notice(year: int, text: str) -> list[DayRow]:
    """The holidays and make-up days of a pasted 国务院办公厅关于{year}年部分节假日安排的通知.

    Each numbered section ("一、元旦：…") names the holiday. In a sentence (up to 。) that says
    上班, every date is a make-up working day; in one that says 放假, "A至B" is a range of holidays
    and a lone date is one holiday. Other sentences (such as the encouragement to rest on 除夕)
    are ignored.
    """
    sections = list(_SECTION.finditer(text))
    if not sections:
        raise CalendarInputError(
            0, "no numbered section such as '一、元旦：' found; is this the State Council notice?"
        )
    rows: list[DayRow] = []
    for index, section in enumerate(sections):
        name = section[2].strip()
        body_start = section.end()
        body_end = sections[index + 1].start() if index + 1 < len(sections) else len(text)
        rows.extend(_parse_section(year, name, text, body_start, body_end))
    _refuse_duplicates(rows)
    return sorted(rows)


def _parse_section(year: int, name: str, text: str, start: int, end: int) -> Iterator[DayRow]:
    cursor = _Cursor(year)
    position = start
    for sentence in re.split(r"(?<=[。；;])", text[start:end]):
        line = _line_of(text, position)
        position += len(sentence)
        if "上班" in sentence:
            kind = DayKind.WORKDAY
        elif "放假" in sentence:
            kind = DayKind.HOLIDAY
        else:
            continue
        matches = list(_DATE.finditer(sentence))
        days: list[dt.date] = []
        i = 0
        while i < len(matches):
            first = _read_date(matches[i], cursor, line)
            between = (
                sentence[matches[i].end() : matches[i + 1].start()] if i + 1 < len(matches) else ""
            )
            if kind is DayKind.HOLIDAY and between.strip() in {
                "至",
                "到",
                "—",
                "－",
                "-",
                "~",
                "～",
            }:
                last = _read_date(matches[i + 1], cursor, line)
                if last < first:
                    raise CalendarInputError(line, f"{name}: the range ends before it starts")
                days.extend(_span(first, last))
                i += 2
            else:
                days.append(first)
                i += 1
        if not days:
            continue  # "…放假期间…" without a date: an exhortation, not an arrangement
        total = _TOTAL.search(sentence)
        if kind is DayKind.HOLIDAY and total and int(total[1]) != len(days):
            raise CalendarInputError(
                line, f"{name}: the notice says {total[1]} days but the dates give {len(days)}"
            )
        for day in days:
            yield DayRow(day, kind, name)


def _span(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    day = first
    while day <= last:
        yield day
        day += ONE_DAY


def _refuse_duplicates(rows: Iterable[DayRow]) -> None:
    seen: dict[dt.date, DayRow] = {}
    for row in rows:
        if row.date in seen:
            raise CalendarInputError(0, f"{row.date.isoformat()} is given twice")
        seen[row.date] = row


# -- one date or range per line --------------------------------------------------------------

_LINE = re.compile(
    r"^(?P<first>\d{4}-\d{1,2}-\d{1,2})"
    r"(?:\s*(?:\.\.|至|~|～|/)\s*(?P<last>\d{4}-\d{1,2}-\d{1,2}))?"
    r"(?P<rest>.*)$"
)


def _iso(text: str, line: int) -> dt.date:
    try:
        year, month, day = (int(part) for part in text.split("-"))
        return dt.date(year, month, day)
    except ValueError as exc:
        raise CalendarInputError(line, f"{text!r}: not a date (YYYY-MM-DD)") from exc


def parse_lines(text: str) -> list[DayRow]:
    """``DATE[..DATE] NAME KIND`` per line; the kind word (休/班/holiday/workday) comes last."""
    rows: list[DayRow] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _LINE.match(line)
        if not match:
            raise CalendarInputError(number, f"{line!r}: expected 'YYYY-MM-DD [name] 休|班'")
        first = _iso(match["first"], number)
        last = _iso(match["last"], number) if match["last"] else first
        if last < first:
            raise CalendarInputError(number, "the range ends before it starts")
        words = match["rest"].replace(",", " ").replace("，", " ").split()
        if not words:
            raise CalendarInputError(
                number, "say whether the day is a holiday (休) or workday (班)"
            )
        try:
            kind = parse_kind(words[-1])
        except ValueError as exc:
            raise CalendarInputError(number, str(exc)) from exc
        name = " ".join(words[:-1])
        rows.extend(DayRow(day, kind, name) for day in _span(first, last))
    _refuse_duplicates(rows)
    return sorted(rows)


def parse_text(year: int, text: str) -> list[DayRow]:
    """What the admin form accepts: dated lines if the text starts with one, else the notice."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if _LINE.match(first):
        return parse_lines(text)
    return parse_notice(year, text)


# -- CSV ------------------------------------------------------------------------------------


def parse_csv(text: str) -> list[DayRow]:
    """CSV with a header naming ``date`` and ``kind`` (``name`` optional); one row per day."""
    reader = csv.DictReader(io.StringIO(text))
    fields = [f.strip().lower() for f in reader.fieldnames or []]
    missing = {"date", "kind"} - set(fields)
    if missing:
        raise CalendarInputError(1, f"the header must name {', '.join(sorted(missing))}")
    reader.fieldnames = fields
    rows: list[DayRow] = []
    for record in reader:
        number = reader.line_num
        date_text = (record.get("date") or "").strip()
        day = _iso(date_text, number)
        try:
            kind = parse_kind(record.get("kind") or "")
        except ValueError as exc:
            raise CalendarInputError(number, str(exc)) from exc
        rows.append(DayRow(day, kind, (record.get("name") or "").strip()))
    if not rows:
        raise CalendarInputError(0, "no day in the file")
    _check_unique_with_lines(rows)
    return sorted(rows)


def _check_unique_with_lines(rows: list[DayRow]) -> None:
    seen: set[dt.date] = set()
    for number, row in enumerate(rows, start=2):
        if row.date in seen:
            raise CalendarInputError(number, f"{row.date.isoformat()} is given twice")
        seen.add(row.date)


# -- iCal -----------------------------------------------------------------------------------

_MARKERS = re.compile(r"[（(]?\s*(?:调休上班|补班|上班|班|放假|休)\s*[）)]?\s*$")


def parse_ical(data: bytes) -> list[DayRow]:
    """All-day VEVENTs; ``DTEND`` is exclusive (RFC 5545). 班 in the summary → make-up day."""
    import icalendar

    try:
        calendar = icalendar.Calendar.from_ical(data)
    except ValueError as exc:
        raise CalendarInputError(0, f"not an iCal file ({exc})") from exc
    rows: list[DayRow] = []
    for event in calendar.walk("VEVENT"):
        summary = str(event.get("SUMMARY", "")).strip()
        start_prop = event.get("DTSTART")
        if start_prop is None:
            raise CalendarInputError(0, f"event {summary!r} has no DTSTART")
        first = start_prop.dt
        if isinstance(first, dt.datetime):
            raise CalendarInputError(0, f"event {summary!r} is not an all-day event")
        end_prop = event.get("DTEND")
        last = end_prop.dt - ONE_DAY if end_prop is not None else first
        if isinstance(last, dt.datetime) or last < first:
            raise CalendarInputError(0, f"event {summary!r}: DTEND is not after DTSTART")
        categories = _categories(event)
        if "workday" in categories or re.search(r"班", summary):
            kind = DayKind.WORKDAY
        else:
            kind = DayKind.HOLIDAY
        name = _MARKERS.sub("", summary).strip()
        rows.extend(DayRow(day, kind, name) for day in _span(first, last))
    if not rows:
        raise CalendarInputError(0, "no all-day event in the file")
    _refuse_duplicates(rows)
    return sorted(rows)


def _categories(event: object) -> set[str]:
    get = getattr(event, "get", None)
    raw = get("CATEGORIES") if get else None
    if raw is None:
        return set()
    items = raw if isinstance(raw, list) else [raw]
    found: set[str] = set()
    for item in items:
        for category in getattr(item, "cats", [item]):
            found.add(str(category).strip().lower())
    return found


# -- checking one year's notice ---------------------------------------------------------------


def check_year(year: int, rows: Iterable[DayRow]) -> list[str]:
    """Problems with the rows of one notice for ``year`` (empty when none).

    A make-up working day is a weekend day by definition (a weekday is already a working day);
    notices reach at most a few days into the neighbouring years (元旦 around 12-31).
    """
    problems: list[str] = []
    first_ok = dt.date(year - 1, 12, 1)
    last_ok = dt.date(year + 1, 1, 31)
    for row in rows:
        if not first_ok <= row.date <= last_ok:
            problems.append(f"{row.date.isoformat()} is outside the {year} notice")
        if row.kind is DayKind.WORKDAY and row.date.weekday() < 5:
            problems.append(
                f"{row.date.isoformat()} is a {_weekday_label(row.date)}: a make-up working "
                "day must be a Saturday or Sunday"
            )
    return problems
