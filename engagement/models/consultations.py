"""
Public consultation on nominees (Decree 152/2025/NĐ-CP Art. 44(2); letters 224/V16 and 750/VP):
the list of nominees for a high award is published for a fixed window, the public sends
opinions on each nominee, and each channel reports its access counts.
"""

from __future__ import annotations

import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, Orderable, RevisionMixin, WorkflowMixin

from cms.docnumbers import parse_document_number, validate_document_number
from media.filenames import safe_filename


class WindowState(models.TextChoices):
    """Where a consultation's window stands now."""

    UPCOMING = "upcoming", _("Chưa mở")
    OPEN = "open", _("Đang lấy ý kiến")
    CLOSED = "closed", _("Đã kết thúc")


class Consultation(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel):
    """
    A public consultation: the nominees for an award, published for a window on chosen channels.
    Created by emulation & rewards; published after the Office's approval (a Wagtail workflow
    on the snippet, assigned by setup_site). Opinions are never public.
    """

    title = models.CharField(_("tiêu đề"), max_length=255)
    legal_basis = models.CharField(
        _("căn cứ"),
        max_length=60,
        validators=[validate_document_number],
        help_text=_("Số văn bản, ví dụ: 750/VKSTC-VP hoặc 224/VKSTC-V16."),
    )
    award = models.ForeignKey(
        "exemplar_pages.AwardForm",
        verbose_name=_("hình thức khen thưởng"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Hình thức khen thưởng được đề nghị cho các ứng viên."),
    )
    intro = models.TextField(
        _("giới thiệu"), blank=True, help_text=_("Đoạn mở đầu hiển thị trên trang lấy ý kiến.")
    )
    starts_at = models.DateTimeField(_("bắt đầu"), help_text=_("Giờ Việt Nam (Asia/Ho_Chi_Minh)."))
    ends_at = models.DateTimeField(_("kết thúc"), help_text=_("Giờ Việt Nam (Asia/Ho_Chi_Minh)."))
    channels = ParentalManyToManyField(
        "cms.Channel",
        verbose_name=_("kênh đăng tải"),
        related_name="consultations",
        blank=True,
        help_text=_("Nơi công bố danh sách: Báo, Cổng thông tin, Tạp chí."),
    )
    closed_notified_at = models.DateTimeField(editable=False, null=True, blank=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("legal_basis"), FieldPanel("award")]),
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("channels", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel([InlinePanel("nominees", label=_("ứng viên"))], heading=_("Danh sách ứng viên")),
    ]

    class Meta:
        verbose_name = _("đợt lấy ý kiến")
        verbose_name_plural = _("đợt lấy ý kiến")
        ordering = ["-starts_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Thời điểm kết thúc phải sau thời điểm bắt đầu.")})
        if self.legal_basis:
            self.legal_basis = parse_document_number(self.legal_basis).text

    def window_state(self, now=None) -> str:
        now = now or timezone.now()
        if now < self.starts_at:
            return WindowState.UPCOMING
        if now >= self.ends_at:
            return WindowState.CLOSED
        return WindowState.OPEN

    @property
    def is_open(self) -> bool:
        return self.window_state() == WindowState.OPEN


class Nominee(Orderable):
    """A nominee: an exemplar, or a row of the summary list (danh sách trích ngang)."""

    consultation = ParentalKey(Consultation, on_delete=models.CASCADE, related_name="nominees")
    exemplar = models.ForeignKey(
        "exemplar_pages.ExemplarPage",
        verbose_name=_("gương điển hình"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Nếu ứng viên đã có trang gương điển hình; để trống và điền các ô dưới đây nếu chưa."),
    )
    name = models.CharField(_("tên cá nhân, tập thể"), max_length=255)
    position_unit = models.CharField(_("chức vụ, đơn vị"), max_length=255, blank=True)
    summary = models.TextField(
        _("tóm tắt thành tích"), max_length=400, help_text=_("Một hoặc hai dòng trích ngang thành tích.")
    )
    proposed_award = models.CharField(_("hình thức đề nghị"), max_length=255, blank=True)

    panels = [
        FieldPanel("exemplar"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("position_unit")]),
        FieldPanel("summary"),
        FieldPanel("proposed_award"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("ứng viên")
        verbose_name_plural = _("ứng viên")

    def __str__(self) -> str:
        return self.name


def opinion_upload_to(instance: Opinion, filename: str) -> str:
    return f"private/opinions/{instance.consultation_id}/{secrets.token_hex(8)}/{safe_filename(filename)}"


class Opinion(models.Model):
    """An opinion about a nominee. Never public: only emulation & rewards reads it, in the report."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="opinions")
    nominee = models.ForeignKey(
        Nominee, verbose_name=_("ứng viên"), on_delete=models.CASCADE, related_name="opinions"
    )
    channel = models.ForeignKey(
        "cms.Channel", verbose_name=_("kênh"), on_delete=models.PROTECT, related_name="+"
    )
    partner_id = models.PositiveIntegerField(null=True, blank=True, editable=False)
    name = models.CharField(_("họ tên"), max_length=120)
    contact = models.CharField(
        _("địa chỉ liên hệ"),
        max_length=255,
        help_text=_("Điện thoại, thư điện tử hoặc địa chỉ để Hội đồng xác minh."),
    )
    body = models.TextField(_("ý kiến"))
    attachment = models.FileField(_("tệp đính kèm"), upload_to=opinion_upload_to, blank=True)
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("ý kiến")
        verbose_name_plural = _("ý kiến")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.name} — {self.nominee}"


class ConsultationView(models.Model):
    """Views of a consultation's page per channel and day: a number, never a visitor."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="views")
    channel = models.ForeignKey("cms.Channel", on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("lượt truy cập")
        verbose_name_plural = _("lượt truy cập")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "channel", "day"], name="consultation_view_day")
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id}/{self.channel_id}/{self.day}: {self.count}"
