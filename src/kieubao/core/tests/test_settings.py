import os
import subprocess
import sys

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils import formats, translation

# What the test process sets for itself (e.g. the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE) is
# not part of a production environment.
_NOT_PRODUCTION = ("DEBUG", "KIEUBAO_TESTING", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")


def test_production_settings_pass_the_deployment_checks(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in _NOT_PRODUCTION}
    env.update(
        SECRET_KEY="x" * 20 + "production-like-secret-key-for-the-check-0123456789",
        ALLOWED_HOSTS="kieubao.example.org",
        KIEUBAO_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="kieubao.settings",
    )
    result = subprocess.run(
        [sys.executable, "-m", "kieubao.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in (*_NOT_PRODUCTION, "SECRET_KEY")}
    env["KIEUBAO_VAR_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "kieubao.cli", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_numbers_are_formatted_per_language():
    with translation.override("vi"):
        assert intcomma(1234567) == "1.234.567"
    with translation.override("en"):
        assert intcomma(1234567) == "1,234,567"


def test_dates_are_formatted_per_language():
    import datetime

    day = datetime.date(2026, 2, 6)
    with translation.override("vi"):
        vi = formats.date_format(day, "SHORT_DATE_FORMAT")
    with translation.override("en"):
        en = formats.date_format(day, "SHORT_DATE_FORMAT")
    assert vi.startswith("06") and en.startswith("02")
