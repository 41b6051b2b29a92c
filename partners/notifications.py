"""E-mails of partner sync to the Office (Văn phòng), which manages partners."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from cms.languages import recipient_language
from cms.models import CoordinatingRole, RoleCode


def office_users():
    """The active Office users who have an e-mail address."""
    role = CoordinatingRole.objects.filter(code=RoleCode.OFFICE).select_related("group").first()
    if role is None or role.group is None:
        return get_user_model().objects.none()
    return get_user_model().objects.filter(groups=role.group, is_active=True).exclude(email="").distinct()


def _disabled_message(subscription, language: str) -> tuple[str, str]:
    with translation.override(language):
        subject = _("[CMS Gương điển hình] Đã tắt webhook của đối tác %s") % subscription.partner.name
        body = _(
            "Webhook gửi tới %(url)s của đối tác %(partner)s đã bị tắt tự động.\n"
            "Lý do: %(reason)s\n\n"
            "Sau khi đối tác khắc phục, bật lại đăng ký và dùng “Gửi lại” trong nhật ký gửi webhook:\n"
            "%(admin)s/admin/"
        ) % {
            "url": subscription.url,
            "partner": subscription.partner.name,
            "reason": subscription.disabled_reason,
            "admin": settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
        }
    return subject, body


def notify_subscription_disabled(subscription) -> int:
    """
    Tell the Office users, each in the language of their Wagtail profile, and the partner's
    contact address (not a user: Vietnamese). One e-mail per language; returns how many left.
    """
    languages: dict[str, str] = {}  # address -> language; an address gets one e-mail
    for user in office_users().order_by("pk"):
        languages.setdefault(user.email, recipient_language(user))
    if subscription.partner.contact_email:
        languages.setdefault(subscription.partner.contact_email, settings.LANGUAGE_CODE)
    by_language: dict[str, list[str]] = {}
    for address, language in sorted(languages.items()):
        by_language.setdefault(language, []).append(address)
    sent = 0
    for language, addresses in sorted(by_language.items()):
        subject, body = _disabled_message(subscription, language)
        sent += send_mail(subject, body, None, addresses)
    return sent
