"""Initiatives (sáng kiến) recognised by the sector's council."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from cms.models import Unit
from cms.text import normalize

from .common import canonical_number, decision_number_field, private_document, year_field


class InitiativeScope(models.TextChoices):
    """How far the initiative takes effect."""

    UNIT = "unit", _("Phạm vi đơn vị")
    SECTOR = "sector", _("Phạm vi toàn ngành")
    NATIONAL = "national", _("Phạm vi toàn quốc")

    @classmethod
    def rank(cls, value: str) -> int:
        """Wider scopes rank higher: an initiative of national effect also has the sector's."""
        return [cls.UNIT, cls.SECTOR, cls.NATIONAL].index(value)


class InitiativeStatus(models.TextChoices):
    PROPOSED = "proposed", _("Đề nghị công nhận")
    RECOGNISED = "recognised", _("Đã công nhận")
    REJECTED = "rejected", _("Không công nhận")


class Initiative(ClusterableModel):
    """
    An initiative proposed by a unit and decided by the council (Hội đồng xét, đề nghị công
    nhận sáng kiến, Directive 02/CT-VKSTC): recognised initiatives count toward titles.
    """

    title = models.CharField(
        _("tên sáng kiến"), max_length=300, help_text=_("Tên sáng kiến như trong đơn đề nghị.")
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="initiatives",
        help_text=_("Đơn vị đề nghị công nhận."),
    )
    year = year_field()
    summary = models.TextField(_("tóm tắt"), blank=True, help_text=_("Nội dung và hiệu quả của sáng kiến."))
    scope = models.CharField(
        _("phạm vi ảnh hưởng"),
        max_length=20,
        choices=InitiativeScope.choices,
        default=InitiativeScope.UNIT,
        help_text=_("Phạm vi áp dụng, ảnh hưởng."),
    )
    status = models.CharField(
        _("kết quả"),
        max_length=20,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.PROPOSED,
        help_text=_("Do Hội đồng quyết định."),
    )
    decision_number = decision_number_field(_("số quyết định công nhận"))
    decision_date = models.DateField(
        _("ngày quyết định"), null=True, blank=True, help_text=_("Ngày ký quyết định (dd/mm/yyyy).")
    )
    is_sample = models.BooleanField(
        _("dữ liệu mẫu"), default=False, help_text=_("Đánh dấu dữ liệu minh họa.")
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("year"), FieldPanel("scope")]),
        FieldPanel("summary"),
        InlinePanel("authors", heading=_("Tác giả"), label=_("tác giả"), min_num=1),
        MultiFieldPanel(
            [
                FieldPanel("status", permission="emulation.decide_initiative"),
                FieldRowPanel(
                    [
                        FieldPanel("decision_number", permission="emulation.decide_initiative"),
                        FieldPanel("decision_date", permission="emulation.decide_initiative"),
                    ]
                ),
            ],
            heading=_("Quyết định của Hội đồng"),
        ),
        InlinePanel("attachments", heading=_("Tài liệu kèm theo"), label=_("tài liệu")),
        FieldPanel("is_sample"),
    ]

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        ordering = ["-year", "title"]
        permissions = [("decide_initiative", _("Ghi quyết định công nhận sáng kiến"))]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        self.title = normalize(self.title).strip()
        self.summary = normalize(self.summary).strip()
        self.decision_number = canonical_number(self.decision_number)
        if self.status == InitiativeStatus.RECOGNISED and not (self.decision_number and self.decision_date):
            raise ValidationError(
                {"decision_number": _("Sáng kiến đã công nhận phải có số và ngày quyết định.")}
            )


class InitiativeAuthor(Orderable):
    """An author: a person of a unit."""

    initiative = ParentalKey(Initiative, on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(_("họ tên"), max_length=200, help_text=_("Họ tên tác giả."))
    position = models.CharField(
        _("chức vụ"), max_length=200, blank=True, help_text=_("Ví dụ: Kiểm sát viên.")
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Đơn vị công tác của tác giả."),
    )

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("position"), FieldPanel("unit")])]

    class Meta(Orderable.Meta):
        verbose_name = _("tác giả")
        verbose_name_plural = _("tác giả")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        self.name = normalize(self.name).strip()
        self.position = normalize(self.position).strip()


class InitiativeAttachment(Orderable):
    """A file of the initiative's dossier, in private storage."""

    initiative = ParentalKey(Initiative, on_delete=models.CASCADE, related_name="attachments")
    document = private_document(_("tài liệu"), _("Đơn đề nghị, báo cáo sáng kiến…; không công khai."))
    label = models.CharField(
        _("mô tả"), max_length=200, blank=True, help_text=_("Ví dụ: Đơn đề nghị công nhận sáng kiến.")
    )

    panels = [FieldRowPanel([FieldPanel("document"), FieldPanel("label")])]

    class Meta(Orderable.Meta):
        verbose_name = _("tài liệu kèm theo")
        verbose_name_plural = _("tài liệu kèm theo")

    def __str__(self) -> str:
        return self.label or str(self.document)
