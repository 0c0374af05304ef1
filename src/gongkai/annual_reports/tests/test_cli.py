"""``gongkai report compute``: the report from the records, from the shell."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gongkai.agencies.choices import AgencyKind
from gongkai.agencies.tests.factories import make_agency
from gongkai.annual_reports.tests.factories import case
from gongkai.cli import main
from gongkai.conftest import Personas
from gongkai.core.report.model import Report

D = dt.date


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cases(personas: Personas) -> None:
    case(personas.agency_a, D(2024, 3, 1), concluded=D(2024, 3, 5), outcome="3.1")
    case(personas.county_a, D(2024, 4, 1))
    case(personas.agency_b, D(2024, 5, 1), "business")


def _read(path: Path) -> Report:
    return Report.from_json(path.read_bytes())


def test_it_computes_one_agency_by_short_name_into_a_json_file(
    personas: Personas, cases: None, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "a.json"
    code, _, err = run(
        capsys, "report", "compute", "--agency", "瓯海财", "--year", "2024", "-o", str(out)
    )
    assert (code, err) == (0, "")
    report = _read(out)
    assert report.agency == "温州市瓯海区财政局" and report.format == "2021"
    assert report.applications is not None
    assert report.applications["1"] == [1, 0, 0, 0, 0, 0, 1]
    assert report.applications["3.1"] == [1, 0, 0, 0, 0, 0, 1]


def test_a_rollup_by_id_counts_the_subtree(
    personas: Personas, cases: None, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "county.json"
    argv = ["report", "compute", "--agency", str(personas.county_a.pk), "--year", "2024"]
    assert run(capsys, *argv, "--rollup", "-o", str(out))[0] == 0
    assert _read(out).applications["1"][6] == 2  # type: ignore[index]
    assert run(capsys, *argv, "-o", str(out))[0] == 0
    assert _read(out).applications["1"][6] == 1  # type: ignore[index]


def test_a_rollup_over_chosen_units_counts_only_those(
    personas: Personas, cases: None, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "city.json"
    argv = ["report", "compute", "--agency", "温州", "--year", "2024", "-o", str(out)]
    assert run(capsys, *argv, "--units", "瓯海财,鹿城教")[0] == 0
    assert _read(out).applications["1"] == [1, 1, 0, 0, 0, 0, 2]  # type: ignore[index]
    code, _, err = run(
        capsys, "report", "compute", "--agency", "瓯海", "--year", "2024", "--units", "鹿城教"
    )
    assert code == 2 and err.count("\n") == 1 and "鹿城教" in err


def test_without_an_agency_it_takes_the_single_root(
    personas: Personas, cases: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "report", "compute", "--year", "2024", "--rollup")
    assert code == 0
    report = Report.from_json(out)
    assert report.agency == "温州市人民政府"
    assert report.applications is not None and report.applications["1"] == [2, 1, 0, 0, 0, 0, 3]


def test_other_formats_are_rendered(
    personas: Personas, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "a.xlsx"
    argv = ["report", "compute", "--agency", "瓯海财", "--year", "2024", "--format", "xlsx"]
    assert run(capsys, *argv, "-o", str(out))[0] == 0
    assert out.read_bytes().startswith(b"PK")


def test_errors_are_one_line_with_exit_2(
    personas: Personas, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "report", "compute", "--agency", "没有的机关", "--year", "2024")
    assert (code, out) == (2, "") and err.count("\n") == 1 and "没有的机关" in err
    code, _, err = run(capsys, "report", "compute", "--agency", "瓯海财", "--year", "2015")
    assert code == 2 and err.count("\n") == 1
    make_agency("杭州市人民政府", AgencyKind.CITY, short_name="杭州")
    code, _, err = run(capsys, "report", "compute", "--year", "2024")
    assert code == 2 and "--agency" in err and err.count("\n") == 1
