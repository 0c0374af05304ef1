"""The standard catalog as a spreadsheet, in the column layout offices publish it in."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from openpyxl import Workbook, load_workbook

from gongkai.agencies.models import Agency
from gongkai.publications.choices import Audience, Disclosure, Level
from gongkai.publications.models import CatalogItem

# catalog.md: 序号 · 公开事项 (一级 / 二级) · 公开内容（要素） · 公开依据 · 公开时限 · 公开主体 ·
# 公开渠道和载体 · 公开对象 · 公开方式 · 公开层级; with the domain (领域) first.
COLUMNS = (
    ("domain", "领域"),
    ("number", "序号"),
    ("matter", "公开事项（一级）"),
    ("submatter", "公开事项（二级）"),
    ("content", "公开内容（要素）"),
    ("basis", "公开依据"),
    ("time_limit", "公开时限"),
    ("subject", "公开主体"),
    ("channels", "公开渠道和载体"),
    ("audience", "公开对象"),
    ("mode", "公开方式"),
    ("level", "公开层级"),
)
WORDS: Mapping[str, Mapping[str, str]] = {
    "audience": {"全社会": Audience.EVERYONE, "特定群众": Audience.SPECIFIC},
    "mode": {"主动": Disclosure.ACTIVE, "依申请": Disclosure.ON_REQUEST},
    "level": {"县级": Level.COUNTY, "乡级": Level.TOWNSHIP},
}
LABELS = {field: {code: word for word, code in words.items()} for field, words in WORDS.items()}


def export(agency: Agency) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "标准目录"
    sheet.append([header for _f, header in COLUMNS])
    items = CatalogItem.objects.filter(agency=agency).select_related("domain")
    for item in items:
        row: list[Any] = []
        for field, _header in COLUMNS:
            value = item.domain.name if field == "domain" else getattr(item, field)
            row.append(LABELS.get(field, {}).get(value, value))
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read(data: bytes) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, {field: text}) for each row under the header; headers matched by their words."""
    sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
    if sheet is None:
        return
    rows: Iterable[tuple[Any, ...]] = sheet.iter_rows(values_only=True)
    iterator = iter(rows)
    header = [str(h or "").strip() for h in next(iterator, ())]
    by_header = {h: f for f, h in COLUMNS}
    fields = [by_header.get(h) for h in header]
    for line, values in enumerate(iterator, start=2):
        record = {
            f: ("" if v is None else str(v).strip())
            for f, v in zip(fields, values, strict=False)
            if f
        }
        if any(record.values()):
            yield line, record
