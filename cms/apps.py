from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """Project core: units directory, roles, set-up commands."""

    name = "cms"
    verbose_name = _("Hệ thống")
    default_auto_field = "django.db.models.BigAutoField"
