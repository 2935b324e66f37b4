from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "kieubao.insights"
    verbose_name = _("Provincial insights")

    def ready(self) -> None:
        from . import aggregates  # noqa: F401  (connects the signal receivers)
