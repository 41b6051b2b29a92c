"""Guessing bearer tokens: a per-client limit on failures, answered from the cache alone."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.helpers.api import API, bearer

pytestmark = pytest.mark.django_db


def from_address(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def test_wrong_tokens_past_the_limit_get_429_without_a_database_query(
    settings, make_partner, django_assert_num_queries
):
    settings.CONTENT_API_FAILED_TOKEN_LIMIT = 5
    attacker = from_address("203.0.113.7")
    statuses = [attacker.get(f"{API}/exemplars/", **bearer(f"sai-{n:040d}")).status_code for n in range(5)]
    assert statuses == [401] * 5
    with django_assert_num_queries(0):
        for n in range(20):
            response = attacker.get(f"{API}/exemplars/", **bearer(f"doan-{n:040d}"))
            assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert 1 <= int(response["Retry-After"]) <= 60
    # Even the right key is refused from that client for the rest of the minute...
    _partner, _token, plaintext = make_partner(channel_codes=("portal",))
    assert attacker.get(f"{API}/exemplars/", **bearer(plaintext)).status_code == 429
    # ...while other clients, with or without a key, are not affected.
    assert from_address("198.51.100.9").get(f"{API}/exemplars/", **bearer(plaintext)).status_code == 200
    assert from_address("198.51.100.10").get(f"{API}/exemplars/").status_code == 200


def test_a_right_token_does_not_count_as_a_failure(settings, make_partner):
    settings.CONTENT_API_FAILED_TOKEN_LIMIT = 2
    _partner, _token, plaintext = make_partner(channel_codes=("portal",))
    client = from_address("198.51.100.20")
    for _ in range(5):
        assert client.get(f"{API}/exemplars/", **bearer(plaintext)).status_code == 200
