"""The bounds of what a request may ask for: years, ids, pages (issue 12: no input is a 500).

Every filter of the portal, the console and the API takes its bounds from here: the pages
validate their query string with a ``ParamsForm`` built of these fields, the API's schemas use
the same numbers. A value outside them is refused with a message (HTTP 400 on a page, 422 in
the API) before it reaches a query, where it would end as a server error: an integer past 64
bits overflows the database driver, year 0 or 10000 is no date.

Lives in the root domain app because the three interfaces share it and may not import each
other (``site/tests/test_direction.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

# Years a filter may name: wider than any record (the 条例 dates from 2007; older documents
# may be catalogued), narrow enough to stay a date.
FIRST_YEAR = 1900
LAST_YEAR = 2100
# The largest id: every table's key is a BigAutoField (64-bit on SQLite and PostgreSQL).
MAX_ID = 2**63 - 1
# The words of a search: the first this many characters count (a longer query is cut).
SEARCH_CHARS = 50
# The largest page number a list accepts (past the last page a list shows its last page).
MAX_PAGE = 1_000_000


class YearField(forms.IntegerField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", gettext_lazy("Year"))
        kwargs.setdefault("required", False)
        super().__init__(min_value=FIRST_YEAR, max_value=LAST_YEAR, **kwargs)


class IdField(forms.IntegerField):
    """An object's id in a filter: a positive 64-bit number (an unknown one finds nothing)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)


class PageField(forms.IntegerField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", gettext_lazy("Page"))
        kwargs.setdefault("required", False)
        super().__init__(min_value=1, max_value=MAX_PAGE, **kwargs)


class ParamsForm(forms.Form):
    """A page's query string, validated: always bound (an empty query string is valid).

    ``problems`` says what was refused, one line a parameter, for the page's message; a view
    answers 400 with no results when there are any (``http_status``).
    """

    def __init__(self, data: Mapping[str, Any] | None, **kwargs: Any) -> None:
        super().__init__(data if data is not None else {}, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        getlist = getattr(self.data, "getlist", None)  # a QueryDict: a name may come twice
        if getlist is not None:
            for name in list(self.fields):
                if len(getlist(name)) > 1 and name not in self.errors:
                    self.add_error(name, gettext_lazy("Given more than once."))
        return cleaned

    @property
    def problems(self) -> list[str]:
        if self.is_valid():
            return []
        lines = []
        for name, errors in self.errors.items():
            field = self.fields.get(name)
            label = str(field.label) if field is not None and field.label else name
            lines.append(f"{label}: {' '.join(str(e) for e in errors)}")
        return lines

    @property
    def http_status(self) -> int:
        return 400 if self.problems else 200

    def value(self, name: str) -> Any:
        """The cleaned value of ``name`` (None when absent or refused)."""
        self.is_valid()
        return self.cleaned_data.get(name)
