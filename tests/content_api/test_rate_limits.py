"""
Each caller gets its own requests per minute: an address for anonymous callers, its own
quota for each partner; beyond it, a 429 problem that says when to come back.
"""

from __future__ import annotations

import time

import pytest
import time_machine

from tests.helpers.api import API, bearer

pytestmark = pytest.mark.django_db

PROBLEM_JSON = "application/problem+json"
LIST = f"{API}/exemplars/"


@pytest.fixture
def clock():
    """A stopped clock five seconds into a fresh minute, so no test straddles a window."""
    start = (int(time.time()) // 60 + 1) * 60 + 5
    with time_machine.travel(start, tick=False) as traveller:
        yield traveller


@pytest.fixture
def anon_limit(settings):
    settings.CONTENT_API_ANON_RATE_LIMIT = 3
    return 3


@pytest.fixture
def page(make_exemplar):
    return make_exemplar("Nguyễn Văn Giới Hạn", channel_codes=("public", "portal"))


def get(client, path=LIST, *, ip="198.51.100.7", **extra):
    return client.get(path, REMOTE_ADDR=ip, **extra)


def use_up(client, limit: int, path=LIST, **kwargs) -> None:
    for n in range(limit):
        response = get(client, path, **kwargs)
        assert response.status_code == 200, f"request {n + 1} of {limit}: {response.status_code}"


def assert_limited(response) -> int:
    assert response.status_code == 429, response.content.decode()[:300]
    assert response["Content-Type"].startswith(PROBLEM_JSON)
    assert response.json()["status"] == 429
    retry_after = response["Retry-After"]
    assert retry_after.isdigit(), retry_after
    assert 1 <= int(retry_after) <= 60
    assert b"items" not in response.content
    return int(retry_after)


def test_an_anonymous_caller_over_the_limit_gets_a_429_problem_with_retry_after(api, page, clock, anon_limit):
    use_up(api, anon_limit)
    assert_limited(get(api))
    assert_limited(get(api, f"{API}/exemplars/{page.pk}/"))  # the detail shares the quota


def test_waiting_retry_after_seconds_is_enough(api, page, clock, anon_limit):
    use_up(api, anon_limit)
    retry_after = assert_limited(get(api))
    clock.shift(retry_after)
    assert get(api).status_code == 200


def test_after_the_window_requests_pass_again(api, page, clock, anon_limit):
    use_up(api, anon_limit)
    assert_limited(get(api))
    clock.shift(61)
    use_up(api, anon_limit)
    assert_limited(get(api))


def test_different_addresses_have_separate_buckets(api, page, clock, anon_limit):
    use_up(api, anon_limit, ip="198.51.100.7")
    assert_limited(get(api, ip="198.51.100.7"))
    use_up(api, anon_limit, ip="198.51.100.8")
    assert_limited(get(api, ip="198.51.100.8"))


def test_x_forwarded_for_is_ignored_without_trusted_proxies(api, page, clock, anon_limit, settings):
    settings.CONTENT_API_TRUSTED_PROXIES = 0
    for n in range(anon_limit):
        assert get(api, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code == 200
    assert_limited(get(api, HTTP_X_FORWARDED_FOR="203.0.113.200"))


def test_behind_one_trusted_proxy_the_rightmost_forwarded_address_is_the_caller(
    api, page, clock, anon_limit, settings
):
    settings.CONTENT_API_TRUSTED_PROXIES = 1
    proxy = "10.0.0.1"
    use_up(api, anon_limit, ip=proxy, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert_limited(get(api, ip=proxy, HTTP_X_FORWARDED_FOR="203.0.113.5"))
    # A caller cannot escape by prepending addresses of its own choosing…
    assert_limited(get(api, ip=proxy, HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.5"))
    # …while another client behind the same proxy has its own bucket.
    assert get(api, ip=proxy, HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 200


def test_behind_two_trusted_proxies_the_second_address_from_the_right_is_the_caller(
    api, page, clock, anon_limit, settings
):
    settings.CONTENT_API_TRUSTED_PROXIES = 2
    proxy = "10.0.0.2"
    use_up(api, anon_limit, ip=proxy, HTTP_X_FORWARDED_FOR="203.0.113.5, 10.0.0.1")
    assert_limited(get(api, ip=proxy, HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.5, 10.0.0.1"))
    assert get(api, ip=proxy, HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.1").status_code == 200


def test_a_partner_gets_its_own_rate_limit(api, page, clock, anon_limit, make_partner):
    _partner, _token, plaintext = make_partner(channel_codes=("portal",), rate_limit=5)
    use_up(api, 5, **bearer(plaintext))
    assert_limited(get(api, **bearer(plaintext)))


def test_a_partner_is_not_limited_by_anonymous_traffic_from_its_address(
    api, page, clock, anon_limit, make_partner
):
    _partner, _token, plaintext = make_partner(channel_codes=("portal",), rate_limit=5)
    use_up(api, anon_limit)
    assert_limited(get(api))
    use_up(api, 5, **bearer(plaintext))
    assert_limited(get(api))  # and the partner's requests did not reset the anonymous bucket


def test_two_partners_do_not_share_a_quota(api, page, clock, anon_limit, make_partner):
    _first, _token, first = make_partner("Báo Bảo vệ pháp luật", channel_codes=("portal",), rate_limit=2)
    _second, _token, second = make_partner("Tạp chí Kiểm sát", channel_codes=("portal",), rate_limit=2)
    use_up(api, 2, **bearer(first))
    assert_limited(get(api, **bearer(first)))
    use_up(api, 2, **bearer(second))
