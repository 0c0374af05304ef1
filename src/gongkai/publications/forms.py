"""Forms the console and the portal parse input with; actions do the writing."""

from __future__ import annotations

import csv
import io
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.publications import queries
from gongkai.publications.actions import EDITABLE_FIELDS, FIGURE_FIELDS
from gongkai.publications.choices import Channel, Validity
from gongkai.publications.models import Article20Figures, CatalogItem, Publication


class PublicationForm(forms.ModelForm):  # type: ignore[type-arg]
    channels = forms.MultipleChoiceField(
        label=_("channels"),
        choices=Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Publication
        fields = EDITABLE_FIELDS
        widgets = {  # noqa: RUF012 - Django reads it once
            "written_on": forms.DateInput(attrs={"type": "date"}),
            "changed_on": forms.DateInput(attrs={"type": "date"}),
            "valid_from": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = queries.topics_for(agency)  # type: ignore[attr-defined]
        self.fields["genre"].queryset = queries.genres_for(agency)  # type: ignore[attr-defined]
        self.fields["interprets"].queryset = Publication.objects.filter(  # type: ignore[attr-defined]
            agency=agency, kind__in=["rules", "normative", "general"]
        )


class CatalogItemForm(forms.ModelForm):  # type: ignore[type-arg]
    """One row of the standard catalog (catalog.md's columns)."""

    class Meta:
        model = CatalogItem
        fields = (
            "domain", "number", "matter", "submatter", "content", "basis", "time_limit",
            "subject", "channels", "audience", "mode", "level",
        )  # fmt: skip
        widgets = {  # noqa: RUF012 - Django reads it once
            "content": forms.Textarea(attrs={"rows": 3}),
            "basis": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["domain"].queryset = queries.domains_for(agency)  # type: ignore[attr-defined]

    def validate_unique(self) -> None:
        # The agency is set by the action; the action's full_clean checks uniqueness with it.
        pass


class FileUnderForm(forms.Form):
    """File a published item under one of its agency's standard catalog items."""

    item = forms.ModelChoiceField(label=_("standard catalog item"), queryset=CatalogItem.objects)

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        items = CatalogItem.objects.filter(agency=agency).select_related("domain")
        self.fields["item"].queryset = items  # type: ignore[attr-defined]


class SupersedeForm(forms.Form):
    """The published item that replaces this one, by its 索引号."""

    index_number = forms.CharField(label=_("index number of the new version"), max_length=100)


class ValidityForm(forms.Form):
    validity = forms.ChoiceField(
        label=_("validity"),
        choices=[(v, label) for v, label in Validity.choices if v not in ("", "in_force")],
    )
    on = forms.DateField(label=_("date"), widget=forms.DateInput(attrs={"type": "date"}))
    by_text = forms.CharField(label=_("repealing or amending document"), max_length=200)


class FiguresForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Article20Figures
        fields = ("year", *FIGURE_FIELDS)


class FiguresImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))

    def rows(self) -> list[tuple[int, dict[str, Any]]]:
        """The sheet's rows keyed by header, with their line numbers (header is line 1)."""
        upload = self.cleaned_data["file"]
        data = upload.read()
        if upload.name.lower().endswith(".xlsx"):
            from openpyxl import load_workbook

            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
            values = [list(r) for r in sheet.iter_rows(values_only=True)] if sheet else []
        else:
            values = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        if not values:
            return []
        header = [str(h or "").strip() for h in values[0]]
        return [(n, dict(zip(header, row, strict=False))) for n, row in enumerate(values[1:], 2)]
