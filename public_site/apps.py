from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicSiteConfig(AppConfig):
    """The CMS's own public site: the pages, listings, search, feeds and embeds for visitors."""

    name = "public_site"
    verbose_name = _("Trang công khai")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Modules that use models can only be imported once the registry is ready.
        from engagement.previews import ConsultationPreview, register_consultation_preview

        from . import handlers, renderers, voice

        renderers.register()
        handlers.connect()
        register_consultation_preview(
            ConsultationPreview("public_site/consultation.html", voice.consultation_preview_context)
        )
