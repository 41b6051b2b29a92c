"""Signed webhook deliveries: verifiable, retried with backoff, disabled when failing, no SSRF."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from partners import tasks, webhooks
from partners.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from tests.factories import prefer_language
from tests.helpers.receiver import Receiver, partner_snippet
from tests.helpers.workflow import role_user

# The receivers listen on 127.0.0.1; the tests of the SSRF guard turn it back on themselves.
pytestmark = pytest.mark.usefixtures("loopback_webhooks")


@pytest.fixture
def subscribed(make_partner):
    def make(url, **kwargs):
        partner, _token, _plaintext = make_partner(channel_codes=("portal",))
        return WebhookSubscription.objects.create(partner=partner, url=url, **kwargs)

    return make


def run_pending(django_capture_on_commit_callbacks, action):
    with django_capture_on_commit_callbacks(execute=True):
        return action()


def test_a_publish_is_delivered_signed_and_the_partner_snippet_verifies_it(
    subscribed, make_exemplar, django_capture_on_commit_callbacks
):
    with Receiver() as receiver:
        subscription = subscribed(receiver.url)
        page = run_pending(
            django_capture_on_commit_callbacks, lambda: make_exemplar(channel_codes=("portal",))
        )
    [request] = receiver.requests
    verify = partner_snippet()
    assert verify(subscription.secret, request["headers"], request["body"])
    assert not verify("whsec_" + "A" * 44, request["headers"], request["body"])
    assert not verify(subscription.secret, request["headers"], request["body"] + b" ")
    payload = json.loads(request["body"])
    assert payload["type"] == "content.published"
    assert payload["data"]["id"] == page.pk and payload["data"]["title"] == page.title
    assert "contact_phone" not in request["body"].decode()
    assert request["headers"]["webhook-id"].startswith("msg_")


def test_an_unpublish_is_delivered_as_a_tombstone(
    subscribed, make_exemplar, django_capture_on_commit_callbacks
):
    page = make_exemplar(channel_codes=("portal",))
    with Receiver() as receiver:
        subscribed(receiver.url)
        run_pending(django_capture_on_commit_callbacks, page.unpublish)
    [request] = receiver.requests
    payload = json.loads(request["body"])
    assert payload["type"] == "content.unpublished"
    assert payload["data"] == {"type": "exemplar", "id": page.pk, "locale": "vi", "tombstone": True}


def test_partners_hear_only_of_their_channels_and_chosen_events(
    subscribed, make_exemplar, django_capture_on_commit_callbacks
):
    with Receiver() as receiver:
        subscribed(receiver.url, events=["content.unpublished"])
        run_pending(django_capture_on_commit_callbacks, lambda: make_exemplar(channel_codes=("portal",)))
        run_pending(django_capture_on_commit_callbacks, lambda: make_exemplar(channel_codes=("public",)))
    assert receiver.requests == []


def test_failures_are_retried_on_the_backoff_schedule_until_one_succeeds(
    subscribed, make_exemplar, django_capture_on_commit_callbacks, time_machine
):
    with Receiver(statuses=[500, 503, 200]) as receiver:
        subscribed(receiver.url)
        start = timezone.now()
        time_machine.move_to(start, tick=False)
        run_pending(django_capture_on_commit_callbacks, lambda: make_exemplar(channel_codes=("portal",)))
        delivery = WebhookDelivery.objects.get()
        assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 1)
        assert delivery.next_attempt_at == start + datetime.timedelta(seconds=5)
        assert tasks.deliver_due() == 0  # not due yet
        time_machine.move_to(start + datetime.timedelta(seconds=6), tick=False)
        assert tasks.deliver_due() == 1
        delivery.refresh_from_db()
        assert delivery.next_attempt_at == start + datetime.timedelta(seconds=6, minutes=5)
        time_machine.move_to(start + datetime.timedelta(minutes=6), tick=False)
        tasks.deliver_due()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SUCCEEDED, 3)
    ids = {request["headers"]["webhook-id"] for request in receiver.requests}
    assert len(receiver.requests) == 3 and len(ids) == 1  # the same message, retried
    codes = list(delivery.attempt_log.order_by("attempted_at", "pk").values_list("status_code", flat=True))
    assert codes == [500, 503, 200]
    assert all(a.latency_ms >= 0 and "réponse" in a.response_snippet for a in delivery.attempt_log.all())


def test_the_backoff_schedule_is_about_5s_5min_30min_2h_5h_10h():
    assert [int(step.total_seconds()) for step in webhooks.BACKOFF] == [5, 300, 1800, 7200, 18000, 36000]


def test_a_delivery_that_never_succeeds_disables_the_subscription_and_tells_the_office(
    subscribed, make_exemplar, django_capture_on_commit_callbacks, time_machine
):
    office = role_user("office", "vanphong")
    office.email = "vanphong@example.vn"
    office.save()
    with Receiver(statuses=[500]) as receiver:
        subscription = subscribed(receiver.url)
        now = timezone.now()
        time_machine.move_to(now, tick=False)
        run_pending(django_capture_on_commit_callbacks, lambda: make_exemplar(channel_codes=("portal",)))
        for step in webhooks.BACKOFF:
            now += step + datetime.timedelta(seconds=1)
            time_machine.move_to(now, tick=False)
            tasks.deliver_due()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.GAVE_UP, 7)
    subscription.refresh_from_db()
    assert subscription.disabled_at is not None
    [message] = mail.outbox
    assert "vanphong@example.vn" in message.to and subscription.url in message.body
    with Receiver() as later:
        subscription.url = later.url
        subscription.save()
        run_pending(django_capture_on_commit_callbacks, lambda: make_exemplar(channel_codes=("portal",)))
    assert later.requests == []  # a disabled subscription hears nothing until re-enabled


def test_the_office_is_told_in_each_users_language_and_the_partner_in_vietnamese(subscribed):
    from partners.notifications import notify_subscription_disabled

    english = prefer_language(role_user("office", "vanphong-en"), "en")
    vietnamese = role_user("office", "vanphong-vi")
    subscription = subscribed("https://doitac.example.vn/hook", disabled_reason="HTTP 500")
    subscription.partner.contact_email = "lienhe@doitac.example.vn"
    subscription.partner.save()
    partner = subscription.partner.name

    # The language active at the time (an English-speaking editor's request) changes nothing.
    with translation.override("en"):
        assert notify_subscription_disabled(subscription) == 2

    by_language = {"en" if m.subject.startswith("[Exemplars CMS]") else "vi": m for m in mail.outbox}
    assert sorted(by_language) == ["en", "vi"]
    assert by_language["en"].to == [english.email]
    assert by_language["en"].subject == f"[Exemplars CMS] Webhook of partner {partner} disabled"
    assert by_language["en"].body.startswith(
        f"The webhook sending to https://doitac.example.vn/hook of partner {partner} has been disabled automatically."
    )
    assert "HTTP 500" in by_language["en"].body
    assert by_language["vi"].to == sorted(["lienhe@doitac.example.vn", vietnamese.email])
    assert by_language["vi"].subject == f"[CMS Gương điển hình] Đã tắt webhook của đối tác {partner}"
    assert by_language["vi"].body.startswith(
        f"Webhook gửi tới https://doitac.example.vn/hook của đối tác {partner} đã bị tắt tự động."
    )


def test_after_a_rotation_both_secrets_sign_for_24_hours_then_only_the_new_one(
    subscribed, time_machine, django_capture_on_commit_callbacks, make_exemplar
):
    verify = partner_snippet()
    with Receiver() as receiver:
        subscription = subscribed(receiver.url)
        old = subscription.secret
        new = subscription.rotate_secret()
        run_pending(django_capture_on_commit_callbacks, lambda: make_exemplar(channel_codes=("portal",)))
        [request] = receiver.requests
        assert verify(old, request["headers"], request["body"]) and verify(
            new, request["headers"], request["body"]
        )
        time_machine.move_to(timezone.now() + datetime.timedelta(hours=25), tick=False)
        assert subscription.signing_secrets() == [new]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hook",
        "http://localhost/hook",
        "http://10.0.0.5/hook",
        "http://192.168.1.10/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hook",
        "ftp://example.com/hook",
        "file:///etc/passwd",
    ],
)
def test_loopback_private_and_non_http_targets_are_refused(settings, url):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    with pytest.raises(ValidationError):
        webhooks.validate_target(url)


def test_a_target_that_turns_private_after_subscribing_is_not_called(
    settings, subscribed, make_exemplar, django_capture_on_commit_callbacks
):
    with Receiver() as receiver:
        subscribed(receiver.url)
        settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
        run_pending(django_capture_on_commit_callbacks, lambda: make_exemplar(channel_codes=("portal",)))
    assert receiver.requests == []
    attempt = WebhookDelivery.objects.get().attempt_log.get()
    assert attempt.status_code is None and "nội bộ" in attempt.error
