"""
Webhook deliveries following the Standard Webhooks convention (standardwebhooks.com).

Each delivery is POSTed with `webhook-id`, `webhook-timestamp` and `webhook-signature`
(`v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed by the base64-decoded secret;
during a rotation both secrets sign, space-separated). Failures are retried with backoff
in the background (partners/tasks.py schedules the attempts); a delivery that exhausts its
retries disables the subscription and tells the Office. Targets must be public http(s)
addresses: loopback, private and link-local addresses are refused unless
`WEBHOOK_ALLOW_PRIVATE_TARGETS` (tests only).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import logging
import socket
import time
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from content_api.api.queries import item_detail
from content_api.models import ChangeType

from .access import caller_for_partner
from .models import (
    ChangeEvent,
    DeliveryStatus,
    Partner,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)
from .notifications import notify_subscription_disabled

logger = logging.getLogger("partners.webhooks")

# About 5 s, 5 min, 30 min, 2 h, 5 h, 10 h after the first attempt fails, then give up.
BACKOFF = [
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
]
TIMEOUT_SECONDS = 10
SNIPPET_LENGTH = 500

EVENT_FOR_CHANGE = {
    ChangeType.CREATED: WebhookEvent.PUBLISHED,
    ChangeType.UPDATED: WebhookEvent.UPDATED,
    ChangeType.UNPUBLISHED: WebhookEvent.UNPUBLISHED,
    ChangeType.DELETED: WebhookEvent.DELETED,
}


# Targets


class UnsafeTarget(ValidationError):
    pass


def validate_target(url: str) -> None:
    """Refuse anything but http(s) to public addresses (no SSRF into the internal network)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeTarget(_("Địa chỉ nhận phải bắt đầu bằng http:// hoặc https://."), code="scheme")
    if getattr(settings, "WEBHOOK_ALLOW_PRIVATE_TARGETS", False):
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    except (socket.gaierror, UnicodeError):
        raise UnsafeTarget(_("Không phân giải được tên miền “%s”.") % parts.hostname, code="dns") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise UnsafeTarget(
                _("Địa chỉ nhận trỏ tới mạng nội bộ hoặc máy cục bộ (%s); chỉ chấp nhận địa chỉ công khai.")
                % address,
                code="private",
            )


# Signing


def sign(secret: str, message_id: str, timestamp: int, body: str) -> str:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    content = f"{message_id}.{timestamp}.{body}".encode()
    return "v1," + base64.b64encode(hmac.new(key, content, hashlib.sha256).digest()).decode()


def signature_header(subscription: WebhookSubscription, message_id: str, timestamp: int, body: str) -> str:
    return " ".join(sign(secret, message_id, timestamp, body) for secret in subscription.signing_secrets())


# Fan-out


def payload_for(event: ChangeEvent, change: str, partner: Partner) -> dict:
    """The same JSON the API gives this partner for the item, or a tombstone."""
    data = None
    if change in (ChangeType.CREATED, ChangeType.UPDATED):
        found = item_detail(caller_for_partner(partner), event.kind, event.page_id)
        data = found[0] if found else None
    if data is None:
        data = {"type": event.kind, "id": event.page_id, "locale": event.locale, "tombstone": True}
    return {"type": EVENT_FOR_CHANGE[change].value, "timestamp": event.occurred_at.isoformat(), "data": data}


def fan_out(event_id: int) -> list[WebhookDelivery]:
    """
    One delivery per active subscription that cares about this change on its channels; the
    caller schedules their first attempts once the deliveries are committed.
    """
    event = (
        ChangeEvent.objects.filter(pk=event_id).prefetch_related("channels_before", "channels_after").first()
    )
    if event is None:
        return []
    subscriptions = WebhookSubscription.objects.filter(
        is_active=True, disabled_at__isnull=True, partner__is_active=True
    ).select_related("partner")
    created = []
    for subscription in subscriptions:
        partner = subscription.partner
        seen = event.as_seen_by(partner.channels.values_list("pk", flat=True))
        if seen is None:
            continue
        change, _reason = seen
        if EVENT_FOR_CHANGE[change] not in subscription.events:
            continue
        payload = json.dumps(payload_for(event, change, partner), ensure_ascii=False, separators=(",", ":"))
        delivery = WebhookDelivery.objects.create(
            subscription=subscription,
            event=event,
            message_id=f"msg_{uuid.uuid4().hex}",
            event_type=EVENT_FOR_CHANGE[change],
            payload=payload,
            next_attempt_at=timezone.now(),
        )
        created.append(delivery)
    return created


