"""The public accountability dashboard and the agencies' queues (overdue proposals flagged)."""

from __future__ import annotations

urlpatterns: list = []
