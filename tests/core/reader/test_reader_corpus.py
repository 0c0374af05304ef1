"""The reader on the corpus of real published reports: every truth cell, nothing invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.core.reader import read_bytes
from gongkai.core.report.model import loads
from tests.conftest import TRUTH_FILES, corpus_ids

SECTIONS = ("proactive", "applications", "disputes")


def _read(truth_path: Path) -> tuple[dict, dict]:  # type: ignore[type-arg]
    source = truth_path.with_name(truth_path.name.replace(".truth.json", ".txt"))
    reading = read_bytes(source.read_bytes(), source.name)
    got = reading.to_dict()
    return got, loads(truth_path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", TRUTH_FILES, ids=corpus_ids())
def test_every_truth_cell_is_read_exactly_and_no_row_is_invented(path: Path) -> None:
    got, truth = _read(path)
    for section in SECTIONS:
        want = truth.get(section) or {}
        have = got.get(section) or {}
        assert set(have) == set(want), section  # no invented rows, no missed complete rows
        for key, cells in want.items():
            assert have[key] == cells, f"{section}.{key}"


@pytest.mark.parametrize("path", TRUTH_FILES, ids=corpus_ids())
def test_year_format_and_named_agency_are_found(path: Path) -> None:
    got, truth = _read(path)
    assert (got["year"], got["format"]) == (truth["year"], truth["format"])
    agency = truth["agency"]
    if "某" not in agency and "(" not in agency and agency_in_text(path, agency):
        assert got["agency"] == agency


def agency_in_text(path: Path, agency: str) -> bool:
    """Whether the excerpt names the agency at all (some name only 我局)."""
    from gongkai.core.reader.normalize import normalize

    text = normalize(path.with_name(path.name.replace(".truth.json", ".txt")).read_text())
    return any(part in text for part in (agency, agency.removesuffix("人民政府")))


@pytest.mark.parametrize("path", TRUTH_FILES, ids=corpus_ids())
def test_coverage_findings_match_the_truth(path: Path) -> None:
    got, truth = _read(path)
    codes = {issue["code"] for issue in got["issues"]}
    coverage = truth["coverage"]
    if coverage == "full":
        assert not codes & {"truncated", "tables_missing", "cell_unreadable"}
    elif coverage == "partial":
        assert "truncated" in codes
    else:
        assert "tables_missing" in codes
        assert not any(got.get(s) for s in SECTIONS)


def test_published_mistakes_are_returned_as_published_and_reported() -> None:
    path = next(p for p in TRUTH_FILES if p.name.startswith("real-001"))
    got, _ = _read(path)
    assert got["applications"]["3.1"][6] is None  # 总计 left blank, as printed
    errors = {(i["code"], i["where"]) for i in got["issues"] if i.get("level") == "error"}
    assert ("apps.results_sum", "total") in errors
    assert ("apps.row_total", "3.1") in errors


def test_the_narrative_is_compared_with_the_tables_only_where_anchored() -> None:
    got, _ = _read(next(p for p in TRUTH_FILES if p.name.startswith("real-001")))
    narrative = [i for i in got["issues"] if i["code"].startswith("narrative.")]
    # "予以公开及部分公开258件" while the table's 3.1 + 3.2 make 272 + 3 = 275.
    assert [
        (i["code"], i["where"], i["expected"], i["actual"])
        for i in narrative
        if i["code"] == "narrative.number"
    ] == [("narrative.number", "3.1+3.2", 275, 258)]
    ouhai, _ = _read(next(p for p in TRUTH_FILES if p.name.startswith("ouhai")))
    assert not [i for i in ouhai["issues"] if i["code"].startswith(("narrative.", "layout."))]


def test_narrative_warnings_for_numbers_percentages_and_all_done() -> None:
    from gongkai.core.reader import read_text

    path = next(p for p in TRUTH_FILES if p.name.startswith("ouhai"))
    text = path.with_name("ouhai-2020.txt").read_text(encoding="utf-8")
    text = text.replace(
        "共受理政府信息公开申请件773件",
        "共受理政府信息公开申请件770件（约占50%），所有申请均已办结",
    )
    codes = {
        (f.code, f.where) for f in read_text(text).check_findings if f.code.startswith("narrative")
    }
    assert ("narrative.number", "1") in codes
    assert ("narrative.all_done", "4") in codes
    assert any(code == "narrative.percent" for code, _ in codes)
