"""Requests the database cannot answer are refused before they reach it."""

from __future__ import annotations

from django.http import HttpResponseBadRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _


def admin_prefix() -> str | None:
    """
    Only the admin: the APIs answer unsafe parameters as problem+json themselves
    (content_api/api/params.py) and the public site explains them in its search form.
    """
    try:
        return reverse("wagtailadmin_home")
    except NoReverseMatch:
        return None


def has_nul(request) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
    )


class NulQueryMiddleware:
    """
    A NUL byte in an admin query string (a listing's `?q=`, a filter) reached PostgreSQL,
    which cannot store or compare it, and the page answered 500. No listing or filter has
    a use for it: the request is refused with a plain 400.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        prefix = admin_prefix()
        if prefix and request.path.startswith(prefix) and has_nul(request):
            return HttpResponseBadRequest(
                _("Địa chỉ có ký tự không hợp lệ (ký tự NUL); hãy bỏ ký tự đó rồi thử lại."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
