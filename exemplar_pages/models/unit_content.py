"""
What a unit sends besides exemplars: news of its emulation work and its own plans.

Letter 927/VKSTC-V16 and plan 293/KH-VKS (seeds 000, 001) have units report their emulation
activities and file their plans. Both live in the unit's folder, go through the exemplar
workflow of that folder (the unit head confirms, the emulation role checks and picks the
channels, the editorial roles and the Office release them), and may be filed by the emulation
role on the unit's behalf: the page then records who filed it, and the unit's head is told.
"""

from __future__ import annotations

import contextlib

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList, TabbedInterface, TitleFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from cms.choosers import scope_to_folder
from cms.docnumbers import parse_document_number, validate_document_number
from cms.models import Unit
from cms.text import normalize

from ..blocks import StoryBlock
from ..closure import ClosedFolderContentMixin
from ..forms import RevisionOnlyInModerationPageForm
from ..on_behalf import record_filer
from .base import BasePage
from .indexes import UnitFolderPage


class UnitContentForm(RevisionOnlyInModerationPageForm):
    """The unit is the folder's unit (or one of its sub-units), preselected."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        folder = self.parent_page.specific if self.parent_page else None
        if isinstance(folder, UnitFolderPage) and "unit" in self.fields:
            self.fields["unit"].queryset = Unit.objects.filter(pk__in=folder.unit.descendant_ids())
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
            self.add_error("unit", _("Nội dung phải thuộc đơn vị sở hữu thư mục “%s”.") % folder.unit)
        return cleaned

    def save(self, commit: bool = True):
        # As ExemplarPageForm.save: the base form decides whether the row is written.
        record_filer(self.instance, getattr(self, "for_user", None))
        return super().save(commit=commit)


class UnitContentPage(ClosedFolderContentMixin, BasePage):
    """What unit news and plans share: the unit, the channels, who filed it on the unit's behalf."""

    units_dated_by = {"unit": "date"}  # news and plans: the units of their date

    unit = models.ForeignKey(
        "cms.Unit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Đơn vị gửi nội dung; là đơn vị sở hữu thư mục chứa trang."),
    )
    channels = ParentalManyToManyField(
        "cms.Channel",
        verbose_name=_("kênh đăng tải"),
        blank=True,
        related_name="+",
        help_text=_("Nơi nội dung được đăng tải sau khi phê duyệt (bước thẩm định chọn kênh)."),
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nộp thay đơn vị"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Cán bộ Thi đua - Khen thưởng đã tạo nội dung thay cho đơn vị, nếu có."),
    )

    base_form_class = UnitContentForm
    parent_page_types = ["exemplar_pages.UnitFolderPage"]
    subpage_types: list[str] = []

    class Meta:
        abstract = True


class UnitNewsPage(UnitContentPage):
    """Tin hoạt động: news of a unit's emulation activities, written by its editor."""

    date = models.DateField(
        _("ngày"),
        null=True,
        blank=True,
        default=timezone.localdate,
        help_text=_("Ngày diễn ra hoặc ngày đưa tin; để trống khi nguồn tin không ghi ngày."),
    )
    lead = models.TextField(_("sapo"), help_text=_("Đoạn mở đầu tóm tắt tin."))
    body = StreamField(
        StoryBlock(), verbose_name=_("nội dung"), help_text=_("Nội dung tin, ảnh, video clip.")
    )
    related_campaigns = ParentalManyToManyField(
        "exemplar_pages.CampaignPage",
        verbose_name=_("phong trào liên quan"),
        blank=True,
        related_name="+",
        help_text=_("Các phong trào thi đua mà hoạt động hưởng ứng."),
    )

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    TitleFieldPanel("title", heading=_("Tiêu đề tin")),
                    FieldRowPanel([FieldPanel("date"), FieldPanel("unit")]),
                    FieldPanel("lead"),
                    FieldPanel("related_campaigns", widget=forms.CheckboxSelectMultiple),
                ],
                heading=_("Thông tin"),
            ),
            ObjectList([FieldPanel("body")], heading=_("Bài viết")),
            ObjectList(
                [FieldPanel("channels", widget=forms.CheckboxSelectMultiple)], heading=_("Kênh đăng tải")
            ),
            ObjectList(BasePage.promote_panels, heading=_("Địa chỉ")),
        ]
    )
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("lead", boost=2),
        index.SearchField("body"),
        index.FilterField("unit"),
        index.FilterField("date"),
    ]

    class Meta:
        verbose_name = _("tin hoạt động của đơn vị")
        verbose_name_plural = _("tin hoạt động của đơn vị")

    def clean(self) -> None:
        super().clean()
        self.lead = normalize(self.lead or "").strip()


class PlanPage(UnitContentPage):
    """Kế hoạch: a unit's own plan, such as 293/KH-VKS (10/4/2023) of VKSND tỉnh Bình Thuận."""

    number = models.CharField(
        _("số kế hoạch"),
        max_length=60,
        validators=[validate_document_number],
        help_text=_("Số văn bản như in trên kế hoạch, ví dụ: 293/KH-VKS."),
    )
    date = models.DateField(_("ngày ban hành"), help_text=_("Ngày ký kế hoạch (dd/mm/yyyy)."))
    campaign = models.ForeignKey(
        "exemplar_pages.CampaignPage",
        verbose_name=_("phong trào thi đua"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Phong trào mà kế hoạch thực hiện, nếu có."),
    )
    body = StreamField(
        StoryBlock(), verbose_name=_("nội dung"), blank=True, help_text=_("Nội dung chính của kế hoạch.")
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("văn bản kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Bản quét hoặc tệp văn bản kế hoạch (PDF, DOCX)."),
    )

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    TitleFieldPanel("title", heading=_("Trích yếu kế hoạch")),
                    FieldRowPanel([FieldPanel("number"), FieldPanel("date")]),
                    FieldRowPanel([FieldPanel("unit"), FieldPanel("campaign")]),
                    FieldPanel("document"),
                ],
                heading=_("Thông tin"),
            ),
            ObjectList([FieldPanel("body")], heading=_("Nội dung")),
            ObjectList(
                [FieldPanel("channels", widget=forms.CheckboxSelectMultiple)], heading=_("Kênh đăng tải")
            ),
            ObjectList(BasePage.promote_panels, heading=_("Địa chỉ")),
        ]
    )
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("number", boost=2),
        index.SearchField("body"),
        index.FilterField("unit"),
        index.FilterField("date"),
    ]

    class Meta:
        verbose_name = _("kế hoạch của đơn vị")
        verbose_name_plural = _("kế hoạch của đơn vị")

    def clean(self) -> None:
        super().clean()
        # The field validator reports a malformed number; a valid one is stored as written canonically.
        with contextlib.suppress(ValidationError):
            self.number = parse_document_number(self.number).text
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": _("Ngày ban hành không thể ở tương lai.")})
