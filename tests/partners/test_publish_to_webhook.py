"""End to end: an exemplar goes through the coordination workflow and the partner hears of it."""

from __future__ import annotations

import json

import pytest

from partners.models import WebhookSubscription
from tests.helpers.receiver import Receiver, partner_snippet
from tests.helpers.workflow import (
    act,
    confirm_and_verify,
    submit_new_exemplar,
)

# The partner's receiver listens on 127.0.0.1.
pytestmark = pytest.mark.usefixtures("loopback_webhooks")


def test_the_offices_approval_sends_a_signed_webhook_to_the_partner(
    workflows, people, lam_dong_folder, bang_khen, make_partner, django_capture_on_commit_callbacks
):
    partner, _token, _plaintext = make_partner(channel_codes=("portal",))
    with Receiver() as receiver:
        subscription = WebhookSubscription.objects.create(partner=partner, url=receiver.url)
        page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
        confirm_and_verify(people, page, "portal")
        assert receiver.requests == []  # nothing before the Office approves
        with django_capture_on_commit_callbacks(execute=True):
            response = act(people["office"], page, "approve")
        assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    [request] = receiver.requests
    assert partner_snippet()(subscription.secret, request["headers"], request["body"])
    payload = json.loads(request["body"])
    assert payload["type"] == "content.published"
    assert payload["data"]["id"] == page.pk
    assert [approval["role"] for approval in payload["data"]["provenance"]][-1] == "office"
