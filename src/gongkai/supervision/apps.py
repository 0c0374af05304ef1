from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "gongkai.supervision"
    verbose_name = _("Supervision")

    def ready(self) -> None:
        # The annual report's 平台建设 / 监督保障 / 考核 figures come from this app's records;
        # the report (a lower layer) is handed them through its hook.
        from gongkai.annual_reports import facts
        from gongkai.supervision.facts import report_facts

        facts.register("supervision", report_facts)
