"""News (tin bài): articles about emulation activities and exemplars."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList, TabbedInterface, TitleFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.text import normalize

from ..blocks import StoryBlock
from .base import BasePage


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "exemplar_pages.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPage(BasePage):
    """An article such as the signing of the coordination regulation (31/3/2021)."""

    units_dated_by = {"unit": "date"}  # the chooser offers the units of the news item's date

    date = models.DateField(
        _("ngày đăng"),
        null=True,
        blank=True,
        default=timezone.localdate,
        help_text=_("Ngày của tin bài (dd/mm/yyyy); để trống khi nguồn tin không ghi ngày."),
    )
    lead = models.TextField(_("sapo"), help_text=_("Đoạn mở đầu tóm tắt tin bài."))
    body = StreamField(StoryBlock(), verbose_name=_("nội dung"), help_text=_("Nội dung tin bài."))
    author = models.CharField(
        _("tác giả"), max_length=255, blank=True, help_text=_("Tên tác giả hoặc nhóm tác giả, nếu có.")
    )
    unit = models.ForeignKey(
        "cms.Unit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="news",
        help_text=_("Đơn vị có hoạt động được đưa tin, hoặc đơn vị gửi tin."),
    )
    related_exemplars = ParentalManyToManyField(
        "exemplar_pages.ExemplarPage",
        verbose_name=_("gương điển hình liên quan"),
        blank=True,
        related_name="news",
        help_text=_("Các gương điển hình được nhắc đến trong tin."),
    )
    related_campaigns = ParentalManyToManyField(
        "exemplar_pages.CampaignPage",
        verbose_name=_("phong trào liên quan"),
        blank=True,
        related_name="news",
        help_text=_("Các phong trào thi đua được nhắc đến trong tin."),
    )
    channels = ParentalManyToManyField(
        "cms.Channel",
        verbose_name=_("kênh đăng tải"),
        blank=True,
        related_name="news",
        help_text=_("Nơi tin bài được đăng tải sau khi phê duyệt."),
    )
    tags = ClusterTaggableManager(
        verbose_name=_("từ khóa"),
        through=NewsPageTag,
        blank=True,
        help_text=_("Các từ khóa để tìm kiếm, phân loại."),
    )

    info_panels = [
        TitleFieldPanel("title", heading=_("Tiêu đề tin")),
        FieldRowPanel([FieldPanel("date"), FieldPanel("author")]),
        FieldPanel("unit"),
        FieldPanel("lead"),
        FieldPanel("related_exemplars"),
        FieldPanel("related_campaigns", widget=forms.CheckboxSelectMultiple),
    ]
    story_panels = [FieldPanel("body"), FieldPanel("tags")]
    channel_panels = [FieldPanel("channels", widget=forms.CheckboxSelectMultiple)]

    edit_handler = TabbedInterface(
        [
            ObjectList(info_panels, heading=_("Thông tin")),
            ObjectList(story_panels, heading=_("Bài viết")),
            ObjectList(channel_panels, heading=_("Kênh đăng tải")),
            ObjectList(BasePage.promote_panels, heading=_("Địa chỉ")),
        ]
    )

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("lead", boost=2),
        index.SearchField("body"),
        index.SearchField("author"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("unit"),
        index.FilterField("date"),
    ]

    api_fields = [
        "title",
        "date",
        "lead",
        "body",
        "author",
        "unit",
        "related_exemplars",
        "related_campaigns",
        "channels",
        "tags",
    ]

    # Where the content API serves this type: /api/content/v1/news/<id>/
    api_collection = "news"

    # English editions: the article is translated; date, unit, relations and channels are facts.
    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("lead"),
        TranslatableField("body"),
        SynchronizedField("author", overridable=False),
        SynchronizedField("date", overridable=False),
        SynchronizedField("unit", overridable=False),
        SynchronizedField("related_exemplars", overridable=False),
        SynchronizedField("related_campaigns", overridable=False),
        SynchronizedField("channels", overridable=False),
        SynchronizedField("tags", overridable=False),
    ]

    parent_page_types = ["exemplar_pages.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("tin bài")
        verbose_name_plural = _("tin bài")
        ordering = ["-date"]

    def clean(self) -> None:
        super().clean()
        self.lead = normalize(self.lead or "").strip()
        self.author = normalize(self.author or "").strip()
