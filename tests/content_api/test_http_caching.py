"""ETags, 304s, Cache-Control, cache tags and CDN purges."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.helpers import purge_backend
from tests.helpers.api import API, bearer


@pytest.fixture
def purged(settings):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": "tests.helpers.purge_backend.RecordingBackend"}}
    purge_backend.PURGED.clear()
    return purge_backend.PURGED


def test_every_200_has_a_strong_etag_and_last_modified(api, make_exemplar):
    page = make_exemplar()
    for url in (f"{API}/exemplars/", f"{API}/exemplars/{page.pk}/", f"{API}/units/"):
        response = api.get(url)
        assert response.status_code == 200
        assert response["ETag"].startswith('"') and not response["ETag"].startswith("W/")
        assert response["Last-Modified"].endswith("GMT")


def test_anonymous_answers_are_public_with_s_maxage_and_partner_answers_private(
    api, make_exemplar, make_partner
):
    make_exemplar(channel_codes=("public", "portal"))
    anonymous = api.get(f"{API}/exemplars/")
    assert "public" in anonymous["Cache-Control"]
    assert "s-maxage=" in anonymous["Cache-Control"]
    assert "stale-while-revalidate=" in anonymous["Cache-Control"]
    _partner, _token, plaintext = make_partner()
    partner = api.get(f"{API}/exemplars/", **bearer(plaintext))
    assert partner["Cache-Control"].startswith("private")
    assert "Authorization" in partner["Vary"]
    assert partner["ETag"] != anonymous["ETag"]


def test_if_none_match_answers_304_without_touching_the_database(api, make_exemplar):
    page = make_exemplar()
    for url in (f"{API}/exemplars/", f"{API}/exemplars/{page.pk}/"):
        etag = api.get(url)["ETag"]
        with CaptureQueriesContext(connection) as queries:
            response = api.get(url, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 304
        assert response["ETag"] == etag
        assert len(queries) == 0


def test_a_partner_304_needs_no_database_either(api, make_exemplar, make_partner):
    make_exemplar(channel_codes=("portal",))
    _partner, _token, plaintext = make_partner()
    etag = api.get(f"{API}/exemplars/", **bearer(plaintext))["ETag"]
    with CaptureQueriesContext(connection) as queries:
        response = api.get(f"{API}/exemplars/", HTTP_IF_NONE_MATCH=etag, **bearer(plaintext))
    assert response.status_code == 304
    assert len(queries) == 0


def test_publishing_changes_the_etag_so_old_copies_stop_matching(api, make_exemplar):
    page = make_exemplar("Trước khi sửa")
    etag = api.get(f"{API}/exemplars/{page.pk}/")["ETag"]
    page.title = "Sau khi sửa"
    page.save_revision().publish()
    response = api.get(f"{API}/exemplars/{page.pk}/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response.json()["title"] == "Sau khi sửa"


def test_unpublishing_changes_the_list_etag_and_drops_the_item(api, make_exemplar):
    page = make_exemplar()
    etag = api.get(f"{API}/exemplars/")["ETag"]
    page.unpublish()
    response = api.get(f"{API}/exemplars/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_cached_answers_are_served_from_the_cache(api, make_exemplar):
    make_exemplar()
    api.get(f"{API}/exemplars/")
    with CaptureQueriesContext(connection) as queries:
        response = api.get(f"{API}/exemplars/")
    assert response.status_code == 200
    assert len(queries) == 0


def test_cache_tags_name_the_item_its_unit_and_its_campaigns(api, make_exemplar, make_campaign, binh_thuan):
    campaign = make_campaign()
    page = make_exemplar()
    page.campaigns.set([campaign])
    page.save_revision().publish()
    tags = api.get(f"{API}/exemplars/{page.pk}/")["Cache-Tag"].split(",")
    assert {f"exemplar-{page.pk}", f"unit-{binh_thuan.pk}", f"campaign-{campaign.pk}"} <= set(tags)
    list_tags = api.get(f"{API}/exemplars/")["Cache-Tag"].split(",")
    assert {"exemplars", f"exemplar-{page.pk}"} <= set(list_tags)


def test_publishing_unpublishing_and_deleting_purge_the_item_and_its_list(
    purged, make_exemplar, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_exemplar()
    detail = f"http://testserver{API}/exemplars/{page.pk}/"
    listing = f"http://testserver{API}/exemplars/"
    assert {detail, listing} <= set(purged)
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert {detail, listing} <= set(purged)
    page.save_revision().publish()
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert {detail, listing} <= set(purged)


def test_a_page_that_expires_stops_matching_its_old_etag(api, make_exemplar, time_machine):
    import datetime

    from django.utils import timezone

    page = make_exemplar()
    page.expire_at = timezone.now() + datetime.timedelta(hours=1)
    page.save_revision().publish()
    etag = api.get(f"{API}/exemplars/")["ETag"]
    time_machine.move_to(timezone.now() + datetime.timedelta(hours=2))
    response = api.get(f"{API}/exemplars/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response.json()["items"] == []
