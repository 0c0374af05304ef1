"""Public forms: the application (第二十九条), the status lookup, registration.

The application form only parses; ``cases.actions.clean_application`` (called by
``submit_online``) is the one place that decides what a valid application is, and its messages
are put next to the fields they concern.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.auth import looks_like_existing_user
from gongkai.cases.choices import ApplicantType, Delivery, FormWanted, IdKind

# Fields in the order of the fieldsets of the page.
APPLICANT = (
    "applicant_type",
    "applicant_name",
    "id_kind",
    "id_number",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
)
SOUGHT = ("description", "document_number", "purpose")
DELIVERY = ("form_wanted", "delivery")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name (Django's documented pattern); checked by the action."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx"})
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile[Any]]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class ApplicationForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)
    applicant_type = forms.ChoiceField(
        label=_("Applicant type"),
        choices=ApplicantType.choices,
        widget=forms.RadioSelect,
        initial=ApplicantType.NATURAL,
    )
    applicant_name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("Your full name, or the organisation's full name."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    id_kind = forms.ChoiceField(
        label=_("Identity document"), choices=IdKind.choices, initial=IdKind.RESIDENT_ID
    )
    id_number = forms.CharField(
        label=_("Identity document number"),
        max_length=40,
        help_text=_("18 characters for a resident identity card or a unified social credit code."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    contact_person = forms.CharField(
        label=_("Contact person"),
        max_length=100,
        required=False,
        help_text=_("For organisations: who we may contact about the application."),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        help_text=_("Its last four digits let you look up the progress later."),
    )
    email = forms.CharField(
        label=_("E-mail"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    address = forms.CharField(
        label=_("Postal address"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=6,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )
    description = forms.CharField(
        label=_("Description of the information sought"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Name or describe the document: its subject, the period it covers, who made it."
        ),
    )
    document_number = forms.CharField(
        label=_("Document number, if known"), max_length=100, required=False
    )
    purpose = forms.CharField(
        label=_("Purpose (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    form_wanted = forms.ChoiceField(
        label=_("Form wanted"),
        choices=FormWanted.choices,
        widget=forms.RadioSelect,
        initial=FormWanted.ELECTRONIC,
    )
    delivery = forms.ChoiceField(
        label=_("How to obtain it"),
        choices=Delivery.choices,
        widget=forms.RadioSelect,
        initial=Delivery.ONLINE,
    )
    identity_copy = MultipleFileField(
        label=_("Copy of identity document"),
        help_text=_("PDF, JPEG, PNG or DOCX; you may choose several files."),
    )
    authorisation = MultipleFileField(
        label=_("Letter of authorisation"),
        help_text=_("Only when someone applies on another's behalf."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.required and name != "token":
                field.widget.attrs["aria-required"] = "true"

    def fieldsets(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [
            (_("Applicant"), [self[name] for name in APPLICANT]),
            (_("Information sought"), [self[name] for name in SOUGHT]),
            (_("How to receive it"), [self[name] for name in DELIVERY]),
            (_("Attachments"), [self["identity_copy"], self["authorisation"]]),
        ]


class TrackForm(forms.Form):
    number = forms.CharField(
        label=_("Tracking number"),
        max_length=40,
        help_text=_("As shown on the acknowledgement of receipt."),
    )
    factor = forms.CharField(
        label=_("Last four digits of the phone, or the lookup code"),
        max_length=64,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text=_("The lookup code is on the receipt page and in the acknowledgement e-mail."),
    )


class RegisterForm(forms.Form):
    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    email = forms.EmailField(
        label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_username(self) -> str:
        username = str(self.cleaned_data["username"])
        # No public name that reads like a staff one ("Admin" for "admin", "ａｄｍｉｎ" …).
        if looks_like_existing_user(username):
            raise forms.ValidationError(
                _("This user name is taken or too like an existing one; please choose another."),
                code="look_alike",
            )
        return username

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        return data
