"""
JSON endpoints of direct video uploads (media/uploads.py), called by media/js/video-upload.js.

Only editors who may add video clips to some collection may use them; errors come back as
`{"error": "<Vietnamese message>"}` with status 400 (refused) or 503 (the store failed).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST

from . import uploads
from .middleware import STORAGE_UNAVAILABLE
from .storage import storage_errors
from .views import permission_policy

logger = logging.getLogger(__name__)


def _payload(request: HttpRequest) -> dict[str, Any]:
    try:
        data = json.loads(request.body or b"{}")
    except ValueError as exc:
        raise ValidationError("JSON") from exc
    if not isinstance(data, dict):
        raise ValidationError("JSON")
    return data


def _endpoint(action):
    @require_POST
    def view(request: HttpRequest) -> JsonResponse:
        if not permission_policy.user_has_permission(request.user, "add"):
            raise PermissionDenied
        if not uploads.direct_uploads_enabled():
            return JsonResponse({"error": "direct uploads are off"}, status=404)
        try:
            return JsonResponse(action(request, _payload(request)))
        except ValidationError as error:
            return JsonResponse({"error": " ".join(error.messages)}, status=400)
        except storage_errors():
            logger.warning("Direct video upload failed at the store", exc_info=True)
            return JsonResponse({"error": str(STORAGE_UNAVAILABLE)}, status=503)

    view.__name__ = action.__name__
    return view


@_endpoint
def start_upload(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    try:
        size = int(data.get("size", 0))
    except (TypeError, ValueError):
        size = 0
    return uploads.start(request.user, str(data.get("filename", "")), size)


@_endpoint
def complete_upload(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    parts = data.get("parts")
    if not isinstance(parts, list):
        raise ValidationError("parts")
    return {"uploaded": uploads.complete(request.user, str(data.get("ticket", "")), parts)}


@_endpoint
def abort_upload(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    uploads.abort(request.user, str(data.get("ticket", "")))
    return {"aborted": True}


@require_POST
def store_local_upload(request: HttpRequest) -> JsonResponse:
    """With local storage: the clip alone, posted by the form's script so that it shows progress."""
    if not permission_policy.user_has_permission(request.user, "add"):
        raise PermissionDenied
    if uploads.direct_uploads_enabled():
        return JsonResponse({"error": "uploads go to the bucket"}, status=404)
    file = request.FILES.get("file")
    if file is None:
        return JsonResponse({"error": str(forms.Field.default_error_messages["required"])}, status=400)
    try:
        return JsonResponse({"uploaded": uploads.store_local(request.user, file)})
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    except storage_errors():
        logger.warning("Local video upload failed at the store", exc_info=True)
        return JsonResponse({"error": str(STORAGE_UNAVAILABLE)}, status=503)
