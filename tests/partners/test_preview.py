"""Headless preview: a signed, short-lived link for one partner, one page and one revision."""

from __future__ import annotations

import datetime
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing
from django.utils import timezone

from partners import preview
from partners.models import Partner
from tests.helpers.api import API, bearer
from tests.helpers.workflow import (
    act,
    current_task_name,
    submit_new_exemplar,
)


@pytest.fixture
def reviewer(make_partner):
    partner, _token, plaintext = make_partner(channel_codes=("portal",))
    Partner.objects.filter(pk=partner.pk).update(
        can_preview=True, preview_url="https://cong.example.vn/xem-truoc/"
    )
    partner.refresh_from_db()
    return partner, plaintext


@pytest.fixture
def draft(make_exemplar):
    """A live exemplar with a newer draft revision waiting for review."""
    page = make_exemplar("Bản đã đăng", channel_codes=("portal",))
    page.title = "Bản nháp chờ duyệt"
    page.lead = "Lời giới thiệu mới"
    revision = page.save_revision()
    return page, revision


def test_a_valid_token_gives_the_revision_in_the_detail_shape_never_cached(api, reviewer, draft):
    partner, _plaintext = reviewer
    page, revision = draft
    response = api.get(
        f"{API}/preview/", {"token": preview.make_token(partner, page, revision), "id": page.pk}
    )
    assert response.status_code == 200, response.content
    assert response["Cache-Control"] == "no-store"
    data = response.json()
    assert data["title"] == "Bản nháp chờ duyệt" and data["lead"] == "Lời giới thiệu mới"
    assert data["preview"]["revision_id"] == revision.pk
    assert "contact_phone" not in response.content.decode()
    # the API itself still shows the live version
    assert api.get(f"{API}/exemplars/{page.pk}/", **bearer(_plaintext)).json()["title"] == "Bản đã đăng"


def test_the_preview_says_where_the_page_stands_in_moderation(
    api, reviewer, workflows, people, lam_dong_folder, bang_khen
):
    partner, _plaintext = reviewer
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    act(people["head"], page, "approve")
    page.refresh_from_db()
    token = preview.make_token(partner, page, page.latest_revision)
    data = api.get(f"{API}/preview/", {"token": token}).json()
    moderation = data["preview"]["moderation"]
    assert moderation["stage"] == current_task_name(page)
    assert moderation["status"] == "in_progress"
    assert data["preview"]["live"] is False
    assert api.get(f"{API}/exemplars/{page.pk}/").status_code == 404  # nothing without the token


@pytest.mark.parametrize("mutation", ["expired", "tampered", "other_page", "not_previewing", "other_partner"])
def test_an_expired_tampered_or_foreign_token_gets_401(
    api, reviewer, draft, make_exemplar, make_partner, mutation, time_machine
):
    partner, _plaintext = reviewer
    page, revision = draft
    token = preview.make_token(partner, page, revision)
    params, headers = {"token": token, "id": page.pk}, {}
    if mutation == "expired":
        time_machine.move_to(timezone.now() + datetime.timedelta(minutes=31))
    elif mutation == "tampered":
        params["token"] = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    elif mutation == "other_page":
        params["id"] = make_exemplar(channel_codes=("portal",)).pk
    elif mutation == "not_previewing":
        Partner.objects.filter(pk=partner.pk).update(can_preview=False)
    elif mutation == "other_partner":
        _other, _token, other_key = make_partner("Báo đối tác khác", channel_codes=("portal",))
        headers = bearer(other_key)
    response = api.get(f"{API}/preview/", params, **headers)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert "Bản nháp" not in response.content.decode()


def test_a_token_signed_for_something_else_is_refused(api, draft):
    page, revision = draft
    forged = signing.dumps({"p": page.pk, "r": revision.pk, "u": 1})  # right data, wrong salt
    assert api.get(f"{API}/preview/", {"token": forged}).status_code == 401
    assert api.get(f"{API}/preview/").status_code == 400  # the token is required


def test_the_admin_preview_panel_links_entitled_partners_only(rf, reviewer, draft, make_partner):
    from tests.factories import UserFactory

    _partner, _plaintext = reviewer
    make_partner("Đối tác không xem trước", channel_codes=("portal",))
    page, revision = draft
    assert ("partners", "Xem trên trang đối tác") in [(m, str(label)) for m, label in page.preview_modes]
    request = rf.get("/")
    request.user = UserFactory(username="quantri", is_superuser=True)
    response = page.make_preview_request(request, "partners")
    response.render()
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "https://cong.example.vn/xem-truoc/?token=" in html
    assert "Đối tác không xem trước" not in html
    link = unescape(html.split('href="')[1].split('"')[0])
    token = parse_qs(urlsplit(link).query)["token"][0]
    assert preview.read_token(token, page.pk).revision_id == revision.pk
