"""
Webhook deliveries exactly once per schedule, with no network call inside a transaction, to
the address the SSRF guard checked, verifiable with the reference `standardwebhooks` library.
"""

from __future__ import annotations

import datetime
import socket
import threading

import pytest
import requests
from django.db import connection, transaction
from django.utils import timezone
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from partners import tasks, webhooks
from partners.models import ChangeEvent, DeliveryStatus, WebhookDelivery, WebhookSubscription
from tests.helpers.receiver import Receiver

pytestmark = pytest.mark.usefixtures("loopback_webhooks")


@pytest.fixture
def subscribed(make_partner):
    def make(url, **kwargs):
        partner, _token, _plaintext = make_partner(channel_codes=("portal",))
        return WebhookSubscription.objects.create(partner=partner, url=url, **kwargs)

    return make


def publish(django_capture_on_commit_callbacks, make_exemplar):
    with django_capture_on_commit_callbacks(execute=True):
        return make_exemplar(channel_codes=("portal",))


def fanned_out() -> WebhookDelivery:
    """The delivery of the latest change, created but not attempted (tasks are held)."""
    [delivery] = webhooks.fan_out(ChangeEvent.objects.latest("pk").pk)
    return delivery


def test_the_reference_standardwebhooks_library_verifies_every_delivery(
    subscribed, make_exemplar, django_capture_on_commit_callbacks
):
    with Receiver() as receiver:
        subscription = subscribed(receiver.url)
        page = publish(django_capture_on_commit_callbacks, make_exemplar)
    [request] = receiver.requests
    payload = Webhook(subscription.secret).verify(request["body"], request["headers"])
    assert payload["type"] == "content.published" and payload["data"]["id"] == page.pk
    with pytest.raises(WebhookVerificationError):
        Webhook(subscription.secret).verify(request["body"] + b" ", request["headers"])
    with pytest.raises(WebhookVerificationError):
        Webhook(WebhookSubscription().secret).verify(request["body"], request["headers"])


def test_during_a_rotation_the_reference_library_accepts_either_secret(
    subscribed, make_exemplar, django_capture_on_commit_callbacks
):
    with Receiver() as receiver:
        subscription = subscribed(receiver.url)
        old = subscription.secret
        new = subscription.rotate_secret()
        publish(django_capture_on_commit_callbacks, make_exemplar)
    [request] = receiver.requests
    for secret in (old, new):
        Webhook(secret).verify(request["body"], request["headers"])


def test_dns_rebinding_cannot_send_the_delivery_to_another_address(
    monkeypatch, subscribed, make_exemplar, django_capture_on_commit_callbacks
):
    """The name answers the partner's address to the guard, then an internal one: the
    connection still goes to the address that was checked."""
    with Receiver() as partner, Receiver(host="127.0.0.2", port=0) as internal:
        real = socket.getaddrinfo
        answers = {"count": 0}

        def rebinding(host, port, *args, **kwargs):
            if host == "partner.rebind.test":
                answers["count"] += 1
                host = "127.0.0.1" if answers["count"] == 1 else "127.0.0.2"
                port = partner.port if host == "127.0.0.1" else internal.port
            return real(host, port, *args, **kwargs)

        monkeypatch.setattr(socket, "getaddrinfo", rebinding)
        subscribed(f"http://partner.rebind.test:{partner.port}/hooks")
        publish(django_capture_on_commit_callbacks, make_exemplar)
    assert internal.requests == []
    [request] = partner.requests
    assert request["headers"]["host"] == f"partner.rebind.test:{partner.port}"
    assert answers["count"] == 1  # resolved once, by the guard
    assert WebhookDelivery.objects.get().status == DeliveryStatus.SUCCEEDED


def test_a_name_with_any_private_answer_is_refused_and_nothing_of_it_is_stored(
    settings, monkeypatch, subscribed, make_exemplar, django_capture_on_commit_callbacks
):
    with Receiver() as internal:
        subscribed(f"http://mixed.rebind.test:{internal.port}/hooks")
        real = socket.getaddrinfo

        def mixed(host, port, *args, **kwargs):
            if host == "mixed.rebind.test":
                return [
                    (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port)),
                    (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port)),
                ]
            return real(host, port, *args, **kwargs)

        monkeypatch.setattr(socket, "getaddrinfo", mixed)
        settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
        publish(django_capture_on_commit_callbacks, make_exemplar)
    assert internal.requests == []
    attempt = WebhookDelivery.objects.get().attempt_log.get()
    assert attempt.status_code is None and attempt.response_snippet == "" and "127.0.0.1" in attempt.error


