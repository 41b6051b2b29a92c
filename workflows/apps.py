from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    """Moderation: the coordination workflows of the four units."""

    name = "workflows"
    verbose_name = _("Quy trình duyệt")
    default_auto_field = "django.db.models.BigAutoField"
