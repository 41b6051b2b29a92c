from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    """Partner sync: partners and their keys, the change feed, webhooks and headless preview."""

    name = "partners"
    verbose_name = _("Đối tác API")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Modules that use models can only be imported once the registry is ready.
        from content_api import access as content_access
        from content_api.api.app import api
        from exemplar_pages.previews import register_preview_mode

        from . import handlers, preview
        from .access import caller_for_token, caller_of_entry, token_key
        from .api.routers import router

        handlers.connect()
        content_access.register_token_resolver(
            caller_for_token, content_access.TokenCache(key=token_key, caller=caller_of_entry)
        )
        api.add_router("/", router)
        register_preview_mode(
            preview.PREVIEW_MODE, preview.PREVIEW_MODE_LABEL, preview.partner_links_response
        )
