"""An agency's letter templates: upload its own DOCX per kind of letter, or fall back to ours.

The agency administrator (MANAGE_AGENCY) manages them; the default template and the variables it
may use are downloadable so that an office can start from ours in Word.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies.access import C, get_agency_for_viewer, require
from gongkai.cases import actions
from gongkai.cases.choices import LetterKind
from gongkai.cases.models import LetterTemplate
from gongkai.core.letters import TITLES
from gongkai.core.letters import LetterKind as CoreKind
from gongkai.core.letters.docx import CONTEXT_VARIABLES, default_template

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024


class TemplateForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Letter"), choices=LetterKind.choices)
    file = forms.FileField(label=gettext_lazy("Word template (.docx)"))

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith(".docx"):
            raise forms.ValidationError(_("Upload a Word document (.docx)."))
        if upload.size > MAX_TEMPLATE_BYTES:
            raise forms.ValidationError(_("A template may be at most 5 MB."))
        return bytes(upload.read())


@login_required
def templates(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = get_agency_for_viewer(request.user, agency_id)
    require(request.user, C.MANAGE_AGENCY, agency)
    form = TemplateForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if "remove" in request.POST:
            actions.remove_letter_template(
                actor=request.user,  # type: ignore[arg-type]
                agency=agency,
                kind=request.POST["remove"],
            )
            messages.success(request, _("The default template is used again."))
            return redirect("console:cases:letter_templates", agency_id=agency.pk)
        if form.is_valid():
            try:
                actions.upload_letter_template(
                    actor=request.user,  # type: ignore[arg-type]
                    agency=agency,
                    kind=form.cleaned_data["kind"],
                    content=form.cleaned_data["file"],
                )
            except actions.CaseError as exc:
                for problem in exc.message_dict.get("file", exc.messages):
                    form.add_error("file", problem)
            else:
                messages.success(request, _("The template is in use from now on."))
                return redirect("console:cases:letter_templates", agency_id=agency.pk)
    custom = {t.kind: t for t in LetterTemplate.objects.filter(agency=agency)}
    rows = [(kind, TITLES[CoreKind(kind.value)], custom.get(kind.value)) for kind in LetterKind]
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "console/cases/letter_templates.html",
        {"agency": agency, "rows": rows, "form": form, "variables": CONTEXT_VARIABLES},
        status=status,
    )


@login_required
def default(request: HttpRequest, agency_id: int, kind: str) -> HttpResponse:
    agency = get_agency_for_viewer(request.user, agency_id)
    require(request.user, C.MANAGE_AGENCY, agency)
    try:
        content = default_template(CoreKind(kind))
    except ValueError:
        return HttpResponse(status=404)
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="gongkai-{kind}.docx"'
    return response
