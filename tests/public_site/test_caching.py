"""Public answers are cacheable by a CDN, served again without the database, and purged on every change."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from content_api import versioning
from exemplar_pages.models import ExemplarPage, UnitFolderPage
from tests.helpers import purge_backend

pytestmark = pytest.mark.django_db


@pytest.fixture
def cdn(settings):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": "tests.helpers.purge_backend.RecordingBackend"}}
    purge_backend.PURGED.clear()
    return purge_backend.PURGED


def test_a_page_is_public_in_the_cdn_with_an_etag_and_answers_304(client, make_exemplar):
    exemplar = make_exemplar("Nguyễn Văn Đức")
    first = client.get(exemplar.url)
    assert first["Cache-Control"] == "public, max-age=60, s-maxage=300, stale-while-revalidate=600"
    assert first["ETag"].startswith('"') and first["X-Page-Cache"] == "miss"
    assert f"exemplar-{exemplar.pk}" in first["Cache-Tag"]
    again = client.get(exemplar.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again["ETag"] == first["ETag"]


def test_a_cached_page_is_served_without_touching_the_database(
    client, make_exemplar, django_assert_num_queries
):
    exemplar = make_exemplar("Nguyễn Văn Đức")
    client.get(exemplar.url)
    client.get("/guong-dien-hinh/")
    with django_assert_num_queries(0):
        page = client.get(exemplar.url)
        listing = client.get("/guong-dien-hinh/")
        not_modified = client.get(exemplar.url, HTTP_IF_NONE_MATCH=page["ETag"])
    assert page["X-Page-Cache"] == listing["X-Page-Cache"] == "hit"
    assert "Nguyễn Văn Đức" in page.content.decode() and not_modified.status_code == 304


def test_publishing_shows_at_once_and_unpublishing_takes_the_page_away(client, make_exemplar):
    exemplar = make_exemplar("Nguyễn Văn Đức")
    etag = client.get(exemplar.url)["ETag"]
    assert "Nguyễn Văn Đức" in client.get("/guong-dien-hinh/").content.decode()
    edited = ExemplarPage.objects.get(pk=exemplar.pk)
    edited.lead = "Lời giới thiệu mới."
    edited.save_revision().publish()
    after = client.get(exemplar.url, HTTP_IF_NONE_MATCH=etag)
    assert after.status_code == 200 and "Lời giới thiệu mới." in after.content.decode()
    ExemplarPage.objects.get(pk=exemplar.pk).unpublish()
    assert client.get(exemplar.url).status_code == 404
    assert "Nguyễn Văn Đức" not in client.get("/guong-dien-hinh/").content.decode()


def test_a_logged_in_editor_is_never_served_from_or_into_the_page_cache(client, make_exemplar, editor):
    exemplar = make_exemplar("Nguyễn Văn Đức")
    client.force_login(editor)
    response = client.get(exemplar.url)
    assert response.status_code == 200 and "X-Page-Cache" not in response


def test_publishing_purges_the_page_its_listings_the_home_its_unit_page_feeds_sitemap_and_embeds(
    make_exemplar, make_campaign, cdn, django_capture_on_commit_callbacks
):
    campaign = make_campaign("Phong trào lớn")
    with django_capture_on_commit_callbacks(execute=True):
        exemplar = make_exemplar("Nguyễn Văn Đức", campaigns=[campaign])
    base = "http://testserver"
    for path in (
        exemplar.url,
        "/",
        "/guong-dien-hinh/",
        "/guong-dien-hinh/vks-binhthuan/",
        "/rss/guong-dien-hinh/",
        "/rss/don-vi/vks-binhthuan/",
        "/nhung/don-vi/vks-binhthuan/",
        f"/nhung/phong-trao/{campaign.pk}/",
        "/sitemap.xml",
    ):
        assert base + path in cdn, path
    cdn.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ExemplarPage.objects.get(pk=exemplar.pk).unpublish()
    assert base + exemplar.url in cdn and base + "/guong-dien-hinh/" in cdn


def test_moving_a_page_purges_its_old_and_new_address(
    make_exemplar, other_unit, cdn, django_capture_on_commit_callbacks
):
    exemplar = make_exemplar("Nguyễn Văn Đức")
    old_url = exemplar.url
    new_folder = UnitFolderPage.objects.get(unit=other_unit, locale__language_code="vi")
    with django_capture_on_commit_callbacks(execute=True):
        ExemplarPage.objects.get(pk=exemplar.pk).move(new_folder, pos="last-child")
    new_url = ExemplarPage.objects.get(pk=exemplar.pk).url
    assert new_url != old_url
    assert "http://testserver" + old_url in cdn and "http://testserver" + new_url in cdn


@pytest.mark.parametrize("url_of", ["home", "listing", "exemplar", "news", "unit", "search", "campaign"])
def test_an_uncached_page_renders_in_at_most_ten_queries_whatever_its_size(
    client, make_exemplar, make_news, make_campaign, django_assert_max_num_queries, url_of
):
    campaign = make_campaign("Phong trào lớn")
    exemplars = [make_exemplar(f"Gương số {n}", campaigns=[campaign]) for n in range(15)]
    news = [make_news(f"Tin số {n}") for n in range(8)]
    urls = {
        "home": "/",
        "listing": "/guong-dien-hinh/?year=2024&unit=VKS-BINHTHUAN",
        "exemplar": exemplars[0].url,
        "news": news[0].url,
        "unit": "/guong-dien-hinh/vks-binhthuan/",
        "search": "/tim-kiem/?q=guong",
        "campaign": campaign.url,
    }
    # Once served, Wagtail keeps the site's root paths and the units' graph in the cache; a
    # publication turns the content version over, and nothing of the content is cached any more.
    client.get(urls[url_of])
    versioning.bump()
    with django_assert_max_num_queries(10):
        response = client.get(urls[url_of])
    assert response.status_code == 200 and response["X-Page-Cache"] == "miss"


def test_an_expired_page_leaves_the_site_at_once_and_the_scheduler_purges_it(
    client, make_exemplar, cdn, django_capture_on_commit_callbacks, time_machine
):
    exemplar = make_exemplar("Nguyễn Văn Đức", expire_at=timezone.now() + datetime.timedelta(hours=1))
    assert client.get(exemplar.url)["X-Page-Cache"] == "miss"
    assert client.get(exemplar.url)["X-Page-Cache"] == "hit"
    time_machine.move_to(timezone.now() + datetime.timedelta(hours=2))
    # Before any scheduler runs: the content version turned over when the expiry passed.
    assert client.get(exemplar.url).status_code == 404
    assert "Nguyễn Văn Đức" not in client.get("/guong-dien-hinh/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled", stdout=io.StringIO())
    assert "http://testserver" + exemplar.url in cdn and "http://testserver/guong-dien-hinh/" in cdn
