"""
Headless preview: a short-lived signed link that lets one partner read one revision of one
page in moderation, in the shape of the detail endpoint.

The token is a Django signature (SECRET_KEY, salted) over the page, the revision and the
partner: it cannot be forged or moved to another page, and it expires after
CONTENT_API_PREVIEW_SECONDS (30 minutes by default).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Revision

from content_api.representations import BUILDERS, KIND_BY_MODEL

from .models import Partner

SALT = "content-api.preview"
# The page editor's preview mode that lists the signed links (registered by partners/apps.py).
PREVIEW_MODE = "partners"
PREVIEW_MODE_LABEL = _("Xem trên trang đối tác")


class InvalidPreviewToken(Exception):
    """Expired, tampered with, or not for this page."""


@dataclass(frozen=True)
class PreviewGrant:
    page_id: int
    revision_id: int
    partner_id: int


def make_token(partner: Partner, page: Page, revision: Revision) -> str:
    return signing.dumps({"p": page.pk, "r": revision.pk, "u": partner.pk}, salt=SALT, compress=True)


def preview_link(partner: Partner, page: Page, revision: Revision) -> str:
    kind = KIND_BY_MODEL.get(page.specific_class, "")
    query = urlencode({"token": make_token(partner, page, revision), "id": page.pk, "type": kind})
    separator = "&" if "?" in partner.preview_url else "?"
    return f"{partner.preview_url}{separator}{query}"


def partners_for(page: Page):
    """Partners entitled to preview `page`: allowed to preview, active, sharing one of its channels."""
    channel_ids = [c.pk for c in page.specific.channels.all()] if hasattr(page.specific, "channels") else []
    return (
        Partner.objects.filter(is_active=True, can_preview=True, channels__in=channel_ids)
        .exclude(preview_url="")
        .distinct()
        .order_by("name")
    )


def read_token(token: str, page_id: int | None = None) -> PreviewGrant:
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.CONTENT_API_PREVIEW_SECONDS)
        grant = PreviewGrant(page_id=int(data["p"]), revision_id=int(data["r"]), partner_id=int(data["u"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise InvalidPreviewToken from None
    if page_id is not None and page_id != grant.page_id:
        raise InvalidPreviewToken
    if not Partner.objects.filter(pk=grant.partner_id, is_active=True, can_preview=True).exists():
        raise InvalidPreviewToken
    return grant


def _workflow(page: Page) -> dict | None:
    state = page.current_workflow_state
    if state is None:
        return None
    task = state.current_task_state.task if state.current_task_state else None
    return {
        "workflow": state.workflow.name,
        "stage": task.name if task else None,
        "status": state.status,
        "submitted_at": state.created_at.isoformat() if state.created_at else None,
    }


def preview_document(grant: PreviewGrant) -> dict:
    """The revision as the detail endpoint would give it, plus where it stands in moderation."""
    revision = Revision.page_revisions.filter(pk=grant.revision_id, object_id=str(grant.page_id)).first()
    page = Page.objects.filter(pk=grant.page_id).first()
    if revision is None or page is None:
        raise InvalidPreviewToken
    obj = revision.as_object()
    kind = KIND_BY_MODEL.get(type(obj))
    if kind is None:
        raise InvalidPreviewToken
    _summary_of, detail_of = BUILDERS[kind]
    data, _refs = detail_of(obj)
    data = json.loads(json.dumps(data))
    data["translations"] = {}
    data["preview"] = {
        "revision_id": revision.pk,
        "created_at": revision.created_at.isoformat(),
        "live": page.live,
        "moderation": _workflow(page),
        "generated_at": timezone.now().isoformat(),
    }
    return data


def partner_links_response(page: Page, request):
    """The admin preview panel's "partners" mode: one signed link per entitled partner."""
    saved = Page.objects.filter(pk=page.pk).first() if page.pk else None
    revision = saved.latest_revision if saved else None
    links = []
    if revision is not None:
        links = [(partner, preview_link(partner, saved, revision)) for partner in partners_for(saved)]
    context = {"revision": revision, "links": links, "minutes": settings.CONTENT_API_PREVIEW_SECONDS // 60}
    response = TemplateResponse(request, "partners/preview/partner_links.html", context)
    response["Cache-Control"] = "no-store"
    return response
