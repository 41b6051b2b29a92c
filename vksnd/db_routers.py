"""
Reads of the content API and the public site from a PostgreSQL read replica (optional).

With DATABASE_REPLICA_URL set (settings/base.py), `ReplicaReadsMiddleware` marks the requests
that may read slightly old data: GET and HEAD outside the admin and the document view, without
a session cookie (anonymous visitors, partner portals with their keys). `ReadReplicaRouter`
sends their reads to the "replica" alias; every write, and every read of anything else (the
admin, workflows, the worker, management commands), stays on the primary. A replica a few
seconds behind only delays what those readers see by as much; publication purges and the
content version still come from the primary's transaction.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
PRIMARY_ONLY_PREFIXES = ("/admin/", "/documents/")
_reads_from_replica: ContextVar[bool] = ContextVar("reads_from_replica", default=False)


def may_read_from_replica(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.path_info.startswith(PRIMARY_ONLY_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _reads_from_replica.set(may_read_from_replica(request))
        try:
            return self.get_response(request)
        finally:
            _reads_from_replica.reset(token)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class ReadReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reads_from_replica.get() and replica_configured():
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replica is a copy of the primary: objects from either may be related.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA
