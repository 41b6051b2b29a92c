"""The Office keeps the partners' webhook subscriptions and reads their delivery log in the admin."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from partners.models import (
    DeliveryStatus,
    Partner,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)
from tests.helpers.workflow import role_user

# Partners' host names resolve to a public address, so the SSRF guard accepts them.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("partner_dns")]

SECRET_RE = re.compile(r"whsec_[A-Za-z0-9+/=]{40,}")
PUBLIC_URL = "https://hooks.baobaovephapluat.vn/vksnd"
PRIVATE_MESSAGE = "Địa chỉ nhận trỏ tới mạng nội bộ hoặc máy cục bộ"
SCHEME_MESSAGE = "Địa chỉ nhận phải bắt đầu bằng http:// hoặc https://."


def webhooks_url(partner: Partner) -> str:
    return reverse("partners:webhooks", args=[partner.pk])


def subscription_url(name: str, subscription: WebhookSubscription) -> str:
    return reverse(f"partners:{name}", args=[subscription.partner_id, subscription.pk])


def deliveries_url(partner: Partner) -> str:
    return reverse("partners:webhook_deliveries", args=[partner.pk])


def redeliver_url(delivery: WebhookDelivery) -> str:
    return reverse("partners:redeliver_webhook", args=[delivery.subscription.partner_id, delivery.pk])


def secrets_in(response) -> list[str]:
    return SECRET_RE.findall(response.content.decode())


def denied(response) -> bool:
    """Wagtail answers a forbidden admin page with a redirect to the dashboard (403 for XHR)."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def create_subscription(client, partner: Partner, url: str = PUBLIC_URL, events=None, active=True):
    data = {"url": url, "events": events if events is not None else [WebhookEvent.PUBLISHED]}
    if active:
        data["is_active"] = "on"
    return client.post(webhooks_url(partner), data)


@pytest.fixture
def subscription(partner) -> WebhookSubscription:
    return WebhookSubscription.objects.create(partner=partner, url=PUBLIC_URL)


@pytest.fixture
def make_delivery():
    counter = iter(range(1, 10_000))

    def make(
        subscription, *, status=DeliveryStatus.SUCCEEDED, attempts=1, kind="exemplar", item_id=42, **data
    ):
        n = next(counter)
        payload = {
            "type": WebhookEvent.PUBLISHED.value,
            "timestamp": "2026-11-23T08:00:00+00:00",
            "data": {"type": kind, "id": item_id, **data},
        }
        return WebhookDelivery.objects.create(
            subscription=subscription,
            message_id=f"msg_test{n:04d}",
            event_type=WebhookEvent.PUBLISHED,
            payload=json.dumps(payload, ensure_ascii=False),
            status=status,
            attempts=attempts,
        )

    return make


# Creating a subscription


def test_the_office_adds_a_webhook_and_sees_its_secret_once(office_client, partner):
    response = create_subscription(
        office_client, partner, events=[WebhookEvent.DELETED, WebhookEvent.PUBLISHED]
    )

    assert response.status_code == 200, response.content.decode()[:3000]
    subscription = partner.subscriptions.get()
    assert subscription.url == PUBLIC_URL
    assert subscription.events == [WebhookEvent.PUBLISHED, WebhookEvent.DELETED]
    assert subscription.is_active
    assert secrets_in(response) == [subscription.secret]
    html = response.content.decode()
    assert "đây là lần duy nhất" in html
    for header in ("webhook-id", "webhook-timestamp", "webhook-signature"):
        assert header in html
    assert "docs/webhooks.md" in html
    assert "no-store" in response["Cache-Control"]

    for url in (
        webhooks_url(partner),
        subscription_url("edit_webhook", subscription),
        subscription_url("rotate_webhook_secret", subscription),
        subscription_url("delete_webhook", subscription),
        subscription_url("subscription_deliveries", subscription),
        deliveries_url(partner),
        reverse("partners:edit", args=[partner.pk]),
        reverse("partners:history", args=[partner.pk]),
    ):
        page = office_client.get(url)
        assert page.status_code == 200, url
        assert secrets_in(page) == [], url
    assert PUBLIC_URL in office_client.get(webhooks_url(partner)).content.decode()


