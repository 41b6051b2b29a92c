"""
Webhook deliveries following the Standard Webhooks convention (standardwebhooks.com).

Each delivery is POSTed with `webhook-id`, `webhook-timestamp` and `webhook-signature`
(`v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed by the base64-decoded secret;
during a rotation both secrets sign, space-separated). Failures are retried with backoff
in the background (partners/tasks.py schedules the attempts); a delivery that exhausts its
retries disables the subscription and tells the Office. Targets must be public http(s)
addresses: loopback, private and link-local addresses are refused unless
`WEBHOOK_ALLOW_PRIVATE_TARGETS` (tests only), and the connection goes to the very address
that was checked (no second DNS answer can send it elsewhere).

Exactly once per schedule: an attempt first *claims* its delivery in a short transaction
(due, not taken, then marked "sending" with a lease), makes the HTTP request outside any
transaction, and records the outcome in a second short transaction. The cron and a deferred
task that both find the delivery due cannot both claim it; a worker killed mid-request leaves
the lease, after which the delivery is due again (same message id, so receivers deduplicate).
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
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit, urlunsplit

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from requests.adapters import HTTPAdapter

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
DUE_STATUSES = [DeliveryStatus.PENDING, DeliveryStatus.FAILED, DeliveryStatus.SENDING]

EVENT_FOR_CHANGE = {
    ChangeType.CREATED: WebhookEvent.PUBLISHED,
    ChangeType.UPDATED: WebhookEvent.UPDATED,
    ChangeType.UNPUBLISHED: WebhookEvent.UNPUBLISHED,
    ChangeType.DELETED: WebhookEvent.DELETED,
}


# Targets


class UnsafeTarget(ValidationError):
    pass


def validate_target(url: str) -> str:
    """
    Refuse anything but http(s) to public addresses (no SSRF into the internal network);
    answer the address to connect to, the one that was checked.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeTarget(_("Địa chỉ nhận phải bắt đầu bằng http:// hoặc https://."), code="scheme")
    try:
        infos = socket.getaddrinfo(
            parts.hostname, parts.port or (443 if parts.scheme == "https" else 80), proto=socket.IPPROTO_TCP
        )
    except (socket.gaierror, UnicodeError, ValueError):
        raise UnsafeTarget(_("Không phân giải được tên miền “%s”.") % parts.hostname, code="dns") from None
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    if not addresses:
        raise UnsafeTarget(_("Không phân giải được tên miền “%s”.") % parts.hostname, code="dns")
    if not getattr(settings, "WEBHOOK_ALLOW_PRIVATE_TARGETS", False):
        for address in addresses:
            if not address.is_global:
                raise UnsafeTarget(
                    _(
                        "Địa chỉ nhận trỏ tới mạng nội bộ hoặc máy cục bộ (%s); chỉ chấp nhận địa chỉ công khai."
                    )
                    % address,
                    code="private",
                )
    return str(addresses[0])


class PinnedAdapter(HTTPAdapter):
    """
    Connects to an address already checked, while TLS still sends and verifies the host's
    name (SNI and certificate), so a DNS answer that changes between the check and the
    connection (rebinding) cannot lead inside.
    """

    def __init__(self, hostname: str, **kwargs) -> None:
        self.hostname = hostname
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs) -> None:
        kwargs["server_hostname"] = self.hostname
        kwargs["assert_hostname"] = self.hostname
        super().init_poolmanager(*args, **kwargs)


def post_pinned(url: str, address: str, *, data: bytes, headers: dict) -> requests.Response:
    """POST to `url` through `address` (the checked one), never resolving the name again."""
    parts = urlsplit(url)
    host = f"[{address}]" if ":" in address else address
    netloc = f"{host}:{parts.port}" if parts.port else host
    pinned = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
    name = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    headers = {**headers, "host": f"{name}:{parts.port}" if parts.port else name}
    with requests.Session() as session:
        session.trust_env = False  # no proxy from the environment: it would resolve the name itself
        session.mount(f"{parts.scheme}://", PinnedAdapter(parts.hostname))
        return session.post(
            pinned,
            data=data,
            headers=headers,
            timeout=TIMEOUT_SECONDS,
            allow_redirects=False,  # a redirect could lead anywhere, including inside
            stream=True,  # read no more of the answer than the log keeps
        )


# Signing


def sign(secret: str, message_id: str, timestamp: int, body: str) -> str:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    content = f"{message_id}.{timestamp}.{body}".encode()
    return "v1," + base64.b64encode(hmac.new(key, content, hashlib.sha256).digest()).decode()


