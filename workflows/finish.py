"""The action Wagtail runs when a workflow completes (WAGTAIL_FINISH_WORKFLOW_ACTION)."""

from __future__ import annotations

from django.utils.module_loading import import_string


def publish_with_provenance(workflow_state, user=None) -> None:
    """
    Record who approved the revision, then publish it (or schedule it: go-live date).
    The per-channel release stage publishes at its first release: then there is nothing
    left to do when the last channel is decided.
    """
    # Wagtail imports this setting while wagtail.models itself is loading, so the model
    # modules are resolved at call time, when the app registry is ready.
    publish = import_string("wagtail.workflows.publish_workflow_state")
    content = workflow_state.content_object
    if not isinstance(content, import_string("wagtail.models.Page")):
        # Provenance is of pages (the API's); snippets under a workflow (consultations) have
        # none and are simply published.
        publish(workflow_state, user=user)
        return
    page = type(content).objects.get(pk=content.pk)
    revision = page.get_latest_revision()
    if page.live_revision_id == revision.pk or revision.approved_go_live_at is not None:
        return
    import_string("workflows.provenance.record_provenance")(workflow_state, revision)
    if getattr(content.specific_class, "published_by_its_workflow", False):
        # The approval is the authority (a unit's weekly schedule: its head approves). The
        # approver holds no publish permission, so that no "Publish" button bypasses the
        # workflow; Wagtail's publish_workflow_state would check that permission.
        revision.publish(user=user, skip_permission_checks=True)
        return
    publish(workflow_state, user=user)
