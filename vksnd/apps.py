from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VksndConfig(AppConfig):
    """
    The composition layer: URLs, `setup_site` and `load_demo`, the WSGI entry point. It
    imports every app and no app imports it (docs/architecture.md).
    """

    name = "vksnd"
    verbose_name = _("Thiết lập hệ thống")
    default_auto_field = "django.db.models.BigAutoField"
