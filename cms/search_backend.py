"""
Wagtail's database search backend, accent-insensitive for Vietnamese on PostgreSQL.

Wagtail's PostgreSQL backend indexes with one text search configuration and autocompletes
with `simple`. Both use `vietnamese_unaccent` here (created by migration
cms/0003: `simple` dictionary behind the `unaccent` filter, so "thi dua" matches
"thi đua" and "Đức" matches "duc"). Other databases get Wagtail's own choice.
"""

from __future__ import annotations

from django.db import connection
from modelsearch.backends import database
from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

SEARCH_CONFIG = "vietnamese_unaccent"


class VietnamesePostgresSearchBackend(PostgresSearchBackend):
    """Indexes and autocompletes through the accent-folding configuration."""

    def __init__(self, params):
        params = {"SEARCH_CONFIG": SEARCH_CONFIG, **params}
        super().__init__(params)
        self.autocomplete_config = self.config


def SearchBackend(params):
    if connection.vendor == "postgresql":
        return VietnamesePostgresSearchBackend(params)
    return database.SearchBackend(params)
