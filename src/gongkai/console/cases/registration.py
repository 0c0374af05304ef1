"""Registering a paper, e-mail or fax application (第三十一条)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies.access import C, agencies_for
from gongkai.agencies.models import Agency
from gongkai.cases import actions
from gongkai.cases.choices import ApplicantType, Channel, Delivery, FormWanted, IdKind
from gongkai.console.cases._common import DATE_WIDGET, _add_errors, _user

STAFF_CHANNELS = [(value, label) for value, label in Channel.choices if value != Channel.ONLINE]


class RegisterForm(forms.Form):
    agency = forms.ModelChoiceField(label=gettext_lazy("Agency"), queryset=Agency.objects.none())
    channel = forms.ChoiceField(label=gettext_lazy("Channel"), choices=STAFF_CHANNELS)
    submitted_on = forms.DateField(
        label=gettext_lazy("Date submitted or arrived"), widget=DATE_WIDGET
    )
    signed_for_on = forms.DateField(
        label=gettext_lazy("Date signed for (registered post)"), required=False, widget=DATE_WIDGET
    )
    confirmed_on = forms.DateField(
        label=gettext_lazy("Date receipt confirmed with the applicant"),
        required=False,
        widget=DATE_WIDGET,
        help_text=gettext_lazy(
            "Ordinary letters, e-mail and fax: the day both sides confirmed it (Article 31). "
            "Leave empty if not yet confirmed."
        ),
    )
    applicant_type = forms.ChoiceField(
        label=gettext_lazy("Applicant type"), choices=ApplicantType.choices
    )
    applicant_name = forms.CharField(label=gettext_lazy("Name"), max_length=200, required=False)
    id_kind = forms.ChoiceField(label=gettext_lazy("Identity document"), choices=IdKind.choices)
    id_number = forms.CharField(
        label=gettext_lazy("Identity number"), max_length=40, required=False
    )
    contact_person = forms.CharField(
        label=gettext_lazy("Contact person"), max_length=100, required=False
    )
    phone = forms.CharField(label=gettext_lazy("Phone"), max_length=30, required=False)
    email = forms.CharField(label=gettext_lazy("E-mail"), max_length=254, required=False)
    address = forms.CharField(label=gettext_lazy("Postal address"), max_length=300, required=False)
    postcode = forms.CharField(label=gettext_lazy("Postcode"), max_length=6, required=False)
    description = forms.CharField(
        label=gettext_lazy("Information sought"), widget=forms.Textarea, required=False
    )
    document_number = forms.CharField(
        label=gettext_lazy("Document number, if known"), max_length=100, required=False
    )
    purpose = forms.CharField(
        label=gettext_lazy("Purpose (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    form_wanted = forms.ChoiceField(label=gettext_lazy("Form wanted"), choices=FormWanted.choices)
    delivery = forms.ChoiceField(label=gettext_lazy("How to obtain it"), choices=Delivery.choices)

    def __init__(self, data: Mapping[str, Any] | None, *, agencies: QuerySet[Agency]) -> None:
        super().__init__(data)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = agencies
        if len(agencies) == 1:
            field.initial = agencies[0]

    ARRIVAL = ("agency", "channel", "submitted_on", "signed_for_on", "confirmed_on")

    def arrival_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.ARRIVAL]

    def applicant_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in self.ARRIVAL]


@login_required
def register(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    agencies = agencies_for(user, C.HANDLE_CASES).order_by("name")
    if not agencies.exists():
        raise PermissionDenied("registering applications needs a case officer")
    form = RegisterForm(request.POST if request.method == "POST" else None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data
        try:
            case = actions.register(
                actor=user,
                agency=f["agency"],
                data={name: f[name] for name in actions.APPLICANT_FIELDS},
                channel=f["channel"],
                submitted_on=f["submitted_on"],
                signed_for_on=f["signed_for_on"],
                confirmed_on=f["confirmed_on"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request, _("Application registered: %(number)s") % {"number": case.number}
            )
            return redirect("console:cases:case", case.pk)
    elif request.method == "POST":
        # Every problem at once: the application's own checks too, not only the form's.
        try:
            actions.clean_application(request.POST)
        except ValidationError as exc:
            _add_errors(form, exc, only_new=True)
    return render(request, "console/cases/register.html", {"form": form})
