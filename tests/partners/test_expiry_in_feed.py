"""An expired item leaves the API and enters the change feed at the same moment."""

from __future__ import annotations

import datetime

from django.core.management import call_command
from django.utils import timezone

from exemplar_pages.models import ExemplarPage
from partners.models import ChangeEvent
from tests.helpers.api import API, publish
from tests.partners.test_change_feed import read, start


def expiring(make_exemplar, minutes=5) -> ExemplarPage:
    page = make_exemplar(channel_codes=("public",))
    page.expire_at = timezone.now() + datetime.timedelta(minutes=minutes)
    return publish(page)


def test_the_feed_shows_the_expiry_when_the_api_stops_serving_the_item(api, make_exemplar, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    cursor = start(api)
    page = expiring(make_exemplar)
    assert api.get(f"{API}/exemplars/{page.pk}/").status_code == 200
    time_machine.move_to(timezone.now() + datetime.timedelta(minutes=6), tick=False)
    # publish_scheduled has not run: Wagtail still has the page live.
    assert ExemplarPage.objects.get(pk=page.pk).live
    assert api.get(f"{API}/exemplars/{page.pk}/").status_code == 404
    items, cursor = read(api, cursor)
    assert [(change, pk) for change, pk, _reason, _tombstone in items] == [
        ("created", page.pk),
        ("updated", page.pk),  # the publish that set expire_at
        ("unpublished", page.pk),
    ]
    # When publish_scheduled runs at last, nothing is told twice.
    call_command("publish_scheduled")
    assert not ExemplarPage.objects.get(pk=page.pk).live
    assert read(api, cursor)[0] == []


def test_the_every_minute_command_records_expiries_without_any_request(make_exemplar, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    page = expiring(make_exemplar)
    time_machine.move_to(timezone.now() + datetime.timedelta(minutes=6), tick=False)
    call_command("send_due_webhooks")
    assert ChangeEvent.objects.filter(page_id=page.pk, change="unpublished").count() == 1


def test_until_an_expiry_is_due_a_request_asks_nothing_more_of_the_database(
    api, make_exemplar, django_assert_num_queries
):
    expiring(make_exemplar, minutes=60)
    api.get(f"{API}/exemplars/")  # warms the caches
    url = f"{API}/exemplars/?limit=1"
    first = api.get(url)
    with django_assert_num_queries(0):
        assert api.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
