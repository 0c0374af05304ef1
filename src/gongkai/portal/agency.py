"""The agency whose site this is, for every public page's header and footer.

The site's agency is the root of the tree of agencies it hosts (the government whose units are
the other agencies: the demo's 区人民政府); ``GONGKAI_SITE_AGENCY`` names another one when a site
hosts several roots. The footer's 网站标识码 and ICP number are settings
(``GONGKAI_SITE_CODE``, ``GONGKAI_ICP_NUMBER``): they identify the website, not the agency.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest
from django.utils.functional import SimpleLazyObject

from gongkai.agencies.access import descendant_ids
from gongkai.agencies.models import Agency
from gongkai.portal import pagecache


def site_agency() -> Agency | None:
    """The agency, kept in the cache under the page cache's version (an agency write bumps it)."""
    key = f"gongkai:site-agency:{pagecache.version()}"
    found = cache.get(key)
    if found is None:
        found = _find() or False  # False: "there is none" is worth keeping too
        cache.set(key, found, 3600)
    return found or None


def public_unit(pk: int) -> Agency:
    """A unit the site hosts, by id (``/units/<id>/…``): an active agency, else 404."""
    unit = Agency.objects.filter(pk=pk, is_active=True).select_related("parent").first()
    if unit is None:
        raise Http404("no such unit")
    return unit


def tree_ids(agency: Agency) -> set[int]:
    """The agency and every agency below it (what its page gathers)."""
    return {agency.pk} | descendant_ids([agency.pk])


def _find() -> Agency | None:
    agencies = Agency.objects.filter(is_active=True)
    named = getattr(settings, "GONGKAI_SITE_AGENCY", "")
    if named:
        found = agencies.filter(name=named).first()
        if found is not None:
            return found
    return agencies.filter(parent=None).order_by("pk").first()


def public_site(request: HttpRequest) -> dict[str, Any]:
    """Template context of every page: ``site.agency``, ``site.code``, ``site.icp`` (lazy)."""
    return {
        "site": SimpleLazyObject(
            lambda: {
                "agency": site_agency(),
                "code": getattr(settings, "GONGKAI_SITE_CODE", ""),
                "icp": getattr(settings, "GONGKAI_ICP_NUMBER", ""),
            }
        )
    }
