"""``gongkai redact``: removes what it is told (and, with --auto, the personal data it finds),
writes its log, and answers a file that is not a PDF with one line and exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.cases.tests.factories import ID_NUMBER
from gongkai.cases.tests.pdfs import pdf_with_lines, text_of
from gongkai.cli import main


def test_auto_and_terms_are_removed_and_logged(tmp_path: Path) -> None:
    source = tmp_path / "in.pdf"
    source.write_bytes(pdf_with_lines([f"申请人：赵一鸣 身份证{ID_NUMBER}", "项目代号青松工程"]))
    out, log = tmp_path / "out.pdf", tmp_path / "log.json"
    code = main(
        [
            "redact",
            str(source),
            "--auto",
            "--term",
            "青松工程",
            "--reason",
            "3.3.5",
            "-o",
            str(out),
            "--log",
            str(log),
        ]
    )
    assert code == 0
    text = text_of(out.read_bytes())
    assert ID_NUMBER not in text and "赵一鸣" not in text and "青松工程" not in text
    entries = json.loads(log.read_text("utf-8"))
    assert {(e["kind"], e["article"]) for e in entries} >= {
        ("id_number", "第十五条"),
        ("term", "第十六条第一款"),
    }


def test_a_file_that_is_not_a_pdf_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.pdf"
    source.write_bytes(b"this is not a pdf")
    assert main(["redact", str(source), "--auto", "-o", str(tmp_path / "o.pdf")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not a readable PDF" in err[0]
