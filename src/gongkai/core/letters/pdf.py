"""A composed letter as PDF: HTML and CSS printed by WeasyPrint, in the layout of the DOCX.

The fonts named first are the ones offices print 公文 with (仿宋_GB2312 body, 方正小标宋 title);
where they are not installed — a server usually has none — the bundled fonts print: Gongkai
Fangsong (a 仿宋, subset of 朱雀仿宋) for the body and Gongkai Title Song (a heavy 宋, subset of
Noto Serif CJK SC Bold) for the title, both OFL (``fonts/README.md``), and after them the
report's bundled serif (``gongkai.core.report.render.pdf.font_path``, 宋体-style, all of GBK) for
any character they lack, so a fresh machine renders Chinese with no system font. The seal is
embedded as a data URI.
"""

from __future__ import annotations

import base64
import struct
from functools import cache
from html import escape
from importlib import resources
from pathlib import Path

from gongkai.core.letters import layout
from gongkai.core.letters.data import Letter
from gongkai.core.letters.forms import Form
from gongkai.core.report.render.pdf import FONT_FAMILY, font_path

# The bundled 仿宋 and 小标宋-style faces (fonts/, made by scripts/make_letter_fonts.py).
BODY_FONT = ("Gongkai Fangsong", "GongkaiFangsong-Regular.ttf")
TITLE_FONT = ("Gongkai Title Song", "GongkaiTitleSong-Bold.otf")

# Installed 公文 fonts first (Windows, then macOS names), the bundled ones last.
BODY_FAMILIES = ("仿宋_GB2312", "FangSong_GB2312", "FangSong", "仿宋", "STFangsong", BODY_FONT[0])
TITLE_FAMILIES = (
    "方正小标宋简体",
    "FZXiaoBiaoSong-B05S",
    "方正小标宋_GBK",
    "小标宋",
    TITLE_FONT[0],
)


def letter_font_path(file: str) -> Path:
    path = Path(str(resources.files("gongkai.core.letters").joinpath("fonts", file)))
    if not path.is_file():
        raise FileNotFoundError(f"the bundled font is missing: {path}")
    return path


def _families(names: tuple[str, ...]) -> str:
    return ", ".join(f'"{name}"' for name in (*names, FONT_FAMILY)) + ", serif"


def _font_faces() -> str:
    faces = [(FONT_FAMILY, font_path())]
    faces += [(family, letter_font_path(file)) for family, file in (BODY_FONT, TITLE_FONT)]
    return "\n".join(
        f'@font-face {{ font-family: "{family}"; src: url("{path.as_uri()}"); }}'
        for family, path in faces
    )


@cache
def _css() -> str:
    pt = "pt"
    line = f"{layout.LINE}{pt}"
    return f"""
{_font_faces()}
@page {{
  size: A4;
  margin: {layout.MARGIN_TOP_MM}mm {layout.MARGIN_RIGHT_MM}mm {layout.MARGIN_BOTTOM_MM}mm
    {layout.MARGIN_LEFT_MM}mm;
  @bottom-center {{
    content: "— " counter(page) " —";
    font-family: {_families(())};
    font-size: {layout.PAGE_NUMBER_SIZE}pt;
    vertical-align: top;
    padding-top: 7mm;
  }}
}}
html {{ font-family: {_families(BODY_FAMILIES)}; font-size: {layout.BODY_SIZE}pt;
  line-height: {line}; }}
body {{ margin: 0; }}
/* One weight only: the bundled font is Regular, and 公文 titles are not bold anyway. */
* {{ font-weight: normal; }}
h1 {{ font-family: {_families(TITLE_FAMILIES)}; font-size: {layout.TITLE_SIZE}pt;
  line-height: {line}; text-align: center; margin: 0; }}
p {{ margin: 0; orphans: 2; widows: 2; }}
.number {{ text-align: center; }}
.addressee {{ margin-top: {line}; }}
.text {{ text-indent: {layout.INDENT}pt; text-align: justify; }}
/* One blank line, then signature and date centred on the axis of the DOCX tab stop. */
.sign {{ position: relative; margin-top: {line}; break-inside: avoid; }}
.last {{ break-inside: avoid; }}
.sign p {{ text-align: center; white-space: nowrap; }}
.seal {{ position: absolute; }}
.note {{ text-indent: {layout.INDENT}pt; }}
/* The internal forms (forms.py): 4号 tables with ruled cells. */
.form {{ font-size: {layout.FORM_SIZE}pt; line-height: 1.5; }}
.form .subtitle {{ text-align: center; margin-bottom: 0.5em; }}
.form table {{ width: 100%; border-collapse: collapse; margin-top: 0.5em; }}
.form th, .form td {{ border: 0.75pt solid #000; padding: 2pt 4pt; vertical-align: top;
  text-align: left; white-space: pre-wrap; }}
.form th {{ width: 28%; }}
.form table.grid {{ table-layout: fixed; }}
.form .grid th {{ width: auto; text-align: center; }}
.form tr {{ break-inside: avoid; }}
.form h2 {{ font-size: {layout.FORM_SIZE}pt; margin: 1em 0 0; }}
.form .signatures {{ margin-top: 2em; break-inside: avoid; }}
.form .signatures p {{ margin-top: 0.8em; }}
"""


