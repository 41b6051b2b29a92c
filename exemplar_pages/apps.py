from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExemplarPagesConfig(AppConfig):
    """Page types: exemplars, campaigns, news and their index pages."""

    name = "exemplar_pages"
    verbose_name = _("Trang nội dung")
    default_auto_field = "django.db.models.BigAutoField"
