from .documents import ContentDocument, DocumentKind
from .feed import ChangeEvent, ChangeType
from .partners import Partner, PartnerToken
from .webhooks import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)

__all__ = [
    "ChangeEvent",
    "ChangeType",
    "ContentDocument",
    "DeliveryStatus",
    "DocumentKind",
    "Partner",
    "PartnerToken",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEvent",
    "WebhookSubscription",
]
