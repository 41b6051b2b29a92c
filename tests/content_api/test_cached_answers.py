"""
A cached answer of the content API is served before Django Ninja, after one cache round trip
(content_api.middleware), with exactly the bytes and headers of the full answer and the same
rules: callers kept apart, revoked keys refused, rate limits counted once.
"""

from __future__ import annotations

import time

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content_api.middleware import CachedAnswerMiddleware
from tests.helpers.api import API, bearer

pytestmark = pytest.mark.django_db

LIST = f"{API}/exemplars/"
# Differs on every request by design (vksnd.observability).
PER_REQUEST = {"X-Request-ID"}


def headers_of(response) -> dict:
    return {name: value for name, value in response.items() if name not in PER_REQUEST}


def early(response) -> bool:
    return getattr(response.wsgi_request, "served_from", None) == "content_api_cache"


@pytest.fixture
def full_path_only(monkeypatch):
    """Every request through the full stack, as before the middleware existed."""
    monkeypatch.setattr(CachedAnswerMiddleware, "_cached", lambda self, request, identity, key: None)


@pytest.fixture
def clock():
    """A stopped clock five seconds into a fresh minute (rate-limit windows)."""
    start = (int(time.time()) // 60 + 1) * 60 + 5
    with time_machine.travel(start, tick=False) as traveller:
        yield traveller


def test_a_cached_list_and_detail_are_served_early_without_any_sql(api, make_exemplar):
    page = make_exemplar()
    for url in (LIST, f"{API}/exemplars/{page.pk}/", f"{API}/units/", f"{LIST}?limit=1&award_year=2024"):
        first = api.get(url)
        assert first.status_code == 200 and not early(first)
        with CaptureQueriesContext(connection) as queries:
            again = api.get(url)
        assert again.status_code == 200
        assert early(again), url
        assert len(queries) == 0, [q["sql"] for q in queries]


@pytest.fixture
def redis_round_trips(monkeypatch):
    """How many times the cache's Redis connections sent commands (a pipeline sends once)."""
    from django_redis.cache import RedisCache
    from redis.connection import AbstractConnection

    if not isinstance(caches["default"], RedisCache):
        pytest.skip("the cache is not Redis: set REDIS_URL")
    sent = []
    original = AbstractConnection.send_packed_command

    def send(self, command, check_health=True):
        sent.append(command)
        return original(self, command, check_health)

    monkeypatch.setattr(AbstractConnection, "send_packed_command", send)
    return sent


def test_a_cached_answer_and_its_304_cost_one_redis_round_trip(api, make_exemplar, redis_round_trips):
    page = make_exemplar()
    for url in (LIST, f"{API}/exemplars/{page.pk}/"):
        etag = api.get(url)["ETag"]
        for conditional in ({}, {"HTTP_IF_NONE_MATCH": etag}):
            redis_round_trips.clear()
            again = api.get(url, **conditional)
            assert early(again) and again.status_code in (200, 304)
            assert len(redis_round_trips) == 1, url


def test_the_cached_answer_has_the_bytes_and_headers_of_the_full_answer(api, make_exemplar, monkeypatch):
    page = make_exemplar()
    for url in (LIST, f"{API}/exemplars/{page.pk}/"):
        full = api.get(url)
        cached = api.get(url)
        assert early(cached)
        assert cached.content == full.content
        assert headers_of(cached) == headers_of(full)
        for name in ("ETag", "Last-Modified", "Cache-Control", "Vary", "Cache-Tag", "Content-Type"):
            assert cached[name] == full[name]


def test_a_304_is_answered_early_without_sql_and_with_the_full_paths_headers(api, make_exemplar, monkeypatch):
    page = make_exemplar()
    url = f"{API}/exemplars/{page.pk}/"
    etag = api.get(url)["ETag"]
    with CaptureQueriesContext(connection) as queries:
        cached = api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert cached.status_code == 304 and early(cached)
    assert len(queries) == 0
    assert cached.content == b""
    monkeypatch.setattr(CachedAnswerMiddleware, "_cached", lambda self, request, identity, key: None)
    full = api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert full.status_code == 304 and not early(full)
    assert headers_of(cached) == headers_of(full)


def test_a_partners_cached_answer_is_never_given_to_the_public_nor_the_publics_to_a_partner(
    api, make_exemplar, make_partner
):
    page = make_exemplar("Chỉ cho cổng", channel_codes=("portal",))
    _partner, _token, plaintext = make_partner(channel_codes=("portal",))
    anonymous = api.get(LIST)
    partner = api.get(LIST, **bearer(plaintext))
    assert page.pk not in [item["id"] for item in anonymous.json()["items"]]
    assert page.pk in [item["id"] for item in partner.json()["items"]]
    for _ in range(2):
        again_anonymous = api.get(LIST)
        again_partner = api.get(LIST, **bearer(plaintext))
        assert early(again_anonymous) and early(again_partner)
        assert again_anonymous.content == anonymous.content
        assert again_partner.content == partner.content
        assert again_partner["Cache-Control"].startswith("private")
        assert again_anonymous["Cache-Control"].startswith("public")


def test_one_partners_cached_answer_is_not_given_to_another_partner(api, make_exemplar, make_partner):
    page = make_exemplar("Chỉ cho tạp chí", channel_codes=("journal",))
    _a, _token_a, journal = make_partner("Tạp chí", channel_codes=("journal",))
    _b, _token_b, portal = make_partner("Cổng", channel_codes=("portal",))
    api.get(LIST, **bearer(journal))
    assert early(api.get(LIST, **bearer(journal)))
    other = api.get(LIST, **bearer(portal))
    assert not early(other)
    assert page.pk not in [item["id"] for item in other.json()["items"]]


def test_a_revoked_key_gets_a_401_not_the_cached_answer(api, make_exemplar, make_partner):
    make_exemplar(channel_codes=("portal",))
    _partner, partner_token, plaintext = make_partner()
    api.get(LIST, **bearer(plaintext))
    assert early(api.get(LIST, **bearer(plaintext)))
    partner_token.token.revoke()
    assert api.get(LIST, **bearer(plaintext)).status_code == 401


def test_a_wrong_key_is_refused_even_for_an_address_whose_public_answer_is_cached(api, make_exemplar):
    make_exemplar()
    api.get(LIST)
    assert early(api.get(LIST))
    assert api.get(LIST, **bearer("not-a-real-token")).status_code == 401
    assert api.get(LIST, HTTP_AUTHORIZATION="Basic abc").status_code == 401


def test_a_publication_turns_the_cached_answer_over(api, make_exemplar):
    make_exemplar("Thứ nhất")
    before = api.get(LIST)
    assert early(api.get(LIST))
    page = make_exemplar("Thứ hai")
    after = api.get(LIST)
    assert not early(after)
    assert after["ETag"] != before["ETag"]
    assert after.json()["items"][0]["id"] == page.pk


def test_cached_answers_count_against_the_rate_limit_once_each(api, make_exemplar, settings, clock):
    settings.CONTENT_API_ANON_RATE_LIMIT = 3
    make_exemplar()
    answers = [api.get(LIST, REMOTE_ADDR="198.51.100.9") for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert [early(a) for a in answers] == [False, True, True]
    limited = api.get(LIST, REMOTE_ADDR="198.51.100.9")
    assert limited.status_code == 429
    assert limited["Retry-After"].isdigit()
    assert api.get(LIST, REMOTE_ADDR="198.51.100.10").status_code == 200


def test_a_partners_cached_answers_count_against_its_own_quota(api, make_exemplar, make_partner, clock):
    make_exemplar(channel_codes=("portal",))
    _partner, _token, plaintext = make_partner(rate_limit=2)
    first = api.get(LIST, **bearer(plaintext))
    second = api.get(LIST, **bearer(plaintext))
    assert [first.status_code, second.status_code] == [200, 200]
    assert early(second)
    assert api.get(LIST, **bearer(plaintext)).status_code == 429


def test_the_full_path_alone_gives_the_same_answers(api, make_exemplar, full_path_only):
    page = make_exemplar()
    first = api.get(f"{API}/exemplars/{page.pk}/")
    second = api.get(f"{API}/exemplars/{page.pk}/")
    assert not early(second)
    assert second.content == first.content
    assert headers_of(second) == headers_of(first)
