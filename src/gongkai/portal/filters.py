"""The catalog's and the search's query string, validated (``agencies.params``).

A refused parameter (a year outside 1900–2100, an id past 64 bits, a page below 1, an unknown
validity) makes the page answer 400 with a message and no results, never a server error.
An unknown id that is well formed finds nothing.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from gongkai.agencies.params import SEARCH_CHARS, IdField, PageField, ParamsForm, YearField
from gongkai.publications.choices import InterpretationForm, Validity


class CatalogFilter(ParamsForm):
    agency = IdField(label=gettext_lazy("Publishing agency"))
    topic = IdField(label=gettext_lazy("Topic"))
    genre = IdField(label=gettext_lazy("Genre"))
    domain = IdField(label=gettext_lazy("Standard catalog domain"))
    year = YearField()
    validity = forms.ChoiceField(
        label=gettext_lazy("Validity"),
        choices=[("", ""), *((v, label) for v, label in Validity.choices if v)],
        required=False,
    )
    page = PageField()
    # The search's order: relevance (every word in the title first, then newest) or date.
    sort = forms.ChoiceField(
        label=gettext_lazy("Sort by"),
        choices=[
            ("", ""),
            ("relevance", gettext_lazy("Relevance")),
            ("date", gettext_lazy("Date")),
        ],
        required=False,
    )

    def sort_order(self) -> str:
        return (self.cleaned_data.get("sort") or "relevance") if self.is_valid() else "relevance"

    def filters(self) -> dict[str, Any]:
        """The arguments of ``queries.public_list`` (all None when anything was refused)."""
        valid = self.is_valid()
        return {
            "agency_id": self.cleaned_data.get("agency") if valid else None,
            "topic_id": self.cleaned_data.get("topic") if valid else None,
            "genre_id": self.cleaned_data.get("genre") if valid else None,
            "year": self.cleaned_data.get("year") if valid else None,
            "domain_id": self.cleaned_data.get("domain") if valid else None,
            "validity": (self.cleaned_data.get("validity") or None) if valid else None,
        }

    def search_words(self) -> str:
        return str(self.data.get("q") or "").strip()[:SEARCH_CHARS]


class PageParams(ParamsForm):
    """A list's only parameter, its page (consultations, rules, a consultation's comments)."""

    page = PageField()


class GazetteParams(ParamsForm):
    year = YearField()


class PoliciesParams(ParamsForm):
    form = forms.ChoiceField(
        label=gettext_lazy("Form of interpretation"),
        choices=[("", ""), *InterpretationForm.choices],
        required=False,
    )
    page = PageField()
