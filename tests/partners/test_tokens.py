"""
A partner's bearer token opens exactly its partner's channels, and stops working the moment
it is revoked, expires or its partner is paused, even though token lookups are cached.
"""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.apps import apps
from django.db import models
from django.test import Client
from django.utils import timezone
from wagtail.models import APIToken

from cms.models import Channel
from partners.models import PartnerToken
from tests.factories import UserFactory
from tests.helpers.api import API, bearer

pytestmark = pytest.mark.django_db

PROBLEM_JSON = "application/problem+json"


def listed_ids(client, headers=None, **params) -> list[int]:
    response = client.get(f"{API}/exemplars/", params, **(headers or {}))
    assert response.status_code == 200, response.content.decode()[:500]
    return [item["id"] for item in response.json()["items"]]


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.content.decode()[:500]
    assert response["Content-Type"].startswith(PROBLEM_JSON)
    body = response.json()
    assert body["status"] == status
    return body


def assert_unauthorized(response) -> None:
    assert_problem(response, 401)
    assert response["WWW-Authenticate"].lower().startswith("bearer")
    assert b"items" not in response.content


def refused_everywhere(client, token: str, page) -> None:
    """The list and the detail both answer 401 to this token."""
    assert_unauthorized(client.get(f"{API}/exemplars/", **bearer(token)))
    assert_unauthorized(client.get(f"{API}/exemplars/{page.pk}/", **bearer(token)))


@pytest.fixture
def portal_page(make_exemplar):
    return make_exemplar("Nguyễn Thị Cổng", channel_codes=("portal",))


@pytest.fixture
def public_page(make_exemplar):
    return make_exemplar("Trần Văn Công Khai", channel_codes=("public",))


@pytest.fixture
def journal_page(make_exemplar):
    return make_exemplar("Lê Văn Tạp Chí", channel_codes=("journal",))


def test_a_valid_token_reads_exactly_the_channels_of_its_partner(
    api, make_partner, portal_page, public_page, journal_page
):
    _partner, _token, plaintext = make_partner(channel_codes=("portal",))
    assert listed_ids(api, bearer(plaintext)) == [portal_page.pk]
    response = api.get(f"{API}/exemplars/{portal_page.pk}/", **bearer(plaintext))
    assert response.status_code == 200
    assert response.json()["title"] == "Nguyễn Thị Cổng"
    assert response["Cache-Control"].startswith("private")
    assert_problem(api.get(f"{API}/exemplars/{journal_page.pk}/", **bearer(plaintext)), 404)


def test_the_bearer_scheme_is_case_insensitive(api, make_partner, portal_page):
    _partner, _token, plaintext = make_partner(channel_codes=("portal",))
    assert listed_ids(api, {"HTTP_AUTHORIZATION": f"bearer {plaintext}"}) == [portal_page.pk]


def test_a_revoked_token_is_refused_even_right_after_it_was_used(api, make_partner, portal_page):
    _partner, partner_token, plaintext = make_partner(channel_codes=("portal",))
    assert listed_ids(api, bearer(plaintext)) == [portal_page.pk]  # now resolved and cached
    partner_token.token.revoke()
    refused_everywhere(api, plaintext, portal_page)


def test_a_token_revoked_after_a_secret_key_rotation_is_refused_at_once(
    api, settings, make_partner, portal_page
):
    settings.SECRET_KEY = "old-secret-key-for-the-rotation-test-0123456789"
    _partner, partner_token, plaintext = make_partner(channel_codes=("portal",))
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "new-secret-key-for-the-rotation-test-9876543210"
    assert listed_ids(api, bearer(plaintext)) == [portal_page.pk]  # keys survive the rotation
    partner_token.token.revoke()
    refused_everywhere(api, plaintext, portal_page)


def test_a_token_issued_already_expired_is_refused(api, make_partner, portal_page):
    _partner, _token, plaintext = make_partner(
        channel_codes=("portal",), valid_for=datetime.timedelta(seconds=-1)
    )
    refused_everywhere(api, plaintext, portal_page)


def test_a_token_that_expires_while_cached_is_refused_from_its_expiry(api, make_partner, portal_page):
    _partner, partner_token, plaintext = make_partner(
        channel_codes=("portal",), valid_for=datetime.timedelta(seconds=30)
    )
    assert listed_ids(api, bearer(plaintext)) == [portal_page.pk]
    with time_machine.travel(partner_token.expires_at + datetime.timedelta(seconds=1), tick=False):
        refused_everywhere(api, plaintext, portal_page)


def test_a_token_whose_expiry_is_brought_forward_is_refused_at_once(api, make_partner, portal_page):
    _partner, partner_token, plaintext = make_partner(channel_codes=("portal",))
    assert listed_ids(api, bearer(plaintext)) == [portal_page.pk]
    partner_token.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    partner_token.save()
    refused_everywhere(api, plaintext, portal_page)