def signature_header(subscription: WebhookSubscription, message_id: str, timestamp: int, body: str) -> str:
    return " ".join(sign(secret, message_id, timestamp, body) for secret in subscription.signing_secrets())


def lease() -> timedelta:
    """
    How long a claimed attempt may take before another worker may try it again (keep it
    above TIMEOUT_SECONDS, or a slow partner gets the message twice).
    """
    return timedelta(seconds=settings.WEBHOOK_ATTEMPT_LEASE_SECONDS)


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


@dataclass(frozen=True)
class Outcome:
    """What one HTTP attempt gave, before it is recorded."""

    status_code: int | None
    latency_ms: int
    snippet: str = ""
    error: str = ""


def send(delivery: WebhookDelivery) -> Outcome:
    """POST the delivery once; never inside a transaction (it may take TIMEOUT_SECONDS)."""
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
        address = validate_target(subscription.url)
        response = post_pinned(subscription.url, address, data=delivery.payload.encode(), headers=headers)
        with response:
            status_code = response.status_code
            snippet = response.raw.read(SNIPPET_LENGTH, decode_content=True).decode("utf-8", "replace")
    except ValidationError as exc:
        error = "; ".join(exc.messages)  # refused before any connection: nothing was read
    except requests.RequestException as exc:
        error = f"{type(exc).__name__}: {exc}"[:SNIPPET_LENGTH]
    latency = int((time.monotonic() - started) * 1000)
    return Outcome(status_code=status_code, latency_ms=latency, snippet=snippet[:SNIPPET_LENGTH], error=error)


def claim(delivery_id: int) -> WebhookDelivery | None:
    """
    Take a due delivery for one attempt, or nothing when it is not due, already taken by
    another worker, finished, or its subscription is off. Commits at once.
    """
    now = timezone.now()
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("subscription__partner")
            .filter(pk=delivery_id, status__in=DUE_STATUSES, next_attempt_at__lte=now)
            .first()
        )
        if delivery is None:
            return None
        subscription = delivery.subscription
        if not subscription.is_active or subscription.disabled_at or not subscription.partner.is_active:
            return None
        delivery.status = DeliveryStatus.SENDING
        delivery.attempts += 1
        delivery.next_attempt_at = now + lease()
        delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
    return delivery


def record(delivery: WebhookDelivery, outcome: Outcome) -> WebhookDelivery:
    """
    Log the attempt and move the delivery on: success, a retry later, or giving up. An
    attempt whose lease was taken over meanwhile is logged but decides nothing.
    """
    with transaction.atomic():
        WebhookAttempt.objects.create(
            delivery=delivery,
            status_code=outcome.status_code,
            latency_ms=outcome.latency_ms,
            response_snippet=outcome.snippet,
            error=outcome.error,
        )
        current = (
            WebhookDelivery.objects.select_for_update()
            .filter(pk=delivery.pk, status=DeliveryStatus.SENDING, attempts=delivery.attempts)
            .first()
        )
        if current is None:
            delivery.refresh_from_db()
            return delivery
        if outcome.status_code is not None and 200 <= outcome.status_code < 300:
            delivery.status, delivery.next_attempt_at = DeliveryStatus.SUCCEEDED, None
        elif delivery.attempts <= len(BACKOFF):
            delivery.status = DeliveryStatus.FAILED
            delivery.next_attempt_at = timezone.now() + BACKOFF[delivery.attempts - 1]
        else:
            delivery.status, delivery.next_attempt_at = DeliveryStatus.GAVE_UP, None
        delivery.save(update_fields=["status", "next_attempt_at"])
    return delivery


def deliver(delivery_id: int) -> WebhookDelivery | None:
    """
    One attempt of a due delivery (claimed, sent outside any transaction, recorded), then
    success, a retry later (scheduled by the caller, see partners.tasks), or giving up.
    None when there was nothing to attempt.
    """
    delivery = claim(delivery_id)
    if delivery is None:
        return None
    delivery = record(delivery, send(delivery))
    if delivery.status == DeliveryStatus.GAVE_UP:
        reason = ngettext(
            "Gửi không thành công sau %d lần thử.", "Gửi không thành công sau %d lần thử.", delivery.attempts
        )
        disable(delivery.subscription, reason=reason % delivery.attempts)
    return delivery


def due_deliveries(now=None) -> list[int]:
    """Ids of the deliveries whose time has come (an expired lease counts: its worker died)."""
    now = now or timezone.now()
    due = WebhookDelivery.objects.filter(status__in=DUE_STATUSES, next_attempt_at__lte=now)
    return list(due.order_by("next_attempt_at", "pk").values_list("pk", flat=True))


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
