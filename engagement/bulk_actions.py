"""Approve, reject or mark as spam several comments at once (also one, from the list)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from . import comments as services
from .models import Comment, CommentStatus


class ModerateBulkAction(SnippetBulkAction):
    """Sets the chosen comments' state through the moderation service (pages refreshed once)."""

    models = [Comment]
    template_name = "engagement/admin/confirm_bulk_moderate.html"
    status: str = ""

    def check_perm(self, obj) -> bool:
        return self.permission_policy.user_has_permission_for_instance(self.request.user, "change", obj)

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        # Only comments in the user's own queue.
        mine = set(
            services.queue_for(self.request.user)
            .filter(pk__in=[o.pk for o in objects])
            .values_list("pk", flat=True)
        )
        return [o for o in objects if o.pk in mine], extra

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        count = services.moderate(objects, cls.status, user)
        return count, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "Đã cập nhật %(count)d bình luận.", "Đã cập nhật %(count)d bình luận.", num_parent_objects
        ) % {"count": num_parent_objects}


class ApproveBulkAction(ModerateBulkAction):
    display_name = _("Duyệt")
    aria_label = _("Duyệt các bình luận đã chọn")
    action_type = "approve_comments"
    action_priority = 10
    status = CommentStatus.APPROVED


class RejectBulkAction(ModerateBulkAction):
    display_name = _("Từ chối")
    aria_label = _("Từ chối các bình luận đã chọn")
    action_type = "reject_comments"
    action_priority = 11
    status = CommentStatus.REJECTED


class SpamBulkAction(ModerateBulkAction):
    display_name = _("Đánh dấu thư rác")
    aria_label = _("Đánh dấu các bình luận đã chọn là thư rác")
    action_type = "spam_comments"
    action_priority = 12
    status = CommentStatus.SPAM
