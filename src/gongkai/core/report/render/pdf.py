"""PDF: the standalone HTML page printed by WeasyPrint on A4, with the bundled font.

The font ships inside the package (an OFL-licensed subset, ``fonts/``), so a fresh machine
renders Chinese after ``uv sync`` alone, with no system font installed.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from gongkai.core.report.model import Report
from gongkai.core.report.render.html import page

FONT_FAMILY = "Gongkai Serif SC"
FONT_FILE = "GongkaiSerifSC-Regular.otf"


def font_path() -> Path:
    path = Path(str(resources.files("gongkai.core.report.render").joinpath("fonts", FONT_FILE)))
    if not path.is_file():
        raise FileNotFoundError(f"the bundled font is missing: {path}")
    return path


@cache
def _print_css() -> str:
    return f"""
@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{font_path().as_uri()}"); }}
@page {{ size: A4; margin: 2.2cm 1.8cm 2cm; }}
body {{ margin: 0; }}
.gk-report {{ font-family: "{FONT_FAMILY}", "Noto Serif CJK SC", serif; max-width: none;
  font-size: 10.5pt; }}
/* One weight only: WeasyPrint does not embolden a Regular face, and asking for bold embeds the
   font twice. Headings stand out by size, as in printed 公文. */
.gk-report * {{ font-weight: normal; }}
.gk-report h1 {{ font-size: 18pt; }}
.gk-report h2 {{ font-size: 12pt; }}
.gk-report table {{ font-size: 9pt; page-break-inside: auto; }}
.gk-report tr {{ page-break-inside: avoid; }}
.gk-report table.disputes {{ font-size: 8pt; }}
.gk-report h2 {{ page-break-after: avoid; }}
"""


@cache
def _font_config() -> object:
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def render(report: Report) -> bytes:
    from weasyprint import HTML

    document = HTML(string=page(report, extra_css=_print_css()))
    data: bytes = document.write_pdf(font_config=_font_config())
    return data
