"""条例第二十条 figures (行政许可, 处罚, 强制, 收费 …) for section 二 of the annual report."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.access import Actor, actor_label, actor_user
from gongkai.agencies.models import Agency
from gongkai.publications.access import can_enter_figures
from gongkai.publications.models import Article20Figures

FIGURE_FIELDS = (
    "licensing",
    "penalties",
    "enforcement",
    "fees",
    "licensing_items",
    "licensing_change",
    "other_services",
    "procurement",
)
# Column headers as offices write them: the rows of section 二 of the annual report (2021
# format: 行政许可, 行政处罚, 行政强制, 行政事业性收费; 2019 format: 许可事项, 其他对外管理服务事项,
# 政府集中采购), beside the field names. Spaces, brackets and 单位 are ignored when matching.
FIGURE_HEADERS = {
    "行政许可": "licensing", "行政许可决定": "licensing", "行政许可决定数": "licensing",
    "行政许可处理决定数量": "licensing",
    "行政处罚": "penalties", "行政处罚决定": "penalties", "行政处罚决定数": "penalties",
    "行政强制": "enforcement", "行政强制决定": "enforcement", "行政强制决定数": "enforcement",
    "行政事业性收费": "fees", "行政事业性收费万元": "fees", "收费金额万元": "fees",
    "本年收费金额万元": "fees",
    "行政许可事项": "licensing_items", "行政许可事项数": "licensing_items",
    "行政许可事项增减": "licensing_change", "行政许可本年增减": "licensing_change",
    "其他对外管理服务事项": "other_services",
    "政府集中采购": "procurement", "政府集中采购万元": "procurement",
    "采购总金额万元": "procurement", "政府集中采购金额万元": "procurement",
}  # fmt: skip
_HEADER_NOISE = re.compile(r"[\s()（）/／:：]|单位")


def figure_field(header: str) -> str | None:
    """The field a column header names (Chinese or the field's own name), or None."""
    key = str(header).strip()
    if key in FIGURE_FIELDS:
        return key
    return FIGURE_HEADERS.get(_HEADER_NOISE.sub("", key))


_DECIMAL_FIGURES = frozenset({"fees", "procurement"})
_SIGNED_FIGURES = frozenset({"licensing_change"})


def parse_figure(name: str, raw: Any) -> int | Decimal | None:
    """A spreadsheet cell as a figure: blank is None; money in 万元; counts whole and >= 0."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    text = str(raw).strip().replace(",", "").removesuffix("万元")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValidationError(
            _("%(name)s: %(raw)s is not a number") % {"name": name, "raw": raw}
        ) from None
    if value < 0 and name not in _SIGNED_FIGURES:
        raise ValidationError(_("%(name)s: must not be negative") % {"name": name})
    if name in _DECIMAL_FIGURES:
        return value
    if value != value.to_integral_value():
        raise ValidationError(_("%(name)s: must be a whole number") % {"name": name})
    return int(value)


@transaction.atomic
def record_figures(
    *, actor: Actor, agency: Agency, year: int, figures: Mapping[str, Any], source: str = ""
) -> Article20Figures:
    if not can_enter_figures(actor, agency):
        raise PermissionDenied(f"{actor_label(actor)} may not enter figures for {agency}")
    unknown = set(figures) - set(FIGURE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown columns: %(cols)s") % {"cols": ", ".join(sorted(unknown))})
    record = Article20Figures.objects.filter(agency=agency, year=year).first() or Article20Figures(
        agency=agency, year=year
    )
    for name, raw in figures.items():
        value = parse_figure(name, raw)
        if value is None and name in ("licensing", "penalties", "enforcement", "fees"):
            value = Decimal(0) if name == "fees" else 0
        setattr(record, name, value)
    record.entered_by = actor_user(actor)
    record.entered_by_label = actor_label(actor)
    record.entered_at = timezone.now()
    record.source = source
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def import_figures(
    *, actor: Actor, rows: Iterable[tuple[int, Mapping[str, Any]]], source: str
) -> list[Article20Figures]:
    """Rows of 机构, 年度 and figure columns (CSV or XLSX); all or nothing."""
    saved = []
    for line, row in rows:
        name = str(row.get("agency") or row.get("机构") or "").strip()
        agency = Agency.objects.filter(name=name).first()
        if agency is None:
            raise ValidationError(
                _("line %(line)s: no agency %(name)s") % {"line": line, "name": name}
            )
        try:
            year = int(str(row.get("year") or row.get("年度") or "").strip())
        except ValueError:
            raise ValidationError(_("line %(line)s: no year") % {"line": line}) from None
        figures: dict[str, Any] = {}
        for header, value in row.items():
            field = figure_field(str(header))
            if field is not None:
                figures[field] = value
        try:
            saved.append(
                record_figures(
                    actor=actor, agency=agency, year=year, figures=figures, source=source
                )
            )
        except ValidationError as exc:
            raise ValidationError(f"line {line}: {'; '.join(exc.messages)}") from exc
    return saved
