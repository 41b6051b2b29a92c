"""Admin registrations of the public's voice: moderation queue, consultations, their permissions."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from cms.models import RoleCode

from .bulk_actions import ApproveBulkAction, RejectBulkAction, SpamBulkAction
from .viewsets import CommentModerationViewSet, CommentViewSet, ConsultationViewSet, admin_urls

register_snippet(CommentViewSet)
register_snippet(ConsultationViewSet)
register_snippet(CommentModerationViewSet)

for action in (ApproveBulkAction, RejectBulkAction, SpamBulkAction):
    hooks.register("register_bulk_action", action)


@hooks.register("register_admin_urls")
def urls():
    return admin_urls()


COMMENT_PERMISSIONS = ("engagement.change_comment", "engagement.view_comment", "engagement.delete_comment")
CONSULTATION_PERMISSIONS = (
    "engagement.add_consultation",
    "engagement.change_consultation",
    "engagement.view_consultation",
    "engagement.view_opinion",
)


@hooks.register("register_role_permissions")
def role_permissions():
    """
    Every role may moderate (its queue is the channels mapped to it; the Office's by default);
    emulation & rewards keeps the consultations and reads their opinions; the Office publishes
    consultations (through the workflow) and maps channels to moderators.
    """
    return {
        RoleCode.OFFICE: (
            *COMMENT_PERMISSIONS,
            "engagement.add_commentmoderation",
            "engagement.change_commentmoderation",
            "engagement.view_commentmoderation",
            "engagement.publish_consultation",
            "engagement.view_consultation",
        ),
        RoleCode.EMULATION_REWARDS: (*COMMENT_PERMISSIONS, *CONSULTATION_PERMISSIONS),
        RoleCode.JOURNAL: COMMENT_PERMISSIONS,
        RoleCode.NEWSPAPER: COMMENT_PERMISSIONS,
    }
