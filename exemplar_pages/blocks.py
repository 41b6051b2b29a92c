"""
The one story body shared by exemplar, campaign and news pages.

Each block says what the API shows of it on purpose: an image gives rendition URLs and alt
text, a video gives file and poster URLs, a document gives its download URL, never a bare
id that a partner portal could not use.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.richtext import BODY_FEATURES, api_html, sanitise
from media.renditions import image_representation, video_representation


class SafeRichTextBlock(blocks.RichTextBlock):
    """Rich text sanitised on save, whatever produced it; the API gets expanded HTML."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", BODY_FEATURES)
        super().__init__(**kwargs)

    def get_prep_value(self, value):
        return sanitise(super().get_prep_value(value), self.features)

    def get_api_representation(self, value, context=None):
        return api_html(value.source, self.features)


class HeadingBlock(blocks.StructBlock):
    """A section heading."""

    text = blocks.CharBlock(label=_("Tiêu đề mục"), max_length=255)
    level = blocks.ChoiceBlock(
        label=_("Cấp"),
        choices=[("h2", _("Tiêu đề cấp 2")), ("h3", _("Tiêu đề cấp 3")), ("h4", _("Tiêu đề cấp 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Tiêu đề mục")


class ImageBlock(blocks.StructBlock):
    """An image with its caption, credit and alternative text."""

    image = ImageChooserBlock(label=_("Ảnh"))
    alt = blocks.CharBlock(
        label=_("Mô tả ảnh cho người khiếm thị"),
        required=False,
        max_length=255,
        help_text=_("Để trống sẽ dùng mô tả mặc định của ảnh."),
    )
    caption = blocks.CharBlock(label=_("Chú thích"), required=False, max_length=500)
    credit = blocks.CharBlock(label=_("Nguồn ảnh / tác giả"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Ảnh")

    def get_api_representation(self, value, context=None):
        image = value.get("image")
        return {
            "image": image_representation(image, alt=value.get("alt")) if image else None,
            "caption": value.get("caption", ""),
            "credit": value.get("credit", ""),
        }


class GalleryBlock(blocks.StructBlock):
    """A set of images shown together."""

    title = blocks.CharBlock(label=_("Tên bộ ảnh"), required=False, max_length=255)
    images = blocks.ListBlock(ImageBlock(), label=_("Ảnh"), min_num=1)

    class Meta:
        icon = "grip"
        label = _("Bộ ảnh")


class VideoBlock(blocks.StructBlock):
    """A video clip from the video library."""

    clip = SnippetChooserBlock("media.VideoClip", label=_("Video clip"))
    caption = blocks.CharBlock(label=_("Chú thích"), required=False, max_length=500)

    class Meta:
        icon = "media"
        label = _("Video clip")

    def get_api_representation(self, value, context=None):
        clip = value.get("clip")
        return {"clip": video_representation(clip) if clip else None, "caption": value.get("caption", "")}


class QuoteBlock(blocks.StructBlock):
    """A quotation, e.g. from the exemplar or a leader."""

    text = blocks.TextBlock(label=_("Trích dẫn"))
    attribution = blocks.CharBlock(label=_("Người nói / nguồn"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")


class DocumentBlock(blocks.StructBlock):
    """An attached document (plan, directive, report) with its title."""

    document = DocumentChooserBlock(label=_("Tài liệu"))
    title = blocks.CharBlock(label=_("Tên hiển thị"), required=False, max_length=255)

    class Meta:
        icon = "doc-full"
        label = _("Tài liệu")

    def get_api_representation(self, value, context=None):
        document = value.get("document")
        if document is None:
            return None
        return {
            "title": value.get("title") or document.title,
            "url": document.url,
            "extension": document.file_extension,
        }


class StoryBlock(blocks.StreamBlock):
    """The body of every story: exemplar, campaign and news pages use this one block."""

    paragraph = SafeRichTextBlock(label=_("Đoạn văn"))
    heading = HeadingBlock()
    image = ImageBlock()
    gallery = GalleryBlock()
    video = VideoBlock()
    quote = QuoteBlock()
    document = DocumentBlock()
    embed = EmbedBlock(
        label=_("Nội dung nhúng (YouTube…)"), help_text=_("Dán địa chỉ của video hoặc bài đăng.")
    )

    class Meta:
        label = _("Nội dung bài viết")
