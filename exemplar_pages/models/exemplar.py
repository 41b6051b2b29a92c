"""Exemplars (gương điển hình tiên tiến): outstanding individuals and collectives."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.choosers import scope_to_folder
from cms.models import Unit
from cms.text import normalize

from ..blocks import StoryBlock
from ..closure import ClosedFolderContentMixin
from ..forms import MediaPermissionPageForm
from ..on_behalf import record_filer
from .base import BasePage
from .indexes import UnitFolderPage


class ExemplarKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")


class RecognitionLevel(models.TextChoices):
    """Set by the emulation & rewards role when it verifies the achievements."""

    TYPICAL = "typical", _("Điển hình tiên tiến")
    OUTSTANDING = "outstanding", _("Đặc biệt xuất sắc")


class ExemplarPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "exemplar_pages.ExemplarPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ExemplarPageForm(MediaPermissionPageForm):
    """The unit of an exemplar is the unit whose folder holds it (or one of its sub-units)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        folder = self.parent_page.specific if self.parent_page else None
        if isinstance(folder, UnitFolderPage) and "unit" in self.fields:
            allowed = Unit.objects.filter(pk__in=folder.unit.descendant_ids())
            self.fields["unit"].queryset = allowed
            scope_to_folder(self.fields["unit"], folder.unit)
            if not self.instance.unit_id:
                # The form's initial data comes from the new page (unit None), which a field's
                # own initial would not override.
                self.initial["unit"] = self.fields["unit"].initial = folder.unit_id

    def clean(self):
        cleaned = super().clean()
        folder = self.parent_page.specific if self.parent_page else None
        unit = cleaned.get("unit")
        if isinstance(folder, UnitFolderPage) and unit and unit.pk not in folder.unit.descendant_ids():
            self.add_error("unit", _("Gương điển hình phải thuộc đơn vị sở hữu thư mục “%s”.") % folder.unit)
        return cleaned

    def save(self, commit: bool = True):
        # The instance already holds the cleaned data (ModelForm._post_clean); the base form
        # decides whether the row is written (not while the page is in moderation).
        record_filer(self.instance, getattr(self, "for_user", None))
        return super().save(commit=commit)