def test_the_partner_listing_and_edit_page_lead_to_the_webhooks(office_client, partner):
    listing = office_client.get(reverse("partners:index")).content.decode()
    edit = office_client.get(reverse("partners:edit", args=[partner.pk])).content.decode()
    assert webhooks_url(partner) in listing
    assert webhooks_url(partner) in edit


def test_the_form_offers_the_events_as_checkboxes(office_client, partner):
    html = office_client.get(webhooks_url(partner)).content.decode()
    assert html.count('type="checkbox" name="events"') == len(WebhookEvent)
    assert "Đăng mới (content.published)" in html


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hook",
        "http://10.20.30.40/hook",
        "http://[::1]/hook",
        "http://169.254.169.254/x",
    ],
)
def test_a_private_or_loopback_target_is_refused_in_vietnamese(office_client, partner, settings, url):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False

    response = create_subscription(office_client, partner, url=url)

    assert response.status_code == 200
    [error] = response.context["form"].errors["url"]
    assert error.startswith(PRIVATE_MESSAGE)
    assert PRIVATE_MESSAGE in response.content.decode()
    assert secrets_in(response) == []
    assert not WebhookSubscription.objects.exists()
    assert not ModelLogEntry.objects.filter(action__startswith="content_api.").exists()


def test_an_ftp_target_is_refused(office_client, partner):
    response = create_subscription(office_client, partner, url="ftp://files.example.vn/hook")

    assert response.context["form"].errors["url"] == [SCHEME_MESSAGE]
    assert SCHEME_MESSAGE in response.content.decode()
    assert not WebhookSubscription.objects.exists()


def test_a_webhook_needs_at_least_one_event(office_client, partner):
    response = create_subscription(office_client, partner, events=[])

    assert response.context["form"].errors["events"] == ["Chọn ít nhất một sự kiện."]
    assert not WebhookSubscription.objects.exists()


# Rotating, editing, deleting


def test_rotating_shows_a_new_secret_once_and_the_old_one_keeps_signing(office_client, subscription):
    old_secret = subscription.secret
    url = subscription_url("rotate_webhook_secret", subscription)

    confirm = office_client.get(url)
    assert confirm.status_code == 200
    assert "Có, đổi khóa ký" in confirm.content.decode()
    assert "24 giờ" in confirm.content.decode()
    assert secrets_in(confirm) == []
    subscription.refresh_from_db()
    assert subscription.secret == old_secret

    response = office_client.post(url)

    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.secret != old_secret
    assert secrets_in(response) == [subscription.secret]
    assert "Khóa cũ vẫn còn hiệu lực thêm 24 giờ" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert subscription.signing_secrets() == [subscription.secret, old_secret]
    assert secrets_in(office_client.get(webhooks_url(subscription.partner))) == []


