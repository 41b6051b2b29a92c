"""Readers comment under stories; nothing they write is public until a moderator approves it."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from engagement import comments
from engagement.models import Comment, CommentStatus
from tests.helpers.api import API
from tests.helpers.voice import post_comment, stamp

pytestmark = pytest.mark.django_db

SECRET_TEXT = "Bình luận riêng chưa duyệt 4711"


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()


def approve(*items):
    comments.moderate(list(items), CommentStatus.APPROVED, None)


def test_a_story_shows_the_comment_form_in_vietnamese(client, make_exemplar):
    exemplar = make_exemplar("Nguyễn Văn Đức")
    html = client.get(exemplar.url).content.decode()
    assert "(0) Bình luận" in html
    assert f'action="/binh-luan/{exemplar.pk}/"' in html
    for label in ("Họ tên", "Thư điện tử (không bắt buộc, không công khai)", "Gửi bình luận"):
        assert label in html
    opened = client.get(f"/binh-luan/{exemplar.pk}/")  # the form's address opened directly
    assert opened.status_code == 302 and opened["Location"] == f"{exemplar.url}#binh-luan"


def test_a_comment_waits_for_moderation_and_shows_nowhere(client, make_exemplar):
    exemplar = make_exemplar("Nguyễn Văn Đức")
    client.get(exemplar.url)  # in the page cache
    response = post_comment(client, exemplar.pk, body=SECRET_TEXT)
    assert response.status_code == 303
    assert response["Location"] == f"{exemplar.url}?binh-luan=cho-duyet#binh-luan"
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING and comment.ip_address == "203.0.113.7"
    notice = client.get(response["Location"]).content.decode()
    assert "đang chờ kiểm duyệt" in notice and SECRET_TEXT not in notice
    for url in (
        exemplar.url,
        "/rss/guong-dien-hinh/",
        "/sitemap.xml",
        "/guong-dien-hinh/",
        f"{API}/comments/?page={exemplar.pk}",
        f"{API}/exemplars/{exemplar.pk}/",
    ):
        assert SECRET_TEXT not in client.get(url).content.decode(), url


def test_an_approved_comment_appears_at_once_through_the_page_cache_and_the_api(client, make_exemplar):
    exemplar = make_exemplar("Nguyễn Văn Đức")
    post_comment(client, exemplar.pk, body="Một tấm gương sáng <script>alert(1)</script>")
    cached = client.get(exemplar.url)
    assert client.get(exemplar.url)["X-Page-Cache"] == "hit"
    approve(Comment.objects.get())
    page = client.get(exemplar.url, HTTP_IF_NONE_MATCH=cached["ETag"])
    html = page.content.decode()
    assert page.status_code == 200 and "(1) Bình luận" in html
    assert "Một tấm gương sáng &lt;script&gt;" in html and "<script>alert" not in html
    assert "binh@example.vn" not in html and "203.0.113.7" not in html
    api = client.get(f"{API}/comments/?page={exemplar.pk}").json()
    assert [item["body"] for item in api["items"]] == ["Một tấm gương sáng <script>alert(1)</script>"]
    assert set(api["items"][0]) == {"id", "page", "name", "body", "created_at"}


def test_rejected_and_spam_comments_leave_the_page(client, make_news):
    news = make_news("Tin thi đua")
    post_comment(client, news.pk, body="Bình luận sẽ bị gỡ")
    comment = Comment.objects.get()
    approve(comment)
    assert "Bình luận sẽ bị gỡ" in client.get(news.url).content.decode()
    comments.moderate([comment], CommentStatus.SPAM, None)
    assert "Bình luận sẽ bị gỡ" not in client.get(news.url).content.decode()


def test_comments_are_newest_first_and_paginated(client, make_exemplar, settings):
    settings.COMMENTS_PER_PAGE = 2
    exemplar = make_exemplar("Nguyễn Văn Đức")
    for n in range(3):
        post_comment(client, exemplar.pk, body=f"Bình luận số {n}", ip=f"203.0.113.{n}")
    approve(*Comment.objects.all())
    first = client.get(exemplar.url).content.decode()
    assert "(3) Bình luận" in first
    assert first.index("Bình luận số 2") < first.index("Bình luận số 1") and "Bình luận số 0" not in first
    second = client.get(f"{exemplar.url}?trang-binh-luan=2").content.decode()
    assert "Bình luận số 0" in second and "Bình luận số 2" not in second
    api = client.get(f"{API}/comments/?page={exemplar.pk}&limit=2").json()
    assert [i["body"] for i in api["items"]] == ["Bình luận số 2", "Bình luận số 1"]
    rest = client.get(api["next"]).json()
    assert [i["body"] for i in rest["items"]] == ["Bình luận số 0"] and rest["next"] is None


def test_links_are_limited_and_never_followed(client, make_exemplar, settings):
    exemplar = make_exemplar("Nguyễn Văn Đức")
    spammy = post_comment(
        client, exemplar.pk, body="http://a.example.vn http://b.example.vn http://c.example.vn"
    )
    assert spammy.status_code == 400 and "tối đa 2 liên kết" in spammy.content.decode()
    post_comment(client, exemplar.pk, body="Xem thêm http://vksndtc.gov.vn")
    approve(Comment.objects.get())
    assert 'rel="nofollow ugc"' in client.get(exemplar.url).content.decode()


def test_the_honeypot_and_the_stamp_stop_robots(client, make_exemplar, other_unit):
    exemplar = make_exemplar("Nguyễn Văn Đức")
    assert post_comment(client, exemplar.pk, website="http://spam.example").status_code == 400
    too_fast = post_comment(client, exemplar.pk, stamp=stamp(f"comment:{exemplar.pk}", age=0))
    assert too_fast.status_code == 400 and "quá nhanh" in too_fast.content.decode()
    other_page = post_comment(client, exemplar.pk, stamp=stamp("comment:1"))
    forged = post_comment(client, exemplar.pk, stamp="giả mạo")
    assert other_page.status_code == forged.status_code == 400
    assert not Comment.objects.exists()


def test_rate_limits_per_address_and_per_page(client, make_exemplar, settings):
    settings.COMMENT_RATE_PER_IP = (2, 600)
    settings.COMMENT_RATE_PER_PAGE = (3, 3600)
    exemplar = make_exemplar("Nguyễn Văn Đức")
    codes = [post_comment(client, exemplar.pk, body=f"Lần {n}").status_code for n in range(3)]
    assert codes == [303, 303, 429]
    assert "quá nhiều bình luận" in post_comment(client, exemplar.pk).content.decode()
    assert post_comment(client, exemplar.pk, ip="198.51.100.1").status_code == 303
    assert post_comment(client, exemplar.pk, ip="198.51.100.2").status_code == 429  # the page's limit
    assert Comment.objects.count() == 3


@pytest.mark.parametrize(
    "fields",
    [
        {"name": ""},
        {"body": "   "},
        {"body": "x" * 2001},
        {"name": "x" * 81},
        {"email": "không-phải-thư"},
        {"body": "\x00\x01"},
        {"stamp": ""},
    ],
)
def test_bad_input_is_a_form_error_and_nothing_is_saved(client, make_exemplar, fields):
    exemplar = make_exemplar("Nguyễn Văn Đức")
    response = post_comment(client, exemplar.pk, **fields)
    assert response.status_code == 400
    assert 'class="form-error"' in response.content.decode() or "form-errors" in response.content.decode()
    assert "no-cache" in response["Cache-Control"] and not Comment.objects.exists()


def test_a_post_from_another_site_is_refused(client, make_exemplar):
    exemplar = make_exemplar("Nguyễn Văn Đức")
    assert post_comment(client, exemplar.pk, origin="https://evil.example").status_code == 403
    assert not Comment.objects.exists()


def test_only_published_stories_take_comments(client, make_exemplar, make_campaign):
    hidden = make_exemplar("Gương chỉ đăng Báo", channel_codes=("newspaper",))
    draft = make_exemplar("Bản nháp", live=False)
    campaign = make_campaign("Phong trào")
    for page in (hidden, draft, campaign):
        assert post_comment(client, page.pk).status_code == 404
    assert client.get(f"/binh-luan/{hidden.pk}/").status_code == 404
    assert not Comment.objects.exists()


def test_erasing_a_commenters_data_on_request(client, make_exemplar):
    exemplar = make_exemplar("Nguyễn Văn Đức")
    post_comment(client, exemplar.pk, body="Nội dung sẽ bị xóa")
    comment = Comment.objects.get()
    approve(comment)
    comments.erase(comment)
    comment.refresh_from_db()
    assert (comment.name, comment.email, comment.body, comment.ip_address) == ("—", "", "", None)
    assert "Nội dung sẽ bị xóa" not in client.get(exemplar.url).content.decode()


def test_old_ip_addresses_are_forgotten(client, make_exemplar, settings):
    exemplar = make_exemplar("Nguyễn Văn Đức")
    post_comment(client, exemplar.pk, ip="203.0.113.1")
    post_comment(client, exemplar.pk, ip="203.0.113.2")
    old = Comment.objects.order_by("pk").first()
    Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=31))
    call_command("purge_comment_ips", stdout=io.StringIO())
    assert list(Comment.objects.order_by("pk").values_list("ip_address", flat=True)) == [None, "203.0.113.2"]


def test_the_api_serves_comments_only_of_items_published_to_the_caller(client, make_exemplar):
    hidden = make_exemplar("Gương chỉ đăng Báo", channel_codes=("newspaper",))
    response = client.get(f"{API}/comments/?page={hidden.pk}")
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert json.loads(response.content)["errors"][0]["param"] == "page"
    assert client.get(f"{API}/comments/").status_code == 400
    assert client.get(f"{API}/comments/?page=1&cursor=xyz").status_code == 400
