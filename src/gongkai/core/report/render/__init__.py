"""Renderers: one small module per output, all drawing ``layout.layout(report)``.

Each module exposes ``render(report: Report) -> bytes``. They are imported lazily so that a
command rendering Markdown never pays for WeasyPrint.
"""

from __future__ import annotations

from importlib import import_module
from typing import Protocol

from gongkai.core.report.model import Report


class _Renderer(Protocol):
    def render(self, report: Report) -> bytes: ...


# output name (`--to`) -> module in this package
RENDERERS: dict[str, str] = {
    "html": "html",
    "md": "markdown",
    "xlsx": "xlsx",
    "docx": "docx",
    "pdf": "pdf",
    "json": "json",
}


def render(report: Report, to: str) -> bytes:
    """``report`` rendered as ``to`` (one of ``RENDERERS``)."""
    try:
        module_name = RENDERERS[to]
    except KeyError:
        raise ValueError(f"unknown output {to!r} (known: {', '.join(RENDERERS)})") from None
    module: _Renderer = import_module(f"gongkai.core.report.render.{module_name}")
    return module.render(report)
