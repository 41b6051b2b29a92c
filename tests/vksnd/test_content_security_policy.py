"""Every kind of answer with a body carries the enforced Content-Security-Policy; embeds may be framed by the units' websites."""

from __future__ import annotations

import pytest

from cms.models import Unit

pytestmark = pytest.mark.django_db

HEADER = "Content-Security-Policy"


def directives(response) -> dict[str, list[str]]:
    policy = response[HEADER]
    return {name: values for name, *values in (part.split() for part in policy.split(";") if part.strip())}


@pytest.mark.parametrize(
    "url",
    [
        "/admin/login/",
        "/",
        "/en/",
        "/api/content/v1/exemplars/",
        "/api/content/v1/docs/",
        "/api/content/v1/openapi.json",
        "/api/content/v1/khong-co/",
        "/khong-co-trang-nay/",
        "/nhung/nhung.js",
    ],
)
def test_every_kind_of_answer_carries_the_enforced_policy(client, site_tree, url):
    response = client.get(url)

    assert "Content-Security-Policy-Report-Only" not in response
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert not [value for values in policy.values() for value in values if "cdn" in value or value == "*"]


def test_a_page_served_from_the_page_cache_still_carries_the_policy(client, site_tree):
    client.get("/")
    cached = client.get("/")

    assert cached["X-Page-Cache"] == "hit"
    assert directives(cached)["script-src"] == ["'self'"]


def test_a_304_carries_no_policy_since_the_response_it_revalidates_has_one(client, site_tree):
    full = client.get("/api/content/v1/exemplars/")
    revalidated = client.get("/api/content/v1/exemplars/", HTTP_IF_NONE_MATCH=full["ETag"])

    assert HEADER in full
    assert revalidated.status_code == 304
    assert HEADER not in revalidated
    assert revalidated["ETag"] == full["ETag"]


def test_admin_scripts_run_only_from_this_site_or_with_the_requests_nonce(client, office):
    client.force_login(office)

    response = client.get("/admin/")
    policy = directives(response)

    assert policy["script-src"][0] == "'self'"
    assert all(value == "'self'" or value.startswith("'nonce-") for value in policy["script-src"])
    # Draftail's measured <style> elements only; style attributes stay refused.
    assert policy["style-src-elem"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'"]


def test_an_embed_may_be_framed_by_the_units_websites_and_configured_sites(client, binh_thuan, settings):
    settings.EMBED_FRAME_ANCESTORS = ["https://cong.example.vn"]
    Unit.objects.filter(pk=binh_thuan.pk).update(website="https://VKSBinhThuan.gov.vn/trang-chu")
    from content_api import versioning

    versioning.bump()

    response = client.get(f"/nhung/don-vi/{binh_thuan.code.lower()}/")

    assert response.status_code == 200
    ancestors = directives(response)["frame-ancestors"]
    assert ancestors[0] == "'self'"
    assert {"https://vksbinhthuan.gov.vn", "https://cong.example.vn"} <= set(ancestors)
    # Elsewhere the site is never framed by anyone else.
    assert directives(client.get("/"))["frame-ancestors"] == ["'self'"]
