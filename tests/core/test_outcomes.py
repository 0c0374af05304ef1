import pytest

from gongkai.core import outcomes
from gongkai.core.report.formats import get_format


def test_the_outcomes_are_exactly_the_2021_formats_result_rows() -> None:
    assert tuple(outcomes.OUTCOMES) == get_format("2021").leaf_result_keys


@pytest.mark.parametrize("code", list(outcomes.OUTCOMES))
def test_every_outcome_counts_in_a_row_of_both_formats(code: str) -> None:
    for key in ("2019", "2021"):
        assert outcomes.report_row(code, key) in get_format(key).leaf_result_keys


def test_an_unknown_outcome_is_refused_with_its_code() -> None:
    with pytest.raises(ValueError, match=r"3\.9"):
        outcomes.get("3.9")
