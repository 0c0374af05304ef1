"""The concurrency bench's own parts that need no server: its form reader, its identity numbers
and its reading of tracebacks out of the server log (the bench itself is run by hand)."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from gongkai.core.ids import is_valid_id_number

BENCH = Path(__file__).resolve().parent.parent / "bench" / "concurrency.py"


def _bench() -> ModuleType:
    """The bench script with its sibling modules (it puts bench/ on the path itself)."""
    spec = importlib.util.spec_from_file_location("bench_concurrency", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    for sibling in ("concurrency_http", "concurrency_load"):
        for name, value in vars(importlib.import_module(sibling)).items():
            if not name.startswith("_"):
                setattr(module, name, getattr(module, name, value))
    return module


PAGE = """
<form action="/i18n/setlang/" method="post"><input type="hidden" name="csrfmiddlewaretoken"
 value="other"><select name="language"><option value="en">en</option>
 <option value="zh-hans" selected>中文</option></select></form>
<form method="post" enctype="multipart/form-data">
 <input type="hidden" name="csrfmiddlewaretoken" value="abc">
 <input type="hidden" name="token" value="t1">
 <input type="radio" name="applicant_type" value="natural" checked>
 <input type="radio" name="applicant_type" value="business">
 <input type="text" name="applicant_name" value="">
 <select name="id_kind"><option value="resident_id" selected>身份证</option>
 <option value="other">其他</option></select>
 <textarea name="description">第一行
第二行</textarea>
 <input type="file" name="identity_copy">
 <button type="submit">提交</button>
</form>
"""


def test_it_reads_the_form_that_has_the_field_with_its_initial_values() -> None:
    fields = _bench().form_of(PAGE, "applicant_name")
    assert fields == {
        "csrfmiddlewaretoken": "abc",
        "token": "t1",
        "applicant_type": "natural",
        "applicant_name": "",
        "id_kind": "resident_id",
        "description": "第一行\n第二行",
    }


def test_its_applicants_carry_valid_identity_numbers() -> None:
    bench = _bench()
    assert all(is_valid_id_number(bench.application(i, "m")["id_number"]) for i in range(400))


def test_it_finds_each_traceback_in_the_log_and_marks_those_of_the_final_stop(
    tmp_path: Path,
) -> None:
    bench = _bench()
    log = tmp_path / "server.log"
    log.write_text(
        "Internal Server Error: /api/applications\n"
        "Traceback (most recent call last):\n"
        '  File "x.py", line 1, in f\n'
        "    g()\n"
        "django.db.utils.OperationalError: database is locked\n"
        '[2026] 127.0.0.1 - "POST /api/applications HTTP/1.1" 500 12.0\n'
        f"{bench.STOP_MARK} at now ====\n"
        "Traceback (most recent call last):\n"
        '  File "w.py", line 2, in shutdown\n'
        "SystemExit: 1\n"
    )
    found = bench.tracebacks(log)
    assert [head for head, _ in found] == [
        "Internal Server Error: /api/applications",
        f"[while the bench stopped the server] {bench.STOP_MARK} at now ====",
    ]
    assert found[0][1].splitlines()[-1] == "django.db.utils.OperationalError: database is locked"
    assert found[1][1].splitlines()[-1] == "SystemExit: 1"
