from __future__ import annotations

import copy
import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core.report import Report, check, has_errors
from tests.conftest import TRUTH_FILES, corpus_ids
from tests.core.strategies import full_report

# What annual-report.md implies for each corpus file: real-001 leaves its 总计 column blank in
# the result rows, so row 3.7's total (805) is not the sum of the blank result totals, and
# every result row with numbers fails its row total. Every other report balances.
REAL_001_BLANK_TOTAL_ROWS = ("3.1", "3.2", "3.3.1", "3.3.5", "3.3.6", "3.3.8")
REAL_001_BLANK_TOTAL_ROWS += ("3.4.1", "3.4.2", "3.4.3", "3.5.1", "3.5.2")
REAL_001_ERRORS = {("apps.results_sum", "total")} | {
    ("apps.row_total", row) for row in REAL_001_BLANK_TOTAL_ROWS
}
EXPECTED_ERRORS = {"real-001": REAL_001_ERRORS}


def load(name: str) -> Report:
    for path in TRUTH_FILES:
        if path.name == f"{name}.truth.json":
            return Report.from_json(path.read_text(encoding="utf-8"))
    raise AssertionError(f"{name} is not in the corpus")


@pytest.mark.parametrize("path", TRUTH_FILES, ids=corpus_ids())
def test_each_corpus_report_has_exactly_the_errors_the_spec_implies(path: Path) -> None:
    report = Report.from_json(path.read_text(encoding="utf-8"))
    name = path.name.removesuffix(".truth.json")
    findings = check(report)
    errors = {(f.code, f.where) for f in findings if f.level == "error"}
    assert errors == EXPECTED_ERRORS.get(name, set())
    # A blank cell is a warning, never an error, and is reported once per row.
    blank_rows = [f.where for f in findings if f.code == "cells.blank"]
    assert len(blank_rows) == len(set(blank_rows))
    for f in findings:
        assert f.message and f.message_en


def test_real_001_findings_carry_expected_and_actual_values() -> None:
    findings = {(f.code, f.where): f for f in check(load("real-001"))}
    total = findings[("apps.results_sum", "total")]
    assert (total.expected, total.actual) == (0, 805)
    row = findings[("apps.row_total", "3.1")]
    assert (row.expected, row.actual) == (258 + 12 + 1 + 1, None)
    blank = findings[("cells.blank", "applications.3.3.2")]
    assert blank.level == "warning" and "7" in blank.message


def test_a_balance_break_is_reported_per_column() -> None:
    report = load("ouhai-2020")
    assert report.applications is not None
    report.applications["4"][0] += 1
    report.applications["4"][6] += 1
    findings = [f for f in check(report) if f.code == "apps.balance"]
    assert [f.where for f in findings] == ["natural_person", "total"]
    assert findings[0].actual == findings[0].expected + 1


def test_group_total_names_the_group() -> None:
    report = load("lanzhou-2020")
    assert report.disputes is not None
    report.disputes["litigation_direct"][4] = (report.disputes["litigation_direct"][4] or 0) + 3
    errors = [f for f in check(report) if f.level == "error"]
    assert [(f.code, f.where) for f in errors] == [("disputes.group_total", "litigation_direct")]


def test_continuity_compares_this_years_carry_over_with_last_years_carry_forward() -> None:
    last = load("ouhai-2020")
    this = copy.deepcopy(last)
    this.year = 2021
    assert this.applications is not None and last.applications is not None
    this.applications["2"] = list(last.applications["4"])
    assert not [f for f in check(this, last) if f.code == "carry.continuity"]
    this.applications["2"][0] = (this.applications["2"][0] or 0) + 2
    findings = [f for f in check(this, last) if f.code == "carry.continuity"]
    assert [f.where for f in findings] == ["natural_person"]
    # Without last year's report the check cannot run.
    assert not [f for f in check(this) if f.code == "carry.continuity"]


def test_in_force_is_a_warning_against_last_year() -> None:
    last = load("shenzhou-2021")
    this = copy.deepcopy(last)
    assert this.proactive is not None and last.proactive is not None
    rules = this.proactive["normative"]
    rules["issued"], rules["repealed"] = 5, 2
    rules["in_force"] = (last.proactive["normative"]["in_force"] or 0) + 3
    assert not [f for f in check(this, last) if f.code == "proactive.in_force"]
    rules["in_force"] = (rules["in_force"] or 0) + 1
    found = [f for f in check(this, last) if f.code == "proactive.in_force"]
    assert [(f.level, f.where) for f in found] == [("warning", "normative")]
    assert not has_errors(found)


def test_negative_counts_are_errors_but_a_negative_change_is_not() -> None:
    report = load("ouhai-2020")
    assert report.proactive is not None and report.applications is not None
    report.proactive["licensing"]["change"] = -92
    assert not [f for f in check(report) if f.code == "cells.negative"]
    report.applications["3.5.1"][1] = -1
    found = [f.where for f in check(report) if f.code == "cells.negative"]
    assert found == ["applications.3.5.1.commercial"]


def test_a_year_on_year_jump_is_a_warning() -> None:
    last = load("ouhai-2020")
    this = copy.deepcopy(last)
    assert this.applications is not None
    this.applications["1"][6] = (this.applications["1"][6] or 0) * 10
    found = [f for f in check(this, last) if f.code == "yoy.jump"]
    assert [(f.level, f.where) for f in found] == [("warning", "1")]


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(full_report(), full_report(), st.randoms(use_true_random=False))
def test_every_chinese_message_names_rows_and_columns_by_their_labels(
    this: Report, last: Report, rng: random.Random
) -> None:
    # (some counts below zero, so that every check has something to say)
    assert this.applications is not None and this.proactive is not None
    for row in rng.sample(list(this.applications.values()), 3):
        row[rng.randrange(7)] = -rng.randint(1, 9)
    for row in this.proactive.values():
        for column in row:
            if column == "in_force" and rng.random() < 0.5:
                row[column] = -1
    found = check(this, last)
    assert {f.code for f in found} >= {"cells.negative", "cells.blank"}
    for f in found:
        assert not re.search(r"[A-Za-z_]", f.message), f.message
