"""Emulation campaigns (phong trào thi đua) launched by a directive or a plan."""

from __future__ import annotations

import contextlib

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
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
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.docnumbers import parse_document_number, validate_document_number
from cms.text import normalize

from ..blocks import StoryBlock
from .base import BasePage


class CampaignStatus(models.TextChoices):
    LAUNCHED = "launched", _("Đang phát động")
    SUMMARISED = "summarised", _("Đã sơ kết, tổng kết")


class CampaignPage(BasePage):
    """
    A campaign such as the 2023 patriotic emulation campaign launched by Directive
    02/CT-VKSTC of 27/12/2022: its directive or plan, period, theme and motto. Exemplars
    name the campaigns they belong to.
    """

    units_dated_by = {"issuing_unit": "issue_date"}  # the units that existed when it was issued

    document_number = models.CharField(
        _("số văn bản phát động"),
        max_length=60,
        validators=[validate_document_number],
        help_text=_("Số chỉ thị hoặc kế hoạch phát động, ví dụ: 02/CT-VKSTC hoặc 293/KH-VKS."),
    )
    issue_date = models.DateField(_("ngày ban hành"), help_text=_("Ngày ký văn bản phát động (dd/mm/yyyy)."))
    issuing_unit = models.ForeignKey(
        "cms.Unit",
        verbose_name=_("đơn vị phát động"),
        on_delete=models.PROTECT,
        related_name="campaigns",
        help_text=_("Đơn vị ban hành văn bản phát động."),
    )
    period_year = models.PositiveSmallIntegerField(
        _("năm thi đua"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1960), MaxValueValidator(2100)],
        help_text=_("Với phong trào theo năm; để trống nếu nhập ngày bắt đầu, kết thúc."),
    )
    period_start = models.DateField(
        _("từ ngày"), null=True, blank=True, help_text=_("Với phong trào theo đợt: ngày bắt đầu.")
    )
    period_end = models.DateField(
        _("đến ngày"), null=True, blank=True, help_text=_("Với phong trào theo đợt: ngày kết thúc.")
    )
    theme = models.TextField(
        _("chủ đề"),
        blank=True,
        help_text=_(
            "Chủ đề thi đua, ghi đúng như văn bản phát động; để trống khi chưa có văn bản ghi chủ đề."
        ),
    )
    motto = models.CharField(
        _("phương châm"), max_length=500, blank=True, help_text=_("Phương châm hành động, nếu có.")
    )
    lead = models.TextField(
        _("tóm tắt"), blank=True, help_text=_("Một, hai câu giới thiệu hiển thị trong danh sách.")
    )
    body = StreamField(
        StoryBlock(), verbose_name=_("nội dung"), blank=True, help_text=_("Nội dung chi tiết.")
    )
    status = models.CharField(
        _("tình trạng"),
        max_length=20,
        choices=CampaignStatus.choices,
        default=CampaignStatus.LAUNCHED,
        help_text=_("Đang phát động hay đã sơ kết, tổng kết."),
    )
    channels = ParentalManyToManyField(
        "cms.Channel",
        verbose_name=_("kênh đăng tải"),
        blank=True,
        related_name="campaigns",
        help_text=_("Nơi phong trào được đăng tải sau khi phê duyệt."),
    )

    content_panels = [
        TitleFieldPanel("title", heading=_("Tên phong trào")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("document_number"), FieldPanel("issue_date")]),
                FieldPanel("issuing_unit"),
            ],
            heading=_("Văn bản phát động"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("period_year"),
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
            ],
            heading=_("Thời gian thi đua"),
        ),
        FieldPanel("theme"),
        FieldPanel("motto"),
        FieldPanel("status"),
    ]
    story_panels = [
        FieldPanel("lead"),
        FieldPanel("body"),
        InlinePanel("documents", heading=_("Văn bản đính kèm"), label=_("văn bản")),
    ]
    channel_panels = [FieldPanel("channels", widget=forms.CheckboxSelectMultiple)]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Thông tin")),
            ObjectList(story_panels, heading=_("Bài viết")),
            ObjectList(channel_panels, heading=_("Kênh đăng tải")),
            ObjectList(BasePage.promote_panels, heading=_("Địa chỉ")),
        ]
    )

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("document_number"),
        index.SearchField("theme", boost=2),
        index.SearchField("motto"),
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("issuing_unit"),
        index.FilterField("period_year"),
        index.FilterField("status"),
    ]

    # Exactly what the content API may show (see cms/api); nothing else is exposed.
    api_fields = [
        "title",
        "document_number",
        "issue_date",
        "issuing_unit",
        "period_year",
        "period_start",
        "period_end",
        "theme",
        "motto",
        "lead",
        "body",
        "status",
        "documents",
        "channels",
    ]

    # Where the content API serves this type: /api/content/v1/campaigns/<id>/
    api_collection = "campaigns"

    # English editions: theme, motto and texts are translated; the directive's number,
    # dates, issuing unit, status, documents and channels stay in step with the source.
    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("theme"),
        TranslatableField("motto"),
        TranslatableField("lead"),
        TranslatableField("body"),
        SynchronizedField("document_number", overridable=False),
        SynchronizedField("issue_date", overridable=False),
        SynchronizedField("issuing_unit", overridable=False),
        SynchronizedField("period_year", overridable=False),
        SynchronizedField("period_start", overridable=False),
        SynchronizedField("period_end", overridable=False),
        SynchronizedField("status", overridable=False),
        SynchronizedField("documents", overridable=False),
        SynchronizedField("channels", overridable=False),
    ]

    parent_page_types = ["exemplar_pages.CampaignIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}
        for name in ("theme", "motto", "lead"):
            setattr(self, name, normalize(getattr(self, name) or "").strip())
        # The field validator reports a malformed number; a valid one is stored canonically.
        with contextlib.suppress(ValidationError):
            self.document_number = parse_document_number(self.document_number).text
        if self.issue_date and self.issue_date > timezone.localdate():
            errors["issue_date"] = [_("Ngày ban hành không thể ở tương lai.")]
        if not self.period_year and not self.period_start:
            errors["period_year"] = [_("Nhập năm thi đua, hoặc ngày bắt đầu của đợt thi đua.")]
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = [_("Ngày kết thúc đợt thi đua phải sau ngày bắt đầu.")]
        if self.period_end and not self.period_start:
            errors["period_start"] = [_("Nhập ngày bắt đầu khi đã có ngày kết thúc.")]
        if errors:
            raise ValidationError(errors)

    @property
    def period_label(self) -> str:
        if self.period_year:
            return str(self.period_year)
        start = self.period_start.strftime("%d/%m/%Y") if self.period_start else ""
        end = self.period_end.strftime("%d/%m/%Y") if self.period_end else "…"
        return f"{start} – {end}"


class CampaignDocument(Orderable):
    """A document attached to a campaign: the directive, the plan, a summary report."""

    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("tài liệu"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Tệp PDF, DOCX hoặc XLSX."),
    )
    title = models.CharField(
        _("tên hiển thị"), max_length=255, blank=True, help_text=_("Để trống sẽ dùng tên tài liệu.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("văn bản đính kèm")
        verbose_name_plural = _("văn bản đính kèm")