def test_editing_re_enables_a_disabled_webhook(office_client, subscription):
    subscription.disabled_at = timezone.now() - timedelta(hours=1)
    subscription.disabled_reason = "Gửi không thành công sau 7 lần thử."
    subscription.save()
    url = subscription_url("edit_webhook", subscription)

    page = office_client.get(url)
    assert page.status_code == 200
    assert "Gửi không thành công sau 7 lần thử." in page.content.decode()
    assert page.context["form"]["is_active"].value() is False

    response = office_client.post(
        url,
        {
            "url": "https://hooks.baobaovephapluat.vn/moi",
            "events": [WebhookEvent.UPDATED, WebhookEvent.PUBLISHED],
            "is_active": "on",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == webhooks_url(subscription.partner)
    secret = subscription.secret
    subscription.refresh_from_db()
    assert subscription.url == "https://hooks.baobaovephapluat.vn/moi"
    assert subscription.events == [WebhookEvent.PUBLISHED, WebhookEvent.UPDATED]
    assert subscription.is_active
    assert subscription.disabled_at is None
    assert subscription.disabled_reason == ""
    assert subscription.secret == secret


def test_pausing_a_webhook_keeps_it(office_client, subscription):
    response = office_client.post(
        subscription_url("edit_webhook", subscription),
        {"url": subscription.url, "events": [WebhookEvent.PUBLISHED]},
    )

    assert response.status_code == 302
    subscription.refresh_from_db()
    assert not subscription.is_active
    assert "tạm dừng" in office_client.get(webhooks_url(subscription.partner)).content.decode()


def test_editing_to_a_private_target_is_refused(office_client, subscription, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False

    response = office_client.post(
        subscription_url("edit_webhook", subscription),
        {"url": "http://127.0.0.1/hook", "events": [WebhookEvent.PUBLISHED], "is_active": "on"},
    )

    assert response.status_code == 200
    assert PRIVATE_MESSAGE in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.url == PUBLIC_URL


def test_deleting_asks_first_then_removes_the_webhook_and_its_log(office_client, subscription, make_delivery):
    make_delivery(subscription)
    url = subscription_url("delete_webhook", subscription)

    confirm = office_client.get(url)
    assert confirm.status_code == 200
    assert "Có, xóa" in confirm.content.decode()
    assert WebhookSubscription.objects.filter(pk=subscription.pk).exists()

    response = office_client.post(url)

    assert response.status_code == 302
    assert response["Location"] == webhooks_url(subscription.partner)
    assert not WebhookSubscription.objects.filter(pk=subscription.pk).exists()
    assert not WebhookDelivery.objects.exists()


def test_webhooks_of_another_partner_cannot_be_reached_through_this_one(
    office_client, make_partner, subscription
):
    other, _token, _plaintext = make_partner("Tạp chí Kiểm sát", channel_codes=("journal",))

    for name in ("edit_webhook", "rotate_webhook_secret", "delete_webhook", "subscription_deliveries"):
        url = reverse(f"partners:{name}", args=[other.pk, subscription.pk])
        assert office_client.post(url).status_code == 404, name
    assert WebhookSubscription.objects.filter(pk=subscription.pk).exists()


def test_creating_rotating_and_deleting_are_in_the_audit_log_without_the_secret(
    office_client, office, partner
):
    created = create_subscription(office_client, partner)
    subscription = partner.subscriptions.get()
    first_secret = secrets_in(created)[0]
    rotated = office_client.post(subscription_url("rotate_webhook_secret", subscription))
    second_secret = secrets_in(rotated)[0]
    office_client.post(subscription_url("delete_webhook", subscription))

    entries = ModelLogEntry.objects.for_instance(partner).filter(action__startswith="content_api.")
    by_action = {entry.action: entry for entry in entries}
    assert set(by_action) == {
        "content_api.create_webhook",
        "content_api.rotate_webhook_secret",
        "content_api.delete_webhook",
    }
    for entry in by_action.values():
        assert entry.user == office
        assert entry.data["url"] == PUBLIC_URL
        assert first_secret not in json.dumps(entry.data)
        assert second_secret not in json.dumps(entry.data)
        assert "whsec_" not in json.dumps(entry.data)
    history = office_client.get(reverse("partners:history", args=[partner.pk])).content.decode()
    assert f"Đã thêm webhook tới {PUBLIC_URL}" in history
    assert f"Đã đổi khóa ký webhook tới {PUBLIC_URL}" in history
    assert f"Đã xóa webhook tới {PUBLIC_URL}" in history
    assert "whsec_" not in history


def test_the_secret_is_never_logged(office_client, partner, caplog):
    caplog.set_level("DEBUG")
    response = create_subscription(office_client, partner)
    [secret] = secrets_in(response)
    office_client.post(subscription_url("rotate_webhook_secret", partner.subscriptions.get()))
    assert secret not in caplog.text
    assert "whsec_" not in caplog.text


# Delivery log


def test_the_delivery_log_lists_deliveries_and_their_attempts(office_client, subscription, make_delivery):
    gave_up = make_delivery(subscription, status=DeliveryStatus.GAVE_UP, attempts=7, title="Trần Văn Bình")
    WebhookAttempt.objects.create(
        delivery=gave_up, status_code=500, latency_ms=1234, response_snippet="Internal Server Error"
    )
    WebhookAttempt.objects.create(delivery=gave_up, latency_ms=10_000, error="ReadTimeout: quá thời gian")
    succeeded = make_delivery(subscription, kind="news", item_id=7)
    WebhookAttempt.objects.create(delivery=succeeded, status_code=204, latency_ms=87)
    pending = make_delivery(subscription, status=DeliveryStatus.PENDING, attempts=0)
    pending.next_attempt_at = timezone.now() + timedelta(minutes=5)
    pending.save()

    response = office_client.get(subscription_url("subscription_deliveries", subscription))

    assert response.status_code == 200
    listed = [delivery for delivery, _item in response.context["deliveries"]]
    assert listed == [pending, succeeded, gave_up]
    html = response.content.decode()
    for text in (
        "Đã ngừng gửi",
        "Đã gửi thành công",
        "Đang chờ gửi",
        "exemplar #42",
        "Trần Văn Bình",
        "news #7",
        "content.published",
        "Internal Server Error",
        "1234",
        "ReadTimeout: quá thời gian",
        "204",
        "Chưa có lần thử gửi nào.",
    ):
        assert text in html, text
    assert redeliver_url(gave_up) in html
    assert redeliver_url(pending) not in html


def test_the_delivery_log_is_paginated(office_client, subscription, make_delivery):
    made = [make_delivery(subscription) for _ in range(25)]

    first = office_client.get(deliveries_url(subscription.partner))
    second = office_client.get(deliveries_url(subscription.partner), {"p": 2})

    assert len(first.context["deliveries"]) == 20
    assert first.context["page_obj"].paginator.num_pages == 2
    assert [d for d, _item in second.context["deliveries"]] == list(reversed(made[:5]))
    assert 'class="pagination"' in first.content.decode()


def test_the_partners_log_covers_all_its_webhooks_and_only_them(
    office_client, subscription, make_delivery, make_partner
):
    second = WebhookSubscription.objects.create(partner=subscription.partner, url="https://b.example.vn/hook")
    other_partner, _token, _plaintext = make_partner("Tạp chí Kiểm sát", channel_codes=("journal",))
    foreign = WebhookSubscription.objects.create(partner=other_partner, url="https://c.example.vn/hook")
    mine = {make_delivery(subscription), make_delivery(second)}
    make_delivery(foreign)

    response = office_client.get(deliveries_url(subscription.partner))

    assert {delivery for delivery, _item in response.context["deliveries"]} == mine
    assert "https://b.example.vn/hook" in response.content.decode()


def test_send_again_resets_a_delivery_that_gave_up(
    office_client, subscription, make_delivery, django_capture_on_commit_callbacks
):
    delivery = make_delivery(subscription, status=DeliveryStatus.GAVE_UP, attempts=7)
    log_url = subscription_url("subscription_deliveries", subscription)

    with (
        mock.patch("partners.tasks.schedule") as schedule,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = office_client.post(redeliver_url(delivery), {"next": log_url})

    assert response.status_code == 302
    assert response["Location"] == log_url
    schedule.assert_called_once_with(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.attempts == 0
    assert delivery.next_attempt_at is not None
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith(f"Đang gửi lại thông điệp {delivery.message_id}")
    entry = ModelLogEntry.objects.get(action="content_api.redeliver_webhook")
    assert entry.data["message_id"] == delivery.message_id


def test_send_again_makes_a_new_attempt_that_is_recorded(
    office_client, partner, make_delivery, django_capture_on_commit_callbacks, loopback_webhooks
):
    # Nothing listens on the discard port: the attempt fails at once and is logged.
    subscription = WebhookSubscription.objects.create(partner=partner, url="http://127.0.0.1:9/hook")
    delivery = make_delivery(subscription, status=DeliveryStatus.GAVE_UP, attempts=7)

    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(redeliver_url(delivery))

    assert response.status_code == 302
    assert response["Location"] == deliveries_url(partner)
    delivery.refresh_from_db()
    assert delivery.attempts == 1
    assert delivery.status == DeliveryStatus.FAILED
    [attempt] = delivery.attempt_log.all()
    assert attempt.status_code is None
    assert "ConnectionError" in attempt.error
    log = office_client.get(deliveries_url(partner)).content.decode()
    assert "Thất bại, sẽ gửi lại" in log
    assert "ConnectionError" in log


def test_send_again_of_another_partners_delivery_is_not_found(office_client, make_partner, make_delivery):
    other, _token, _plaintext = make_partner("Tạp chí Kiểm sát", channel_codes=("journal",))
    mine, _token, _plaintext = make_partner("Báo Bảo vệ pháp luật", channel_codes=("newspaper",))
    delivery = make_delivery(
        WebhookSubscription.objects.create(partner=other, url=PUBLIC_URL), status=DeliveryStatus.GAVE_UP
    )

    url = reverse("partners:redeliver_webhook", args=[mine.pk, delivery.pk])
    assert office_client.post(url).status_code == 404
    assert office_client.get(redeliver_url(delivery)).status_code == 405
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.GAVE_UP


# Nobody else


@pytest.fixture(params=["unit_editor", "emulation_rewards"])
def outsider(request, editor):
    if request.param == "unit_editor":
        return editor
    return role_user(request.param, request.param)


def test_others_cannot_reach_the_webhook_pages(client, outsider, subscription, make_delivery):
    delivery = make_delivery(subscription, status=DeliveryStatus.GAVE_UP, attempts=7)
    secret = subscription.secret
    client.force_login(outsider)
    urls = [
        webhooks_url(subscription.partner),
        subscription_url("edit_webhook", subscription),
        subscription_url("rotate_webhook_secret", subscription),
        subscription_url("delete_webhook", subscription),
        subscription_url("subscription_deliveries", subscription),
        deliveries_url(subscription.partner),
    ]

    for url in urls:
        assert denied(client.get(url)), url
        answer = client.post(url, {"url": "https://evil.example.vn/", "events": ["content.published"]})
        assert denied(answer), url
        assert secrets_in(answer) == []
    assert denied(client.post(redeliver_url(delivery)))
    assert (
        client.post(redeliver_url(delivery), headers={"x-requested-with": "XMLHttpRequest"}).status_code
        == 403
    )

    assert list(WebhookSubscription.objects.values_list("pk", "url")) == [(subscription.pk, PUBLIC_URL)]
    subscription.refresh_from_db()
    assert subscription.secret == secret
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.GAVE_UP
    assert not ModelLogEntry.objects.filter(action__startswith="content_api.").exists()


def test_changing_partners_is_not_enough_for_webhooks(client, site_tree, subscription):
    """The webhook permissions are needed too, not only the partner's."""
    user = role_user("journal", "partner-keeper")
    user.user_permissions.add(*Permission.objects.filter(codename__in=["change_partner", "view_partner"]))
    client.force_login(user)

    assert client.get(reverse("partners:keys", args=[subscription.partner_id])).status_code == 200
    assert denied(client.get(webhooks_url(subscription.partner)))
    assert denied(client.get(deliveries_url(subscription.partner)))
    html = client.get(reverse("partners:edit", args=[subscription.partner_id])).content.decode()
    assert webhooks_url(subscription.partner) not in html


# The partner's preview settings


def test_the_partner_form_saves_the_preview_settings(office_client, partner):
    edit_url = reverse("partners:edit", args=[partner.pk])
    assert "Địa chỉ xem trước" in office_client.get(edit_url).content.decode()

    response = office_client.post(
        edit_url,
        {
            "name": partner.name,
            "channels": list(partner.channels.values_list("pk", flat=True)),
            "rate_limit": "600",
            "is_active": "on",
            "can_preview": "on",
            "preview_url": "https://baobaovephapluat.vn/xem-truoc/",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    partner.refresh_from_db()
    assert partner.can_preview
    assert partner.preview_url == "https://baobaovephapluat.vn/xem-truoc/"
    listing = office_client.get(reverse("partners:index")).content.decode()
    assert "Xem trước" in listing


def test_previewing_needs_the_partners_preview_page(office_client, partner):
    response = office_client.post(
        reverse("partners:edit", args=[partner.pk]),
        {"name": partner.name, "rate_limit": "600", "is_active": "on", "can_preview": "on"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["preview_url"] == [
        "Nhập địa chỉ xem trước để đối tác xem trước được nội dung chờ duyệt."
    ]
    partner.refresh_from_db()
    assert not partner.can_preview
