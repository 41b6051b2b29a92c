"""
Rate limits when Redis does not answer: the content API's reads fail open (they are served),
the public site's submissions fail closed (refused with a Vietnamese "try again shortly" and a
503, nothing stored). content_api.ratelimit says why.
"""

from __future__ import annotations

import pytest
from django.core.cache import caches

from engagement.models import Comment
from tests.helpers.api import API
from tests.helpers.servers import free_port
from tests.helpers.voice import post_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings):
    """Both cache aliases on a port where nothing listens, as django-redis is configured in base.py."""
    from settings.base import _REDIS_OPTIONS

    location = f"redis://127.0.0.1:{free_port()}/0"
    settings.CACHES = {
        alias: {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": location, "OPTIONS": _REDIS_OPTIONS}
        for alias in ("default", "renditions")
    }
    settings.CONTENT_API_ANON_RATE_LIMIT = 2
    for alias in ("default", "renditions"):
        caches[alias].close()
        del caches[alias]
    yield
    for alias in ("default", "renditions"):
        caches[alias].close()
        del caches[alias]


def test_anonymous_api_reads_are_served_past_the_limit_while_redis_is_down(client, make_exemplar, redis_down):
    exemplar = make_exemplar("Nguyễn Văn Đức")
    statuses = [client.get(f"{API}/exemplars/").status_code for _ in range(5)]
    assert statuses == [200] * 5
    detail = client.get(f"{API}/exemplars/{exemplar.pk}/")
    assert detail.status_code == 200 and detail.json()["title"] == "Nguyễn Văn Đức"


def test_a_partner_key_still_reads_while_redis_is_down(client, make_exemplar, make_partner, redis_down):
    make_exemplar("Nguyễn Văn Đức", channel_codes=("portal",))
    _partner, _token, key = make_partner(channel_codes=("portal",), rate_limit=1)
    for _ in range(3):
        response = client.get(f"{API}/exemplars/", headers={"Authorization": f"Bearer {key}"})
        assert response.status_code == 200
        assert [item["title"] for item in response.json()["items"]] == ["Nguyễn Văn Đức"]


def test_a_reader_comment_is_refused_with_a_clear_message_while_redis_is_down(
    client, make_exemplar, redis_down
):
    exemplar = make_exemplar("Nguyễn Văn Đức")
    response = post_comment(client, exemplar.pk)
    assert response.status_code == 503
    assert (
        "Hệ thống tạm thời chưa nhận được nội dung gửi. Vui lòng thử lại sau ít phút."
        in response.content.decode()
    )
    assert not Comment.objects.exists()


def test_with_redis_the_anonymous_read_limit_still_applies(client, settings, make_exemplar):
    settings.CONTENT_API_ANON_RATE_LIMIT = 2
    make_exemplar("Nguyễn Văn Đức")
    assert [client.get(f"{API}/exemplars/").status_code for _ in range(3)] == [200, 200, 429]
