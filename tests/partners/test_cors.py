"""CORS of the content API: each partner's browser origins, as data; nothing for other origins."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partners.models import Partner
from tests.helpers.api import API, bearer

pytestmark = pytest.mark.django_db

PORTAL = "https://cong.example.vn"
PRESS = "https://bao.example.vn"
STRANGER = "https://la.example.com"
LISTING = f"{API}/exemplars/"


@pytest.fixture
def portal(make_partner):
    partner, _token, plaintext = make_partner("Cổng thông tin", channel_codes=("portal",))
    partner.allowed_origins = f"{PORTAL}\n"
    partner.save()
    return plaintext


@pytest.fixture
def press(make_partner):
    partner, _token, plaintext = make_partner("Báo chí", channel_codes=("newspaper",))
    partner.allowed_origins = PRESS
    partner.save()
    return plaintext


def preflight(client, origin: str, headers: str = "authorization"):
    return client.options(
        LISTING,
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS=headers,
    )


def vary(response) -> set[str]:
    return {part.strip().lower() for part in response.get("Vary", "").split(",")}


def test_a_preflight_from_a_partners_origin_allows_the_authorization_header(client, portal, press):
    response = preflight(client, PRESS)

    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == PRESS
    assert "Authorization" in response["Access-Control-Allow-Headers"]
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert "origin" in vary(response)
    assert "Access-Control-Allow-Credentials" not in response


def test_a_preflight_from_another_origin_never_allows_a_key(client, portal):
    response = preflight(client, STRANGER)

    # Public reads may come from anywhere (the setting's default), but not with a key.
    assert response["Access-Control-Allow-Origin"] == STRANGER
    assert "Authorization" not in response["Access-Control-Allow-Headers"]


def test_without_public_cors_a_preflight_from_another_origin_gets_no_cors_header(client, portal, settings):
    settings.CONTENT_API_CORS_PUBLIC_ANY_ORIGIN = False

    response = preflight(client, STRANGER)

    assert response.status_code == 405
    assert not [name for name in response.headers if name.lower().startswith("access-control-")]


def test_a_partners_answer_allows_its_own_origin_and_varies_on_origin(client, portal):
    response = client.get(LISTING, HTTP_ORIGIN=PORTAL, **bearer(portal))

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == PORTAL
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert {"origin", "authorization"} <= vary(response)
    assert response["Cache-Control"].startswith("private")

    # The 304 of a revalidation carries the same headers.
    again = client.get(LISTING, HTTP_ORIGIN=PORTAL, HTTP_IF_NONE_MATCH=response["ETag"], **bearer(portal))
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == PORTAL
    assert "origin" in vary(again)


def test_a_partners_key_used_from_another_partners_origin_is_not_allowed(client, portal, press):
    response = client.get(LISTING, HTTP_ORIGIN=PRESS, **bearer(portal))

    assert "Access-Control-Allow-Origin" not in response
    assert "origin" in vary(response)


def test_the_answer_cached_for_one_origin_is_never_handed_to_another(client, portal):
    first = client.get(LISTING, HTTP_ORIGIN=PORTAL, **bearer(portal))
    second = client.get(LISTING, HTTP_ORIGIN=STRANGER, **bearer(portal))

    assert first.content == second.content  # the same cached body...
    assert first["Access-Control-Allow-Origin"] == PORTAL
    assert "Access-Control-Allow-Origin" not in second  # ...never with the other origin's header


def test_anonymous_public_reads_allow_any_origin_with_one_header_for_every_cache(client, portal):
    from_stranger = client.get(LISTING, HTTP_ORIGIN=STRANGER)
    without_origin = client.get(LISTING)

    assert (
        from_stranger["Access-Control-Allow-Origin"] == without_origin["Access-Control-Allow-Origin"] == "*"
    )
    assert from_stranger["Cache-Control"].startswith("public")


def test_without_public_cors_anonymous_reads_allow_only_partners_origins(client, portal, settings):
    settings.CONTENT_API_CORS_PUBLIC_ANY_ORIGIN = False

    assert client.get(LISTING, HTTP_ORIGIN=PORTAL)["Access-Control-Allow-Origin"] == PORTAL
    stranger = client.get(LISTING, HTTP_ORIGIN=STRANGER)
    assert "Access-Control-Allow-Origin" not in stranger
    assert "origin" in vary(stranger)


def test_a_paused_partners_origins_are_no_longer_allowed(client, portal):
    partner = Partner.objects.get(name="Cổng thông tin")
    partner.is_active = False
    partner.save()

    assert "Authorization" not in preflight(client, PORTAL)["Access-Control-Allow-Headers"]


def test_origins_are_validated_and_written_the_way_browsers_send_them(make_partner):
    partner, _token, _plaintext = make_partner("Cổng tỉnh")
    partner.allowed_origins = "https://cong.example.vn/duong-dan\nftp://x.example\n*"
    with pytest.raises(ValidationError) as refused:
        partner.full_clean()
    messages = refused.value.message_dict["allowed_origins"]
    assert len(messages) == 3
    assert all("không phải là một nguồn gốc (origin) hợp lệ" in message for message in messages)

    partner.allowed_origins = "HTTPS://Cong.Example.VN:443/\n\nhttp://127.0.0.1:8080"
    partner.full_clean()
    partner.save()
    assert partner.origins == ["https://cong.example.vn", "http://127.0.0.1:8080"]


def test_the_office_edits_a_partners_origins_in_its_admin(office_client, portal):
    partner = Partner.objects.get(name="Cổng thông tin")

    form = office_client.get(reverse("partners:edit", args=[partner.pk]))

    assert 'name="allowed_origins"' in form.content.decode()


def test_cached_answers_and_304s_carry_the_callers_cors_headers_and_never_anothers(
    client, portal, press, make_exemplar
):
    make_exemplar(channel_codes=("portal",))
    first = client.get(LISTING, HTTP_ORIGIN=PORTAL, **bearer(portal))
    # The same key from the press's origin (a key copied into another site's page): the
    # cached answer of the portal's key must not carry the portal's origin, nor allow the press.
    copied = client.get(LISTING, HTTP_ORIGIN=PRESS, **bearer(portal))
    again = client.get(LISTING, HTTP_ORIGIN=PORTAL, **bearer(portal))
    revalidated = client.get(LISTING, HTTP_ORIGIN=PORTAL, HTTP_IF_NONE_MATCH=first["ETag"], **bearer(portal))

    assert getattr(again.wsgi_request, "served_from", None) == "content_api_cache"
    assert copied.status_code == 200
    assert "Access-Control-Allow-Origin" not in copied
    assert again["Access-Control-Allow-Origin"] == PORTAL
    assert revalidated.status_code == 304
    assert revalidated["Access-Control-Allow-Origin"] == PORTAL
    assert "origin" in vary(again) and "origin" in vary(revalidated)
