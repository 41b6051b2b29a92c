"""
The comment form's timing stamp is made when the reader starts, not when the cached page was:
the cached story carries none, the page fetches a fresh one from an uncached address, and a
reader without JavaScript confirms once.
"""

from __future__ import annotations

import re
import time

import pytest
from django.core import signing
from django.core.cache import cache

from engagement.forms import STAMP_SALT
from engagement.models import Comment
from tests.helpers.voice import ORIGIN, comment_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def stamp_in(html: str) -> str:
    return re.search(r'name="stamp"(?: value="([^"]*)")?', html).group(1) or ""


def later(monkeypatch, seconds: int) -> None:
    """The reader takes `seconds` to write (the clock moves on)."""
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + seconds)


def test_the_cached_story_carries_no_stamp_but_the_address_of_a_fresh_one(client, make_exemplar):
    exemplar = make_exemplar("Nguyễn Văn Đức")
    first = client.get(exemplar.url)
    again = client.get(exemplar.url)
    assert again["X-Page-Cache"] == "hit"
    for html in (first.content.decode(), again.content.decode()):
        assert stamp_in(html) == ""
        assert f'data-stamp-url="/binh-luan/{exemplar.pk}/dau-thoi-gian/"' in html
        assert "/static/public_site/js/voice.js" in html


def test_the_stamp_address_answers_a_fresh_stamp_that_nothing_caches(client, make_exemplar):
    exemplar = make_exemplar("Nguyễn Văn Đức")
    url = f"/binh-luan/{exemplar.pk}/dau-thoi-gian/"
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "X-Page-Cache" not in response and not response.cookies
    data = signing.loads(response.json()["stamp"], salt=STAMP_SALT)
    assert data["f"] == f"comment:{exemplar.pk}" and abs(data["t"] - time.time()) < 5
    assert client.get(url).json()["stamp"] != "" and client.post(url).status_code == 405


def test_a_robot_that_posts_at_once_with_a_fresh_stamp_is_refused(client, make_exemplar):
    exemplar = make_exemplar("Nguyễn Văn Đức")
    fresh = client.get(f"/binh-luan/{exemplar.pk}/dau-thoi-gian/").json()["stamp"]
    response = client.post(
        f"/binh-luan/{exemplar.pk}/", comment_data(exemplar.pk, stamp=fresh), HTTP_ORIGIN=ORIGIN
    )
    assert response.status_code == 400 and "quá nhanh" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_reader_who_writes_for_a_while_after_the_fresh_stamp_is_heard(client, make_exemplar, monkeypatch):
    exemplar = make_exemplar("Nguyễn Văn Đức")
    fresh = client.get(f"/binh-luan/{exemplar.pk}/dau-thoi-gian/").json()["stamp"]
    later(monkeypatch, 20)
    response = client.post(
        f"/binh-luan/{exemplar.pk}/", comment_data(exemplar.pk, stamp=fresh), HTTP_ORIGIN=ORIGIN
    )
    assert response.status_code == 303 and Comment.objects.count() == 1


def test_without_javascript_the_first_post_comes_back_once_with_a_fresh_stamp_to_confirm(
    client, make_exemplar, monkeypatch
):
    exemplar = make_exemplar("Nguyễn Văn Đức")
    as_cached = comment_data(exemplar.pk, stamp="")  # the cached form, sent as it is
    first = client.post(f"/binh-luan/{exemplar.pk}/", as_cached, HTTP_ORIGIN=ORIGIN)
    html = first.content.decode()
    assert first.status_code == 400 and "bấm gửi lần nữa để xác nhận" in html
    assert "no-cache" in first["Cache-Control"] and not Comment.objects.exists()
    assert "Xin chúc mừng đồng chí" in html  # what the reader wrote is kept
    renewed = stamp_in(html)
    assert signing.loads(renewed, salt=STAMP_SALT)["f"] == f"comment:{exemplar.pk}"
    later(monkeypatch, 10)
    confirmed = client.post(f"/binh-luan/{exemplar.pk}/", {**as_cached, "stamp": renewed}, HTTP_ORIGIN=ORIGIN)
    assert confirmed.status_code == 303 and Comment.objects.count() == 1


def test_the_honeypot_still_stops_a_robot_with_a_fresh_stamp(client, make_exemplar, monkeypatch):
    exemplar = make_exemplar("Nguyễn Văn Đức")
    fresh = client.get(f"/binh-luan/{exemplar.pk}/dau-thoi-gian/").json()["stamp"]
    later(monkeypatch, 20)
    data = comment_data(exemplar.pk, stamp=fresh, website="http://spam.example")
    assert client.post(f"/binh-luan/{exemplar.pk}/", data, HTTP_ORIGIN=ORIGIN).status_code == 400
    assert not Comment.objects.exists()
