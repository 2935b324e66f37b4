"""Test-wide set-up: test settings, a fresh search index per test."""

from __future__ import annotations

import os

os.environ.setdefault("KIEUBAO_TESTING", "1")

import pytest


@pytest.fixture(autouse=True)
def _isolated_search_index(settings, tmp_path):
    """Each test gets its own empty search index directories (directory, experts, trade)."""
    settings.SEARCH_INDEX_DIR = tmp_path / "search-index"
    settings.EXPERT_INDEX_DIR = tmp_path / "expert-index"
    settings.PRODUCT_INDEX_DIR = tmp_path / "product-index"
    settings.COMPANY_INDEX_DIR = tmp_path / "company-index"
    yield


@pytest.fixture(autouse=True)
def _english_by_default(settings):
    # Tests that check Vietnamese ask for it explicitly; assertions read better in English.
    settings.LANGUAGE_CODE = "en"
    yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters (ours and allauth's) live in the cache: no test inherits another's."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def index_now(django_capture_on_commit_callbacks):
    """Run the on-commit index updates of whatever happens inside the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
