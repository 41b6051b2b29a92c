from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    """The public's voice: moderated comments under stories and public consultations on nominees."""

    name = "engagement"
    verbose_name = _("Ý kiến công chúng")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Modules that use models can only be imported once the registry is ready.
        from content_api.api.app import api

        from . import handlers
        from .api.routers import router

        handlers.connect()
        api.add_router("/", router)
