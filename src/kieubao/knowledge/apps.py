from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "kieubao.knowledge"
    verbose_name = _("Knowledge network")

    def ready(self) -> None:
        from . import signals  # noqa: F401 - connects the experts index to registry changes
