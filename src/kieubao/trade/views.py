"""The trade portal's pages: catalogue, companies, products, certificates, leads, matches,
contact requests, deals, reviews, verification and fraud reports. Thin: parse, call a service
or selector, render."""

from __future__ import annotations

from django.urls import path  # noqa: F401

urlpatterns: list = []
