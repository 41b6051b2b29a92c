"""
What happens to a comment: it is submitted (held), moderated (approved, rejected, spam), shown
only once approved, and its commenter's personal data is erased on request or when it is old.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.models import Channel, CoordinatingRole, RoleCode
from content_api import versioning

from .models import Comment, CommentDigest, CommentModeration, CommentStatus
from .signals import comments_changed

ERASED_NAME = "—"


@dataclass(frozen=True)
class Submission:
    """A comment as the reader wrote it (already cleaned by the form or the API schema)."""

    name: str
    email: str
    body: str


def submit(
    page_id: int, submission: Submission, *, channel: Channel, ip: str | None, partner_id=None
) -> Comment:
    """Hold a new comment for moderation; nothing of it is public."""
    return Comment.objects.create(
        page_id=page_id,
        channel=channel,
        partner_id=partner_id,
        name=submission.name,
        email=submission.email,
        body=submission.body,
        ip_address=ip or None,
    )


def refresh_pages(page_ids: Iterable[int]) -> None:
    """The pages' HTML (in the shared page cache and the CDN) no longer shows the right comments."""
    ids = sorted(set(page_ids))
    if not ids:
        return
    versioning.bump()
    transaction.on_commit(lambda: comments_changed.send(sender=Comment, page_ids=ids))


@transaction.atomic
def moderate(
    comments: QuerySet[Comment] | Iterable[Comment], status: str, user: AbstractBaseUser | None
) -> int:
    """Set the state of several comments at once; pages that show (or showed) one are refreshed."""
    ids = [comment.pk for comment in comments]
    rows = Comment.objects.select_for_update().filter(pk__in=ids).exclude(status=status)
    touched = list(rows.values_list("pk", "page_id", "status"))
    Comment.objects.filter(pk__in=[pk for pk, _page, _status in touched]).update(
        status=status, moderated_at=timezone.now(), moderated_by=user
    )
    visible = [page for _pk, page, old in touched if CommentStatus.APPROVED in (old, status)]
    refresh_pages(visible)
    return len(touched)


@transaction.atomic
def erase(comment: Comment) -> None:
    """A commenter's request (Decree 13/2023): name, e-mail, IP and text are gone; the row stays."""
    was_shown = comment.status == CommentStatus.APPROVED
    Comment.objects.filter(pk=comment.pk).update(
        name=ERASED_NAME,
        email="",
        ip_address=None,
        body="",
        status=CommentStatus.REJECTED,
        erased_at=timezone.now(),
    )
    if was_shown:
        refresh_pages([comment.page_id])


def purge_ips(now: datetime.datetime | None = None) -> int:
    """Forget IP addresses older than COMMENT_IP_RETENTION_DAYS; returns how many were forgotten."""
    limit = (now or timezone.now()) - datetime.timedelta(days=settings.COMMENT_IP_RETENTION_DAYS)
    return Comment.objects.filter(created_at__lt=limit, ip_address__isnull=False).update(ip_address=None)


def approved(page_id: int) -> QuerySet[Comment]:
    """What the public may read of a page's comments: approved ones, newest first, no personal data."""
    return (
        Comment.objects.filter(page_id=page_id, status=CommentStatus.APPROVED)
        .only("pk", "page_id", "name", "body", "created_at")
        .order_by("-created_at", "-pk")
    )


def approved_page(page_id: int, number: str | int | None):
    """One page of a page's approved comments (an out-of-range number gives the last page)."""
    return Paginator(approved(page_id), settings.COMMENTS_PER_PAGE).get_page(number)


# Moderation queues: which role moderates the comments of each channel (the Office by default).


def moderating_role_ids() -> dict[int, int]:
    """{channel id: role id} for every channel (channels without a row: the Office)."""
    office = CoordinatingRole.objects.filter(code=RoleCode.OFFICE).values_list("pk", flat=True).first()
    mapped = dict(CommentModeration.objects.values_list("channel_id", "role_id"))
    return {pk: mapped.get(pk, office) for pk in Channel.objects.values_list("pk", flat=True)}


def queue_for(user) -> QuerySet[Comment]:
    """The comments `user` moderates: those of channels mapped to a role whose group they are in."""
    comments = Comment.objects.select_related("page", "channel")
    if user.is_superuser:
        return comments
    roles = set(CoordinatingRole.objects.filter(group__in=user.groups.all()).values_list("pk", flat=True))
    channels = [channel for channel, role in moderating_role_ids().items() if role in roles]
    return comments.filter(channel_id__in=channels)


def send_digests(now: datetime.datetime | None = None) -> int:
    """
    One e-mail per queue once its newest pending comment is COMMENT_NOTIFY_QUIET_MINUTES old
    (a burst of comments is one mail, not one per comment); returns how many were sent.
    """
    now = now or timezone.now()
    quiet = datetime.timedelta(minutes=settings.COMMENT_NOTIFY_QUIET_MINUTES)
    by_role: dict[int, list[int]] = {}
    for channel, role in moderating_role_ids().items():
        if role:
            by_role.setdefault(role, []).append(channel)
    sent = 0
    for role in CoordinatingRole.objects.filter(pk__in=by_role).select_related("group"):
        pending = Comment.objects.filter(channel_id__in=by_role[role.pk], status=CommentStatus.PENDING)
        with transaction.atomic():
            # Locked while deciding and sending: a second scheduler waits, then finds it done.
            state, _created = CommentDigest.objects.select_for_update().get_or_create(role=role)
            newest = pending.order_by("-created_at").values_list("created_at", flat=True).first()
            last = state.last_comment_at
            if newest is None or newest > now - quiet or (last and newest <= last):
                continue
            recipients = [
                u.email for u in (role.group.user_set.filter(is_active=True) if role.group else []) if u.email
            ]
            if recipients:
                count = pending.filter(created_at__gt=last).count() if last else pending.count()
                with translation.override(settings.LANGUAGE_CODE):
                    send_mail(
                        _("Có %(count)d bình luận mới chờ kiểm duyệt") % {"count": count},
                        _("Có %(count)d bình luận mới của bạn đọc đang chờ kiểm duyệt tại %(url)s")
                        % {
                            "count": count,
                            "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
                            + "/admin/snippets/engagement/comment/",
                        },
                        None,
                        recipients,
                    )
                sent += 1
            state.last_comment_at, state.sent_at = newest, now
            state.save(update_fields=["last_comment_at", "sent_at"])
    return sent
