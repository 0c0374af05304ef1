"""Every ``gongkai`` command that takes a file answers a bad one with one line and exit 2.

Table-driven: each command that reads a file × each kind of bad input (empty, binary, UTF-16,
Big5 garbage, JSON nested 100,000 deep, a field over the limits, missing, a directory). The
answer is exit status 2 and exactly one line on stderr that names the file — never a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from gongkai.cli import main
from gongkai.conftest import Personas

AGENCY = "温州市瓯海区财政局"  # personas' agency A
HUGE = 1_100_000  # characters: over every field limit (csv's and the import's)

BAD_INPUTS: dict[str, Callable[[Path], object]] = {
    "empty": lambda p: p.write_bytes(b""),
    "binary": lambda p: p.write_bytes(bytes(range(256)) * 64),
    "utf16": lambda p: p.write_bytes("名称,成文日期\n通知,2024-01-02\n".encode("utf-16")),
    "big5_garbage": lambda p: p.write_bytes(
        "標題,內容\n政府資訊公開\n".encode("big5") + b"\xff\xfe\x80\x81" * 64
    ),
    "nested_json": lambda p: p.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8"),
    "huge_field": lambda p: p.write_text(
        'title,body\n通知,"' + "长" * HUGE + '"\n', encoding="utf-8"
    ),
    "missing": lambda p: None,
    "directory": lambda p: p.mkdir(),
}

# (command line with FILE standing for the input, the input's suffix, needs the database)
COMMANDS: dict[str, tuple[list[str], str, bool]] = {
    "report read": (["report", "read", "FILE"], ".txt", False),
    "report check": (["report", "check", "FILE"], ".json", False),
    "report check --previous": (["report", "check", "--previous", "FILE", "FILE"], ".json", False),
    "report render": (["report", "render", "FILE", "--to", "html"], ".json", False),
    "report rollup": (["report", "rollup", "FILE"], ".json", False),
    "publications import csv": (
        ["publications", "import", "--agency", AGENCY, "FILE"], ".csv", True
    ),
    "publications import jsonl": (
        ["publications", "import", "--agency", AGENCY, "FILE"], ".jsonl", True
    ),
    "catalog import": (["catalog", "import", "--agency", AGENCY, "FILE"], ".xlsx", True),
    "calendar import csv": (["calendar", "import", "FILE"], ".csv", True),
    "calendar import ics": (["calendar", "import", "FILE"], ".ics", True),
    "agency import": (["agency", "import", "FILE"], ".csv", True),
    "user import": (["user", "import", "FILE"], ".csv", True),
}  # fmt: skip


def run_bad(
    command: str, bad: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, Path]:
    argv, suffix, _ = COMMANDS[command]
    path = tmp_path / f"input{suffix}"
    BAD_INPUTS[bad](path)
    code = main([str(path) if a == "FILE" else a for a in argv])
    _, err = capsys.readouterr()
    return code, err, path


def assert_one_line(code: int, err: str, path: Path) -> None:
    assert "Traceback" not in err
    assert code == 2, err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("gongkai: ") and str(path) in lines[0], lines[0]
    assert len(lines[0]) < 400, lines[0]


PURE = [c for c, (_, _, db) in COMMANDS.items() if not db]
WITH_DATABASE = [c for c, (_, _, db) in COMMANDS.items() if db]


@pytest.mark.parametrize("bad", list(BAD_INPUTS))
@pytest.mark.parametrize("command", PURE)
def test_a_report_command_answers_a_bad_file_with_one_line_and_exit_2(
    command: str, bad: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert_one_line(*run_bad(command, bad, tmp_path, capsys))


@pytest.mark.django_db
@pytest.mark.parametrize("bad", list(BAD_INPUTS))
@pytest.mark.parametrize("command", WITH_DATABASE)
def test_an_import_answers_a_bad_file_with_one_line_and_exit_2(
    command: str,
    bad: str,
    personas: Personas,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert_one_line(*run_bad(command, bad, tmp_path, capsys))


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_a_body_longer_than_csvs_default_limit_is_imported(
    suffix: str, personas: Personas, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from gongkai.publications.models import Publication

    body = "第一条 " + "长" * 200_000
    path = tmp_path / f"items{suffix}"
    if suffix == ".csv":
        path.write_text(f"title,written_on,published_on,body\n通知,2024-01-02,2024-01-03,{body}\n")
    else:
        record = {"title": "通知", "written_on": "2024-01-02", "published_on": "2024-01-03"}
        path.write_text(json.dumps({**record, "body": body}, ensure_ascii=True) + "\n")
    code = main(["publications", "import", "--agency", AGENCY, str(path)])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert "1 items imported" in out
    assert len(Publication.objects.get().body_text) == len(body)


@pytest.mark.django_db
def test_a_body_over_the_limit_is_refused_naming_its_line(
    personas: Personas, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "items.jsonl"
    record = {"title": "通知", "written_on": "2024-01-02", "published_on": "2024-01-03"}
    path.write_text(json.dumps(record) + "\n" + json.dumps({**record, "body": "长" * HUGE}) + "\n")
    code = main(["publications", "import", "--agency", AGENCY, str(path)])
    _, err = capsys.readouterr()
    assert code == 2
    assert err == f"gongkai: {path}:2: body longer than 1,048,576 characters\n"


@pytest.mark.django_db
def test_a_zip_bomb_xlsx_is_refused_by_catalog_import_before_openpyxl_inflates_it(
    personas: Personas, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import zipfile
    from io import BytesIO

    # 200 MB of zeros deflated to a few hundred KB (src/ tests do not import tests/).
    buffer = BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("word/document.xml", "w") as member,
    ):
        for _ in range(200):
            member.write(bytes(1024 * 1024))
    path = tmp_path / "catalog.xlsx"
    path.write_bytes(buffer.getvalue())
    code = main(["catalog", "import", "--agency", AGENCY, str(path)])
    _, err = capsys.readouterr()
    assert code == 2
    assert err == f"gongkai: {path}: refused: word/document.xml inflates to more than 50 MB\n"


OUTPUTS: dict[str, tuple[list[str], bool]] = {
    "report render": (["report", "render", "REPORT", "--to", "html", "-o", "OUT"], False),
    "report rollup": (["report", "rollup", "REPORT", "-o", "OUT"], False),
    "report read": (["report", "read", "TEXT", "-o", "OUT"], False),
    "report compute": (
        ["report", "compute", "--agency", AGENCY, "--year", "2024", "-o", "OUT"], True
    ),
    "catalog export": (["catalog", "export", "--agency", AGENCY, "-o", "OUT"], True),
}  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("where", ["directory", "missing_parent"])
@pytest.mark.parametrize("command", list(OUTPUTS))
def test_an_output_that_cannot_be_written_gives_one_line_and_exit_2(
    command: str,
    where: str,
    personas: Personas,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from gongkai.core.report import Report

    report = tmp_path / "report.json"
    report.write_text(Report(agency="某局", year=2021, format="2021").to_json())
    text = tmp_path / "report.txt"
    text.write_text("某局2021年政府信息公开工作年度报告\n", encoding="utf-8")
    out = tmp_path / "out"
    if where == "directory":
        out.mkdir()
    else:
        out = out / "missing" / "file"
    values = {"REPORT": str(report), "TEXT": str(text), "OUT": str(out)}
    code = main([values.get(a, a) for a in OUTPUTS[command][0]])
    _, err = capsys.readouterr()
    assert_one_line(code, err, out)
