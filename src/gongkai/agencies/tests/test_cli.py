"""``gongkai agency|user|calendar|clock``: output, exit codes, one-line errors, no half-imports."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.agencies.models import Agency, AuditEvent, CalendarDay, CalendarYear, User
from gongkai.cli import main
from gongkai.conftest import Personas

pytestmark = pytest.mark.django_db


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding)
    return path


# -- clock ------------------------------------------------------------------------------------


def test_clock_due_prints_the_statutes_example_with_its_explanation(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "clock", "due", "--received", "2025-09-26")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "2025-10-30"
    assert "自2025年9月26日收到申请起算20个工作日（第三十三条）" in out


def test_clock_due_as_json_with_pauses_extension_and_status(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(
        capsys,
        "clock", "due", "--received", "2025-09-26",
        "--pause", "2025-10-09:2025-10-15",
        "--pause", "co_producer:2025-10-13:2025-10-20",
        "--extended", "2025-11-05",
        "--as-of", "2025-12-01",
        "--format", "json",
    )  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert (data["due"], data["provisional"]) == ("2025-12-09", False)
    assert [s["kind"] for s in data["steps"]][-2:] == ["extension", "due"]
    assert data["status"] == {"on": "2025-12-01", "status": "running", "remaining_workdays": 6}


def test_clock_due_restarts_on_correction_and_flags_a_provisional_year(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(
        capsys, "clock", "due", "--received", "2026-12-10",
        "--correction-requested", "2026-12-14", "--correction-received", "2026-12-21",
    )  # fmt: skip
    assert code == 0
    assert out.splitlines()[0] == "2027-01-19 (provisional)"
    assert "2027年的节假日安排尚未经国务院办公厅通知确认" in out


def test_clock_due_extended_without_a_date_is_granted_in_time(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "clock", "due", "--received", "2025-09-26", "--extended")
    assert (code, out.splitlines()[0]) == (0, "2025-11-27")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--received", "2025-02-30"], "--received '2025-02-30': not a date (YYYY-MM-DD)"),
        (["--received", "2025-09-26", "--pause", "2025-10-15:2025-10-09"], "早于开始日"),
        (["--received", "2025-09-26", "--pause", "2025-10-15"], "expected [KIND:]START:END"),
        (["--received", "2025-09-26", "--pause", "x:2025-10-01:2025-10-02"], "kind must be"),
        (["--received", "2025-09-26", "--correction-received", "2025-09-01"], "早于收到申请"),
        (["--received", "2025-09-26", "--extended", "2025-11-01"], "晚于答复期限"),
    ],
)
def test_clock_due_refuses_bad_input_with_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, "clock", "due", *argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert message in err


def test_clock_due_on_a_fresh_database_migrates_quietly(tmp_path: Path) -> None:
    env = {**os.environ, "GONGKAI_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)  # a fresh SQLite file in the temporary data directory
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "clock", "due", "--received", "2025-09-26",
         "--format", "json"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout)["due"] == "2025-10-30"
    assert (tmp_path / "gongkai.sqlite3").exists()


# -- calendar ---------------------------------------------------------------------------------


def test_calendar_show_lists_a_confirmed_year(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "calendar", "show", "2025")
    assert code == 0
    assert out.splitlines()[0].startswith("2025: confirmed — chinese-calendar")
    assert "2025-10-11 周六  workday (调休上班)" in out


def test_calendar_show_says_a_year_is_provisional(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "calendar", "show", "2027", "--format", "json")
    data = json.loads(out)
    assert (code, data["confirmed"], data["days"]) == (0, False, [])
    assert {"date": "2027-01-01", "name": "元旦"} in data["predicted_holidays"]


def test_calendar_add_workdays_prints_the_date_and_says_when_provisional(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(capsys, "calendar", "add-workdays", "2025-09-26", "20")[1] == "2025-10-30\n"
    out = run(capsys, "calendar", "add-workdays", "2026-12-10", "20")[1]
    assert out == "2027-01-08 (provisional: 2027 not confirmed)\n"
    code, _, err = run(capsys, "calendar", "add-workdays", "26.9.2025", "20")
    assert code == 2 and "not a date" in err


def test_calendar_import_csv_confirms_the_year(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(
        tmp_path / "2027.csv",
        "date,kind,name\n2027-01-01,休,元旦\n2027-02-20,班,春节\n",
    )
    code, out, err = run(
        capsys, "calendar", "import", str(path), "--source", "国办发明电〔2026〕9号"
    )
    assert (code, err) == (0, "")
    assert "2027 confirmed; 2 added" in out
    assert CalendarYear.objects.get(year=2027).confirmed
    assert CalendarDay.objects.get(date="2027-02-20").source == "国办发明电〔2026〕9号"
    assert "nothing changed" in run(capsys, "calendar", "import", str(path))[1]


def test_calendar_import_ical(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "cn.ics"
    path.write_bytes(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nBEGIN:VEVENT\nUID:1\n"
        "DTSTART;VALUE=DATE:20271001\nDTEND;VALUE=DATE:20271008\nSUMMARY:国庆节\n"
        "END:VEVENT\nEND:VCALENDAR\n".encode()
    )
    code, out, _ = run(capsys, "calendar", "import", str(path), "--provisional")
    assert code == 0 and "2027 provisional; 7 added" in out
    assert not CalendarYear.objects.get(year=2027).confirmed


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("date,kind\n2027-01-01,休\n2027-13-01,休\n", "2027.csv:3: '2027-13-01': not a date"),
        ("date,kind\n2027-02-17,班\n", "2027.csv: 2027-02-17 is a 周三"),
        ("date,kind\n2026-12-31,休\n2027-01-01,休\n", "请用 --year 指明是哪一年的通知"),
    ],
)
def test_calendar_import_refuses_a_bad_file_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, message: str
) -> None:
    code, _, err = run(capsys, "calendar", "import", str(write(tmp_path / "2027.csv", text)))
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and message in err
    assert not CalendarDay.objects.filter(date__year=2027).exists()


# -- agencies and users -----------------------------------------------------------------------


def test_agency_create_and_list_as_a_tree(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "agency", "create", "--name", "温州市人民政府", "--short-name", "温州",
               "--kind", "city")[0] == 0  # fmt: skip
    code, _, err = run(
        capsys, "agency", "create", "--name", "温州市财政局", "--short-name", "温州财",
        "--kind", "部门", "--parent", "温州市人民政府", "--credit-code", "91350100M000100Y43",
        "--fee-notice-runs-clock",
    )  # fmt: skip
    assert (code, err) == (0, ""), err
    assert Agency.objects.get(name="温州市财政局").fee_notice_pauses_clock is False
    listing = run(capsys, "agency", "list")[1].splitlines()
    assert listing[0].startswith("温州市人民政府  [city]")
    assert listing[1].startswith("  温州市财政局  [department]")
    data = json.loads(run(capsys, "agency", "list", "--format", "json")[1])
    assert data[1]["parent"] == "温州市人民政府"
    assert AuditEvent.objects.filter(action="agency.create", actor_label__startswith="cli:")


def test_agency_create_refuses_a_bad_credit_code_in_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "agency", "create", "--name", "x", "--short-name", "x",
                       "--kind", "city", "--credit-code", "91350100M000100Y44")  # fmt: skip
    assert code == 2 and len(err.strip().splitlines()) == 1 and "校验码应为3" in err


AGENCIES_CSV = """name,short_name,kind,parent,credit_code,phone
温州市人民政府,温州,city,,,0577-1
温州市瓯海区人民政府,瓯海,county,温州市人民政府,,
温州市瓯海区财政局,瓯海财,部门,温州市瓯海区人民政府,91350100M000100Y43,
"""


def test_agency_import_creates_the_whole_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Saved by Excel on a Chinese Windows: GB18030, not UTF-8.
    path = write(tmp_path / "agencies.csv", AGENCIES_CSV, encoding="gb18030")
    code, out, err = run(capsys, "agency", "import", str(path))
    assert (code, err) == (0, "")
    assert out.strip().endswith("3 agencies created")
    parent = Agency.objects.get(name="温州市瓯海区财政局").parent
    assert parent is not None and parent.name == "温州市瓯海区人民政府"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("瓯海财,部门", "瓯海财,bureau"), "agencies.csv:4: unknown agency kind 'bureau'"),
        (("Y43,", "Y44,"), "agencies.csv:4: 校验码应为3"),
        (("county,温州市人民政府", "county,温州市政府"), "agencies.csv:3: parent '温州市政府'"),
        (("name,short_name", "name,short"), "agencies.csv:1: unknown column 'short'"),
        (("0577-1\n", "0577-1,extra\n"), "agencies.csv:2: more cells than the header"),
    ],
)
def test_agency_import_is_all_or_nothing_and_names_the_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    path = write(tmp_path / "agencies.csv", AGENCIES_CSV.replace(*change))
    code, out, err = run(capsys, "agency", "import", str(path))
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1
    assert message in err
    assert Agency.objects.count() == 0


def test_user_create_with_roles_and_a_password_from_stdin(
    capsys: pytest.CaptureFixture[str], personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Wenzhou-2025-secure\n"))
    code, _, err = run(
        capsys, "user", "create", "zhaoliu", "--full-name", "赵六",
        "--role", "温州市瓯海区财政局:负责人", "--role", "温州市瓯海区财政局:officer",
        "--password-stdin",
    )  # fmt: skip
    assert (code, err) == (0, ""), err
    user = User.objects.get(username="zhaoliu")
    assert user.check_password("Wenzhou-2025-secure")
    assert set(user.memberships.values_list("role", flat=True)) == {"head", "officer"}
    listing = run(capsys, "user", "list")[1]
    assert "zhaoliu  赵六  — 温州市瓯海区财政局:head, 温州市瓯海区财政局:officer" in listing
    assert "platform_admin [platform admin]" in listing


def test_user_create_refuses_an_unknown_agency_and_creates_nobody(
    capsys: pytest.CaptureFixture[str], personas: Personas
) -> None:
    code, _, err = run(capsys, "user", "create", "nobody", "--role", "某局:officer")
    assert code == 2 and "expected AGENCY_NAME:ROLE" in err
    assert not User.objects.filter(username="nobody").exists()


def test_user_import_all_or_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, personas: Personas
) -> None:
    good = "username,full_name,roles\nu1,甲,温州市瓯海区财政局:经办人\nu2,乙,\n"
    code, out, _ = run(capsys, "user", "import", str(write(tmp_path / "users.csv", good)))
    assert code == 0 and "2 users created" in out
    bad = "username,full_name,roles\nu3,丙,\nu1,重复,\n"
    code, _, err = run(capsys, "user", "import", str(write(tmp_path / "users.csv", bad)))
    assert code == 2
    assert "users.csv:3: username:" in err
    assert not User.objects.filter(username="u3").exists()


def test_user_set_password_reads_stdin_and_checks_strength(
    capsys: pytest.CaptureFixture[str], personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("123\n"))
    code, _, err = run(capsys, "user", "set-password", "officer_a")
    assert code == 2 and len(err.strip().splitlines()) == 1
    monkeypatch.setattr(sys, "stdin", io.StringIO("Wenzhou-2025-secure\n"))
    assert run(capsys, "user", "set-password", "officer_a")[0] == 0
    assert User.objects.get(username="officer_a").check_password("Wenzhou-2025-secure")
