"""The video clip model: files in the public media storage (S3 in production), poster and captions."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import CollectionMember
from wagtail.search import index

from cms.text import normalize

from .storage import captions_upload_to, get_public_storage, video_upload_to
from .validators import validate_captions_file, validate_video_file


class VideoClip(CollectionMember, index.Indexed, models.Model):
    """
    A video clip sent with an exemplar or a news item (Wagtail has no video model).

    The file and captions live in the public storage (media/storage.py): the local media
    folder in development, the bucket's public/ prefix in production, under a random folder
    so that the URL of a clip not yet published cannot be guessed. Large clips go straight
    from the browser to S3 (media/uploads.py). The poster is a Wagtail image so that the API
    can give rendition URLs.
    """

    title = models.CharField(_("tiêu đề"), max_length=255, help_text=_("Tên clip, hiển thị cho người xem."))
    file = models.FileField(
        _("tệp video"),
        upload_to=video_upload_to,
        storage=get_public_storage,
        max_length=255,
        validators=[FileExtensionValidator(["mp4", "webm", "mov"]), validate_video_file],
        help_text=_("Video MP4, WebM hoặc MOV."),
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Ảnh hiển thị trước khi phát video."),
    )
    duration = models.DurationField(
        _("thời lượng"), null=True, blank=True, help_text=_("Định dạng giờ:phút:giây, ví dụ 00:03:25.")
    )
    captions = models.FileField(
        _("phụ đề"),
        upload_to=captions_upload_to,
        storage=get_public_storage,
        max_length=255,
        blank=True,
        validators=[FileExtensionValidator(["vtt"]), validate_captions_file],
        help_text=_("Phụ đề tiếng Việt định dạng WebVTT (.vtt), giúp người khiếm thính theo dõi."),
    )
    description = models.TextField(_("mô tả"), blank=True, help_text=_("Mô tả ngắn nội dung clip."))
    created_at = models.DateTimeField(_("ngày tải lên"), auto_now_add=True)
    uploaded_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("description"),
        index.FilterField("collection"),
        # The listing searches only the clips the user may change (a filter on their ids and
        # uploader, media/views.py); undeclared, the search answered FilterFieldError.
        index.FilterField("id"),
        index.FilterField("uploaded_by_user"),
    ]

    panels = [
        FieldPanel("title"),
        FieldPanel("file"),
        FieldRowPanel([FieldPanel("poster"), FieldPanel("duration")]),
        FieldPanel("captions"),
        FieldPanel("description"),
        FieldPanel("collection"),
    ]

    class Meta:
        verbose_name = _("video clip")
        verbose_name_plural = _("video clip")
        ordering = ["-created_at"]
        permissions = [("choose_videoclip", _("Được chọn video clip"))]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        self.title = normalize(self.title).strip()
        self.description = normalize(self.description)

    @property
    def duration_seconds(self) -> int | None:
        return int(self.duration / datetime.timedelta(seconds=1)) if self.duration else None
