"""Fixtures for the whole suite."""
import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache():
    """Start every test with an empty cache: the locmem cache (cached pages, rate-limit counters)
    outlives the database rollback between tests."""
    cache.clear()
