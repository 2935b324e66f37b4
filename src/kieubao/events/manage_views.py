"""manage_views (filled in by a helper)."""

urlpatterns: list = []
