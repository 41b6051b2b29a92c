from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentApiConfig(AppConfig):
    """The read API for partner portals: the published projection, its cache version and endpoints."""

    name = "content_api"
    verbose_name = _("API nội dung")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import handlers

        handlers.connect()
