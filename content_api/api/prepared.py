"""
The kept SQL of unfiltered lists (queries.plain_page) runs as a prepared statement on PostgreSQL.

PostgreSQL plans a statement again every time it runs. For the list's page, planning took
longer than running it (0.3-0.4 ms against 0.1 ms, bench/README.md "uncached list").
Django keeps psycopg's prepared statements off (`prepare_threshold=None`, for connection
poolers) and binds parameters on the client, so no statement of the ORM is ever prepared.

This module runs the kept SQL on a server-binding psycopg cursor of the same connection. The
statement is prepared on its first use and planned once for any parameters
(`plan_cache_mode=force_generic_plan`). The generic plan is the same index walk as the
per-request plan, at 2,000 and 100,000 documents.

Only these statements are affected. The connection's other cursors bind on the client, and
psycopg never prepares for them. Django's cursor wrapper still runs the statement, so its
errors and execute wrappers are Django's. Where Django logs queries (DEBUG, a test's query
capture) it runs unprepared, so the log holds its SQL.

CONTENT_API_PREPARED_LISTS=false turns this off. Use it behind PgBouncer in transaction
mode, where prepared statements need PgBouncer 1.21 or later with `max_prepared_statements`.
"""

from __future__ import annotations

import weakref

from django.conf import settings
from django.db import connections
from django.db.backends.postgresql.base import TIMESTAMPTZ_OID, ServerBindingCursor
from django.db.backends.postgresql.psycopg_any import register_tzloader
from psycopg.pq import Format

_configured: weakref.WeakSet = weakref.WeakSet()


def _server_binding_cursor(connection):
    """A Django cursor over a server-binding psycopg cursor, made as `connection.cursor()` makes its own."""
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    raw = connection.connection
    if raw not in _configured:
        # Planned once for any parameters. A SET inside a transaction that is rolled back is
        # undone: the statements then get per-run plans, still correct.
        with connection.wrap_database_errors, raw.cursor() as setup:
            setup.execute("SET plan_cache_mode = force_generic_plan")
        _configured.add(raw)
    cursor = ServerBindingCursor(raw)
    # As DatabaseWrapper.create_cursor does: timestamps in the connection's time zone.
    if connection.timezone != raw.adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT).timezone:
        register_tzloader(connection.timezone, cursor)
    return connection._prepare_cursor(cursor)


def _prepares(connection) -> bool:
    """
    On PostgreSQL, unless switched off; with persistent connections only (preparing costs a
    round trip, repaid only by later runs on the same connection); and not where queries are
    logged (DEBUG, a test's query capture): Django logs a prepared statement without its SQL.
    """
    return (
        connection.vendor == "postgresql"
        and settings.CONTENT_API_PREPARED_LISTS
        and connection.settings_dict.get("CONN_MAX_AGE") != 0
        and not connection.queries_logged
    )


def fetch_all(alias: str, sql: str, params: list) -> list[tuple]:
    """The rows of `sql`: prepared where that pays (`_prepares`), as any query otherwise."""
    connection = connections[alias]
    if not _prepares(connection):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    cursor = _server_binding_cursor(connection)
    raw = connection.connection
    previous = raw.prepare_threshold
    # Prepared at its first run. Only while it runs: with a threshold set, psycopg would also
    # keep count of every other query of the connection, each with its full text.
    raw.prepare_threshold = 0
    try:
        with cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    finally:
        raw.prepare_threshold = previous