def test_https_targets_are_pinned_yet_keep_their_name_for_tls(monkeypatch):
    """The TLS layer is told the host's name (SNI and certificate check), not the address."""
    seen = {}
    real_init = webhooks.PinnedAdapter.init_poolmanager

    def spy(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        seen.update(self.poolmanager.connection_pool_kw)

    monkeypatch.setattr(webhooks.PinnedAdapter, "init_poolmanager", spy)
    with pytest.raises(requests.ConnectionError):  # nothing listens: only the set-up matters
        webhooks.post_pinned("https://partner.example.vn:9/hook", "127.0.0.1", data=b"{}", headers={})
    assert seen["server_hostname"] == seen["assert_hostname"] == "partner.example.vn"


def test_a_delivery_is_claimed_once_and_a_second_worker_finds_nothing(
    subscribed, make_exemplar, django_capture_on_commit_callbacks, time_machine
):
    with Receiver(statuses=[500, 200]) as receiver:
        subscribed(receiver.url)
        start = timezone.now()
        time_machine.move_to(start, tick=False)
        publish(django_capture_on_commit_callbacks, make_exemplar)
        delivery = WebhookDelivery.objects.get()
        assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 1)
        # The deferred task arrives early (clock skew): not due, nothing sent.
        assert webhooks.deliver(delivery.pk) is None
        time_machine.move_to(start + datetime.timedelta(seconds=6), tick=False)
        claimed = webhooks.claim(delivery.pk)
        assert claimed is not None and claimed.status == DeliveryStatus.SENDING
        # The cron and the deferred task both find it now: neither may send it again.
        assert webhooks.claim(delivery.pk) is None
        assert tasks.deliver_due() == 0
        webhooks.record(claimed, webhooks.send(claimed))
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SUCCEEDED, 2)
    assert len(receiver.requests) == 2


def test_a_worker_that_died_mid_attempt_is_replaced_after_its_lease(
    subscribed, make_exemplar, django_capture_on_commit_callbacks, time_machine, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with Receiver() as receiver:
        subscribed(receiver.url)
        start = timezone.now()
        time_machine.move_to(start, tick=False)
        publish(django_capture_on_commit_callbacks, make_exemplar)
        delivery = fanned_out()
        assert webhooks.claim(delivery.pk) is not None  # ... and the worker is killed here
        assert tasks.deliver_due() == 0
        time_machine.move_to(start + webhooks.lease() + datetime.timedelta(seconds=1), tick=False)
        assert tasks.deliver_due() == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED and len(receiver.requests) == 1


def test_a_late_answer_of_a_replaced_attempt_decides_nothing(
    subscribed, make_exemplar, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with Receiver(statuses=[200]) as receiver:
        subscribed(receiver.url)
        publish(django_capture_on_commit_callbacks, make_exemplar)
        delivery = fanned_out()
        first = webhooks.claim(delivery.pk)
        WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
        second = webhooks.claim(delivery.pk)
        webhooks.record(second, webhooks.Outcome(status_code=200, latency_ms=1))
        late = webhooks.record(first, webhooks.Outcome(status_code=500, latency_ms=1))
    assert late.status == DeliveryStatus.SUCCEEDED
    assert delivery.attempt_log.count() == 2


@pytest.mark.django_db(transaction=True)
def test_no_row_is_locked_and_no_transaction_is_open_while_the_partner_answers(
    site_tree, make_partner, make_exemplar, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    seen = {}

    def look(_request):
        # Another connection (this thread's) can take the row at once: nobody holds it.
        with transaction.atomic():
            row = WebhookDelivery.objects.select_for_update(nowait=True).get()
            seen["status"] = row.status
        connection.close()

    with Receiver(during=look) as receiver:
        partner, _token, _plaintext = make_partner(channel_codes=("portal",))
        WebhookSubscription.objects.create(partner=partner, url=receiver.url)
        make_exemplar(channel_codes=("portal",))
        delivery = fanned_out()

        def run():
            webhooks.deliver(delivery.pk)
            connection.close()

        thread = threading.Thread(target=run)
        thread.start()
        thread.join(30)
    assert seen == {"status": DeliveryStatus.SENDING}
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED
