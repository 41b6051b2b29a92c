from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    """The emulation year: clusters, registrations, initiatives, nominations and yearly reports."""

    name = "emulation"
    verbose_name = _("Thi đua - Khen thưởng hằng năm")
    default_auto_field = "django.db.models.BigAutoField"
