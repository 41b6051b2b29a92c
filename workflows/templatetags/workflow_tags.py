"""Template helpers of the workflow dialogs."""

from __future__ import annotations

from django import template

from workflows import approvers, guidance
from workflows.forms import VerificationForm

register = template.Library()


@register.simple_tag
def verification_form(form, task_state):
    """
    The verification dialog, opened afresh, starts from what the draft says: the proposer's
    channels and the current recognition level (Wagtail builds the form without them).
    """
    if form.is_bound:
        return form
    draft = approvers.draft_of(task_state.workflow_state.content_object)
    initial = {"channels": [channel.code for channel in draft.channels.all()]}
    if getattr(draft, "recognition_level", ""):
        initial["recognition_level"] = draft.recognition_level
    return VerificationForm(initial=initial)


@register.inclusion_tag("workflows/includes/what_changed.html")
def what_changed(task_state):
    """In a resumed stage's dialog: a link to what the proposer changed since the stage asked."""
    return guidance.what_changed(task_state)
