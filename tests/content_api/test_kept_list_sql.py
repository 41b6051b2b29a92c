"""
Lists without filters run SQL kept per shape (content_api.api.queries.plain_page) and answer
exactly what the ORM answers: the same items, pages and cursors, the caller's own channels,
and the request's own time for expiry.
"""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from content_api import access
from content_api.api import params as p
from content_api.api import queries
from tests.helpers.api import API, bearer

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQL is kept on PostgreSQL only"),
]


def walk(client, url, params, headers=None):
    """Every page's body, following `next` to the end."""
    bodies, response = [], client.get(url, params, **(headers or {}))
    while True:
        assert response.status_code == 200, response.content
        bodies.append(response.content)
        following = response.json()["next"]
        if following is None:
            return bodies
        response = client.get(following, **(headers or {}))


def still_clock():
    """Cursors are signed with the time: walks compared byte for byte must sign in the same second."""
    return time_machine.travel(timezone.now(), tick=False)


@pytest.fixture
def through_the_orm(monkeypatch):
    """Every list through the ORM, as filtered lists go."""

    def use_the_orm():
        monkeypatch.setattr(queries, "plain_page", lambda *args: None)
        queries._kept.clear()

    return use_the_orm


@pytest.mark.parametrize("order", ["-published_at", "published_at", "title", "-title", "-updated_at"])
def test_every_page_of_an_unfiltered_list_is_the_one_the_orm_gives(
    api, make_exemplar, through_the_orm, order
):
    for n in range(5):
        make_exemplar(f"Nguyễn Văn {'EDCBA'[n]}")
    with still_clock():
        kept = walk(api, f"{API}/exemplars/", {"limit": 2, "order": order})
        again = walk(api, f"{API}/exemplars/", {"limit": 2, "order": order})  # the kept SQL this time
        through_the_orm()
        orm = walk(api, f"{API}/exemplars/", {"limit": 2, "order": order})
    assert len(orm) == 3
    assert kept == again == orm


@pytest.mark.parametrize("order", ["-date", "date"])
def test_news_by_their_date_are_the_pages_the_orm_gives(api, make_news, through_the_orm, order):
    for day in (1, 2, 2):
        make_news(date=datetime.date(2024, 3, day))
    make_news("Tin không ngày", date=None)
    with still_clock():
        kept = walk(api, f"{API}/news/", {"limit": 2, "order": order})
        through_the_orm()
        orm = walk(api, f"{API}/news/", {"limit": 2, "order": order})
    assert kept == orm
    assert len(kept) == 2


def test_an_empty_cursor_reads_the_first_page(api, make_exemplar):
    pages = [make_exemplar() for _ in range(3)]
    first = api.get(f"{API}/exemplars/", {"limit": 2}).json()
    with_empty = api.get(f"{API}/exemplars/", {"limit": 2, "cursor": ""}).json()
    assert with_empty["items"] == first["items"]
    assert len(first["items"]) == 2
    assert {item["id"] for item in first["items"]} <= {page.pk for page in pages}


def test_a_partner_and_the_public_each_read_their_own_channels(api, make_exemplar, make_partner):
    public = make_exemplar("Công khai", channel_codes=("public",))
    portal = make_exemplar("Chỉ cổng đối tác", channel_codes=("portal",))
    _partner, _token, plaintext = make_partner(channel_codes=("portal",))
    for _ in range(2):  # the second time through SQL kept for each caller
        anonymous = [item["id"] for item in api.get(f"{API}/exemplars/").json()["items"]]
        keyed = [item["id"] for item in api.get(f"{API}/exemplars/", **bearer(plaintext)).json()["items"]]
        assert anonymous == [public.pk]
        assert keyed == [portal.pk]


def test_an_item_leaves_the_kept_sql_at_its_expiry_time(make_exemplar):
    expiry = timezone.now() + datetime.timedelta(minutes=5)
    page = make_exemplar("Hết hạn sau năm phút", expire_at=expiry)
    caller = access.anonymous("127.0.0.1")
    params = p.ExemplarParams()

    def listed():
        rows, _next = queries.plain_page(caller, "exemplar", params)
        return [row.pk for row in rows]

    assert listed() == [page.pk]
    # Only the SQL itself: no request, so no expiry sweep removes the document first.
    with time_machine.travel(expiry + datetime.timedelta(seconds=1), tick=False):
        assert listed() == []


def prepared_list_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s",
            ["%content_api_contentdocument%"],
        )
        return [row[0] for row in cursor.fetchall()]


@pytest.fixture
def persistent_connections(monkeypatch):
    """Connections kept between requests, as in production (DATABASE_CONN_MAX_AGE)."""
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 60)


def listed(api) -> list[int]:
    return [item["id"] for item in api.get(f"{API}/exemplars/").json()["items"]]


def test_with_persistent_connections_the_list_runs_as_a_prepared_statement(
    api, make_exemplar, persistent_connections
):
    page = make_exemplar()
    for _ in range(2):
        assert listed(api) == [page.pk]
    assert len(prepared_list_statements()) == 1


def test_with_a_connection_per_request_nothing_is_prepared(api, make_exemplar):
    page = make_exemplar()
    for _ in range(2):
        assert listed(api) == [page.pk]
    assert prepared_list_statements() == []


def test_where_django_logs_queries_the_list_is_logged_with_its_sql(
    api, make_exemplar, persistent_connections
):
    make_exemplar()
    api.get(f"{API}/exemplars/")
    with CaptureQueriesContext(connection) as logged:
        api.get(f"{API}/exemplars/", {"limit": 19})
    assert [q for q in logged.captured_queries if "content_api_contentdocument" in q["sql"]]


def test_nothing_is_prepared_when_prepared_lists_are_switched_off(
    api, make_exemplar, settings, persistent_connections
):
    settings.CONTENT_API_PREPARED_LISTS = False
    page = make_exemplar()
    for _ in range(2):
        assert listed(api) == [page.pk]
    assert prepared_list_statements() == []


@pytest.mark.parametrize(
    "given",
    [
        {"unit": "VKS-BINHTHUAN"},
        {"award_year": 2024},
        {"search": "Nguyễn"},
        {"count": True},
        {"tag": "chuyen-doi-so"},
        {"updated_since": "2024-01-01T00:00:00+07:00"},
    ],
)
def test_a_list_with_a_filter_a_search_or_a_count_is_left_to_the_orm(given):
    params = p.ExemplarParams(**given)
    assert queries.plain_page(access.anonymous("127.0.0.1"), "exemplar", params) is None
