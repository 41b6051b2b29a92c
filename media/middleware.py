"""
Media middleware: an unreachable store gives editors a clear Vietnamese message (not a 500),
and answers of the document view are never cached for someone else.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _

from .storage import storage_errors

logger = logging.getLogger(__name__)

# Where vksnd/site_urls.py (and a host site) mounts Wagtail's document serve view.
DOCUMENTS_PREFIX = "/documents/"

STORAGE_UNAVAILABLE = _(
    "Kho lưu trữ tệp tạm thời không phản hồi nên tệp chưa được lưu. "
    "Vui lòng thử lại sau ít phút; nếu lỗi vẫn tiếp diễn, hãy báo quản trị hệ thống."
)


def wants_json(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept", "")
    return (
        request.headers.get("X-Requested-With") == "XMLHttpRequest"
        or "application/json" in accept
        or request.content_type == "application/json"
    )


class StorageErrorMiddleware:
    """Turns storage errors raised by admin views into a 503 with an explanation."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, storage_errors()) or not request.path.startswith("/admin/"):
            return None
        logger.warning("Media storage failed during %s %s", request.method, request.path, exc_info=exception)
        if wants_json(request):
            return JsonResponse(
                {"success": False, "error_message": str(STORAGE_UNAVAILABLE)},
                status=503,
            )
        return TemplateResponse(
            request,
            "media/storage_unavailable.html",
            {"message": STORAGE_UNAVAILABLE, "back_url": request.get_full_path()},
            status=503,
        )


class DocumentCacheControlMiddleware:
    """
    Wagtail's document view answers with a redirect to a presigned URL or the file itself,
    depending on who asks: a CDN must never keep that answer for someone else, nor keep a
    presigned URL past its expiry.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(DOCUMENTS_PREFIX) and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response
