from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from kieubao.api import api
from kieubao.core import views as core_views

handler400 = "kieubao.core.views.error_400"
handler403 = "kieubao.core.views.error_403"
handler404 = "kieubao.core.views.error_404"
handler500 = "kieubao.core.views.error_500"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path(".well-known/security.txt", core_views.security_txt, name="security-txt"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("", include("kieubao.community.urls")),
    path("", include("kieubao.insights.urls")),
    path("", include("kieubao.knowledge.urls")),
    path("", include("kieubao.trade.urls")),
    path("", include("kieubao.proposals.urls")),
    path("", include("kieubao.events.urls")),
    path("", include("kieubao.investment.urls")),
    path("", include("kieubao.campaigns.urls")),
    path("", include("kieubao.activities.urls")),
]
