"""``gongkai disputes import``: CSV or XLSX, every row through the actions, all or nothing,
``file:line: field: problem`` and exit 2 for a bad row or file."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from gongkai.annual_reports.tests.factories import case as make_case
from gongkai.cases.choices import Status
from gongkai.cases.models import Case
from gongkai.cli import main
from gongkai.cli.tests.test_bad_files import BAD_INPUTS
from gongkai.conftest import Personas
from gongkai.disputes.models import Dispute

pytestmark = pytest.mark.django_db
D = dt.date
HEADER = (
    "申请编号,类型,复议机关或法院,案号,申请或起诉日期,"
    "副本收到日期,答复或答辩日期,结果,决定或判决日期"
)


def _case(personas: Personas) -> Case:
    return make_case(personas.agency_a, D(2025, 3, 3), concluded=D(2025, 3, 20))


def _write(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "disputes.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_a_csv_list_is_recorded_and_a_correction_reopens_the_case(
    personas: Personas, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = _case(personas)
    path = _write(
        tmp_path,
        [
            f"{case.number},行政复议,瓯海区人民政府,瓯政复〔2025〕3号,2025-04-01,2025-04-03,2025-04-15,纠正,2025-06-01",
            f"{case.number},行政诉讼,瓯海区人民法院,（2025）浙0304行初5号,2025-05-01,,,,",
        ],
    )
    assert main(["disputes", "import", str(path)]) == 0
    assert "2 reviews and suits" in capsys.readouterr().out
    review = Dispute.objects.get(kind="review")
    assert (review.copy_received_on, review.replied_on, review.outcome) == (
        D(2025, 4, 3),
        D(2025, 4, 15),
        "corrected",
    )
    case.refresh_from_db()
    assert case.status == Status.OPEN and case.reopened_count == 1
    # Imported again, with the suit now decided: nothing doubled, the new step added.
    path = _write(
        tmp_path,
        [
            f"{case.number},行政复议,瓯海区人民政府,瓯政复〔2025〕3号,2025-04-01,2025-04-03,2025-04-15,纠正,2025-06-01",
            f"{case.number},行政诉讼,瓯海区人民法院,（2025）浙0304行初5号,2025-05-01,2025-05-06,2025-05-20,维持,2025-09-01",
        ],
    )
    assert main(["disputes", "import", str(path)]) == 0
    assert Dispute.objects.count() == 2
    assert Dispute.objects.get(kind="litigation_direct").outcome == "upheld"


def test_a_row_without_a_case_number_is_matched_by_body_and_date_on_a_re_import(
    personas: Personas, tmp_path: Path
) -> None:
    case = _case(personas)
    rows = [
        f"{case.number},行政复议,瓯海区人民政府,,2025-04-01,,,,",
        f"{case.number},行政复议,温州市人民政府,,2025-04-01,,,,",  # another body: another review
    ]
    assert main(["disputes", "import", str(_write(tmp_path, rows))]) == 0
    assert Dispute.objects.count() == 2
    rows[0] = (
        f"{case.number},行政复议,瓯海区人民政府,,2025-04-01,2025-04-03,2025-04-15,维持,2025-06-01"
    )
    assert main(["disputes", "import", str(_write(tmp_path, rows))]) == 0
    assert Dispute.objects.count() == 2
    review = Dispute.objects.get(body="瓯海区人民政府")
    assert (review.replied_on, review.outcome) == (D(2025, 4, 15), "upheld")


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("{n},行政复议,区政府,A1,2025-13-01,,,,", ":3: filed_on: '2025-13-01' is not a date"),
        ("{n},复核,区政府,A1,2025-04-01,,,,", ":3: kind: '复核' is not"),
        ("NOPE,行政复议,区政府,A1,2025-04-01,,,,", ":3: case: no application numbered 'NOPE'"),
        ("{n},行政复议,,A1,2025-04-01,,,,", ":3: body: required"),
        ("{n},行政复议,区政府,A1,2025-04-01,,,维持,", ":3: decided_on: required with an outcome"),
        ("{n},行政复议,区政府,A1,2025-04-01,2025-03-01,,,", ":3: on: "),
        ("{n},行政复议,区政府,A1,2099-04-01,,,,", ":3: filed_on:"),
    ],
)
def test_a_bad_row_names_file_line_and_field_and_nothing_is_written(
    personas: Personas,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    row: str,
    expected: str,
) -> None:
    case = _case(personas)
    good = f"{case.number},行政复议,区政府,OK1,2025-04-01,,,,"
    path = _write(tmp_path, [good, row.format(n=case.number)])
    assert main(["disputes", "import", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith(f"gongkai: {path}:"), err
    assert expected in err, err
    assert not Dispute.objects.exists()


def test_an_xlsx_list_with_english_headers(personas: Personas, tmp_path: Path) -> None:
    case = _case(personas)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["case", "kind", "body", "reference", "filed_on", "copy_received_on"])
    sheet.append([case.number, "review", "区政府", "X1", dt.datetime(2025, 4, 1), "2025-04-02"])
    out = io.BytesIO()
    book.save(out)
    path = tmp_path / "list.xlsx"
    path.write_bytes(out.getvalue())
    assert main(["disputes", "import", str(path)]) == 0
    assert Dispute.objects.get().copy_received_on == D(2025, 4, 2)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("bad", sorted(BAD_INPUTS))
def test_a_bad_file_is_one_line_and_exit_2(
    personas: Personas,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    bad: str,
    suffix: str,
) -> None:
    path = tmp_path / f"input{suffix}"
    make: Callable[[Path], object] = BAD_INPUTS[bad]
    make(path)
    assert main(["disputes", "import", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and str(path) in err, err
