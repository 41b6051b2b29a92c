from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    """Video clips (Wagtail has images and documents, but no video model)."""

    name = "media"
    label = "media"
    verbose_name = _("Video")
    default_auto_field = "django.db.models.BigAutoField"
