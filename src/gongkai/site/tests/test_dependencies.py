"""Every third-party module the code imports is a declared dependency (ARCHITECTURE.md: few
dependencies, each with a comment saying why), never one that only arrives with another."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import gongkai

PACKAGE = Path(gongkai.__file__).resolve().parent
PYPROJECT = PACKAGE.parent.parent / "pyproject.toml"


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()  # PEP 503


def _declared() -> set[str]:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    names = set()
    # An extra's packages count too (``ocr``: the code that imports them checks they are there).
    extras = [r for group in project.get("optional-dependencies", {}).values() for r in group]
    for requirement in [*project["dependencies"], *extras]:
        match = re.match(r"[A-Za-z0-9._-]+", requirement)
        assert match, requirement
        names.add(_normal(match.group()))
    return names


def _top_level_imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.partition(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.partition(".")[0])
    return found


def _third_party_imports() -> dict[str, set[str]]:
    """Top-level module -> files importing it, for the non-test code under src/gongkai."""
    modules: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        if "tests" in path.parts or path.name == "conftest.py":
            continue
        for module in _top_level_imports(path):
            if module in sys.stdlib_module_names or module in {"gongkai", "__future__"}:
                continue
            modules.setdefault(module, set()).add(str(path.relative_to(PACKAGE)))
    return modules


def test_every_third_party_module_imported_is_a_declared_dependency() -> None:
    distributions = packages_distributions()
    declared = _declared()
    undeclared = {
        module: sorted(files)
        for module, files in _third_party_imports().items()
        if not {_normal(d) for d in distributions.get(module, [module])} & declared
    }
    assert undeclared == {}, f"add to pyproject.toml dependencies (with a why): {undeclared}"


def test_the_scan_sees_third_party_imports() -> None:
    modules = _third_party_imports()
    assert {"django", "docx", "lxml", "ninja"} <= set(modules)
    assert "gongkai" not in modules and "json" not in modules