# Delivery


def attempt(delivery: WebhookDelivery) -> WebhookAttempt:
    """POST the delivery once and record what happened."""
    subscription = delivery.subscription
    timestamp = int(time.time())
    headers = {
        "content-type": "application/json",
        "user-agent": "vksnd-cms-webhooks/1",
        "webhook-id": delivery.message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature_header(subscription, delivery.message_id, timestamp, delivery.payload),
    }
    started = time.monotonic()
    status_code, snippet, error = None, "", ""
    try:
        validate_target(subscription.url)
        response = requests.post(
            subscription.url,
            data=delivery.payload.encode(),
            headers=headers,
            timeout=TIMEOUT_SECONDS,
            allow_redirects=False,  # a redirect could lead anywhere, including inside
            stream=True,  # read no more of the answer than the log keeps
        )
        with response:
            status_code = response.status_code
            snippet = response.raw.read(SNIPPET_LENGTH, decode_content=True).decode("utf-8", "replace")
    except ValidationError as exc:
        error = "; ".join(exc.messages)
    except requests.RequestException as exc:
        error = f"{type(exc).__name__}: {exc}"[:SNIPPET_LENGTH]
    latency = int((time.monotonic() - started) * 1000)
    return WebhookAttempt.objects.create(
        delivery=delivery, status_code=status_code, latency_ms=latency, response_snippet=snippet, error=error
    )


def deliver(delivery_id: int) -> WebhookDelivery | None:
    """
    One attempt of a pending or failed delivery, then success, a retry later (scheduled by
    the caller, see partners.tasks), or giving up.
    """
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update()
            .select_related("subscription__partner")
            .filter(pk=delivery_id, status__in=[DeliveryStatus.PENDING, DeliveryStatus.FAILED])
            .first()
        )
        if delivery is None:
            return None
        subscription = delivery.subscription
        if not subscription.is_active or subscription.disabled_at:
            return delivery
        result = attempt(delivery)
        delivery.attempts += 1
        if result.succeeded:
            delivery.status, delivery.next_attempt_at = DeliveryStatus.SUCCEEDED, None
        elif delivery.attempts <= len(BACKOFF):
            delivery.status = DeliveryStatus.FAILED
            delivery.next_attempt_at = timezone.now() + BACKOFF[delivery.attempts - 1]
        else:
            delivery.status, delivery.next_attempt_at = DeliveryStatus.GAVE_UP, None
        delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
    if delivery.status == DeliveryStatus.GAVE_UP:
        reason = ngettext(
            "Gửi không thành công sau %d lần thử.", "Gửi không thành công sau %d lần thử.", delivery.attempts
        )
        disable(subscription, reason=reason % delivery.attempts)
    return delivery


def due_deliveries(now=None) -> list[int]:
    """Ids of the deliveries whose time has come."""
    now = now or timezone.now()
    due = WebhookDelivery.objects.filter(
        status__in=[DeliveryStatus.PENDING, DeliveryStatus.FAILED], next_attempt_at__lte=now
    )
    return list(due.values_list("pk", flat=True))


def redeliver(delivery: WebhookDelivery) -> WebhookDelivery:
    """
    The Office's "send again": the same message (same id) gets a fresh series of attempts;
    the caller schedules the first one.
    """
    delivery.status = DeliveryStatus.PENDING
    delivery.attempts = 0
    delivery.next_attempt_at = timezone.now()
    delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
    return delivery


def disable(subscription: WebhookSubscription, *, reason: str) -> None:
    """Turn a failing subscription off and tell the Office."""
    subscription.disabled_at = timezone.now()
    subscription.disabled_reason = reason[:255]
    subscription.save(update_fields=["disabled_at", "disabled_reason"])
    logger.warning("webhook subscription %s disabled: %s", subscription.pk, reason)
    notify_subscription_disabled(subscription)
