from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "kieubao.campaigns"
    verbose_name = _("Campaigns and funds")
    default_auto_field = "django.db.models.BigAutoField"
