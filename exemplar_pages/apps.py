from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExemplarPagesConfig(AppConfig):
    """Page types: exemplars, campaigns, news and their index pages."""

    name = "exemplar_pages"
    verbose_name = _("Trang nội dung")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Models can be imported only once the registry is ready, hence here.
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import PageViewRestriction

        from media.documents import register_private_documents

        from . import restrictions
        from .models import Award

        # Scanned award decisions are never public, whichever page links to them.
        register_private_documents(Award.is_decision_document, reference_path="awards.")
        # Connected before the content API's handlers (this app is installed first), so that
        # the projection of the restricted pages already sees the new restriction.
        for signal in (post_save, post_delete):
            signal.connect(restrictions.forget, sender=PageViewRestriction, dispatch_uid="view-restrictions")
