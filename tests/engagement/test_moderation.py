"""Moderators work through their channel's queue in the admin; new comments reach them in one mail."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from cms.models import Channel, CoordinatingRole
from engagement import comments
from engagement.models import Comment, CommentDigest, CommentModeration, CommentStatus
from tests.helpers.voice import post_comment
from tests.helpers.workflow import as_user, role_user

pytestmark = pytest.mark.django_db

LIST = "/admin/snippets/engagement/comment/"


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()


@pytest.fixture
def two_comments(client, make_exemplar):
    exemplar = make_exemplar("Nguyễn Văn Đức")
    post_comment(client, exemplar.pk, body="Bình luận thứ nhất", ip="203.0.113.1")
    post_comment(client, exemplar.pk, body="Bình luận thứ hai", ip="203.0.113.2")
    return exemplar, list(Comment.objects.order_by("pk"))


def bulk(action: str, items) -> str:
    url = reverse("wagtail_bulk_action", args=("engagement", "comment", action))
    return url + "?" + "&".join(f"id={c.pk}" for c in items)


def test_the_office_moderates_the_portal_by_default_and_approves_in_bulk(client, two_comments):
    exemplar, items = two_comments
    office = as_user(role_user("office", "vanphong-kd"))
    listing = office.get(LIST).content.decode()
    assert "Bình luận thứ nhất" in listing and "Chờ duyệt" in listing
    assert "203.0.113.1" not in listing
    response = office.post(bulk("approve_comments", items))
    assert response.status_code == 302
    assert set(Comment.objects.values_list("status", flat=True)) == {CommentStatus.APPROVED}
    assert Comment.objects.filter(moderated_by__username="vanphong-kd").count() == 2
    assert "(2) Bình luận" in client.get(exemplar.url).content.decode()


def test_the_queue_follows_the_channel_mapping(two_comments):
    _exemplar, items = two_comments
    newspaper = as_user(role_user("newspaper", "baobvpl-kd"))
    assert "Bình luận thứ nhất" not in newspaper.get(LIST).content.decode()
    newspaper.post(bulk("spam_comments", items))
    assert set(Comment.objects.values_list("status", flat=True)) == {CommentStatus.PENDING}
    CommentModeration.objects.create(
        channel=Channel.objects.get(code="portal"), role=CoordinatingRole.objects.get(code="newspaper")
    )
    assert "Bình luận thứ nhất" in newspaper.get(LIST).content.decode()
    newspaper.post(bulk("spam_comments", items[:1]))
    assert Comment.objects.get(pk=items[0].pk).status == CommentStatus.SPAM


def test_filter_by_state_and_page(two_comments, make_news, client):
    _exemplar, items = two_comments
    news = make_news("Tin thi đua")
    post_comment(client, news.pk, body="Bình luận về tin", ip="203.0.113.3")
    comments.moderate(items[:1], CommentStatus.REJECTED, None)
    office = as_user(role_user("office", "vanphong-kd"))
    rejected = office.get(LIST, {"status": "rejected"}).content.decode()
    assert "Bình luận thứ nhất" in rejected and "Bình luận thứ hai" not in rejected
    on_news = office.get(LIST, {"page": news.pk}).content.decode()
    assert "Bình luận về tin" in on_news and "Bình luận thứ hai" not in on_news


def test_erasing_from_the_admin(two_comments):
    _exemplar, items = two_comments
    office = as_user(role_user("office", "vanphong-kd"))
    url = reverse("engagement_comment_erase", args=[items[0].pk])
    assert "Xóa dữ liệu cá nhân" in office.get(url).content.decode()
    office.post(url)
    erased = Comment.objects.get(pk=items[0].pk)
    assert erased.erased_at and erased.email == "" and erased.body == ""
    outsider = as_user(role_user("journal", "tapchi-kd"))
    assert outsider.post(reverse("engagement_comment_erase", args=[items[1].pk])).status_code == 404


def test_moderators_get_one_mail_after_a_quiet_period(two_comments, mailoutbox, settings):
    role_user("office", "vanphong-kd")
    now = timezone.now()
    assert comments.send_digests(now) == 0  # the comments are too fresh: more may come
    later = now + datetime.timedelta(minutes=settings.COMMENT_NOTIFY_QUIET_MINUTES + 1)
    assert comments.send_digests(later) == 1
    assert len(mailoutbox) == 1 and "2 bình luận" in mailoutbox[0].subject
    assert comments.send_digests(later) == 0 and len(mailoutbox) == 1


def test_a_cache_flush_resends_no_digest_and_a_new_comment_is_told_once(two_comments, mailoutbox, settings):
    role_user("office", "vanphong-kd")
    later = timezone.now() + datetime.timedelta(minutes=settings.COMMENT_NOTIFY_QUIET_MINUTES + 1)
    assert comments.send_digests(later) == 1
    cache.clear()  # a Redis flush or restart: the state is in the database
    assert comments.send_digests(later) == 0 and len(mailoutbox) == 1
    exemplar, items = two_comments
    assert CommentDigest.objects.get().last_comment_at == items[-1].created_at
    comments.submit(
        exemplar.pk,
        comments.Submission("Bạn đọc thứ ba", "", "Bình luận mới."),
        channel=items[0].channel,
        ip=None,
    )
    much_later = later + datetime.timedelta(minutes=settings.COMMENT_NOTIFY_QUIET_MINUTES + 1)
    assert comments.send_digests(much_later) == 1
    assert "1 bình luận" in mailoutbox[1].subject
    cache.clear()
    assert comments.send_digests(much_later) == 0 and len(mailoutbox) == 2
