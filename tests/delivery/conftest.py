import pytest
from django.core.cache import cache
from django.test import Client


@pytest.fixture(autouse=True)
def _fresh_cache(db):
    """No cached response or throttle history carries over from another test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api() -> Client:
    return Client()
