"""Partner sites send comments, opinions and their access counts only with a key of the right scope."""

from __future__ import annotations

import datetime
import json

import pytest

from engagement.models import Comment, CommentStatus, ConsultationView, Opinion
from tests.helpers.api import API, bearer

pytestmark = pytest.mark.django_db


def post(client, url, data, token=None):
    headers = bearer(token) if token else {}
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


@pytest.fixture
def keys(make_partner):
    _p, _t, read_only = make_partner("Cổng chỉ đọc", channel_codes=("portal",))
    _p, _t, full = make_partner(
        "Cổng thông tin", channel_codes=("portal",), scopes=["comments", "opinions", "views"]
    )
    return {"read_only": read_only, "full": full}


def test_a_partner_comment_needs_the_comments_scope_and_is_held(client, keys, make_exemplar):
    exemplar = make_exemplar("Nguyễn Văn Đức", channel_codes=("portal",))
    data = {"page": exemplar.pk, "name": "Bạn đọc cổng", "email": "a@example.vn", "body": "Rất đáng học tập."}
    assert post(client, f"{API}/comments/", data).status_code == 401
    refused = post(client, f"{API}/comments/", data, keys["read_only"])
    assert refused.status_code == 403 and refused["Content-Type"] == "application/problem+json"
    assert post(client, f"{API}/comments/", data, "vksnd_wrong").status_code == 401
    accepted = post(client, f"{API}/comments/", data, keys["full"])
    assert accepted.status_code == 202 and accepted.json() == {"status": "pending"}
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING and comment.partner_id and comment.ip_address is None
    assert client.get(f"{API}/comments/?page={exemplar.pk}", **bearer(keys["full"])).json()["items"] == []


def test_a_partner_comment_on_an_item_it_cannot_read_or_bad_input_is_a_400(client, keys, make_exemplar):
    newspaper_only = make_exemplar("Gương chỉ đăng Báo", channel_codes=("newspaper",))
    data = {"page": newspaper_only.pk, "name": "Bạn đọc", "body": "Nội dung"}
    assert post(client, f"{API}/comments/", data, keys["full"]).status_code == 400
    portal = make_exemplar("Gương trên Cổng", channel_codes=("portal",))
    for bad in (
        {"page": portal.pk, "name": " ", "body": "x"},
        {"page": portal.pk, "name": "A", "body": "x" * 5000},
    ):
        assert post(client, f"{API}/comments/", bad, keys["full"]).status_code == 400
    assert not Comment.objects.exists()


def test_a_partner_opinion_is_refused_outside_the_window_with_the_dates(client, keys, make_consultation):
    upcoming = make_consultation(opens_in=datetime.timedelta(days=3))
    nominee = upcoming.nominees.first()
    data = {"nominee": nominee.pk, "name": "Công dân", "contact": "0912 000 000", "body": "Ý kiến"}
    assert (
        post(client, f"{API}/consultations/{upcoming.pk}/opinions/", data, keys["read_only"]).status_code
        == 403
    )
    response = post(client, f"{API}/consultations/{upcoming.pk}/opinions/", data, keys["full"])
    assert response.status_code == 409 and "opens_at" in response.json()
    assert "chưa mở" in response.json()["detail"]
    closed = make_consultation(opens_in=datetime.timedelta(days=-30))
    data["nominee"] = closed.nominees.first().pk
    response = post(client, f"{API}/consultations/{closed.pk}/opinions/", data, keys["full"])
    assert response.status_code == 409 and "closed_at" in response.json()
    assert not Opinion.objects.exists()


def test_a_partner_opinion_while_open_is_recorded_and_never_served(client, keys, make_consultation):
    consultation = make_consultation()
    nominee = consultation.nominees.first()
    data = {"nominee": nominee.pk, "name": "Công dân", "contact": "0912 000 000", "body": "Ý kiến kín 5521"}
    assert (
        post(client, f"{API}/consultations/{consultation.pk}/opinions/", data, keys["full"]).status_code
        == 202
    )
    assert Opinion.objects.get().partner_id is not None
    wrong = {**data, "nominee": 999_999}
    assert (
        post(client, f"{API}/consultations/{consultation.pk}/opinions/", wrong, keys["full"]).status_code
        == 400
    )
    served = client.get(f"{API}/consultations/{consultation.pk}/", **bearer(keys["full"])).content.decode()
    assert "Ý kiến kín 5521" not in served and "0912 000 000" not in served


