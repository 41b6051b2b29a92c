"""Admin registrations of the content API: the partners, the audit log of their keys and webhooks."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogActionRegistry, LogFormatter
from wagtail.models import ModelLogEntry

from cms.models import RoleCode

from .views import (
    CHANGE_WEBHOOK_ACTION,
    CREATE_WEBHOOK_ACTION,
    DELETE_WEBHOOK_ACTION,
    ISSUE_KEY_ACTION,
    REDELIVER_WEBHOOK_ACTION,
    REVOKE_KEY_ACTION,
    ROTATE_WEBHOOK_KEY_ACTION,
)
from .viewsets import PartnerViewSet


@hooks.register("register_admin_viewset")
def register_partner_viewset() -> PartnerViewSet:
    return PartnerViewSet("partners", url_prefix="partners")


class KeyLogFormatter(LogFormatter):
    """Names the key by its label and displayable prefix (the key itself is never logged)."""

    named_message = ""

    def format_message(self, log_entry: ModelLogEntry) -> str:
        data = log_entry.data or {}
        if "name" in data and "prefix" in data:
            return self.named_message % {"name": data["name"], "prefix": data["prefix"]}
        return self.message


@hooks.register("register_log_actions")
def register_key_log_actions(actions: LogActionRegistry) -> None:
    @actions.register_action(ISSUE_KEY_ACTION)
    class IssueKeyFormatter(KeyLogFormatter):
        label = _("Cấp khóa API")
        message = _("Đã cấp khóa API")
        named_message = _("Đã cấp khóa API “%(name)s” (%(prefix)s…)")

    @actions.register_action(REVOKE_KEY_ACTION)
    class RevokeKeyFormatter(KeyLogFormatter):
        label = _("Thu hồi khóa API")
        message = _("Đã thu hồi khóa API")
        named_message = _("Đã thu hồi khóa API “%(name)s” (%(prefix)s…)")


class WebhookLogFormatter(LogFormatter):
    """Names the subscription by its URL (the signing secret is never logged)."""

    url_message = ""

    def format_message(self, log_entry: ModelLogEntry) -> str:
        data = log_entry.data or {}
        if "url" in data:
            return self.url_message % {"url": data["url"], "message_id": data.get("message_id", "")}
        return self.message


@hooks.register("register_log_actions")
def register_webhook_log_actions(actions: LogActionRegistry) -> None:
    @actions.register_action(CREATE_WEBHOOK_ACTION)
    class CreateWebhookFormatter(WebhookLogFormatter):
        label = _("Thêm webhook")
        message = _("Đã thêm webhook")
        url_message = _("Đã thêm webhook tới %(url)s")

    @actions.register_action(CHANGE_WEBHOOK_ACTION)
    class ChangeWebhookFormatter(WebhookLogFormatter):
        label = _("Sửa webhook")
        message = _("Đã sửa webhook")
        url_message = _("Đã sửa webhook tới %(url)s")

    @actions.register_action(ROTATE_WEBHOOK_KEY_ACTION)
    class RotateWebhookSecretFormatter(WebhookLogFormatter):
        label = _("Đổi khóa ký webhook")
        message = _("Đã đổi khóa ký webhook")
        url_message = _("Đã đổi khóa ký webhook tới %(url)s")

    @actions.register_action(DELETE_WEBHOOK_ACTION)
    class DeleteWebhookFormatter(WebhookLogFormatter):
        label = _("Xóa webhook")
        message = _("Đã xóa webhook")
        url_message = _("Đã xóa webhook tới %(url)s")

    @actions.register_action(REDELIVER_WEBHOOK_ACTION)
    class RedeliverWebhookFormatter(WebhookLogFormatter):
        label = _("Gửi lại webhook")
        message = _("Đã gửi lại thông điệp webhook")
        url_message = _("Đã gửi lại thông điệp webhook %(message_id)s tới %(url)s")


@hooks.register("register_role_permissions")
def role_permissions():
    """The Office manages the partners, their keys and webhooks, and reads the delivery log."""
    return {
        RoleCode.OFFICE: (
            "partners.add_partner",
            "partners.change_partner",
            "partners.delete_partner",
            "partners.view_partner",
            "partners.add_webhooksubscription",
            "partners.change_webhooksubscription",
            "partners.delete_webhooksubscription",
            "partners.view_webhooksubscription",
            "partners.view_webhookdelivery",
        )
    }
