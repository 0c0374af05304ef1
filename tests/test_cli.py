"""The `gongkai report …` commands as a user runs them: output, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import CORPUS


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "gongkai.cli", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=cwd,
    )


def test_check_exits_1_on_errors_and_0_on_clean_reports_in_json() -> None:
    result = run(
        "report",
        "check",
        str(CORPUS / "real-001.truth.json"),
        str(CORPUS / "ouhai-2020.truth.json"),
        "--format",
        "json",
    )
    assert result.returncode == 1
    out = json.loads(result.stdout)
    assert [r["ok"] for r in out] == [False, True]
    codes = {f["code"] for f in out[0]["findings"]}
    assert {"apps.results_sum", "apps.row_total", "cells.blank"} <= codes
    assert set(out[0]["findings"][0]) >= {"code", "level", "where", "expected", "actual", "message"}


def test_check_reports_an_unreadable_file_in_one_line_and_checks_the_others(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "gongkai/annual-report@1", "agency": "某局", "year": 2021}')
    result = run("report", "check", str(bad), str(CORPUS / "ouhai-2020.truth.json"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "bad.json" in result.stderr and "format" in result.stderr
    assert "ouhai-2020.truth.json: 通过 OK" in result.stdout


def test_check_against_last_years_report_runs_continuity(tmp_path: Path) -> None:
    last = json.loads((CORPUS / "ouhai-2020.truth.json").read_text())
    this = dict(last, year=2021)
    this["applications"] = dict(last["applications"], **{"2": [0] * 7})
    path = tmp_path / "this.json"
    path.write_text(
        json.dumps({k: v for k, v in this.items() if k != "format"} | {"format": "2019"})
    )
    result = run(
        "report", "check", str(path), "--previous", str(CORPUS / "ouhai-2020.truth.json"),
        "--format", "json",
    )  # fmt: skip
    codes = {f["code"] for f in json.loads(result.stdout)[0]["findings"]}
    assert "carry.continuity" in codes


def test_render_writes_each_format(tmp_path: Path) -> None:
    for to, magic in {
        "html": b"<!DOCTYPE html>",
        "docx": b"PK",
        "xlsx": b"PK",
        "pdf": b"%PDF",
    }.items():
        out = tmp_path / f"r.{to}"
        result = run(
            "report", "render", str(CORPUS / "xishan-2021.truth.json"), "--to", to, "-o", str(out)
        )
        assert result.returncode == 0, result.stderr
        assert out.read_bytes().startswith(magic)


def test_render_refuses_an_invalid_report_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = run("report", "render", str(bad), "--to", "html", "-o", str(tmp_path / "x.html"))
    assert result.returncode == 2
    assert result.stderr.startswith("gongkai: ") and result.stderr.count("\n") == 1
    assert not (tmp_path / "x.html").exists()


def test_rollup_sums_units_and_refuses_mixed_formats(tmp_path: Path) -> None:
    out = tmp_path / "total.json"
    a, b = CORPUS / "lanzhou-2020.truth.json", CORPUS / "ouhai-2020.truth.json"
    result = run("report", "rollup", str(a), str(b), "--agency", "合计", "-o", str(out))
    assert result.returncode == 0, result.stderr
    total = json.loads(out.read_text())
    la, ou = json.loads(a.read_text()), json.loads(b.read_text())
    assert total["applications"]["1"][6] == la["applications"]["1"][6] + ou["applications"]["1"][6]
    assert total["units"] == ["兰州市人民政府", "瓯海区人民政府"]
    mixed = run("report", "rollup", str(a), str(CORPUS / "xishan-2021.truth.json"), "-o", str(out))
    assert mixed.returncode == 2 and "cannot mix formats" in mixed.stderr


def test_read_one_file_prints_one_json_document() -> None:
    result = run("report", "read", str(CORPUS / "ouhai-2020.txt"))
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["agency"] == "瓯海区人民政府" and doc["applications"]["1"][6] == 773
    assert "source" not in doc


def test_read_takes_the_year_from_the_caller_only_when_the_text_prints_none(
    tmp_path: Path,
) -> None:
    text = (CORPUS / "ouhai-2020.txt").read_text(encoding="utf-8")
    undated = tmp_path / "undated.txt"
    undated.write_text(text.replace("2020", "本").replace("2019", "上"), encoding="utf-8")
    given = json.loads(run("report", "read", str(undated), "--year", "2020").stdout)
    assert given["year"] == 2020
    assert any(i["code"] == "year_given" for i in given["issues"])
    printed = json.loads(
        run("report", "read", str(CORPUS / "ouhai-2020.txt"), "--year", "2018").stdout
    )
    assert printed["year"] == 2020  # what the report prints wins


def test_read_says_the_readers_findings_in_chinese_and_its_json_keeps_both(
    tmp_path: Path,
) -> None:
    text = (CORPUS / "ouhai-2020.txt").read_text(encoding="utf-8")
    cut = tmp_path / "cut.txt"
    cut.write_text(text[: text.index("四、结转下年度继续办理")], encoding="utf-8")
    shown = run("report", "read", str(cut), "--format", "text")
    assert shown.returncode == 0, shown.stderr
    said = (
        "“三、收到和处理政府信息公开申请情况”表格：文本在表格中途中断，“（七）总计”行之后各行未读取"
    )
    assert f"[truncated] applications {said}" in shown.stdout
    assert "the text stops" not in shown.stdout
    doc = json.loads(run("report", "read", str(cut)).stdout)
    (issue,) = [i for i in doc["issues"] if i["where"] == "applications"]
    assert issue["message"] == said
    assert issue["message_en"] == (
        "applications: the text stops inside the table; rows after 3.7 are not read"
    )
    missing = run("report", "read", str(tmp_path / "nowhere.txt"))
    assert missing.returncode == 2
    assert "无法读取文件：文件不存在" in missing.stderr


def test_read_a_directory_streams_json_lines_and_summarises(tmp_path: Path) -> None:
    for path in sorted(CORPUS.glob("*.txt"))[:4]:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "junk.txt").write_bytes(b"\x00\x01garbage")
    result = run("report", "read", str(tmp_path), "--summary", "--jobs", "2")
    assert result.returncode == 2  # junk.txt is not a report; the others are still read
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 5
    assert all("source" in line for line in lines)
    assert "junk.txt" in result.stderr
    assert "合计 total" in result.stderr


def test_read_text_format_names_findings() -> None:
    result = run("report", "read", str(CORPUS / "hefei-jingkai-2020.txt"), "--format", "text")
    assert result.returncode == 0
    assert "tables_missing" in result.stdout


def test_read_refuses_a_zip_bomb_docx_in_one_line(tmp_path: Path) -> None:
    from tests.core.reader.test_reader_limits import zip_bomb

    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(zip_bomb())
    result = run("report", "read", str(bomb))
    assert result.returncode == 2
    assert result.stderr == (
        f"gongkai: {bomb}: 压缩文件中的“word/document.xml”解压后大于50 MB，不予读取\n"
    )


def test_check_refuses_json_nested_100000_deep_in_one_line(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    for command in (["check"], ["render", "--to", "html"], ["rollup"]):
        result = run("report", *command, str(deep))
        assert result.returncode == 2
        assert result.stderr == f"gongkai: {deep}: not a report (JSON nested too deeply)\n"
