from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from gongkai.core.report import Report, ReportError, get_format
from gongkai.core.report.formats import FORMAT_2019, FORMAT_2021, FORMATS, format_for_year
from gongkai.core.report.model import dumps, loads, validate_dict
from tests.conftest import TRUTH_FILES, corpus_ids


@pytest.mark.parametrize("path", TRUTH_FILES, ids=corpus_ids())
def test_every_corpus_truth_round_trips_byte_for_byte(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    report = Report.from_json(text)
    assert report.to_json() == text.strip()
    assert loads(report.to_json()) == loads(text)


def test_money_keeps_every_decimal_digit() -> None:
    data = {
        "schema": "gongkai/annual-report@1",
        "agency": "某局",
        "year": 2021,
        "format": "2021",
        "proactive": {"fees": {"amount_wan_yuan": 180.338174}},
    }
    report = Report.from_json(json.dumps(data))
    assert report.proactive == {"fees": {"amount_wan_yuan": Decimal("180.338174")}}
    assert '"amount_wan_yuan": 180.338174' in report.to_json()


def _minimal(**extra: object) -> dict[str, object]:
    return {
        "schema": "gongkai/annual-report@1",
        "agency": "某局",
        "year": 2021,
        "format": "2021",
    } | extra


@pytest.mark.parametrize(
    ("data", "where", "reason"),
    [
        (_minimal(applications={"1": [1, 2, 3]}), "applications/1", "expected 7 cells, got 3"),
        (_minimal(applications={"3.6": [0] * 7}), "applications", "3.6"),
        (_minimal(applications={"9.9": [0] * 7}), "applications", "9.9"),
        (_minimal(applications={"1": [0, 0, 0, 0, 0, 0, -1]}), "applications/1/6", "minimum"),
        (_minimal(proactive={"rules": {"made": 1}}), "proactive/rules", "made"),
        (_minimal(disputes={"review": [0, 0, 0, 0, "x"]}), "disputes/review/4", "not of type"),
        (_minimal(year=1999), "year", "minimum"),
        ({"agency": "某局"}, "", "required"),
    ],
)
def test_invalid_documents_are_refused_naming_where_and_why(
    data: dict[str, object], where: str, reason: str
) -> None:
    with pytest.raises(ReportError) as caught:
        validate_dict(data)
    assert caught.value.where == where
    assert reason in caught.value.reason


def test_the_2019_format_has_20_result_rows_and_the_2021_format_22() -> None:
    def result_rows(keys: tuple[str, ...]) -> int:
        return sum(1 for k in keys if k.startswith("3."))

    assert result_rows(FORMAT_2019.application_keys) == 20
    assert result_rows(FORMAT_2021.application_keys) == 22
    assert "3.6" in FORMAT_2019.leaf_result_keys and "3.6" not in FORMAT_2021.leaf_result_keys
    assert "3.7" not in FORMAT_2021.leaf_result_keys


def test_the_format_in_force_follows_the_reporting_year() -> None:
    assert format_for_year(2019) is FORMAT_2019
    assert format_for_year(2020) is FORMAT_2019
    assert format_for_year(2021) is FORMAT_2021
    assert format_for_year(2025) is FORMAT_2021
    with pytest.raises(KeyError, match="unknown report format"):
        get_format("2030")


def test_format_keys_match_the_schema() -> None:
    from gongkai.core.report.model import schema

    pattern = schema()["properties"]["applications"]["propertyNames"]["pattern"]
    import re

    for fmt in FORMATS.values():
        for key in fmt.application_keys:
            assert re.match(pattern, key), key
        for branch in schema()["allOf"]:
            if branch["if"]["properties"]["format"]["const"] == fmt.key:
                props = branch["then"]["properties"]["proactive"]["properties"]
                assert set(props) == set(fmt.proactive_rows)
                for row_key, (block, _row) in fmt.proactive_rows.items():
                    ref = props[row_key]
                    if "$ref" in ref:
                        ref = schema()["$defs"][ref["$ref"].rsplit("/", 1)[1]]
                    assert set(ref["properties"]) == {c.key for c in block.columns}, row_key


def test_dumps_writes_compact_json_when_asked() -> None:
    assert dumps({"a": [1, None, Decimal("1.50")]}, indent=None) == '{"a": [1, null, 1.50]}'
