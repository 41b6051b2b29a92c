"""Admin registrations of the content API: the partners and the audit log of their keys."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogActionRegistry, LogFormatter
from wagtail.models import ModelLogEntry

from .views import ISSUE_KEY_ACTION, REVOKE_KEY_ACTION
from .viewsets import PartnerViewSet


@hooks.register("register_admin_viewset")
def register_partner_viewset() -> PartnerViewSet:
    return PartnerViewSet("content_api_partners", url_prefix="partners")


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
