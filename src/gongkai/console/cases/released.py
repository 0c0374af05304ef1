"""What the decision provides (答复材料), on the case page: add files, point at published items,
remove them, download them (the handling agency's staff only), and 区分处理 — a page per file with
server-rendered previews, the suggested personal data to tick, terms to remove and areas in
page coordinates, each with its article (第十四条/第十五条/第十六条).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies.access import C, can
from gongkai.agencies.models import User
from gongkai.cases import access, actions, convert, redact
from gongkai.cases.actions.proactive import MAX_TITLE, drafts_of, may_propose, proposable
from gongkai.cases.choices import Disclosure
from gongkai.cases.models import Case, ReleasedItem
from gongkai.cases.transitions import RELEASE_EDITABLE
from gongkai.console.cases import related
from gongkai.console.cases._common import _add_errors, _user
from gongkai.core import outcomes
from gongkai.core.outcomes import WITHHOLDING_ROWS

MAX_PREVIEW_PAGES = 30
PREVIEW_DPI = 72  # 1 pixel of the preview = 1 PDF point (redact.js converts for the screen)


def reason_choices() -> list[tuple[str, str]]:
    """The withholding rows as the officer chooses them: article and what it protects."""
    rows = [outcomes.get(code) for code in WITHHOLDING_ROWS]
    return [(o.code, f"{o.articles[0]} {o.label}") for o in rows]


class ReleaseForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File (PDF, Word, Excel, JPEG, PNG)"))
    name = forms.CharField(label=gettext_lazy("Title"), max_length=200, required=False)
    disclosure = forms.ChoiceField(
        label=gettext_lazy("Disclosure"),
        choices=[(d.value, d.label) for d in (Disclosure.WHOLE, Disclosure.WITHHELD)],
    )
    reason = forms.ChoiceField(
        label=gettext_lazy("Withheld under"), choices=[("", "—")], required=False
    )
    other_law = forms.CharField(
        label=gettext_lazy("or another law"), max_length=200, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [("", "—"), *reason_choices()]  # type: ignore[attr-defined]


class LinkForm(forms.Form):
    index_number = forms.CharField(label=gettext_lazy("Index number"), max_length=100)


@dataclass(frozen=True)
class ReleasedRow:
    item: ReleasedItem
    first_download: Any  # when the applicant first downloaded it, or None
    draft: dict[str, Any] | None  # the catalog draft made of it (第四十四条), from the timeline
    can_propose: bool


def section(user: User, case: Case) -> dict[str, Any]:
    """The case page's part about what is provided (and, beside it, ``related``: repeats of
    earlier applications and the 送达 dates)."""
    editable = can(user, C.HANDLE_CASES, case.agency) and case.status in RELEASE_EDITABLE
    items = list(case.released.all())
    extra = related.context(case, has_released=bool(items))
    drafts = drafts_of(case.pk) if items else {}
    rows = [
        ReleasedRow(
            item=item,
            first_download=extra["first_downloads"].get(item.pk),
            draft=drafts.get(item.pk),
            can_propose=item.pk not in drafts and proposable(item) and may_propose(user, item),
        )
        for item in items
    ]
    return {
        "released_rows": rows,
        "can_release": editable,
        "release_form": ReleaseForm(),
        "link_form": LinkForm(),
        "sees_released": access.sees_personal_data(user, case),
        **extra,
    }


def _case(request: HttpRequest, pk: int) -> tuple[User, Case]:
    user = _user(request)
    case = access.get_case_for_staff(user, pk)
    # The files themselves (originals with personal data): the handling agency's own staff.
    if not access.sees_personal_data(user, case):
        raise Http404("no such application")
    return user, case


def _item(case: Case, item_id: int) -> ReleasedItem:
    item = case.released.filter(pk=item_id).first()
    if item is None:
        raise Http404("no such file")
    return item


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def add(request: HttpRequest, pk: int) -> HttpResponse:
    user, case = _case(request, pk)
    if request.method == "POST":
        form = ReleaseForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                _added, note = actions.add_released_file(
                    actor=user,
                    case=case,
                    upload=data["file"],
                    disclosure=data["disclosure"],
                    reason=data["reason"],
                    other_law=data["other_law"],
                    name=data["name"],
                )
            except ValidationError as exc:
                _errors(request, exc)
            else:
                messages.success(request, note or _("File added to what is provided."))
        else:
            messages.error(request, _("Choose a file."))
    return redirect("console:cases:case", case.pk)


def link(request: HttpRequest, pk: int) -> HttpResponse:
    from gongkai.publications.models import Publication

    user, case = _case(request, pk)
    if request.method == "POST":
        form = LinkForm(request.POST)
        found = None
        if form.is_valid():
            found = Publication.objects.filter(
                index_number=form.cleaned_data["index_number"].strip(), status="published"
            ).first()
        if found is None:
            messages.error(request, _("No published item has this index number."))
        else:
            try:
                actions.link_publication(actor=user, case=case, publication=found)
            except ValidationError as exc:
                _errors(request, exc)
    return redirect("console:cases:case", case.pk)


def remove(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    user, case = _case(request, pk)
    if request.method == "POST":
        try:
            actions.remove_released(actor=user, item=_item(case, item_id))
        except ValidationError as exc:
            _errors(request, exc)
    return redirect("console:cases:case", case.pk)


def download(request: HttpRequest, pk: int, item_id: int, which: str) -> FileResponse:
    _viewer, case = _case(request, pk)
    item = _item(case, item_id)
    stored = {"released": item.file, "original": item.original}.get(which)
    if not stored:
        raise Http404("no such file")
    name = item.original_name if which == "original" else item.name
    suffix = str(stored.name).rsplit(".", 1)[-1]
    if not name.endswith(f".{suffix}"):
        name = f"{name}.{suffix}"
    return FileResponse(stored.open("rb"), as_attachment=True, filename=name)


# -- 区分处理 -----------------------------------------------------------------------------------


def _released_pdf(item: ReleasedItem) -> bytes:
    if item.content_type != convert.PDF or not item.file:
        raise Http404("only a released PDF can be redacted")
    with item.file.open("rb") as handle:
        return bytes(handle.read())


def _areas(text: str, reason: str) -> list[redact.Box]:
    """Lines "page x0 y0 x1 y1" (page from 1, PDF points from the top left of the page as its
    preview shows it, turned by its /Rotate: ``redact.apply_redactions`` turns them back)."""
    boxes = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = line.replace(",", " ").split()
        try:
            page, x0, y0, x1, y1 = int(parts[0]), *(float(p) for p in parts[1:5])
            if len(parts) != 5 or page < 1 or x1 <= x0 or y1 <= y0:
                raise ValueError
        except (ValueError, IndexError):
            raise ValidationError(
                {"areas": _("Line %(n)s: write the page and four numbers.") % {"n": number}}
            ) from None
        boxes.append(redact.Box(page - 1, x0, y0, x1, y1, reason=reason, kind="area"))
    return boxes


class RedactForm(forms.Form):
    suggested = forms.MultipleChoiceField(
        label=gettext_lazy("Suggested personal data"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    suggested_reason = forms.ChoiceField(label=gettext_lazy("Removed under"))
    terms = forms.CharField(
        label=gettext_lazy("Texts to remove, one a line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    areas = forms.CharField(
        label=gettext_lazy("Areas to remove: page x0 y0 x1 y1, one a line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    other_reason = forms.ChoiceField(label=gettext_lazy("Texts and areas removed under"))

    def __init__(self, *args: Any, suggestions: list[redact.Box], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["suggested"].choices = [  # type: ignore[attr-defined]
            (str(i), f"{_('page')} {b.page + 1}: {b.text} ({b.kind})")
            for i, b in enumerate(suggestions)
        ]
        for name in ("suggested_reason", "other_reason"):
            self.fields[name].choices = reason_choices()  # type: ignore[attr-defined]
            self.fields[name].initial = redact.PERSONAL_DATA_ROW


def redact_page(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    user, case = _case(request, pk)
    item = _item(case, item_id)
    content = _released_pdf(item)
    suggestions = redact.suggest(content)
    form = RedactForm(request.POST or None, suggestions=suggestions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        boxes = [
            redact.Box(**{**suggestions[int(i)].as_dict(), "reason": data["suggested_reason"]})
            for i in data["suggested"]
        ]
        try:
            boxes += redact.find_terms(content, data["terms"].splitlines(), data["other_reason"])
            boxes += _areas(data["areas"], data["other_reason"])
            actions.redact_item(actor=user, item=item, boxes=boxes)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The redacted copy replaces the released file."))
            return redirect("console:cases:case", case.pk)
    pages = min(redact.page_count(content), MAX_PREVIEW_PAGES)
    return render(
        request,
        "console/cases/redact.html",
        {
            "case": case,
            "item": item,
            "form": form,
            "pages": range(pages),
            "preview_dpi": PREVIEW_DPI,
            "editable": case.status in RELEASE_EDITABLE and can(user, C.HANDLE_CASES, case.agency),
        },
        status=400 if request.method == "POST" else 200,
    )


def preview(request: HttpRequest, pk: int, item_id: int, page: int) -> HttpResponse:
    """A page of the released copy as PNG, the suggestions outlined in red."""
    _viewer, case = _case(request, pk)
    content = _released_pdf(_item(case, item_id))
    try:
        png = redact.preview_png(content, page, boxes=redact.suggest(content), dpi=PREVIEW_DPI)
    except (ValueError, redact.NotAPdf):
        raise Http404("no such page") from None
    return HttpResponse(png, content_type="image/png")


# -- 纳入主动公开 (条例第四十四条) ---------------------------------------------------------------


class ProposeForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title of the catalog item"), max_length=MAX_TITLE)
    summary = forms.CharField(
        label=gettext_lazy("Summary"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Public text: write no name or other personal data."),
    )


def propose(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    """Turn a released file into a draft catalog item (the catalog's review follows)."""
    user, case = _case(request, pk)
    item = _item(case, item_id)
    if not may_propose(user, item):
        raise Http404("no such action")
    form = ProposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            publication = actions.propose_for_publication(
                actor=user,
                item=item,
                title=form.cleaned_data["title"],
                summary=form.cleaned_data["summary"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Draft catalog item %(number)s created; submit it for review in the catalog.")
                % {"number": publication.index_number},
            )
            return redirect("console:cases:case", case.pk)
    return render(
        request,
        "console/cases/propose.html",
        {"case": case, "item": item, "form": form, "proposable": proposable(item)},
        status=400 if request.method == "POST" else 200,
    )
