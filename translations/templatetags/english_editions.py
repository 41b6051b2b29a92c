"""Template tags of the English-edition admin screens."""

from __future__ import annotations

from django import template
from django.urls import reverse
from wagtail.models import Page

register = template.Library()


@register.simple_tag(takes_context=True)
def submit_translation_url(context, translation, instance) -> str:
    """Where the translation editor posts "Gửi bản dịch để duyệt"; empty when it cannot be sent."""
    request = context.get("request")
    if translation is None or not isinstance(instance, Page) or request is None:
        return ""
    if instance.workflow_in_progress or not instance.permissions_for_user(request.user).can_edit():
        return ""
    return reverse("translation_submit", args=[translation.pk])
