from . import dashboard_views, views

app_name = "proposals"

urlpatterns = [*views.urlpatterns, *dashboard_views.urlpatterns]
