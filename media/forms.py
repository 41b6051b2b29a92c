"""
Admin forms of uploads: safe file names, content checks, and no orphan object on failure.
`VideoClipForm` also takes clips uploaded straight to S3.

`SafeImageForm` and `SafeDocumentForm` are Wagtail's base forms for images and documents
(`WAGTAILIMAGES_IMAGE_FORM_BASE`, `WAGTAILDOCS_DOCUMENT_FORM_BASE`), so the single and the
multiple upload views, and the choosers' upload tabs, all go through them.
"""

from __future__ import annotations

import logging

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from cms.models import Unit

from . import uploads
from .filenames import safe_filename
from .storage import storage_errors
from .validators import validate_document_file, validate_image_frames

logger = logging.getLogger(__name__)


def discard_stored_file(field_file) -> None:
    """Delete a file just written to storage whose record could not be saved."""
    if not field_file or not getattr(field_file, "_committed", False) or not field_file.name:
        return
    try:
        field_file.storage.delete(field_file.name)
    except storage_errors():
        logger.warning("Could not delete the orphan upload %s", field_file.name, exc_info=True)


class SafeUploadMixin:
    """ASCII file names; the stored file is removed again if the record cannot be saved."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            file.name = safe_filename(file.name)
        return file

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            collections = getattr(self, "collections", None)
            collection = cleaned.get("collection") or (
                collections[0] if collections is not None and len(collections) == 1 else None
            )
            unit = Unit.objects.ended().filter(collection=collection).first() if collection else None
            if unit is not None:
                raise ValidationError(unit.closure_notice())
        return cleaned

    def save(self, commit: bool = True):
        new_upload = "file" in self.changed_data or bool(getattr(self, "direct_name", None))
        try:
            with transaction.atomic():
                return super().save(commit=commit)
        except Exception:
            if commit and new_upload:
                discard_stored_file(self.instance.file)
            raise


class SafeImageForm(SafeUploadMixin, BaseImageForm):
    """
    Wagtail's image form: content, size and pixels are checked by WagtailImageField, and
    the pixels of every frame of an animation here.
    """

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            validate_image_frames(file, settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS)
        return super().clean_file()


class SafeDocumentForm(SafeUploadMixin, BaseDocumentForm):
    """Wagtail's document form, with the content of the file checked against its extension."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            validate_document_file(file)
        return super().clean_file()

    def _post_clean(self) -> None:
        # Wagtail's Document.clean() checks the extension of the instance's file, which is
        # empty once the upload is refused: it would add an English error about "".
        if self.has_error("file"):
            return
        super()._post_clean()


class DirectUploadFileInput(forms.ClearableFileInput):
    """
    The clip's file input; its script sends the file straight to the bucket (S3), or alone to
    the admin (local storage), with a progress bar, before the form is saved.
    """

    @property
    def media(self) -> forms.Media:
        # The script's texts in the editor's language: the project's JavaScript catalogue
        # (vksnd/urls.py) comes first. A property, as the URL can only be reversed at run time.
        return forms.Media(js=[reverse("cms_javascript_catalog"), "media/js/video-upload.js"])


class VideoClipForm(SafeUploadMixin, WagtailAdminModelForm):
    """
    The clip form. The browser uploads the file itself (media/uploads.py: to S3, or alone to
    the admin with local storage) and posts only the signed token of the finished upload in
    `uploaded_file`; without JavaScript the file comes with the form as usual.
    """

    uploaded_file = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.direct_name: str | None = None
        field = self.fields.get("file")
        if field is None:
            return
        if uploads.direct_uploads_enabled():
            endpoints = {
                "data-video-upload-start": reverse("media_video_upload_start"),
                "data-video-upload-complete": reverse("media_video_upload_complete"),
                "data-video-upload-abort": reverse("media_video_upload_abort"),
            }
        else:
            # Local storage: the script posts the file alone first, to show its real progress.
            endpoints = {"data-video-upload-local": reverse("media_video_upload_local")}
        field.required = False
        field.widget = DirectUploadFileInput(
            attrs={"accept": "video/mp4,video/webm,video/quicktime", **endpoints}
        )

    def clean(self):
        cleaned_data = super().clean()
        token = cleaned_data.get("uploaded_file")
        if token and self.for_user is not None:
            try:
                self.direct_name = uploads.claim(self.for_user, token)
            except ValidationError as error:
                self.add_error("file", error)
                return cleaned_data
            # Already checked by size and content when the upload was completed.
            self.instance.file.name = self.direct_name
        elif "file" in self.fields and not cleaned_data.get("file") and not self.instance.file:
            self.add_error("file", forms.Field.default_error_messages["required"])
        return cleaned_data

    def _get_validation_exclusions(self):
        exclusions = super()._get_validation_exclusions()
        if self.direct_name:
            # The model validators would download the whole clip to look at it again.
            exclusions.add("file")
        return exclusions