def test_partner_channels_report_their_own_access_counts(client, keys, make_consultation):
    consultation = make_consultation()
    url = f"{API}/consultations/{consultation.pk}/views/"
    report = {"day": "2026-07-04", "count": 120, "channel": "portal"}
    assert post(client, url, report, keys["read_only"]).status_code == 403
    assert post(client, url, report, keys["full"]).status_code == 204
    assert post(client, url, {**report, "count": 150}, keys["full"]).status_code == 204
    assert post(client, url, {**report, "channel": "newspaper"}, keys["full"]).status_code == 400
    assert ConsultationView.objects.get().count == 150


@pytest.fixture
def two_channel_key(make_partner):
    _p, _t, key = make_partner(
        "Báo và Cổng", channel_codes=("portal", "newspaper"), scopes=["comments", "opinions"]
    )
    return key


def test_a_partner_with_several_channels_chooses_the_channel_of_its_comment(
    client, two_channel_key, make_exemplar
):
    exemplar = make_exemplar("Nguyễn Văn Đức", channel_codes=("portal", "newspaper"))
    data = {"page": exemplar.pk, "name": "Bạn đọc Báo", "body": "Rất đáng học tập."}
    assert (
        post(client, f"{API}/comments/", {**data, "channel": "newspaper"}, two_channel_key).status_code == 202
    )
    assert post(client, f"{API}/comments/", data, two_channel_key).status_code == 202
    # Chosen: the newspaper's queue; by default the first channel in order (the Portal).
    assert [c.channel.code for c in Comment.objects.order_by("pk")] == ["newspaper", "portal"]


@pytest.mark.parametrize(
    ("channel", "why"),
    [("journal", "not the partner's"), ("public", "not the partner's"), ("khong-co", "no such channel")],
)
def test_a_comment_through_a_channel_the_partner_lacks_is_a_400_problem(
    client, two_channel_key, make_exemplar, channel, why
):
    exemplar = make_exemplar("Nguyễn Văn Đức", channel_codes=("portal", "newspaper", "journal"))
    data = {"page": exemplar.pk, "name": "Bạn đọc", "body": "Nội dung", "channel": channel}
    response = post(client, f"{API}/comments/", data, two_channel_key)
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json", why
    assert "channel" in response.content.decode() and "newspaper" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_comment_through_one_of_its_channels_that_does_not_show_the_item_is_a_400(
    client, two_channel_key, make_exemplar
):
    portal_only = make_exemplar("Gương trên Cổng", channel_codes=("portal",))
    data = {"page": portal_only.pk, "name": "Bạn đọc", "body": "Nội dung", "channel": "newspaper"}
    assert post(client, f"{API}/comments/", data, two_channel_key).status_code == 400
    assert not Comment.objects.exists()


def test_an_opinion_arrives_through_a_channel_the_consultation_is_published_on(
    client, two_channel_key, make_consultation
):
    consultation = make_consultation(channel_codes=("portal", "newspaper"))
    url = f"{API}/consultations/{consultation.pk}/opinions/"
    data = {
        "nominee": consultation.nominees.first().pk,
        "name": "Công dân",
        "contact": "0912",
        "body": "Ý kiến",
    }
    assert post(client, url, {**data, "channel": "newspaper"}, two_channel_key).status_code == 202
    assert Opinion.objects.get().channel.code == "newspaper"
    portal_only = make_consultation(channel_codes=("portal",))
    data["nominee"] = portal_only.nominees.first().pk
    refused = post(
        client,
        f"{API}/consultations/{portal_only.pk}/opinions/",
        {**data, "channel": "newspaper"},
        two_channel_key,
    )
    assert refused.status_code == 400 and refused["Content-Type"] == "application/problem+json"
    assert (
        post(client, f"{API}/consultations/{portal_only.pk}/opinions/", data, two_channel_key).status_code
        == 202
    )
    assert Opinion.objects.filter(consultation=portal_only).get().channel.code == "portal"
