from .views import urlpatterns

app_name = "investment"

__all__ = ["app_name", "urlpatterns"]
