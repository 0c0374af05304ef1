"""Honest findings (issue 16, class 7): what a reading claims follows from the text itself."""

from __future__ import annotations

import random

from hypothesis import assume, given, settings

from gongkai.core.reader import read_text
from gongkai.core.report import Report
from tests.core.reader.layouts import page
from tests.core.strategies import balanced_report

FEW = settings(max_examples=10, deadline=None)


def _page(report: Report) -> str:
    return page(report, "pipe", random.Random(0))


@FEW
@given(balanced_report())
def test_a_text_that_stops_before_its_tables_is_not_read_fully(report: Report) -> None:
    text = _page(report).split("二、主动公开政府信息情况")[0]
    reading = read_text(text)
    assert reading.report is not None
    assert reading.coverage == "tables_missing"


@FEW
@given(balanced_report())
def test_a_complete_table_followed_by_prose_is_not_called_cut_off(report: Report) -> None:
    text = _page(report).split("五、存在的主要问题")[0] + "本机关将进一步加强政府信息公开工作。\n"
    reading = read_text(text)
    assert not [f for f in reading.findings if f.code == "truncated"]
    assert reading.coverage == "full"


@FEW
@given(balanced_report())
def test_checks_on_a_cell_the_reader_could_not_read_are_kept_apart(report: Report) -> None:
    assert report.applications is not None
    assume(report.applications["3.1"][4] != 0)
    lines = _page(report).split("\n")
    n = next(
        i
        for i, line in enumerate(lines)
        if line.startswith("（一）予以公开") or "予以公开 |" in line
    )
    cells = lines[n].split(" | ")
    cells[-3] = "? " + cells[-3][-1:]  # a mirror lost a character of one figure
    lines[n] = " | ".join(cells)
    reading = read_text("\n".join(lines))
    assert any(
        f.code == "cell_unreadable" and f.where.startswith("applications.3.1")
        for f in reading.findings
    )
    # The row no longer adds up, but that is the reader's doubt, not the publisher's error.
    assert not [
        f for f in reading.check_findings if f.code == "apps.row_total" and f.where == "3.1"
    ]
    assert [f for f in reading.doubted_checks if f.code == "apps.row_total" and f.where == "3.1"]
    assert all(i.get("reader_doubt") for i in reading.issues() if i["code"] == "apps.row_total")
    assert reading.coverage == "partial"
