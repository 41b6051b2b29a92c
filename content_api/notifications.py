"""E-mails of the content API to the Office (Văn phòng), which manages partners."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from cms.models import CoordinatingRole
from cms.models.roles import RoleCode


def office_emails() -> list[str]:
    role = CoordinatingRole.objects.filter(code=RoleCode.OFFICE).select_related("group").first()
    if role is None or role.group is None:
        return []
    users = get_user_model().objects.filter(groups=role.group, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def notify_subscription_disabled(subscription) -> int:
    recipients = office_emails()
    if subscription.partner.contact_email:
        recipients.append(subscription.partner.contact_email)
    if not recipients:
        return 0
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
    return send_mail(subject, body, None, sorted(set(recipients)))
