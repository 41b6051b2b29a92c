"""
Suite-wide set-up: catalogues compiled, the CI guard, the fixture modules, per-worker caches.

Fixtures live in tests/fixtures/ (registered below as plugins, so no test module imports a
conftest), steps shared by tests in tests/helpers/.
"""

from __future__ import annotations

import os

import pytest

from cms.catalogs import compile_catalogues
from tests.helpers.services import IN_CI

pytest_plugins = [
    "tests.fixtures.database",
    "tests.fixtures.site",
    "tests.fixtures.workflow",
    "tests.fixtures.content",
    "tests.fixtures.translations",
    "tests.fixtures.s3",
    "tests.fixtures.browser",
    "tests.fixtures.i18n",
    "tests.fixtures.public_site",
    "tests.fixtures.emulation",
    "tests.fixtures.engagement",
    "tests.fixtures.reliability",
]


def pytest_configure(config: pytest.Config) -> None:
    compile_catalogues()
    if IN_CI:
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith(("postgres://", "postgresql://")):
            pytest.exit(f"CI must run on PostgreSQL; DATABASE_URL is {url!r}.", returncode=3)
        if not os.environ.get("REDIS_URL"):
            pytest.exit("CI must run with Redis; REDIS_URL is not set.", returncode=3)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Heavy tests first: xdist hands out modules in this order, and a long one last would
    leave the other worker idle while it finishes."""
    items.sort(key=lambda item: item.get_closest_marker("heavy") is None)


def _clear_own_caches() -> None:
    """
    Every cache alias, but only this worker's keys: on Redis, the keys under this worker's
    prefix (settings/test.py), never the whole database another worker or process uses.
    """
    from django.core.cache import caches
    from django_redis.cache import RedisCache

    for cache in caches.all(initialized_only=True):
        if isinstance(cache, RedisCache):
            cache.delete_pattern("*")
        else:
            cache.clear()


@pytest.fixture(autouse=True)
def clear_caches():
    """
    Caches outlive a test's rolled-back database: a rendition or an API response cached for
    one test's image or page 1 would be served to the next test's different image or page 1.
    """
    _clear_own_caches()
    yield
    _clear_own_caches()
