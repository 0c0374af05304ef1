"""The rule of direction for this app: a domain app never imports an interface."""

from __future__ import annotations

import ast
from pathlib import Path

import gongkai.publications

INTERFACES = ("gongkai.portal", "gongkai.console", "gongkai.api", "gongkai.cli")
APP = Path(gongkai.publications.__file__).resolve().parent


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_the_publications_app_imports_no_interface() -> None:
    # Its tests may drive the interfaces built on it (the command line, the console).
    offences = [
        f"{path.relative_to(APP)} imports {name}"
        for path in APP.rglob("*.py")
        if "tests" not in path.relative_to(APP).parts
        for name in _imports(path)
        if name.startswith(INTERFACES)
    ]
    assert offences == []
    assert "gongkai.agencies.access" in _imports(APP / "access.py")  # the scan reads imports
