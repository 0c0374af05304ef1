import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core import fees


@pytest.mark.parametrize(
    ("nth", "amount"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (51, 400)],
)
def test_it_charges_each_application_by_its_band_in_the_month(nth: int, amount: int) -> None:
    assert fees.per_application(nth).amount == amount


@pytest.mark.parametrize(
    ("pages", "amount"),
    [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)],
)
def test_it_charges_pages_progressively(pages: int, amount: int) -> None:
    assert fees.per_page(pages).amount == amount


def test_the_explanation_states_the_bands_and_total() -> None:
    fee = fees.per_page(120)
    assert "第31至100页70页×10元" in fee.explanation
    assert "第101至120页20页×20元" in fee.explanation
    assert fee.explanation.endswith("合计1100元")


@given(st.integers(min_value=0, max_value=5000))
def test_one_more_page_never_costs_less(pages: int) -> None:
    assert fees.per_page(pages + 1).amount >= fees.per_page(pages).amount


def test_nonsense_counts_are_refused() -> None:
    with pytest.raises(ValueError):
        fees.per_application(0)
    with pytest.raises(ValueError):
        fees.per_page(-1)
