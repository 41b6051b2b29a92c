"""Anonymous reads of the API and the site may go to the replica; the admin and writes never do."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from unittest import mock

import pytest
from django.test import RequestFactory

from cms.models import Unit
from vksnd.db_routers import ReadReplicaRouter, ReplicaReadsMiddleware

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def replica(monkeypatch):
    monkeypatch.setattr("vksnd.db_routers.replica_configured", lambda: True)


def route_of(request) -> dict:
    router = ReadReplicaRouter()
    seen = {}

    def view(request):
        seen["read"] = router.db_for_read(Unit)
        seen["write"] = router.db_for_write(Unit)
        return mock.Mock()

    ReplicaReadsMiddleware(view)(request)
    return seen


@pytest.mark.parametrize(
    "path", ["/api/content/v1/exemplars/", "/guong-dien-hinh/", "/en/", "/rss/tin-bai/", "/sitemap.xml"]
)
def test_anonymous_reads_go_to_the_replica_and_writes_to_the_primary(replica, path):
    assert route_of(RequestFactory().get(path)) == {"read": "replica", "write": "default"}


@pytest.mark.parametrize(
    "request_of",
    [
        lambda rf: rf.get("/admin/pages/"),
        lambda rf: rf.get("/documents/12/quyet-dinh.pdf"),
        lambda rf: rf.post("/api/content/v1/exemplars/"),
        lambda rf: rf.get("/guong-dien-hinh/", HTTP_COOKIE="sessionid=abc"),
    ],
    ids=["admin", "documents", "a POST", "a signed-in visitor"],
)
def test_the_admin_documents_writes_and_signed_in_people_read_the_primary(replica, request_of):
    assert route_of(request_of(RequestFactory()))["read"] is None


def test_without_a_replica_everything_reads_the_primary():
    assert route_of(RequestFactory().get("/api/content/v1/exemplars/"))["read"] is None
    # Outside a request (the worker, commands) too.
    assert ReadReplicaRouter().db_for_read(Unit) is None


def test_the_replica_is_never_migrated():
    router = ReadReplicaRouter()
    assert router.allow_migrate("replica", "cms") is False
    assert router.allow_migrate("default", "cms") is True


def test_settings_add_the_replica_router_and_middleware_from_the_environment():
    spec = importlib.util.spec_from_file_location("_replica_settings_probe", ROOT / "settings" / "base.py")
    module = importlib.util.module_from_spec(spec)
    environment = {
        "DATABASE_URL": "postgres://cms@primary.internal:5432/cms",
        "DATABASE_REPLICA_URL": "postgres://cms@replica.internal:5432/cms",
    }
    with mock.patch.dict(os.environ, environment):
        spec.loader.exec_module(module)
    assert module.DATABASES["replica"]["HOST"] == "replica.internal"
    assert module.DATABASES["replica"]["TEST"] == {"MIRROR": "default"}
    assert module.DATABASE_ROUTERS == ["vksnd.db_routers.ReadReplicaRouter"]
    middleware = module.MIDDLEWARE
    assert middleware.index("vksnd.db_routers.ReplicaReadsMiddleware") < middleware.index(
        "public_site.middleware.PublicPageCacheMiddleware"
    )
