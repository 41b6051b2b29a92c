from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.signals import task_rejected, task_submitted, workflow_approved, workflow_rejected

# The dispatch_uids under which wagtail.admin.signal_handlers connects its proposer e-mails.
WAGTAIL_APPROVED_EMAIL_UID = "workflow_state_approved_email_notification"
WAGTAIL_REJECTED_EMAIL_UID = "workflow_state_rejected_email_notification"


class WorkflowsConfig(AppConfig):
    """Moderation: the coordination workflows of the four units."""

    name = "workflows"
    verbose_name = _("Quy trình duyệt")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Models can be imported only once the registry is ready, hence here.
        from wagtail.models import WorkflowState

        from . import notifications

        # Any TaskState class: the sender is the task state's specific class.
        task_submitted.connect(notifications.on_task_submitted, dispatch_uid="workflows_stage_started_email")
        task_rejected.connect(
            notifications.on_task_rejected, dispatch_uid="workflows_changes_requested_email"
        )
        workflow_approved.connect(
            notifications.on_workflow_approved, sender=WorkflowState, dispatch_uid="workflows_published_email"
        )

        # Wagtail's own e-mails to the proposer are replaced, under their dispatch_uid, by
        # versions that leave our workflows to us (else the proposer would get both). The
        # disconnect covers wagtail.admin being ready first; reusing its dispatch_uid makes its
        # later connect a no-op otherwise (INSTALLED_APPS lists this app before wagtail.admin).
        for signal, dispatch_uid, notifier in (
            (workflow_approved, WAGTAIL_APPROVED_EMAIL_UID, notifications.stock_approval_notifier),
            (workflow_rejected, WAGTAIL_REJECTED_EMAIL_UID, notifications.stock_rejection_notifier),
        ):
            signal.disconnect(sender=WorkflowState, dispatch_uid=dispatch_uid)
            signal.connect(notifier, sender=WorkflowState, dispatch_uid=dispatch_uid)
