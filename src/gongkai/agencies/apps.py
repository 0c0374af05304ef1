from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "gongkai.agencies"
    label = "agencies"
    verbose_name = _("Agencies, people and calendar")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Sign-in failures are recorded by signal receivers (lockout).
        from gongkai.agencies import auth  # noqa: F401
