"""The rule of direction (ARCHITECTURE.md), in layers; imports point only down this list:

1. the site itself (``site``: settings, urls, wsgi), which mounts the interfaces;
2. interfaces, which never import each other and hold no models: ``portal``, ``console``,
   ``api``, ``cli``;
3. compositions of several domain apps, started by an interface: the daily run
   (``site/daily.py``: the morning's reminders of cases and annual reports, queued by
   ``gongkai worker``, run by ``gongkai tick``) and the demo district (``demo``: built through
   the domain actions, by ``gongkai demo``);
4. domain apps, in the order of ``DOMAIN``: each imports only the ones before it, so they form
   an acyclic graph with ``agencies`` at the root;
5. ``core``, which imports no other part (``tests/core/test_boundaries.py`` also keeps it free
   of Django).

Every import counts, at the top of a module or inside a function; only tests are exempt.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

import gongkai

PACKAGE = Path(gongkai.__file__).resolve().parent
DOMAIN = ("agencies", "publications", "cases", "disputes", "annual_reports", "supervision")
COMPOSITIONS = ("site.daily", "demo")
INTERFACES = ("portal", "console", "api", "cli")
SITE = "site"
CORE = "core"
LAYERS = (CORE, *DOMAIN, *COMPOSITIONS, *INTERFACES, SITE)


def _unit(module: str) -> str | None:
    """The layer unit a dotted ``gongkai…`` name belongs to (None outside the package)."""
    parts = module.split(".")
    if parts[0] != "gongkai" or len(parts) < 2:
        return None
    for composition in COMPOSITIONS:
        own = composition.split(".")
        if parts[1 : 1 + len(own)] == own:
            return composition
    return parts[1]


def _module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[str]:
    """Every name ``path`` imports, absolute; ``from a import b`` gives ``a`` and ``a.b``."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            names.append(base)
            names.extend(f"{base}.{alias.name}" for alias in node.names)
    return names


@cache
def _graph() -> dict[str, dict[str, list[str]]]:
    """unit -> imported unit -> the offending "file imports name" lines (non-test code)."""
    graph: dict[str, dict[str, list[str]]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if (
            "tests" in relative.parts
            or path.name == "conftest.py"
            or "migrations" in relative.parts
        ):
            continue
        source = _unit(_module_name(path))
        if source is None:
            continue
        for name in _imports(path):
            target = _unit(name)
            if target is None or target == source:
                continue
            graph.setdefault(source, {}).setdefault(target, []).append(f"{relative} imports {name}")
    return graph


def _offences(unit: str, allowed: set[str]) -> list[str]:
    return [
        line
        for target, lines in _graph().get(unit, {}).items()
        if target not in allowed
        for line in lines
    ]


def _cycle(nodes: tuple[str, ...]) -> list[str]:
    """One import cycle among ``nodes`` (as a path back to its start), or []."""
    edges = {node: [t for t in _graph().get(node, {}) if t in nodes] for node in nodes}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for target in edges[node]:
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        state[node] = 2
        path.pop()
        return []

    for node in nodes:
        if node not in state and (found := visit(node)):
            return found
    return []


def test_the_domain_apps_import_each_other_without_a_cycle() -> None:
    assert _cycle(DOMAIN) == []


@pytest.mark.parametrize("app", DOMAIN)
def test_a_domain_app_imports_only_the_core_and_the_apps_before_it(app: str) -> None:
    before = set(DOMAIN[: DOMAIN.index(app)])
    assert _offences(app, {CORE, *before}) == []


@pytest.mark.parametrize("unit", COMPOSITIONS)
def test_a_composition_imports_only_the_core_and_domain_apps(unit: str) -> None:
    assert _offences(unit, {CORE, *DOMAIN}) == []


@pytest.mark.parametrize("app", INTERFACES)
def test_an_interface_imports_no_other_interface_and_has_no_models(app: str) -> None:
    assert _offences(app, {CORE, *DOMAIN, *COMPOSITIONS}) == []
    assert not (PACKAGE / app / "models.py").exists()
    assert not (PACKAGE / app / "models").exists()
    assert not (PACKAGE / app / "migrations").exists()


def test_the_core_imports_no_other_part() -> None:
    assert _offences(CORE, set()) == []


def test_every_part_of_the_package_has_its_layer() -> None:
    parts = {
        path.stem if path.is_file() else path.name
        for path in PACKAGE.iterdir()
        if (path.is_dir() and (path / "__init__.py").exists())
        or (path.suffix == ".py" and path.name not in {"__init__.py", "conftest.py"})
    }
    assert parts <= {layer.partition(".")[0] for layer in LAYERS}


def test_the_scan_sees_imports_in_every_form() -> None:
    assert "gongkai.cases" in _imports(PACKAGE / "console" / "cases" / "page.py")
    assert "gongkai.site.daily.morning" in _imports(PACKAGE / "cli" / "__init__.py")
    assert _unit("gongkai.site.daily") == "site.daily"
    assert _unit("gongkai.site.daily.schedule_daily") == "site.daily"
    assert _unit("gongkai.site.urls") == "site"
    assert _unit("gongkai.site") == "site"
    assert _unit("gongkai.demo.world") == "demo"
    assert _unit("gongkai.cases.models.Case") == "cases"
    assert _unit("django.db") is None
    assert "daily" in {target.partition(".")[2] for target in _graph()["cli"]}


def test_a_cycle_is_found_when_there_is_one(monkeypatch: pytest.MonkeyPatch) -> None:
    graph = {"a": {"b": ["x"]}, "b": {"c": ["y"]}, "c": {"a": ["z"]}}
    monkeypatch.setattr(f"{__name__}._graph", lambda: graph)
    assert _cycle(("a", "b", "c")) == ["a", "b", "c", "a"]
    assert _cycle(("a", "b")) == []
