"""Public event pages, registration, tickets and check-in (web helper A1)."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import path


def _placeholder(request, *args, **kwargs):
    return HttpResponse(status=404)


urlpatterns: list = [
    path("events/", _placeholder, name="list"),
    path("events/<int:pk>/", _placeholder, name="event"),
    path("events/<int:pk>/register/", _placeholder, name="register"),
    path("events/registrations/<int:pk>/", _placeholder, name="registration"),
    path("events/<int:pk>/check-in/<str:code>/", _placeholder, name="ticket_check_in"),
]
