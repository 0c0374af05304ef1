"""The platform administrator sets an office's rule for the 送达 date of online replies here
(the cases themselves change only through ``actions``)."""

from __future__ import annotations

from django.contrib import admin

from gongkai.cases.models import OnlineServiceRule


@admin.register(OnlineServiceRule)
class OnlineServiceRuleAdmin(admin.ModelAdmin[OnlineServiceRule]):
    list_display = ("agency", "served_on")
