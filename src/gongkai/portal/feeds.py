"""An Atom feed of each agency's newly published items."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.publications.access import public_publications
from gongkai.publications.models import Publication


class AgencyFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, agency_id: int) -> Agency:
        # An inactive agency has no public face: 404, as for one that never existed.
        agency = Agency.objects.filter(pk=agency_id, is_active=True).first()
        if agency is None:
            raise Http404("no such agency")
        return agency

    def title(self, obj: Agency) -> str:
        return _("%(agency)s: government information") % {"agency": obj.name}

    def link(self, obj: Agency) -> str:
        return reverse("portal:catalog") + f"?agency={obj.pk}"

    def subtitle(self, obj: Agency) -> str:
        return _("Newly published items")

    def items(self, obj: Agency) -> QuerySet[Publication]:
        return public_publications().filter(agency=obj).order_by("-published_on", "-id")[:50]

    def item_title(self, item: Publication) -> str:
        return item.title

    def item_description(self, item: Publication) -> str:
        return item.summary

    def item_link(self, item: Publication) -> str:
        return reverse("portal:item", args=[item.pk])

    def item_pubdate(self, item: Publication) -> dt.datetime | None:
        if item.published_on is None:
            return None
        return dt.datetime.combine(
            item.published_on, dt.time(), tzinfo=timezone.get_current_timezone()
        )

    def item_updateddate(self, item: Publication) -> dt.datetime:
        return item.updated_at
