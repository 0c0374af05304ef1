"""The one rule of direction: gongkai.core imports nothing of Django or of other gongkai parts."""

from __future__ import annotations

import ast
from pathlib import Path

import gongkai.core

CORE = Path(gongkai.core.__file__).resolve().parent
FORBIDDEN_TOP = {"django", "ninja", "whitenoise", "granian", "psycopg", "dj_database_url"}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "import_module":
            arg = node.args[0] if node.args else None
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                names.append(arg.value)
            elif isinstance(arg, ast.JoinedStr) and isinstance(arg.values[0], ast.Constant):
                names.append(str(arg.values[0].value))
    return names


def test_the_core_imports_neither_django_nor_other_gongkai_packages() -> None:
    offences = []
    files = sorted(CORE.rglob("*.py"))
    assert len(files) > 5
    for path in files:
        for name in _imports(path):
            top = name.split(".")[0]
            if top in FORBIDDEN_TOP or (top == "gongkai" and not name.startswith("gongkai.core")):
                offences.append(f"{path.relative_to(CORE)} imports {name}")
    assert offences == []


def test_the_boundary_test_would_notice_a_django_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from django.db import models\nimport gongkai.cases\n", encoding="utf-8")
    assert _imports(bad) == ["django.db", "gongkai.cases"]
