"""Partner sync: partners and their keys, the change feed, webhook subscriptions and deliveries."""

from .feed import ChangeEvent
from .partners import KeyScope, Partner, PartnerToken
from .webhooks import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)

__all__ = [
    "ChangeEvent",
    "DeliveryStatus",
    "KeyScope",
    "Partner",
    "PartnerToken",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEvent",
    "WebhookSubscription",
]
