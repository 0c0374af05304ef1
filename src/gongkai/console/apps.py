from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsoleConfig(AppConfig):
    """The staff site: drafting, review and publication. No models."""

    name = "gongkai.console"
    label = "console"
    verbose_name = _("Staff console")
