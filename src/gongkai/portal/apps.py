from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The public site: the disclosure catalog, search, feeds. No models."""

    name = "gongkai.portal"
    label = "portal"
    verbose_name = _("Public site")

    def ready(self) -> None:
        from gongkai.portal import pagecache

        pagecache.connect()  # a write to what the public pages show makes cached pages stale
