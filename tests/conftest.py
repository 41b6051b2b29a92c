"""Suite-wide set-up: catalogues compiled, the CI database guard, shared fixtures."""

from __future__ import annotations

import os

import pytest
from django.db import connection

from cms.catalogs import compile_catalogues

IN_CI = bool(os.environ.get("CI"))

pytest_plugins = ["tests.unit_fixtures"]


def pytest_configure(config: pytest.Config) -> None:
    compile_catalogues()
    if IN_CI:
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith(("postgres://", "postgresql://")):
            pytest.exit(f"CI must run on PostgreSQL; DATABASE_URL is {url!r}.", returncode=3)
        if not os.environ.get("REDIS_URL"):
            pytest.exit("CI must run with Redis; REDIS_URL is not set.", returncode=3)


def skip_or_fail(reason: str) -> None:
    """Skip where a service is missing; under CI a missing service is a failure."""
    if IN_CI:
        pytest.fail(f"{reason} (a skip is not allowed under CI)")
    pytest.skip(reason)


@pytest.fixture
def postgres(db) -> None:
    """For tests that only mean something on PostgreSQL."""
    if connection.vendor != "postgresql":
        skip_or_fail("needs PostgreSQL: set DATABASE_URL")


@pytest.fixture
def site_tree(db):
    """The page tree skeleton (root, indexes) with the coordinating role groups."""
    from cms.services.access import ensure_role_groups
    from exemplar_pages.tree import ensure_page_tree

    tree = ensure_page_tree()
    ensure_role_groups(tree.home, tree.exemplars, tree.campaigns, tree.news)
    return tree


@pytest.fixture
def full_site(db):
    """Everything `setup_site` creates from the real units data file."""
    from cms.services.setup import setup_site

    return setup_site()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files of each test go to its own temporary folder, never into var/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def clear_caches():
    """
    Caches outlive a test's rolled-back database: a rendition or an API response cached for
    one test's image or page 1 would be served to the next test's different image or page 1.
    """
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()
    yield
    for cache in caches.all(initialized_only=True):
        cache.clear()
