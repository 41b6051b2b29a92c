"""
Per-channel publication, the last stage of the coordination workflows (regulation of
31/3/2021): each chosen channel is released by its own publisher or withheld with a reason.

A page goes live with its first release; the content API, the public site, feeds and
webhooks show it on a channel only once that channel is released (`hidden_channel_ids`).
Every release is kept in the provenance (`Approval` with its channel).
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.models import Page, TaskState
from wagtail.signals import page_published

from . import approvers, notifications
from .models import Approval, ChannelRelease, ReleaseStatus
from .provenance import record_provenance
from .signals import channel_release_changed


def open_releases(task_state: TaskState) -> list[ChannelRelease]:
    """Every chosen channel waits for its publisher when the release stage starts."""
    page = task_state.workflow_state.content_object
    rows = []
    for channel in approvers.chosen_channels(page):
        role, _group, unit = approvers.publisher_of(channel, page)
        row, _created = ChannelRelease.objects.update_or_create(
            page_id=page.pk,
            channel=channel,
            defaults={
                "task_state": task_state,
                "status": ReleaseStatus.PENDING,
                "role": role,
                "unit": unit,
                "user": None,
                "decided_at": None,
                "reason": "",
            },
        )
        rows.append(row)
    return rows


def _current_task_state(obj) -> TaskState | None:
    workflow_state = getattr(obj, "current_workflow_state", None)
    return workflow_state.current_task_state if workflow_state else None


def may_release(user, release: ChannelRelease, obj) -> bool:
    if user.is_superuser:
        return True
    _role, group, _unit = approvers.publisher_of(release.channel, obj)
    return approvers.in_any_group(user, [group])


def releases_of(task_state: TaskState) -> list[ChannelRelease]:
    return list(
        ChannelRelease.objects.filter(task_state=task_state)
        .select_related("channel__publisher_role__group", "user", "role", "unit")
        .order_by("channel__sort_order", "channel__name")
    )


def pending_releases(obj, user, task_state: TaskState | None = None) -> list[ChannelRelease]:
    """The channels still waiting in the current release stage; with a user, those the user decides."""
    task_state = task_state or _current_task_state(obj)
    if task_state is None:
        return []
    pending = [r for r in releases_of(task_state) if r.status == ReleaseStatus.PENDING]
    if user is None:
        return pending
    return [r for r in pending if may_release(user, r, obj)]


def any_released(task_state: TaskState) -> bool:
    return ChannelRelease.objects.filter(task_state=task_state, status=ReleaseStatus.RELEASED).exists()


def withheld_summary(task_state: TaskState) -> str:
    rows = ChannelRelease.objects.filter(task_state=task_state, status=ReleaseStatus.WITHHELD)
    return "\n".join(f"{row.channel.name}: {row.reason}" for row in rows.select_related("channel"))


class ReleasePublishAction(PublishPageRevisionAction):
    """
    Wagtail's publication, minus cancelling the workflow in progress: after the first
    channel's release the other channels still wait for their publishers.
    (An override of Wagtail internals: docs/upgrading.md.)
    """

    def _after_publish(self):
        from_revision = self.revision
        page_published.send(
            sender=self.object.specific_class, instance=self.object.specific, revision=from_revision
        )
        self.object.update_aliases(revision=from_revision, _content=from_revision.content)


def _is_out(page: Page, revision) -> bool:
    """The revision is live already, or scheduled to go live."""
    return page.live_revision_id == revision.pk or revision.approved_go_live_at is not None


@transaction.atomic
def release(task_state: TaskState, targets: list[ChannelRelease], user, comment: str = "") -> None:
    """Release the channels: the first release publishes the page, every release is on record."""
    page = Page.objects.get(pk=task_state.workflow_state.object_id).specific
    revision = page.get_latest_revision()
    now = timezone.now()
    for row in targets:
        role, _group, unit = approvers.publisher_of(row.channel, page)
        row.status, row.role, row.unit, row.user, row.decided_at, row.reason = (
            ReleaseStatus.RELEASED,
            role,
            unit,
            user,
            now,
            "",
        )
        row.save()
    first = not _is_out(page, revision)
    if first:
        # The stages before this one let the revision go out: on record before it does.
        record_provenance(task_state.workflow_state, revision)
    Approval.objects.bulk_create(
        Approval(
            page_id=page.pk,
            revision=revision,
            approved_revision=revision,
            stage=task_state.task.name,
            unit=row.unit,
            role=row.role,
            user=user,
            approved_at=now,
            channel=row.channel,
        )
        for row in targets
    )
    if first:
        ReleasePublishAction(revision, user=user).execute(skip_permission_checks=True)
    else:
        channel_release_changed.send(ChannelRelease, page_id=page.pk)


@transaction.atomic
def withhold(targets: list[ChannelRelease], user, reason: str) -> None:
    """Keep the page off these channels, with the reason the proposer will read."""
    now = timezone.now()
    page_id = targets[0].page_id if targets else None
    for row in targets:
        row.status, row.user, row.decided_at, row.reason = ReleaseStatus.WITHHELD, user, now, reason
        row.save()
    if page_id is not None:
        channel_release_changed.send(ChannelRelease, page_id=page_id)
        pks = [row.pk for row in targets]
        notifications.after_commit(lambda: notifications.notify_withheld(pks, user))


def hidden_channel_ids(page) -> set[int]:
    """
    Channels of the page (or of its source edition) that are not released: pending or
    withheld. Pages that never went through a release stage have no rows and hide nothing.
    """
    return set(
        ChannelRelease.objects.filter(page__translation_key=page.translation_key)
        .exclude(status=ReleaseStatus.RELEASED)
        .values_list("channel_id", flat=True)
    )


def publisher_groups(obj, task_state: TaskState | None = None, pending_only: bool = False) -> list[Group]:
    """The groups that publish the page's chosen channels (or only the undecided ones)."""
    if pending_only:
        rows = pending_releases(obj, None, task_state=task_state)
        channels = [row.channel for row in rows]
    else:
        channels = approvers.chosen_channels(obj)
    groups: dict[int, Group] = {}
    for channel in channels:
        _role, group, _unit = approvers.publisher_of(channel, obj)
        if group is not None:
            groups[group.pk] = group
    if not channels and not pending_only:  # nothing chosen: the Office decides
        role = approvers.office_role()
        if role is not None and role.group_id:
            groups[role.group_id] = role.group
    return list(groups.values())


def describe(release: ChannelRelease) -> str:
    """One line for the dialog and the e-mails."""
    if release.status == ReleaseStatus.RELEASED:
        who = approvers_name(release.user)
        return _("đã đăng tải (%(user)s, %(date)s)") % {
            "user": who,
            "date": timezone.localtime(release.decided_at).strftime("%d/%m/%Y %H:%M"),
        }
    if release.status == ReleaseStatus.WITHHELD:
        return _("tạm giữ: %(reason)s") % {"reason": release.reason}
    return _("chờ đăng tải")


def approvers_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""
