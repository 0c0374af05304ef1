"""A composed letter as DOCX: a docxtpl template filled with ``context(letter)``.

The template is the default for the letter's kind (``templates/``, written by
``scripts/make_letter_templates.py``) or an agency's own upload. Uploaded templates are
untrusted: they are rendered in Jinja's sandbox with autoescaping (the letter's text cannot
break the XML), and ``check_template`` reports what is wrong with one before it is accepted.

Output is byte-for-byte deterministic: core properties and ZIP entries carry the issue date.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Mapping
from functools import cache
from importlib import resources
from io import BytesIO
from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docxtpl import DocxTemplate, InlineImage
from jinja2 import TemplateError
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from gongkai.core.letters import layout
from gongkai.core.letters.data import Letter
from gongkai.core.letters.forms import GRID_COLUMNS, Form
from gongkai.core.letters.kinds import LetterKind
from gongkai.core.report.render.ooxml import rezip

# Every kind prints with the generic template for now; a kind-specific file goes here.
DEFAULT_TEMPLATES: dict[LetterKind, str] = dict.fromkeys(LetterKind, layout.GENERIC_TEMPLATE)

# The variables a template may use (documented in the package docstring).
CONTEXT_VARIABLES: Mapping[str, str] = {
    "title": "文书标题 / the letter's title: 政府信息公开申请答复书",
    "kind": "文书种类代码 / the kind's code: reply, receipt, …",
    "number": "文号 / the letter number, or empty",
    "addressee": "主送 / the addressee line with its colon: 张三：",
    "paragraphs": "正文段落 / the body paragraphs without remedy and closing (a list)",
    "remedy": "救济途径 / the 行政复议 / 行政诉讼 clause of a decision letter, or empty",
    "closing": "结束语 / 特此告知。, 特此答复。 …",
    "body": "正文 / paragraphs, remedy and closing in order (a list): loop over this",
    "signature": "发文机关署名 / the agency's name",
    "date": "成文日期 / 2025年9月26日",
    "note": "附注 / the contact line in brackets, or empty",
    "case_number": "申请编号 / the case's tracking number",
    "outcome": "处理结果代码 / the outcome code (3.1 …) of a reply, or empty",
    "seal": "印章 / the seal as a floating image over signature and date, or empty",
    "seal_inline": "印章（嵌入）/ the seal as an inline image, for templates that place it",
}

# An uploaded template bigger than this (unpacked) is refused: a DOCX is a ZIP, and a small
# upload can unpack to gigabytes.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024


class TemplateProblem(ValueError):
    """The template is not a usable DOCX template (the message says why, Chinese / English)."""


def default_template(kind: LetterKind) -> bytes:
    return _packaged(DEFAULT_TEMPLATES[LetterKind(kind)])


@cache
def _packaged(name: str) -> bytes:
    return resources.files("gongkai.core.letters").joinpath("templates", name).read_bytes()


def render_docx(letter: Letter, template: bytes | None = None) -> bytes:
    """The letter as a Word document, from ``template`` or the kind's default template."""
    source = default_template(letter.kind) if template is None else template
    problems = _package_problems(source)
    if problems:
        raise TemplateProblem("; ".join(problems))
    document = DocxTemplate(BytesIO(source))
    try:
        document.render(context(letter, document), jinja_env=_environment())
    except TemplateError as exc:  # a syntax error, or the sandbox refusing an attribute
        raise TemplateProblem(
            f"模板无法生成文书：{exc} / the template fails to render: {exc}"
        ) from exc
    _move_signature_axis(document, layout.signature_axis(letter.signature, letter.date))
    return _finish(
        document,
        letter.title,
        letter.case_number,
        letter.signature,
        letter.issue_date,
        subject=letter.number,
    )


def render_form_docx(form: Form) -> bytes:
    """An internal form (``forms.py``) as a Word document, from ``templates/form.docx``."""
    document = DocxTemplate(BytesIO(_packaged(layout.FORM_TEMPLATE)))
    width = len(form.grid_header)
    document.render(
        {
            "title": form.title,
            "subtitle": form.subtitle,
            "fields": [list(row) for row in form.filled_fields()],
            "grid_title": form.grid_title,
            # The template has four columns: a narrower table is padded with empty ones.
            "grid_header": [*form.grid_header, *[""] * (GRID_COLUMNS - width)] if width else [],
            "grid": [[*row, *[""] * (GRID_COLUMNS - len(row))] for row in form.padded_grid()],
            "notes": list(form.notes),
            "signatures": list(form.signatures),
        },
        jinja_env=_environment(),
    )
    return _finish(document, form.title, form.case_number, form.agency, form.issue_date)


