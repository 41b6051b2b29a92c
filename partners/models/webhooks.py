"""Webhook subscriptions of partners, their deliveries and every attempt (Standard Webhooks)."""

from __future__ import annotations

import base64
import secrets
from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SECRET_PREFIX = "whsec_"  # noqa: S105 (the Standard Webhooks prefix, not a secret)
ROTATION_OVERLAP = timedelta(hours=24)


class WebhookEvent(models.TextChoices):
    PUBLISHED = "content.published", _("Đăng mới (content.published)")
    UPDATED = "content.updated", _("Cập nhật (content.updated)")
    UNPUBLISHED = "content.unpublished", _("Gỡ xuống (content.unpublished)")
    DELETED = "content.deleted", _("Xóa (content.deleted)")


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def default_events() -> list[str]:
    return [choice.value for choice in WebhookEvent]


class WebhookSubscription(models.Model):
    """
    A partner's URL that hears about changes on its channels.

    The signing secret is needed in clear to sign each delivery (HMAC), so it is stored; it
    is shown to the Office once, when created or rotated. After a rotation the previous
    secret still signs deliveries for 24 hours, so the partner can switch without a gap.
    """

    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("đối tác"),
    )
    url = models.URLField(
        _("địa chỉ nhận"),
        max_length=500,
        help_text=_("Địa chỉ http(s) công khai của đối tác nhận thông báo."),
    )
    events = models.JSONField(
        _("sự kiện"), default=default_events, help_text=_("Các loại thay đổi được gửi tới địa chỉ này.")
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    secret = models.CharField(max_length=100, default=new_secret, editable=False)
    previous_secret = models.CharField(max_length=100, blank=True, editable=False)
    previous_secret_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    disabled_at = models.DateTimeField(_("tự động tắt lúc"), null=True, blank=True, editable=False)
    disabled_reason = models.CharField(_("lý do tắt"), max_length=255, blank=True, editable=False)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("đăng ký webhook")
        verbose_name_plural = _("đăng ký webhook")
        ordering = ["partner__name", "url"]

    def __str__(self) -> str:
        return f"{self.partner} → {self.url}"

    def signing_secrets(self) -> list[str]:
        """The current secret, and the previous one while its 24 hours of overlap last."""
        found = [self.secret]
        if (
            self.previous_secret
            and self.previous_secret_expires_at
            and self.previous_secret_expires_at > timezone.now()
        ):
            found.append(self.previous_secret)
        return found

    def rotate_secret(self) -> str:
        self.previous_secret = self.secret
        self.previous_secret_expires_at = timezone.now() + ROTATION_OVERLAP
        self.secret = new_secret()
        self.save(update_fields=["secret", "previous_secret", "previous_secret_expires_at"])
        return self.secret


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ gửi")
    SENDING = "sending", _("Đang gửi")
    SUCCEEDED = "succeeded", _("Đã gửi thành công")
    FAILED = "failed", _("Thất bại, sẽ gửi lại")
    GAVE_UP = "gave_up", _("Đã ngừng gửi")


class WebhookDelivery(models.Model):
    """One message to one subscription; retried with backoff until it succeeds or gives up."""

    subscription = models.ForeignKey(WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey("partners.ChangeEvent", null=True, on_delete=models.SET_NULL, related_name="+")
    message_id = models.CharField(_("mã thông điệp"), max_length=64, unique=True)
    event_type = models.CharField(_("sự kiện"), max_length=40, choices=WebhookEvent.choices)
    payload = models.TextField(_("nội dung gửi"))
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    next_attempt_at = models.DateTimeField(_("lần gửi tiếp theo"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("lần gửi webhook")
        verbose_name_plural = _("nhật ký gửi webhook")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due")]

    def __str__(self) -> str:
        return f"{self.event_type} → {self.subscription.url}"


class WebhookAttempt(models.Model):
    """One HTTP attempt of a delivery: what the partner's server answered, and how fast."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log")
    attempted_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    status_code = models.PositiveSmallIntegerField(_("mã trả về"), null=True)
    latency_ms = models.PositiveIntegerField(_("thời gian (ms)"), default=0)
    response_snippet = models.CharField(_("trích phản hồi"), max_length=500, blank=True)
    error = models.CharField(_("lỗi"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("lần thử gửi")
        verbose_name_plural = _("các lần thử gửi")
        ordering = ["-attempted_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.delivery_id} @ {self.attempted_at:%Y-%m-%d %H:%M:%S}: {self.status_code or self.error}"

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300
