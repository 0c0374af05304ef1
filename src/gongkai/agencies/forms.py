"""Forms: parse and validate input, then hand it to an action."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.auth import client_ip, locked_for
from gongkai.agencies.params import LAST_YEAR
from gongkai.core.calendar import DayRow
from gongkai.core.calendar_data import official_years
from gongkai.core.calendar_input import CalendarInputError, check_year, parse_text


class StaffAuthenticationForm(AdminAuthenticationForm):
    """The admin sign-in form, saying plainly when a username is locked out."""

    error_messages = {  # noqa: RUF012 — Django's own pattern for form error messages
        **AdminAuthenticationForm.error_messages,
        "locked": _(
            "Too many failed sign-ins for this username from this address. "
            "Try again in %(minutes)s minutes."
        ),
    }

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        if username:
            remaining = locked_for(username, client_ip(self.request))
            if remaining is not None:
                raise ValidationError(
                    self.error_messages["locked"],
                    code="locked",
                    params={"minutes": max(1, round(remaining.total_seconds() / 60))},
                )
        cleaned: dict[str, Any] = super().clean()
        return cleaned


class CalendarYearEntryForm(forms.Form):
    """A year from the State Council notice: paste it, or one date per line."""

    # From the first year of the official calendar (the seed data) to the platform's last.
    year = forms.IntegerField(
        label=_("Year"), min_value=official_years().start, max_value=LAST_YEAR
    )
    source = forms.CharField(
        label=_("Source document"),
        max_length=200,
        help_text=_(
            "For example: 国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕N号）"
        ),
    )
    text = forms.CharField(
        label=_("Holidays and make-up working days"),
        widget=forms.Textarea(attrs={"rows": 16, "cols": 100}),
        help_text=_(
            "Paste the notice as published (一、元旦：…), or one line per date or range: "
            "2027-10-01..2027-10-07 国庆节 休 / 2027-09-26 国庆节 班"
        ),
    )
    confirm = forms.BooleanField(
        label=_("Confirm the year"),
        required=False,
        initial=True,
        help_text=_("A confirmed year is no longer provisional; open deadlines are recomputed."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        year, text = cleaned.get("year"), cleaned.get("text")
        if year is None or not text:
            return cleaned
        try:
            rows = parse_text(year, text)
        except CalendarInputError as exc:
            raise ValidationError({"text": str(exc)}) from exc
        problems = check_year(year, rows)
        if problems:
            raise ValidationError({"text": problems})
        if not any(row.date.year == year for row in rows):
            raise ValidationError({"text": _("No day of %(year)s in the text.") % {"year": year}})
        cleaned["rows"] = rows
        return cleaned

    @property
    def rows(self) -> list[DayRow]:
        rows: list[DayRow] = self.cleaned_data["rows"]
        return rows


# What each placeholder of a numbering pattern needs from the agency (core/numbering.FIELDS).
_PATTERN_NEEDS = {
    "short": ("short_name", _("short name")),
    "credit_code": ("credit_code", _("unified social credit code")),
}
PATTERN_HELP = _(
    "Placeholders: {year} the year, {n} the serial number within the year ({n:05d}: five "
    "digits with leading zeros), {short} the agency's short name, {credit_code} its unified "
    "social credit code. Example: %(example)s"
)


class AgencyAdminForm(forms.ModelForm):  # type: ignore[type-arg]
    """The agency's page in the admin: the numbering patterns explained, and refused when they
    need something the agency has not got (an 索引号 starting with "/" for want of a credit
    code, catalog.md: 索引号 = 统一社会信用代码/年度-序号)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        examples = {
            "index_number_pattern": "{credit_code}/{year}-{n:05d}",
            "letter_number_pattern": "{short}公开〔{year}〕{n}号",
        }
        for name, example in examples.items():
            if name in self.fields:
                self.fields[name].help_text = PATTERN_HELP % {"example": example}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        labels = {
            "index_number_pattern": _("index number pattern"),
            "letter_number_pattern": _("letter number pattern"),
        }
        for name, label in labels.items():
            pattern = data.get(name) if name in data else getattr(self.instance, name, "")
            if not pattern:
                continue
            for placeholder, (field, what) in _PATTERN_NEEDS.items():
                if "{" + placeholder not in pattern:
                    continue
                value = data[field] if field in data else getattr(self.instance, field, "")
                if not str(value or "").strip():
                    error = ValidationError(
                        _(
                            "The %(pattern)s uses {%(placeholder)s}, but the agency has no "
                            "%(what)s: fill it in first or change the pattern."
                        ),
                        code="pattern_needs",
                        params={"pattern": label, "placeholder": placeholder, "what": what},
                    )
                    if name in self.fields and name not in self.errors:
                        self.add_error(name, error)
                    elif name not in self.fields:
                        self.add_error(None, error)
        return data
