"""
Abandoned drafts: a page whose latest revision is a draft (Wagtail 8 autosaves the editor
into one) that nobody has touched for `ABANDONED_DRAFT_DAYS` days, outside moderation.

Discarding one goes back to the last revision that meant something: the live one, or the
last one submitted for moderation, whichever is newer. The draft revisions after it are
deleted; the audit log keeps who discarded what, when, and which revision the page went
back to. A page never published nor submitted has nothing to go back to: deleting it is
Wagtail's own delete, with its own permission.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import CharField, F
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import Page, Revision, TaskState, WorkflowState

DISCARD_ACTION = "vksnd.discard_draft"


def abandoned_before() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=settings.ABANDONED_DRAFT_DAYS)


def _page_states():
    return WorkflowState.objects.filter(base_content_type=ContentType.objects.get_for_model(Page))


def abandoned_drafts(pages):
    """Of `pages`, those whose latest revision is a draft older than the setting, not in moderation."""
    in_moderation = (
        _page_states().filter(status=WorkflowState.STATUS_IN_PROGRESS).values_list("object_id", flat=True)
    )
    return (
        pages.filter(
            has_unpublished_changes=True,
            latest_revision__isnull=False,
            latest_revision_created_at__lt=abandoned_before(),
        )
        .exclude(latest_revision_id=F("live_revision_id"))
        # WorkflowState.object_id is text (a generic relation): pages are matched by their id as text.
        .annotate(text_id=Cast("pk", CharField()))
        .exclude(text_id__in=in_moderation)
    )


def restore_point(page: Page) -> Revision | None:
    """The newest of the live revision and the revisions submitted for moderation."""
    candidates = []
    if page.live_revision_id:
        candidates.append(page.live_revision_id)
    submitted = (
        TaskState.objects.filter(
            workflow_state__in=_page_states().filter(object_id=str(page.pk)),
            revision__isnull=False,
        )
        .order_by("-revision_id")
        .values_list("revision_id", flat=True)
        .first()
    )
    if submitted:
        candidates.append(submitted)
    if not candidates:
        return None
    return Revision.objects.get(pk=max(candidates))


@dataclass
class DiscardResult:
    page: Page
    restored: Revision
    discarded: int


def discard_draft(page: Page, user) -> DiscardResult:
    """Discard the abandoned draft of `page` for `user`, who must be allowed to edit it."""
    with transaction.atomic():
        page = Page.objects.select_for_update().get(pk=page.pk).specific
        permissions = page.permissions_for_user(user)
        if not permissions.can_edit() or (page.get_lock() and page.get_lock().for_user(user)):
            raise PermissionDenied(_("Bạn không có quyền bỏ bản nháp của trang này."))
        if not abandoned_drafts(Page.objects.filter(pk=page.pk)).exists():
            raise DraftNotAbandoned(_("Trang không có bản nháp bỏ dở (đã được sửa gần đây hoặc đang duyệt)."))
        restored = restore_point(page)
        if restored is None:
            raise DraftNotAbandoned(
                _("Trang chưa từng được xuất bản hay gửi duyệt: không có bản nào để quay về.")
            )
        drafts = page.revisions.filter(pk__gt=restored.pk)
        discarded = list(drafts.values_list("pk", flat=True))
        last_edited = page.latest_revision_created_at
        log(
            instance=page,
            action=DISCARD_ACTION,
            user=user,
            revision=restored,
            data={
                "restored_revision": restored.pk,
                "discarded_revisions": discarded,
                "last_edited": last_edited.isoformat() if last_edited else None,
            },
        )
        drafts.delete()
        pointers = {
            "latest_revision": restored,
            "latest_revision_created_at": restored.created_at,
            "draft_title": restored.object_str,
            "has_unpublished_changes": restored.pk != page.live_revision_id,
        }
        if page.live:
            # The row holds the live content already; only the draft pointers move back.
            Page.objects.filter(pk=page.pk).update(**pointers)
        else:
            # A page not live keeps its draft in the row too (Wagtail saves the form into it).
            content = restored.as_object()
            for name, value in pointers.items():
                setattr(content, name, value)
            content.save(clean=False)
        return DiscardResult(page=page, restored=restored, discarded=len(discarded))


class DraftNotAbandoned(Exception):
    pass
