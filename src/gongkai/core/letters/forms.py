"""The office's internal forms (内部表单) of an application, printed like the letters.

A ``Form`` is a titled sheet: the agency and the case number under the title, a table of
labelled fields (label, value), optionally a table of up to four columns (the steps of a
处理单, the searches of a 检索单), paragraphs of notes, and the lines people sign. The same
renderers print it as the letters: ``docx.render_form_docx`` (the docxtpl template
``templates/form.docx``, written by scripts/make_letter_templates.py) and
``pdf.render_form_pdf`` (WeasyPrint, the letters' page and fonts). What a form holds is filled in
by the caller (the cases app, from the case and its timeline); the titles are data, never
gettext.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from gongkai.core.deadlines import cn

GRID_COLUMNS = 4  # the second table's columns: shorter rows are padded


class FormKind(StrEnum):
    APPLICATION = "application"  # 政府信息公开申请表 (blank, or filled for a paper application)
    PROCESSING = "processing"  # 政府信息公开申请办理审批单 (处理单: who did, reviewed, approved)
    SEARCH = "search"  # 政府信息检索单 (内部检索单: 第三十六条第四项)
    LEGAL_REVIEW = "legal_review"  # 法制审查联系单
    ASSISTANCE = "assistance"  # 协查联系单 (another unit asked to help)
    WITHDRAWAL_RECEIPT = "withdrawal_receipt"  # 撤回申请回执
    COLLECTION_RECEIPT = "collection_receipt"  # 自行领取回执 (released items collected)


FORM_TITLES: dict[FormKind, str] = {
    FormKind.APPLICATION: "政府信息公开申请表",
    FormKind.PROCESSING: "政府信息公开申请办理审批单",
    FormKind.SEARCH: "政府信息公开申请内部检索单",
    FormKind.LEGAL_REVIEW: "政府信息公开申请法制审查联系单",
    FormKind.ASSISTANCE: "政府信息公开申请协查联系单",
    FormKind.WITHDRAWAL_RECEIPT: "政府信息公开申请撤回回执",
    FormKind.COLLECTION_RECEIPT: "政府信息公开答复材料自行领取回执",
}

# A blank to write on by hand: a line wide enough for a name or a date.
BLANK = "＿" * 8
BLANK_DATE = "＿＿＿＿年＿＿月＿＿日"


@dataclass(frozen=True)
class Form:
    kind: FormKind
    agency: str  # the office whose form it is (under the title)
    issue_date: dt.date  # the day it is printed (fixes the file's timestamps too)
    case_number: str = ""  # 申请编号, or empty on a blank form
    fields: tuple[tuple[str, str], ...] = ()  # (label, value); an empty value prints a blank
    grid_title: str = ""  # the heading over the second table
    grid_header: tuple[str, ...] = ()  # its column headings (at most GRID_COLUMNS)
    grid: tuple[tuple[str, ...], ...] = ()  # its rows
    grid_widths: tuple[int, ...] = (20, 20, 22, 38)  # its columns' shares, in per cent (PDF)
    notes: tuple[str, ...] = ()  # paragraphs under the tables
    signatures: tuple[str, ...] = ()  # the lines people sign: "经办人（签字）：＿＿…"

    def __post_init__(self) -> None:
        if len(self.grid_header) > GRID_COLUMNS or any(
            len(row) > GRID_COLUMNS for row in self.grid
        ):
            raise ValueError(f"a form's table has at most {GRID_COLUMNS} columns")

    @property
    def title(self) -> str:
        return FORM_TITLES[self.kind]

    @property
    def date(self) -> str:
        return cn(self.issue_date)

    @property
    def subtitle(self) -> str:
        """The line under the title: 填报单位 and, on a case's form, its number."""
        parts = [f"单位：{self.agency.strip()}"]
        if self.case_number.strip():
            parts.append(f"申请编号：{self.case_number.strip()}")
        return "　　".join(parts)

    def filled_fields(self) -> tuple[tuple[str, str], ...]:
        """The fields, an empty value replaced by a blank to write on."""
        return tuple((label, value.strip() or BLANK) for label, value in self.fields)

    def padded_grid(self) -> tuple[tuple[str, ...], ...]:
        width = len(self.grid_header) or GRID_COLUMNS
        return tuple(tuple(row) + ("",) * (width - len(row)) for row in self.grid)

    @property
    def text(self) -> str:
        """The whole form as plain text (tests, previews)."""
        lines = [self.title, self.subtitle]
        lines += [f"{label}：{value}" for label, value in self.filled_fields()]
        if self.grid_title:
            lines.append(self.grid_title)
        if self.grid_header:
            lines.append("｜".join(self.grid_header))
        lines += ["｜".join(row) for row in self.padded_grid()]
        lines += [*self.notes, *self.signatures]
        return "\n".join(line for line in lines if line)
