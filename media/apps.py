from django.apps import AppConfig
from django.core.signals import setting_changed
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    """Video clips (Wagtail has no video model), media storages and upload safety."""

    name = "media"
    label = "media"
    verbose_name = _("Video")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Modules that use models can be imported only once the registry is ready.
        from wagtail.images import get_image_model

        from .signal_handlers import queue_api_renditions
        from .storage import reset_storages

        post_save.connect(queue_api_renditions, sender=get_image_model(), dispatch_uid="media_api_renditions")
        setting_changed.connect(reset_storages, dispatch_uid="media_reset_storages")
