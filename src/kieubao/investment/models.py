"""investment: see the app docstring in models.py."""

from django.db import models  # noqa: F401
