from . import market_views, views

app_name = "trade"

urlpatterns = [*views.urlpatterns, *market_views.urlpatterns]
