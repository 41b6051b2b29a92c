"""Deleting a page that was already unpublished still tells the feed (and webhooks) it is gone."""

from __future__ import annotations

from exemplar_pages.models import ExemplarPage
from partners.models import ChangeEvent
from tests.helpers.api import API, bearer
from tests.partners.test_change_feed import read, start


def test_deleting_an_unpublished_page_adds_a_deleted_event_for_those_who_saw_it(
    api, make_exemplar, make_partner
):
    _partner, _token, plaintext = make_partner(channel_codes=("portal",))
    headers = bearer(plaintext)
    cursor = start(api, **headers)
    page = make_exemplar(channel_codes=("portal",))
    page.unpublish()
    ExemplarPage.objects.get(pk=page.pk).delete()
    items, _next = read(api, cursor, **headers)
    assert items == [
        ("created", page.pk, None, False),
        ("unpublished", page.pk, None, True),
        ("deleted", page.pk, None, True),
    ]


def test_the_late_deletion_is_seen_only_in_the_channels_the_page_was_in(api, make_exemplar):
    cursor = start(api)  # anonymous: the public channel
    page = make_exemplar(channel_codes=("portal",))
    page.unpublish()
    ExemplarPage.objects.get(pk=page.pk).delete()
    assert read(api, cursor)[0] == []
    assert ChangeEvent.objects.filter(page_id=page.pk, change="deleted").count() == 1


def test_a_draft_that_never_reached_the_api_leaves_no_event_when_deleted(make_exemplar):
    page = make_exemplar(live=False)
    ExemplarPage.objects.get(pk=page.pk).delete()
    assert not ChangeEvent.objects.filter(page_id=page.pk).exists()


def test_a_page_deleted_twice_over_is_told_once(api, make_exemplar):
    """A deleted live page gets its event from the projection; nothing more is added."""
    page = make_exemplar(channel_codes=("public",))
    ExemplarPage.objects.get(pk=page.pk).delete()
    assert ChangeEvent.objects.filter(page_id=page.pk, change="deleted").count() == 1
    assert api.get(f"{API}/exemplars/{page.pk}/").status_code == 404
