"""The change feed lists every change of the caller's channels, in commit order, once."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from cms.models import Channel
from exemplar_pages.models import ExemplarPage
from partners.models import ChangeEvent
from tests.helpers.api import API, bearer


def start(api, **headers) -> str:
    data = api.get(f"{API}/changes/", **headers).json()
    assert data["items"] == []
    return data["next"]


def read(api, url, **headers) -> tuple[list[tuple], str]:
    response = api.get(url, **headers)
    assert response.status_code == 200, response.content
    data = response.json()
    return [(item["type"], item["id"], item["reason"], item["tombstone"]) for item in data["items"]], data[
        "next"
    ]


def test_without_since_the_feed_gives_the_cursor_of_now(api, make_exemplar):
    make_exemplar()
    now = start(api)
    assert read(api, now)[0] == []


def test_create_update_unpublish_and_delete_each_appear_once_in_order(api, make_exemplar):
    cursor = start(api)
    page = make_exemplar()
    page.title = "Tên mới"
    page.save_revision().publish()
    page.unpublish()
    page.save_revision().publish()
    ExemplarPage.objects.get(pk=page.pk).delete()
    items, cursor = read(api, cursor)
    assert items == [
        ("created", page.pk, None, False),
        ("updated", page.pk, None, False),
        ("unpublished", page.pk, None, True),
        ("created", page.pk, None, False),
        ("deleted", page.pk, None, True),
    ]
    assert read(api, cursor)[0] == []


def test_each_item_links_to_the_api_and_carries_its_locale(api, make_exemplar):
    cursor = start(api)
    page = make_exemplar()
    [item] = api.get(cursor).json()["items"]
    assert item["api_url"] == f"/api/content/v1/exemplars/{page.pk}/"
    assert item["locale"] == "vi" and item["item_type"] == "exemplar"


def test_items_entering_or_leaving_a_partners_channels_are_created_and_unpublished_for_it(
    api, make_exemplar, make_partner
):
    _partner, _token, plaintext = make_partner(channel_codes=("portal",))
    cursor = start(api, **bearer(plaintext))
    page = make_exemplar(channel_codes=("public",))
    page.channels.set(Channel.objects.filter(code__in=["public", "portal"]))
    page.save_revision().publish()
    page.channels.set(Channel.objects.filter(code="public"))
    page.save_revision().publish()
    items, _next = read(api, cursor, **bearer(plaintext))
    assert items == [("created", page.pk, "channels", False), ("unpublished", page.pk, "channels", True)]


def test_changes_outside_the_callers_channels_are_not_listed(api, make_exemplar):
    cursor = start(api)
    make_exemplar(channel_codes=("portal",))
    assert read(api, cursor)[0] == []


def test_a_re_projection_that_changes_nothing_is_not_a_change(api, make_exemplar):
    from content_api.projection import sync_page

    page = make_exemplar()
    cursor = start(api)
    sync_page(page.pk)
    assert read(api, cursor)[0] == []


def test_a_malformed_since_is_a_bad_request(api):
    response = api.get(f"{API}/changes/", {"since": "bogus"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["param"] == "since"


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_publishers_leave_no_gap_and_no_duplicate(
    postgres, api, make_exemplar, folder, settings, monkeypatch
):
    """
    Two threads publish at once, each holding its transaction open a moment after writing
    its event (where a later event could otherwise commit first), while a reader polls the
    feed: every event is read exactly once.
    """
    import time

    from partners import feed

    settings.CONTENT_API_ANON_RATE_LIMIT = 1_000_000  # the reader polls as fast as it can
    record = feed.record
    slow_page = [None]

    def slow_record(*args, **kwargs):
        event = record(*args, **kwargs)
        # One publisher keeps its transaction open after writing its event, the other
        # commits at once: without the feed's lock, a later id would commit first.
        if kwargs["page_id"] == slow_page[0]:
            time.sleep(0.3)
        return event

    monkeypatch.setattr(feed, "record", slow_record)
    pages = [make_exemplar(f"Đồng thời {n}") for n in range(2)]
    slow_page[0] = pages[0].pk
    cursor = start(api)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def publisher(page_id: int, rounds: int = 5) -> None:
        try:
            for n in range(rounds):
                page = ExemplarPage.objects.get(pk=page_id)
                page.title = f"Lần {n} của {page_id}"
                barrier.wait(timeout=10)
                page.save_revision().publish()
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=publisher, args=(p.pk,)) for p in pages]
    for thread in threads:
        thread.start()
    seen: list[tuple] = []
    while any(thread.is_alive() for thread in threads):
        items, cursor = read(api, cursor)
        seen += items
    for thread in threads:
        thread.join()
    items, cursor = read(api, cursor)
    seen += items
    assert not errors
    events = list(ChangeEvent.objects.filter(page_id__in=[p.pk for p in pages]).order_by("pk"))
    updates = [e for e in events if e.change == "updated"]
    assert len(updates) == 10
    assert len([s for s in seen if s[0] == "updated"]) == 10
    assert len(seen) == len(events) - 2  # all but the two creations before the cursor, once each
