"""The rule of direction (ARCHITECTURE.md): core ← domain apps ← interfaces, never backwards.

Domain apps never import an interface; interfaces never import each other's modules and hold
no models. (``tests/core/test_boundaries.py`` keeps the core free of Django.)
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import gongkai

PACKAGE = Path(gongkai.__file__).resolve().parent
DOMAIN = ("agencies", "publications", "cases", "disputes", "annual_reports")
INTERFACES = ("portal", "console", "api", "cli", "demo")


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def _offences(app: str, forbidden: tuple[str, ...]) -> list[str]:
    prefixes = tuple(f"gongkai.{name}" for name in forbidden)
    return [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in (PACKAGE / app).rglob("*.py")
        if "tests" not in path.parts
        for name in _imports(path)
        if name.startswith(prefixes) and not name.startswith(f"gongkai.{app}")
    ]


@pytest.mark.parametrize("app", DOMAIN)
def test_a_domain_app_imports_no_interface(app: str) -> None:
    assert _offences(app, INTERFACES) == []


@pytest.mark.parametrize("app", ("portal", "console", "api"))
def test_an_interface_imports_no_other_interface_and_has_no_models(app: str) -> None:
    others = tuple(name for name in ("portal", "console", "api") if name != app)
    assert _offences(app, others) == []
    assert not (PACKAGE / app / "models.py").exists()
    assert not (PACKAGE / app / "migrations").exists()


def test_the_scan_sees_imports() -> None:
    assert "gongkai.cases" in _imports(PACKAGE / "console" / "cases" / "page.py")
