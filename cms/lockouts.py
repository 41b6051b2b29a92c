"""
Admin logins locked after repeated failures (django-axes), and their unlocking in the admin.

django-axes counts failed logins per username *and* address together
(AXES_LOCKOUT_PARAMETERS in settings/base.py): someone guessing a colleague's password from
elsewhere locks only their own pair, never the colleague out of their own desk. A locked pair
gets Wagtail's login page with a Vietnamese message and status 429; the Office (or a
superuser) lifts the lock early by deleting the record under Settings → "Đăng nhập bị khóa".
axes registers its records in Django's admin, which this site does not run; Wagtail's
ModelViewSet lists them instead.

axes keeps usernames and addresses: its counters (AccessAttempt) are dropped only when that
pair tries again, its failure and login logs never. `purge_records` (`manage.py
purge_login_records`, daily) drops them with axes' own handlers: counters whose cool-off has
ended, logs older than LOGIN_RECORD_RETENTION_DAYS.
"""

from __future__ import annotations

from dataclasses import dataclass

from asgiref.sync import sync_to_async
from axes.backends import AxesStandaloneBackend
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

LOCKED_MESSAGE = _(
    "Tài khoản tạm khóa do đăng nhập sai quá nhiều lần từ địa chỉ này. Vui lòng thử lại sau "
    "%(minutes)s phút hoặc liên hệ Văn phòng để được mở khóa."
)


def locked_message():
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return LOCKED_MESSAGE % {"minutes": minutes}


def locked_out(request, original_response=None, credentials=None) -> HttpResponse:
    """
    AXES_LOCKOUT_CALLABLE: the login page the view rendered (its form says why, see
    cms.account.LoginForm), with status 429; a plain message for any other locked request.
    """
    if original_response is not None and original_response.status_code == 200:
        original_response.status_code = 429
        return original_response
    return HttpResponse(locked_message(), status=429, content_type="text/plain; charset=utf-8")


class LockoutViewSet(ModelViewSet):
    """Locked (and counting) login attempts; deleting one unlocks that username at that address."""

    model = AccessAttempt
    icon = "lock"
    menu_label = _("Đăng nhập bị khóa")
    add_to_settings_menu = True
    # Nobody adds or edits these records: they are only read and deleted (unlocked).
    form_fields = ["failures_since_start"]
    inspect_view_enabled = False
    list_display = [
        Column("username", label=_("Tên đăng nhập")),
        Column("ip_address", label=_("Địa chỉ IP")),
        Column("failures_since_start", label=_("Số lần sai")),
        DateColumn("attempt_time", label=_("Lần sai gần nhất")),
    ]
    search_fields = ["username", "ip_address"]
    ordering = ["-attempt_time"]


class LockoutBackend(AxesStandaloneBackend):
    """
    axes' lockout check as the first authentication backend, with the async method Django
    calls (`aauthenticate`), which axes' standalone backend lacks. No `get_user`: sessions
    are restored by the model backend (Django's test client picks the first backend that has one).
    """

    async def aauthenticate(self, request, **credentials):
        return await sync_to_async(self.authenticate)(request, **credentials)


@dataclass(frozen=True)
class Purged:
    attempts: int
    failure_logs: int
    access_logs: int


def purge_records(retention_days: int | None = None) -> Purged:
    """
    Drop what axes no longer needs, through its configured handler: counters past their
    cool-off (they lock nobody any more), failure and login logs older than the retention.
    """
    days = settings.LOGIN_RECORD_RETENTION_DAYS if retention_days is None else retention_days
    handler = AxesProxyHandler.get_implementation()
    # axes measures the cool-off from the request's attempt time; a purge has no request.
    now = HttpRequest()
    now.axes_attempt_time = timezone.now()
    # Only axes' database handler keeps counters in the database (a cache handler's expire).
    clean = getattr(handler, "clean_expired_user_attempts", None)
    return Purged(
        attempts=clean(request=now) or 0 if clean else 0,
        failure_logs=handler.reset_failure_logs(age_days=days) or 0,
        access_logs=handler.reset_logs(age_days=days) or 0,
    )
