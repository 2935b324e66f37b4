"""Pages of campaigns and funds (see views.py)."""

from . import views

app_name = "campaigns"

urlpatterns = [*views.urlpatterns]
