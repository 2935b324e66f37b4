from . import b2b_views, manage_views, views

app_name = "events"

urlpatterns = [*views.urlpatterns, *manage_views.urlpatterns, *b2b_views.urlpatterns]
