from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kieubao.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from . import maintenance, signals  # noqa: F401 - connects the audit receivers

        connection_created.connect(maintenance.register_sqlite_functions)
