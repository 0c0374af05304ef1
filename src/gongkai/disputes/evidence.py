"""The evidence pack (证据材料) a respondent submits with its 答复 / 答辩, built from the records.

行政复议法第四十八条 and 行政诉讼法第六十七条 ask the respondent to submit the evidence and the
legal basis of the act under dispute. For a disclosure reply that is: the application and its
attachments, the acknowledgement of receipt, every letter with its proof of service, the timeline
of the handling and the articles the decision cites. One ZIP: ``00-目录.pdf`` (the index, with the
deadline explained) and the files, numbered as the index lists them. Nothing is written: the pack
is computed each time from the case and the dispute.

The 内部检索单 (where the office searched, with what terms, what it found) closes section 二
where one was recorded: it is the evidence behind a 3.4.1 "not held" answer (条例第三十六条第四项).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from gongkai.agencies.queries import calendar_for
from gongkai.cases import forms_docs
from gongkai.cases.letters import LetterUnavailable, ensure_rendered
from gongkai.disputes.choices import DocumentKind
from gongkai.disputes.deadlines import deadline_of
from gongkai.disputes.models import Dispute

# The statutes every disclosure reply rests on, besides the articles the decision cites.
BASIS = (
    "《中华人民共和国政府信息公开条例》第二十七条至第三十六条（依申请公开的程序与答复）",
    "《中华人民共和国行政复议法》第四十八条（被申请人答复并提交证据、依据）",
    "《中华人民共和国行政诉讼法》第六十七条（被告提交证据、规范性文件并答辩）",
)


@dataclass(frozen=True)
class Entry:
    number: str  # 1-1, 2-3 …: section and position, the file's prefix in the ZIP
    section: str
    title: str
    detail: str
    filename: str  # in the ZIP; "" when the entry has no file (e.g. a letter not rendered)
    content: bytes


def _safe(name: str) -> str:
    return "".join("_" if c in '/\\:*?"<>|' else c for c in name)[-120:]


def entries(dispute: Dispute) -> list[Entry]:
    case = dispute.case
    out: list[Entry] = []
    if case is None:  # not linked to its application yet: only the dispute's own documents
        return _documents(dispute, out)

    def add(section: str, index: int, title: str, detail: str, name: str, data: bytes) -> None:
        number = f"{section[0]}-{index}"
        filename = f"{number} {_safe(name)}" if data else ""
        out.append(Entry(number, section, title, detail, filename, data))

    app = "1 申请及附件"
    for i, a in enumerate(case.attachments.order_by("added_at", "pk"), 1):
        with a.file.open("rb") as handle:
            add(app, i, a.get_kind_display(), a.name, a.name, handle.read())
    letters = "2 告知书、答复书及送达"
    for i, letter in enumerate(case.letters.order_by("issued_on", "pk"), 1):
        served = f"送达日期 {letter.served_on.isoformat()}" if letter.served_on else "未记录送达"
        detail = f"{letter.number or '—'} · {letter.issued_on.isoformat()} · {served}"
        data = b""
        try:
            letter = ensure_rendered(letter)
            if letter.pdf:
                with letter.pdf.open("rb") as handle:
                    data = handle.read()
        except LetterUnavailable:
            detail += " · 文书生成失败，请在申请页重试"
        add(
            letters,
            i,
            letter.get_kind_display(),
            detail,
            f"{letter.number or letter.kind}.pdf",
            data,
        )
    searches = list(case.searches.order_by("searched_on", "pk"))
    if searches:
        detail = f"检索{len(searches)}次 · 最近 {searches[-1].searched_on.isoformat()}"
        data = forms_docs.search_sheet_pdf(case)
        position = len(out) + 1 - sum(1 for e in out if e.section.startswith("1"))
        add(letters, position, "内部检索单", detail, f"{case.number}-内部检索单.pdf", data)
    return _documents(dispute, out)


def _documents(dispute: Dispute, out: list[Entry]) -> list[Entry]:
    docs = "3 复议诉讼文书"
    order = list(DocumentKind.values)
    documents = sorted(
        dispute.documents.order_by("added_at", "pk"), key=lambda d: order.index(d.kind)
    )
    for i, doc in enumerate(documents, 1):
        with doc.file.open("rb") as handle:
            data = handle.read()
        number = f"3-{i}"
        out.append(
            Entry(
                number,
                docs,
                str(doc.get_kind_display()),
                doc.name,
                f"{number} {_safe(doc.name)}",
                data,
            )
        )
    return out


def index_html(dispute: Dispute, items: list[Entry], today: dt.date) -> str:
    from gongkai.core.report.render.pdf import font_path

    case = dispute.case
    deadline = deadline_of(dispute, calendar_for(today))
    decisions = list(case.decisions.order_by("decided_on", "pk")) if case else []
    articles = sorted({a for d in decisions for a in d.articles})
    return render_to_string(
        "disputes/evidence_index.html",
        {
            "dispute": dispute,
            "case": case,
            "items": items,
            "deadline": deadline,
            "decisions": decisions,
            "articles": articles,
            "basis": BASIS,
            "case_events": case.events.select_related("actor").order_by("at", "pk") if case else [],
            "dispute_events": dispute.events.select_related("actor").order_by("at", "pk"),
            "today": today,
            "font_uri": font_path().as_uri(),
        },
    )


def build(dispute: Dispute, today: dt.date | None = None) -> bytes:
    """The ZIP: ``00-目录.pdf`` then every file the index lists."""
    from weasyprint import HTML

    today = today or timezone.localdate()
    items = entries(dispute)
    index = bytes(HTML(string=index_html(dispute, items, today)).write_pdf())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("00-目录.pdf", index)
        for item in items:
            if item.filename:
                archive.writestr(item.filename, item.content)
    return buffer.getvalue()
