"""The trade portal's market pages: market data and charts, market reports, the distribution
map, and the Project 1797 programme dashboard."""

from __future__ import annotations

from django.urls import path  # noqa: F401

urlpatterns: list = []
