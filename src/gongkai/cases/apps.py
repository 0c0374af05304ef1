from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "gongkai.cases"
    verbose_name = _("Disclosure applications")

    def ready(self) -> None:
        # Registers the calendar_changed receiver (recomputes open deadlines).
        from gongkai.cases import receivers  # noqa: F401