class ExemplarPage(ClosedFolderContentMixin, BasePage):
    """
    An exemplar proposed by a unit: who they are, the achievement summary (trích ngang),
    the awards with their decisions, the story, and the channels it is approved for.

    Date of birth, contact details and internal notes are for the reviewers only: they
    are listed in `internal_fields`, never indexed for search, never in `api_fields`.
    """

    kind = models.CharField(
        _("đối tượng"),
        max_length=20,
        choices=ExemplarKind.choices,
        default=ExemplarKind.INDIVIDUAL,
        help_text=_("Cá nhân hay tập thể."),
    )
    position = models.CharField(
        _("chức vụ"),
        max_length=255,
        blank=True,
        help_text=_("Với cá nhân: chức vụ, ví dụ Kiểm sát viên trung cấp. Với tập thể: để trống."),
    )
    unit = models.ForeignKey(
        "cms.Unit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="exemplars",
        help_text=_("Đơn vị của cá nhân, hoặc chính tập thể; là đơn vị sở hữu thư mục chứa trang."),
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nộp thay đơn vị"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Cán bộ Thi đua - Khen thưởng đã tạo hồ sơ thay cho đơn vị, nếu có."),
    )
    portrait = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh chân dung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Ảnh chân dung hoặc ảnh tập thể."),
    )
    portrait_alt = models.CharField(
        _("mô tả ảnh chân dung"),
        max_length=255,
        blank=True,
        help_text=_("Cho người khiếm thị. Để trống sẽ dùng mô tả mặc định của ảnh."),
    )
    lead = models.TextField(
        _("tóm tắt"), blank=True, help_text=_("Một, hai câu giới thiệu hiển thị trong danh sách.")
    )
    achievement_period = models.CharField(
        _("giai đoạn thành tích"),
        max_length=60,
        help_text=_("Khoảng thời gian của thành tích, ví dụ: 2021 - 2024."),
    )
    achievements = StreamField(
        [("achievement", blocks.TextBlock(label=_("Thành tích")))],
        verbose_name=_("trích ngang thành tích"),
        help_text=_("Mỗi dòng một thành tích nổi bật, ngắn gọn, có số liệu nếu có."),
    )
    campaigns = ParentalManyToManyField(
        "exemplar_pages.CampaignPage",
        verbose_name=_("phong trào thi đua"),
        blank=True,
        related_name="exemplars",
        help_text=_("Các phong trào mà gương điển hình này thuộc về."),
    )
    recognition_level = models.CharField(
        _("mức độ điển hình"),
        max_length=20,
        choices=RecognitionLevel.choices,
        blank=True,
        help_text=_("Do bộ phận Thi đua - Khen thưởng ghi nhận khi thẩm định."),
    )
    channels = ParentalManyToManyField(
        "cms.Channel",
        verbose_name=_("kênh đăng tải"),
        blank=True,
        related_name="exemplars",
        help_text=_("Nơi gương điển hình được đăng tải sau khi phê duyệt."),
    )
    body = StreamField(
        StoryBlock(), verbose_name=_("bài viết"), blank=True, help_text=_("Bài viết về gương điển hình.")
    )
    tags = ClusterTaggableManager(
        verbose_name=_("từ khóa"),
        through=ExemplarPageTag,
        blank=True,
        help_text=_("Các từ khóa để tìm kiếm, phân loại."),
    )

    # Internal: visible to reviewers in the admin only.
    date_of_birth = models.DateField(
        _("ngày sinh"), null=True, blank=True, help_text=_("Nội bộ: không bao giờ công khai.")
    )
    contact_phone = models.CharField(
        _("điện thoại liên hệ"), max_length=40, blank=True, help_text=_("Nội bộ: không bao giờ công khai.")
    )
    contact_email = models.EmailField(
        _("thư điện tử liên hệ"), blank=True, help_text=_("Nội bộ: không bao giờ công khai.")
    )
    internal_notes = models.TextField(
        _("ghi chú nội bộ"), blank=True, help_text=_("Nội bộ: ghi chú cho người thẩm định, không công khai.")
    )

    base_form_class = ExemplarPageForm

    info_panels = [
        TitleFieldPanel("title", heading=_("Họ tên / tên tập thể")),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("position")]),
        FieldPanel("unit"),
        FieldPanel("portrait"),
        FieldPanel("portrait_alt"),
        FieldPanel("lead"),
        MultiFieldPanel(
            [
                FieldPanel("date_of_birth"),
                FieldRowPanel([FieldPanel("contact_phone"), FieldPanel("contact_email")]),
                FieldPanel("internal_notes"),
            ],
            heading=_("Thông tin nội bộ (không công khai)"),
            classname="collapsible",
        ),
    ]
    achievement_panels = [
        FieldPanel("achievement_period"),
        FieldPanel("achievements"),
        InlinePanel("awards", heading=_("Khen thưởng đã nhận"), label=_("khen thưởng")),
        FieldPanel("campaigns", widget=forms.CheckboxSelectMultiple),
        FieldPanel("recognition_level", permission="exemplar_pages.verify_exemplarpage"),
    ]
    story_panels = [FieldPanel("body"), FieldPanel("tags")]
    channel_panels = [FieldPanel("channels", widget=forms.CheckboxSelectMultiple)]

    edit_handler = TabbedInterface(
        [
            ObjectList(info_panels, heading=_("Thông tin")),
            ObjectList(achievement_panels, heading=_("Thành tích & khen thưởng")),
            ObjectList(story_panels, heading=_("Bài viết")),
            ObjectList(channel_panels, heading=_("Kênh đăng tải")),
            ObjectList(BasePage.promote_panels, heading=_("Địa chỉ")),
        ]
    )

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("position"),
        index.SearchField("lead"),
        index.SearchField("achievements"),
        index.SearchField("body"),
        index.RelatedFields("awards", [index.SearchField("title"), index.SearchField("decision_number")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("unit"),
        index.FilterField("kind"),
        index.FilterField("recognition_level"),
    ]

    # Exactly what the content API may show; internal fields are never listed here.
    api_fields = [
        "title",
        "kind",
        "position",
        "unit",
        "portrait",
        "lead",
        "achievement_period",
        "achievements",
        "awards",
        "campaigns",
        "recognition_level",
        "channels",
        "body",
        "tags",
    ]
    internal_fields = ["date_of_birth", "contact_phone", "contact_email", "internal_notes"]

    # English editions (wagtail-localize): words are translated (the awards' titles and issuing
    # authorities, the portrait's alternative text among them), facts stay in step with the
    # Vietnamese source — unit, awards (form, decision number and date), campaigns, level,
    # channels, portrait. Internal fields are copied unchanged, never translated.
    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("position"),
        TranslatableField("portrait_alt"),
        TranslatableField("lead"),
        TranslatableField("achievement_period"),
        TranslatableField("achievements"),
        TranslatableField("body"),
        SynchronizedField("kind", overridable=False),
        SynchronizedField("unit", overridable=False),
        SynchronizedField("portrait", overridable=False),
        # Each award's title and issuing authority are translated; its facts are synchronised
        # (Award.override_translatable_fields).
        TranslatableField("awards"),
        SynchronizedField("campaigns", overridable=False),
        SynchronizedField("recognition_level", overridable=False),
        SynchronizedField("channels", overridable=False),
        SynchronizedField("tags", overridable=False),
        SynchronizedField("date_of_birth", overridable=False),
        SynchronizedField("contact_phone", overridable=False),
        SynchronizedField("contact_email", overridable=False),
        SynchronizedField("internal_notes", overridable=False),
    ]

    # The portrait's alternative text is kept in the page (exemplar_pages/alt_text.py).
    image_alt_fields = (("portrait", "portrait_alt"),)

    # Where the content API serves this type: /api/content/v1/exemplars/<id>/
    api_collection = "exemplars"

    parent_page_types = ["exemplar_pages.UnitFolderPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("gương điển hình")
        verbose_name_plural = _("gương điển hình")
        permissions = [("verify_exemplarpage", _("Thẩm định thành tích gương điển hình"))]

    def clean(self) -> None:
        super().clean()
        for name in ("position", "lead", "achievement_period", "internal_notes"):
            setattr(self, name, normalize(getattr(self, name) or "").strip())

    @property
    def award_years(self) -> list[int]:
        return sorted({award.year for award in self.awards.all() if award.year and award.is_received})
