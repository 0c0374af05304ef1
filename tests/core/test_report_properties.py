from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.report import Report, check, has_errors
from gongkai.core.report.model import loads
from tests.core.strategies import any_report, balanced_report


@given(any_report())
def test_random_valid_reports_round_trip_through_json(report: Report) -> None:
    text = report.to_json()
    again = Report.from_json(text)  # validates against the schema on the way in
    assert again == report
    assert again.to_json() == text
    assert loads(text) == report.to_dict()


@given(balanced_report())
def test_balanced_reports_pass_every_error_level_check(report: Report) -> None:
    assert not has_errors(check(report))


@given(balanced_report(), st.data())
def test_any_single_changed_cell_in_sections_three_or_four_is_an_error(
    report: Report, data: st.DataObject
) -> None:
    assert report.applications is not None and report.disputes is not None
    section = data.draw(st.sampled_from(["applications", "disputes"]))
    rows = report.applications if section == "applications" else report.disputes
    key = data.draw(st.sampled_from(sorted(rows)))
    column = data.draw(st.integers(0, len(rows[key]) - 1))
    old = rows[key][column]
    assert old is not None
    delta = data.draw(st.integers(-old, 1000).filter(lambda d: d != 0))
    rows[key][column] = old + delta
    assert has_errors(check(report)), (section, key, column, delta)
