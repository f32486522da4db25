import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def clear_cache():
    """The API throttle counts in the cache; every test starts with a clean count."""
    cache.clear()
    yield
    cache.clear()