def _finish(
    document: DocxTemplate,
    title: str,
    keywords: str,
    author: str,
    issued: dt.date,
    *,
    subject: str = "",
) -> bytes:
    """Fixed core properties (dated the issue day, no editor's traces) and a byte-stable ZIP."""
    stamp = dt.datetime.combine(issued, dt.time())
    props = document.docx.core_properties
    props.title = title
    props.subject = subject
    props.author = author
    props.last_modified_by = ""
    props.comments = ""
    props.keywords = keywords
    props.language = "zh-CN"
    props.revision = 1
    props.created = props.modified = stamp.replace(tzinfo=dt.UTC)
    buffer = BytesIO()
    document.save(buffer)
    return rezip(buffer.getvalue(), stamp)


def context(letter: Letter, document: DocxTemplate | None = None) -> dict[str, Any]:
    """The template variables for ``letter`` (images only when ``document`` is given)."""
    seal: object = ""
    seal_inline: object = ""
    if letter.seal_png and document is not None:
        seal = _FloatingSeal(document, BytesIO(letter.seal_png), width=Mm(layout.SEAL_WIDTH_MM))
        seal_inline = InlineImage(
            document, BytesIO(letter.seal_png), width=Mm(layout.SEAL_WIDTH_MM)
        )
    return {
        "title": letter.title,
        "kind": str(letter.kind),
        "number": letter.number,
        "addressee": letter.addressee,
        "paragraphs": list(letter.paragraphs),
        "remedy": letter.remedy,
        "closing": letter.closing,
        "body": list(letter.body),
        "signature": letter.signature,
        "date": letter.date,
        "note": letter.note,
        "case_number": letter.case_number,
        "outcome": letter.outcome,
        "seal": seal,
        "seal_inline": seal_inline,
    }


class _LetterEnvironment(SandboxedEnvironment):
    """Jinja's sandbox, with repetition bounded too.

    The sandbox keeps an uploaded template from reaching Python internals through attribute
    access ({{ x.__class__ … }}) and bounds ``range``; ``"x" * 10 ** 9`` would still fill the
    memory of the worker, so ``*`` and ``**`` refuse results beyond ``MAX_REPEAT``.
    """

    intercepted_binops = frozenset({"*", "**"})
    MAX_REPEAT = 10_000

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise SecurityError(f"exponent {right} is too large")
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                sized = isinstance(seq, str | list | tuple) and isinstance(count, int)
                if sized and len(seq) * count > self.MAX_REPEAT:
                    raise SecurityError("repetition too long")
        return super().call_binop(context, operator, left, right)


def _environment() -> SandboxedEnvironment:
    # Autoescape keeps "&" or "<" in the text from breaking the document's XML.
    return _LetterEnvironment(autoescape=True)


_DEFAULT_AXIS = str(round(layout.SIGNATURE_AXIS * 20))  # twips, as the templates have it


def _move_signature_axis(document: DocxTemplate, axis: float) -> None:
    """Move the default templates' centred tab stop left for a signature too long for it."""
    position = str(round(axis * 20))
    if position == _DEFAULT_AXIS:
        return
    body = document.docx.element.body
    for tab in body.xpath(f'.//w:pPr/w:tabs/w:tab[@w:val="center"][@w:pos="{_DEFAULT_AXIS}"]'):
        tab.set(qn("w:pos"), position)
    for offset in body.xpath(".//wp:anchor/wp:positionH/wp:posOffset"):
        offset.text = str(int(offset.text) - int(Pt(layout.SIGNATURE_AXIS - axis)))


