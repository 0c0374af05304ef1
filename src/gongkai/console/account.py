"""Staff sign-in with a second factor, and enrolling one (TOTP + recovery codes).

The rules (who must, what a session owing its code may reach, lockouts) live in
``agencies/auth.py``; these are the pages. Enrolment shows the authenticator's secret as text and
as a QR code drawn on the server (inline SVG, segno: no external service, no script), asks for a
first code to confirm it, then shows ten recovery codes once. 等保 2.0 (GB/T 22239-2019
8.1.4.1 d): two factors for privileged users.
"""

from __future__ import annotations

from base64 import b32encode
from urllib.parse import urlencode

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.agencies import auth
from gongkai.agencies.models import User


class SignInView(auth_views.LoginView):
    """The password; a confirmed device then asks for its code (``login_code``)."""

    template_name = "console/login.html"

    def get_success_url(self) -> str:
        url = super().get_success_url()
        if self.request.session.get(auth.STATE_KEY) == auth.CODE:
            return reverse("console:login_code") + "?" + urlencode({"next": url})
        return url


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=40,
        help_text=gettext_lazy(
            "The six digits your authenticator shows now, or one of your recovery codes."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


def _next(request: HttpRequest, fallback: str = "/console/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@login_required
@require_http_methods(["GET", "POST"])
def login_code(request: HttpRequest) -> HttpResponse:
    """The second step of a sign-in: the authenticator's code or a recovery code."""
    user = request.user
    assert isinstance(user, User)
    if user.is_verified() or not auth.has_second_factor(user):  # type: ignore[attr-defined]
        return redirect(_next(request))
    address = auth.client_ip(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if auth.locked_for(user.get_username(), address) is None:
            device = auth.verify_code(user, form.cleaned_data["code"])
            if device is not None:
                auth.code_given(request, device)
                if isinstance(device, StaticDevice):
                    left = auth.remaining_recovery_codes(user)
                    messages.warning(
                        request,
                        _("You signed in with a recovery code; %(n)s remain.") % {"n": left},
                    )
                return redirect(_next(request))
            auth.code_failed(request, user.get_username())
        if auth.locked_for(user.get_username(), address) is not None:
            logout(request)
            messages.error(request, _("Too many failed sign-ins. Please try again later."))
            return redirect("console:login")
        form.add_error("code", _("This code is not right. Please try again."))
    return render(request, "console/login_code.html", {"form": form, "next": _next(request)})


def _qr_svg(device: TOTPDevice) -> SafeString:
    # segno writes the SVG itself (paths only, no text from the user): safe to inline.
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=4, title=escape(_("Scan with your authenticator app"))
    )
    return mark_safe(svg)  # generated markup, see above


def _grouped_secret(device: TOTPDevice) -> str:
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator (confirmed by a first code), then see the recovery codes once;
    once enrolled, replace the recovery codes."""
    user = request.user
    assert isinstance(user, User)
    enrolled = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    if enrolled and not user.is_verified():  # type: ignore[attr-defined]
        return redirect("console:login_code")  # the password alone may not touch the codes
    if enrolled:
        if request.method == "POST" and request.POST.get("action") == "recovery-codes":
            codes = auth.new_recovery_codes(user)
            return _show_codes(request, codes)
        return render(
            request,
            "console/two_factor.html",
            {"enrolled": True, "remaining": auth.remaining_recovery_codes(user)},
        )
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = "".join(form.cleaned_data["code"].split())
        with transaction.atomic():
            locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
            confirmed = len(code) == 6 and code.isdigit() and locked.verify_token(code)
            if confirmed:
                locked.confirmed = True
                locked.save(update_fields=["confirmed"])
                TOTPDevice.objects.filter(user=user).exclude(pk=locked.pk).delete()
        if confirmed:
            codes = auth.new_recovery_codes(user)
            auth.code_given(request, locked)
            return _show_codes(request, codes)
        form.add_error("code", _("This code is not right. Please try again."))
    return render(
        request,
        "console/two_factor.html",
        {
            "enrolled": False,
            "form": form,
            "secret": _grouped_secret(device),
            "qr": _qr_svg(device),
            "required": auth.requires_second_factor(user),
        },
    )


def _show_codes(request: HttpRequest, codes: list[str]) -> HttpResponse:
    response = render(request, "console/two_factor_codes.html", {"codes": codes})
    response["Cache-Control"] = "no-store"  # shown once: not kept by the browser either
    return response
