from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    """English editions: wagtail-localize under moderation, offline PO files, out-of-date report."""

    name = "translations"
    verbose_name = _("Bản tiếng Anh")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # wagtail-localize writes its dates with strftime("%-d %B %Y"): an English month name
        # ("Đã dịch thủ công vào 1 December 2026") whatever the admin's language. Its module
        # constant is read at each call, so the project's dd/mm/yyyy replaces it here.
        from wagtail_localize import models as localize_models
        from wagtail_localize.views import edit_translation

        localize_models.DATE_FORMAT = edit_translation.DATE_FORMAT = "%d/%m/%Y"