def test_a_token_of_a_paused_partner_is_refused(api, make_partner, portal_page):
    partner, _token, plaintext = make_partner(channel_codes=("portal",))
    assert listed_ids(api, bearer(plaintext)) == [portal_page.pk]
    partner.is_active = False
    partner.save()
    refused_everywhere(api, plaintext, portal_page)


def test_a_token_of_a_deleted_partner_is_refused(api, make_partner, portal_page):
    partner, _token, plaintext = make_partner(channel_codes=("portal",))
    assert listed_ids(api, bearer(plaintext)) == [portal_page.pk]
    partner.delete()
    refused_everywhere(api, plaintext, portal_page)


# Channels a partner is not entitled to


def test_asking_for_a_channel_the_partner_may_not_read_is_a_400_naming_channel(
    api, make_partner, portal_page, journal_page
):
    _partner, _token, plaintext = make_partner(channel_codes=("portal",))
    response = api.get(f"{API}/exemplars/", {"channel": "journal"}, **bearer(plaintext))
    body = assert_problem(response, 400)
    assert [error["param"] for error in body["errors"]] == ["channel"]
    assert b"L\xc3\xaa V\xc4\x83n T\xe1\xba\xa1p Ch\xc3\xad" not in response.content  # journal page title
    allowed = api.get(f"{API}/exemplars/", {"channel": "portal"}, **bearer(plaintext))
    assert [item["id"] for item in allowed.json()["items"]] == [portal_page.pk]


def test_an_anonymous_caller_asking_for_a_partner_channel_gets_a_400_naming_channel(api, portal_page):
    body = assert_problem(api.get(f"{API}/exemplars/", {"channel": "portal"}), 400)
    assert [error["param"] for error in body["errors"]] == ["channel"]


def test_the_detail_of_an_item_only_in_another_channel_is_a_404(api, make_partner, journal_page):
    _partner, _token, plaintext = make_partner(channel_codes=("portal",))
    assert_problem(api.get(f"{API}/exemplars/{journal_page.pk}/", **bearer(plaintext)), 404)


def test_a_channel_withdrawn_from_a_partner_stops_being_readable_at_once(api, make_partner, portal_page):
    partner, _token, plaintext = make_partner(channel_codes=("portal", "journal"))
    assert listed_ids(api, bearer(plaintext)) == [portal_page.pk]
    partner.channels.remove(Channel.objects.get(code="portal"))
    assert listed_ids(api, bearer(plaintext)) == []
    assert_problem(api.get(f"{API}/exemplars/{portal_page.pk}/", **bearer(plaintext)), 404)


# Malformed credentials


@pytest.mark.parametrize(
    "header",
    [
        "Bearer",
        "Bearer ",
        "Basic xyz",
        "Basic dXNlcjpwYXNz",
        "Bearer not-a-token",
        "Token {valid}",
        "Bearer {valid}x",
        "Bearer {valid} {valid}",
        "Bearer {unknown}",
    ],
)
def test_a_malformed_or_unknown_authorization_header_is_a_401_not_a_fallback_to_public(
    api, make_partner, public_page, header
):
    _partner, _token, plaintext = make_partner(channel_codes=("portal", "public"))
    value = header.format(valid=plaintext, unknown=APIToken.generate_token())
    response = api.get(f"{API}/exemplars/", HTTP_AUTHORIZATION=value)
    assert_unauthorized(response)
    assert_unauthorized(api.get(f"{API}/exemplars/{public_page.pk}/", HTTP_AUTHORIZATION=value))


def test_an_admins_session_does_not_open_partner_channels(portal_page, public_page):
    admin = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    assert client.get("/admin/").status_code == 200  # the session really is an admin's
    assert listed_ids(client) == [public_page.pk]
    assert_problem(client.get(f"{API}/exemplars/{portal_page.pk}/"), 404)
    assert_problem(client.get(f"{API}/exemplars/", {"channel": "portal"}), 400)


# Storage of keys


def text_values(model) -> list[str]:
    fields = [
        f.attname
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField | models.JSONField)
    ]
    if not fields:
        return []
    return [str(value) for row in model._base_manager.values_list(*fields) for value in row]


def test_the_plaintext_of_a_token_is_stored_nowhere_in_the_database(api, make_partner, portal_page):
    partner, partner_token, plaintext = make_partner(channel_codes=("portal",))
    assert listed_ids(api, bearer(plaintext)) == [portal_page.pk]  # used once: last_used_at written
    secret = plaintext[len(partner_token.token.prefix) :]
    assert len(secret) >= 20

    for row in APIToken.objects.filter(user=partner.service_account).values():
        for value in row.values():
            assert plaintext not in str(value) and secret not in str(value)
    for row in PartnerToken.objects.filter(partner=partner).values():
        for value in row.values():
            assert plaintext not in str(value) and secret not in str(value)
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            for value in text_values(model):
                assert secret not in value, model._meta.label
