from django.urls import path, re_path

from . import views

app_name = "insights"

urlpatterns = [
    path("insights/", views.dashboard, name="national"),
    path("insights/imports/", views.imports, name="imports"),
    path("insights/imports/<int:import_id>/", views.import_detail, name="import"),
    path(
        "insights/imports/<int:import_id>/progress/", views.import_progress, name="import-progress"
    ),
    re_path(r"^insights/(?P<code>national|\d{1,3})/$", views.dashboard, name="dashboard"),
    re_path(
        r"^insights/(?P<code>national|\d{1,3})/figures\.(?P<fmt>csv|xlsx)$",
        views.dashboard_export,
        name="export",
    ),
]
