"""The Django admin for agencies, people, roles and the calendar.

Rights come from ``access.py`` (not from Django's model permissions), and every save goes through
an action, so the admin can do nothing the rules do not allow and leaves an audit trail.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.contrib.admin.templatetags import admin_list
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext

from gongkai.agencies import actions
from gongkai.agencies.access import (
    PLATFORM_GRANTS,
    C,
    Capability,
    agencies_for,
    can,
    editable_agency_fields,
)
from gongkai.agencies.forms import (
    AgencyAdminForm,
    CalendarYearEntryForm,
    StaffAuthenticationForm,
)
from gongkai.agencies.models import (
    Agency,
    AuditEvent,
    CalendarDay,
    CalendarYear,
    LoginFailure,
    Membership,
    User,
)
from gongkai.core.calendar import DayKind, DayRow, weekday_cn

if TYPE_CHECKING:  # the admin classes are generic for the type checker only
    _AgencyAdmin = admin.ModelAdmin[Agency]
    _MembershipInline = admin.TabularInline[Membership, Agency]
    _CalendarDayAdmin = admin.ModelAdmin[CalendarDay]
    _CalendarYearAdmin = admin.ModelAdmin[CalendarYear]
    _AuditEventAdmin = admin.ModelAdmin[AuditEvent]
    _LoginFailureAdmin = admin.ModelAdmin[LoginFailure]
else:
    _AgencyAdmin = _CalendarDayAdmin = _CalendarYearAdmin = admin.ModelAdmin
    _AuditEventAdmin = _LoginFailureAdmin = admin.ModelAdmin
    _MembershipInline = admin.TabularInline

admin.site.login_form = StaffAuthenticationForm


def _boolean_icon(field_val: bool | None) -> str:
    """Django's yes/no icon, its alt text in the interface's language (Django writes "True")."""
    icon = {True: "yes", False: "no", None: "unknown"}[field_val]
    label = {True: _("Yes"), False: _("No"), None: _("Unknown")}[field_val]
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{icon}.svg"), label)


admin_list._boolean_icon = _boolean_icon  # type: ignore[attr-defined]  # list, detail, readonly
# Strings of Django 6.1 its own zh_Hans catalog lacks (forms' empty choice, the admin's filter
# and sign-out): listed so that makemessages keeps their Chinese in ours.
DJANGO_MISSING = (
    gettext_noop("- Select an option -"),
    gettext_noop("Filter by %(field_name)s"),
    gettext_noop("Logout"),
)
admin.site.site_header = _("Gongkai administration")
admin.site.site_title = _("Gongkai")


def _actor(request: HttpRequest) -> User:
    """The signed-in staff member acting through the admin."""
    user = request.user
    if not isinstance(user, User) or not user.is_active:
        raise PermissionDenied
    return user


def _staff(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_active and user.is_staff)


def _anywhere(request: HttpRequest, capability: Capability) -> bool:
    """Whether the user has ``capability`` in some agency; asked many times per page, so kept."""
    cache: dict[Capability, bool] = request.__dict__.setdefault("_gongkai_anywhere", {})
    if capability not in cache:
        cache[capability] = _staff(request) and (
            (request.user.is_superuser and capability in PLATFORM_GRANTS)
            or agencies_for(request.user, capability).exists()
        )
    return cache[capability]


def _report(request: HttpRequest, change: actions.CalendarChange) -> None:
    if change.changed_anything:
        messages.success(
            request,
            _(
                "Calendar updated for %(years)s: %(added)d added, %(changed)d changed, "
                "%(removed)d removed. Open deadlines in these years are recomputed."
            )
            % {
                "years": ", ".join(str(y) for y in sorted(change.years)),
                "added": len(change.added),
                "changed": len(change.changed),
                "removed": len(change.removed),
            },
        )
    else:
        messages.info(request, _("Nothing changed in the calendar."))


# -- agencies and memberships -----------------------------------------------------------------


class MembershipInline(_MembershipInline):
    model = Membership
    extra = 0
    fields = ("user", "role", "created_at")
    readonly_fields = ("created_at",)
    autocomplete_fields = ("user",)

    def _manages(self, request: HttpRequest, obj: Agency | None) -> bool:
        return obj is not None and can(request.user, C.MANAGE_MEMBERS, obj)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or can(request.user, C.VIEW_AGENCY, obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._manages(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._manages(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._manages(request, obj)


@admin.register(Agency)
class AgencyAdmin(_AgencyAdmin):
    list_display = ("name", "short_name", "kind", "parent", "credit_code", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "short_name", "credit_code")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    inlines = (MembershipInline,)
    form = AgencyAdminForm
    fieldsets = (
        (None, {"fields": ("name", "short_name", "kind", "parent", "credit_code", "is_active")}),
        (_("Contact"), {"fields": ("address", "phone", "email", "office_hours")}),
        (
            _("Settings"),
            {
                "fields": (
                    "index_number_pattern",
                    "letter_number_pattern",
                    "reconsideration_body",
                    "fee_notice_pauses_clock",
                    "letter_header",
                    "seal_image",
                )
            },
        ),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Agency]:
        return agencies_for(request.user, C.VIEW_AGENCY).select_related("parent")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _anywhere(request, C.VIEW_AGENCY)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return self.has_module_permission(request)
        return _staff(request) and can(request.user, C.VIEW_AGENCY, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _staff(request) and can(request.user, C.CREATE_AGENCIES)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return _anywhere(request, C.MANAGE_AGENCY)
        return _staff(request) and can(request.user, C.MANAGE_AGENCY, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # agencies are deactivated, never deleted: cases and reports refer to them

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        allowed = editable_agency_fields(request.user, obj)
        return tuple(f for f in Agency.EDITABLE_FIELDS if f not in allowed)

    def save_model(
        self, request: HttpRequest, obj: Agency, form: ModelForm[Agency], change: bool
    ) -> None:
        data = form.cleaned_data
        try:
            if change:
                changes = {f: data[f] for f in form.changed_data if f in Agency.EDITABLE_FIELDS}
                saved = actions.update_agency(actor=_actor(request), agency=obj, changes=changes)
            else:
                fields = {
                    f: data[f]
                    for f in Agency.EDITABLE_FIELDS
                    if f in data and f not in {"name", "short_name", "kind", "parent"}
                }
                saved = actions.create_agency(
                    actor=_actor(request),
                    name=data["name"],
                    short_name=data["short_name"],
                    kind=data["kind"],
                    parent=data.get("parent"),
                    **fields,
                )
        except ValidationError as exc:
            raise PermissionDenied(str(exc)) from exc
        obj.pk = saved.pk
        obj._state.adding = False

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not Membership:
            super().save_formset(request, form, formset, change)
            return
        agency: Agency = form.instance
        instances = formset.save(commit=False)
        for membership in formset.deleted_objects:
            actions.revoke_role(actor=_actor(request), membership=membership)
        for membership, _fields in formset.changed_objects:
            old = Membership.objects.get(pk=membership.pk)
            actions.revoke_role(actor=_actor(request), membership=old)
            actions.grant_role(
                actor=_actor(request),
                user=membership.user,
                agency=agency,
                role=membership.role,
            )
        for membership in formset.new_objects:
            actions.grant_role(
                actor=_actor(request),
                user=membership.user,
                agency=agency,
                role=membership.role,
            )
        del instances


# -- users: agencies/admin_users.py (imported at the end)


# -- the calendar -----------------------------------------------------------------------------


@admin.register(CalendarDay)
class CalendarDayAdmin(_CalendarDayAdmin):
    list_display = ("date", "weekday", "kind", "name", "source", "entered_by", "entered_at")
    list_filter = ("kind",)
    list_select_related = ("entered_by",)
    search_fields = ("name", "source")
    date_hierarchy = "date"
    fields = ("date", "kind", "name", "source")
    change_list_template = "admin/agencies/calendarday/change_list.html"

    @admin.display(description=_("weekday"))
    def weekday(self, obj: CalendarDay) -> str:
        return f"周{weekday_cn(obj.date)}"

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _staff(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _staff(request)

    def _manages(self, request: HttpRequest) -> bool:
        return _staff(request) and can(request.user, C.MANAGE_CALENDAR)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._manages(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._manages(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._manages(request)

    def get_actions(
        self,
        request: HttpRequest,
        action_location: admin.ActionLocation = admin.ActionLocation.CHANGE_LIST,
    ) -> Any:
        found = super().get_actions(request, action_location)
        found.pop("delete_selected", None)  # one day at a time: each change is recomputed
        return found

    def save_model(self, request: HttpRequest, obj: CalendarDay, form: Any, change: bool) -> None:
        data = form.cleaned_data
        if change and "date" in form.changed_data:
            old = CalendarDay.objects.get(pk=obj.pk)
            actions.remove_calendar_day(actor=_actor(request), day=old)
        row = DayRow(data["date"], DayKind(data["kind"]), data.get("name", ""))
        try:
            result = actions.set_calendar_day(
                actor=_actor(request),
                row=row,
                source=data.get("source", ""),
            )
        except ValidationError as exc:
            raise PermissionDenied(" ".join(exc.messages)) from exc
        saved = CalendarDay.objects.get(date=row.date)
        obj.pk = saved.pk
        obj._state.adding = False
        _report(request, result)

    def delete_model(self, request: HttpRequest, obj: CalendarDay) -> None:
        _report(request, actions.remove_calendar_day(actor=_actor(request), day=obj))

    def get_urls(self) -> list[URLPattern]:
        enter = path(
            "enter-year/",
            self.admin_site.admin_view(self.enter_year_view),
            name="agencies_calendarday_enter_year",
        )
        return [enter, *super().get_urls()]

    def enter_year_view(self, request: HttpRequest) -> HttpResponse:
        if not self._manages(request):
            raise PermissionDenied
        form = CalendarYearEntryForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                change = actions.record_calendar_year(
                    actor=_actor(request),
                    year=form.cleaned_data["year"],
                    rows=form.rows,
                    source=form.cleaned_data["source"],
                    confirm=form.cleaned_data["confirm"],
                )
            except ValidationError as exc:
                form.add_error("text", exc)
            else:
                _report(request, change)
                url = reverse("admin:agencies_calendarday_changelist")
                return HttpResponseRedirect(f"{url}?date__year={form.cleaned_data['year']}")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Enter a year from the State Council notice"),
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/agencies/calendarday/enter_year.html", context)


@admin.register(CalendarYear)
class CalendarYearAdmin(_CalendarYearAdmin):
    list_display = ("year", "confirmed", "source", "confirmed_by", "confirmed_at")
    list_filter = ("confirmed",)
    list_select_related = ("confirmed_by",)
    readonly_fields = ("year", "confirmed", "source", "confirmed_by", "confirmed_at")
    actions = ("confirm_years", "make_years_provisional")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _staff(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _staff(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # years are entered with their days (the "enter a year" form)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _staff(request) and can(request.user, C.MANAGE_CALENDAR)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def _set(self, request: HttpRequest, queryset: QuerySet[CalendarYear], confirmed: bool) -> None:
        for record in queryset:
            _report(
                request,
                actions.set_year_confirmed(
                    actor=_actor(request),
                    year=record.year,
                    confirmed=confirmed,
                ),
            )

    @admin.action(description=_("Confirm the selected years"), permissions=["change"])
    def confirm_years(self, request: HttpRequest, queryset: QuerySet[CalendarYear]) -> None:
        self._set(request, queryset, True)

    @admin.action(description=_("Mark the selected years provisional"), permissions=["change"])
    def make_years_provisional(
        self, request: HttpRequest, queryset: QuerySet[CalendarYear]
    ) -> None:
        self._set(request, queryset, False)


# -- audit and sign-in failures ---------------------------------------------------------------


@admin.register(AuditEvent)
class AuditEventAdmin(_AuditEventAdmin):
    list_display = ("at", "actor_label", "action", "agency", "subject")
    list_filter = ("action",)
    search_fields = ("subject", "actor_label")
    list_select_related = ("agency",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[AuditEvent]:
        events = super().get_queryset(request)
        if request.user.is_superuser:
            return events
        return events.filter(agency__in=agencies_for(request.user, C.VIEW_AUDIT))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _anywhere(request, C.VIEW_AUDIT)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None or obj.agency is None:
            return self.has_module_permission(request) and (
                obj is None or bool(request.user.is_superuser)
            )
        return _staff(request) and can(request.user, C.VIEW_AUDIT, obj.agency)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(LoginFailure)
class LoginFailureAdmin(_LoginFailureAdmin):
    list_display = ("username", "ip", "at")
    search_fields = ("key", "address")
    actions = ("unlock",)

    @admin.display(description=_("username"), ordering="key")
    def username(self, obj: LoginFailure) -> str:
        return obj.key

    @admin.display(description=_("IP address"), ordering="address")
    def ip(self, obj: LoginFailure) -> str:
        return obj.address

    def _manages_users(self, request: HttpRequest) -> bool:
        return _staff(request) and can(request.user, C.MANAGE_USERS)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._manages_users(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._manages_users(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Unlock the selected usernames"), permissions=["view"])
    def unlock(self, request: HttpRequest, queryset: QuerySet[LoginFailure]) -> None:
        usernames = sorted(set(queryset.values_list("key", flat=True)))
        for username in usernames:
            actions.unlock_sign_in(actor=_actor(request), username=username)
        messages.success(
            request,
            ngettext("%(n)d username unlocked.", "%(n)d usernames unlocked.", len(usernames))
            % {"n": len(usernames)},
        )


from gongkai.agencies import admin_users  # noqa: E402, F401 — registers the users' admin