def html(letter: Letter) -> str:
    """The standalone HTML page the PDF is printed from (also usable as a preview)."""
    parts = [
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{escape(letter.title)}</title></head><body>",
        f"<h1>{escape(letter.title)}</h1>",
    ]
    if letter.number:
        parts.append(f'<p class="number">{escape(letter.number)}</p>')
    parts.append(f'<p class="addressee">{escape(letter.addressee)}</p>')
    body = [f'<p class="text">{escape(paragraph)}</p>' for paragraph in letter.body]
    # GB/T 9704 7.3.5.1: signature and date never stand on a page of their own: the last
    # paragraph of the text goes over with them (one block that does not break).
    parts += body[:-1]
    parts.append('<div class="last">')
    parts += body[-1:]
    parts.append(_signature(letter))
    if letter.note:  # 附注 under the date, on the same page
        parts.append(f'<p class="note">{escape(letter.note)}</p>')
    parts.append("</div>")
    parts.append("</body></html>")
    return "".join(parts)


def _signature(letter: Letter) -> str:
    # Signature and date centred on the axis of the DOCX tab stop: a box around the axis.
    axis = layout.signature_axis(letter.signature, letter.date)
    half = layout.TEXT_WIDTH - axis
    box = f'style="margin-left: {axis - half:.2f}pt; width: {2 * half:.2f}pt"'
    parts = ['<div class="sign">']
    if letter.seal_png:
        parts.append(_seal(letter.seal_png, axis))
    parts.append(f'<p class="signature" {box}>{escape(letter.signature)}</p>')
    parts.append(f'<p class="date" {box}>{escape(letter.date)}</p></div>')
    return "".join(parts)


def form_html(form: Form) -> str:
    """The standalone HTML page an internal form is printed from."""
    parts = [
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{escape(form.title)}</title></head><body>",
        f"<h1>{escape(form.title)}</h1>",
        f'<div class="form"><p class="subtitle">{escape(form.subtitle)}</p>',
    ]
    if form.fields:
        parts.append('<table class="fields">')
        parts += [
            f"<tr><th>{escape(label)}</th><td>{escape(value)}</td></tr>"
            for label, value in form.filled_fields()
        ]
        parts.append("</table>")
    if form.grid_header:
        if form.grid_title:
            parts.append(f"<h2>{escape(form.grid_title)}</h2>")
        parts.append('<table class="grid"><colgroup>')
        widths = form.grid_widths[: len(form.grid_header)]
        parts += [f'<col style="width: {share}%">' for share in widths]
        parts.append("</colgroup><thead><tr>")
        parts += [f"<th>{escape(cell)}</th>" for cell in form.grid_header]
        parts.append("</tr></thead><tbody>")
        for row in form.padded_grid():
            parts.append("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>")
        parts.append("</tbody></table>")
    parts += [f'<p class="note">{escape(note)}</p>' for note in form.notes]
    if form.signatures:
        parts.append('<div class="signatures">')
        parts += [f"<p>{escape(line)}</p>" for line in form.signatures]
        parts.append("</div>")
    parts.append("</div></body></html>")
    return "".join(parts)


def _seal(png: bytes, axis: float) -> str:
    width = layout.SEAL_WIDTH_MM * layout.MM
    ratio = _png_ratio(png)
    height = width * ratio
    left = axis - width / 2
    top = layout.SEAL_CENTRE_BELOW_SIGNATURE_TOP - height / 2
    data = base64.b64encode(png).decode("ascii")
    return (
        f'<img class="seal" alt="" src="data:image/png;base64,{data}" '
        f'style="left: {left:.2f}pt; top: {top:.2f}pt; width: {width:.2f}pt; '
        f'height: {height:.2f}pt">'
    )


def _png_ratio(png: bytes) -> float:
    """Height / width from the PNG header (1 when it cannot be read: seals are round)."""
    if png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR" and len(png) >= 24:
        width, height = struct.unpack(">II", png[16:24])
        if width and height:
            return float(height) / float(width)
    return 1.0


@cache
def _font_config() -> object:
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def render_pdf(letter: Letter) -> bytes:
    """The letter as an A4 PDF."""
    return _print(html(letter))


def render_form_pdf(form: Form) -> bytes:
    """An internal form as an A4 PDF, on the letters' page and fonts."""
    return _print(form_html(form))


def _print(page: str) -> bytes:
    from weasyprint import CSS, HTML

    config = _font_config()
    document = HTML(string=page)
    data: bytes = document.write_pdf(
        stylesheets=[CSS(string=_css(), font_config=config)], font_config=config
    )
    return data
