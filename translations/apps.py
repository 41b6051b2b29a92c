from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    """English editions: wagtail-localize under moderation, offline PO files, out-of-date report."""

    name = "translations"
    verbose_name = _("Bản tiếng Anh")
    default_auto_field = "django.db.models.BigAutoField"
