from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvestmentConfig(AppConfig):
    name = "kieubao.investment"
    verbose_name = _("Investment opportunities")
    default_auto_field = "django.db.models.BigAutoField"
