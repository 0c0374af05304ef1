"""Forms: parse and validate input, then hand it to an action."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.auth import client_ip, locked_for
from gongkai.core.calendar import DayRow
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

    year = forms.IntegerField(label=_("Year"), min_value=2004, max_value=2100)
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
