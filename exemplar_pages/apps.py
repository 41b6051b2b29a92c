from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExemplarPagesConfig(AppConfig):
    """Page types: exemplars, campaigns, news and their index pages."""

    name = "exemplar_pages"
    verbose_name = _("Trang nội dung")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Models can be imported only once the registry is ready, hence here.
        from media.documents import register_private_documents

        from .models import Award

        # Scanned award decisions are never public, whichever page links to them.
        register_private_documents(Award.is_decision_document, reference_path="awards.")