class _FloatingSeal(InlineImage):  # type: ignore[misc]  # docxtpl is untyped
    """The seal as a floating picture over signature and date (GB/T 9704 7.3.5.1).

    docxtpl inserts pictures inline; an inline 42 mm seal would push the signature down a
    whole seal's height. This one becomes a ``wp:anchor`` in front of the text, centred on the
    signature's tab stop and a little above the date (``layout.SEAL_*``).
    """

    def _insert_image(self) -> str:
        inline = self.tpl.current_rendering_part.new_pic_inline(
            self.image_descriptor, self.width, self.height
        )
        cx, cy = int(inline.extent.cx), int(inline.extent.cy)
        left = int(Pt(layout.SIGNATURE_AXIS)) - cx // 2
        top = int(Pt(layout.SEAL_CENTRE_BELOW_SIGNATURE_TOP)) - cy // 2
        anchor = parse_xml(
            f'<wp:anchor {nsdecls("wp", "a", "pic", "r")} distT="0" distB="0" distL="0" '
            'distR="0" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" '
            'layoutInCell="1" allowOverlap="1">'
            '<wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="margin"><wp:posOffset>{left}</wp:posOffset>'
            "</wp:positionH>"
            f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{top}</wp:posOffset>'
            "</wp:positionV>"
            f'<wp:extent cx="{cx}" cy="{cy}"/>'
            '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
            "<wp:wrapNone/>"
            "</wp:anchor>"
        )
        # CT_Anchor's order: … wrapNone, docPr, cNvGraphicFramePr, graphic.
        for tag in ("wp:docPr", "wp:cNvGraphicFramePr", "a:graphic"):
            child = inline.find(qn(tag))
            if child is not None:
                anchor.append(child)
        xml = etree.tostring(anchor, encoding="unicode")
        return f'</w:t></w:r><w:r><w:drawing>{xml}</w:drawing></w:r><w:r><w:t xml:space="preserve">'


# -- checking an upload -----------------------------------------------------------------------


def check_template(template: bytes) -> list[str]:
    """What is wrong with an uploaded template (empty when it is usable).

    Checks that it is a DOCX, that its Jinja tags parse, that it uses only the variables of
    ``CONTEXT_VARIABLES``, and that it renders a sample letter. Messages are Chinese / English.
    """
    problems = _package_problems(template)
    if problems:
        return problems
    document = DocxTemplate(BytesIO(template))
    try:
        names = document.get_undeclared_template_variables(jinja_env=_environment())
    except TemplateError as exc:
        # The line number would count lines of XML, not of the document: leave it out.
        return [f"模板标签有语法错误：{exc} / template syntax error: {exc}"]
    except Exception as exc:  # a damaged package python-docx cannot open
        return [f"无法读取该Word文件：{exc} / cannot read the Word file: {exc}"]
    unknown = sorted(set(names) - set(CONTEXT_VARIABLES))
    if unknown:
        known = "、".join(CONTEXT_VARIABLES)
        problems.append(
            f"模板使用了未知变量：{'、'.join(unknown)}（可用变量：{known}） / "
            f"unknown variables: {', '.join(unknown)}"
        )
    if not problems:
        problems.extend(_sample_render_problems(template))
    return problems


def _package_problems(template: bytes) -> list[str]:
    if not template.startswith(b"PK"):
        return ["不是Word（.docx）文件 / not a DOCX file (a .doc must be saved as .docx)"]
    try:
        with zipfile.ZipFile(BytesIO(template)) as package:
            names = set(package.namelist())
            size = sum(item.file_size for item in package.infolist())
    except zipfile.BadZipFile:
        return ["文件已损坏，不是有效的Word（.docx）文件 / not a valid DOCX (bad ZIP)"]
    if "word/document.xml" not in names:
        return ["不是Word（.docx）文件 / not a DOCX file (no word/document.xml)"]
    if size > MAX_UNPACKED_BYTES:
        return [
            f"文件解压后超过{MAX_UNPACKED_BYTES // 1024 // 1024}MB / "
            f"the file unpacks to more than {MAX_UNPACKED_BYTES // 1024 // 1024} MB"
        ]
    return []


def _sample_render_problems(template: bytes) -> list[str]:
    sample = Letter(
        kind=LetterKind.REPLY,
        title="政府信息公开申请答复书",
        number="某公开〔2025〕1号",
        addressee="张三：",
        paragraphs=("示例段落。",),
        remedy="示例救济途径。",
        closing="特此答复。",
        signature="某某机关",
        date="2025年1月2日",
        note="",
        case_number="2025-0001",
        outcome="3.1",
        issue_date=dt.date(2025, 1, 2),
    )
    try:
        render_docx(sample, template)
    except TemplateProblem as exc:
        return [str(exc)]
    except Exception as exc:  # whatever else the template does wrong, the upload form shows it
        return [f"模板无法生成文书：{exc} / the template fails to render: {exc}"]
    return []
