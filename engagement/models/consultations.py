"""
Public consultation on nominees (Decree 152/2025/NĐ-CP Art. 44(2); letters 224/V16 and 750/VP):
the list of nominees for a high award is published for a fixed window, the public sends
opinions on each nominee, and each channel reports its access counts.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)

from cms.docnumbers import parse_document_number, validate_document_number
from exemplar_pages.models.awards import active_in_default_locale
from media.filenames import safe_filename

from ..previews import consultation_preview


@dataclass(frozen=True)
class Text:
    """Words to show and the language they are really in (`lang` of the element that holds them)."""

    text: str
    language: str
    fallback: bool

    def __str__(self) -> str:
        return self.text


def in_language(vietnamese: str, english: str, language: str) -> Text:
    """The English words on the English site when there are some; the Vietnamese otherwise."""
    if language == "en":
        if english:
            return Text(english, "en", False)
        return Text(vietnamese, "vi", bool(vietnamese))
    return Text(vietnamese, "vi", False)


class WindowState(models.TextChoices):
    """Where a consultation's window stands now."""

    UPCOMING = "upcoming", _("Chưa mở")
    OPEN = "open", _("Đang lấy ý kiến")
    CLOSED = "closed", _("Đã kết thúc")


SUBMIT_GUIDANCE = _(
    "<ol>"
    "<li>Điền tiêu đề, căn cứ (số văn bản, ví dụ 750/VKSTC-VP), hình thức khen thưởng, thời gian "
    "lấy ý kiến (giờ Việt Nam), các kênh đăng tải và danh sách ứng viên theo thứ tự.</li>"
    "<li>Bấm <strong>Xem trước</strong> để xem đúng trang nhân dân sẽ thấy.</li>"
    "<li>Mở mũi tên cạnh nút <strong>Lưu bản nháp</strong> và chọn <strong>Gửi duyệt theo Lấy "
    "ý kiến nhân dân: Văn phòng phê duyệt</strong>. Văn phòng duyệt thì đợt lấy ý kiến được công bố "
    "trên các kênh đã chọn; nếu Văn phòng yêu cầu chỉnh sửa, ý kiến của Văn phòng hiện ở đầu "
    "trang này.</li>"
    "<li>Gửi sớm: đợt lấy ý kiến chỉ nhận ý kiến trong thời gian đã đặt, kể cả khi được duyệt "
    "muộn.</li>"
    "</ol>"
)


class Consultation(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, ClusterableModel
):
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
        limit_choices_to=active_in_default_locale,
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
    # The English edition. A consultation is one legal act in every language (one window, one
    # set of nominees, opinions and counts), so, like a unit's English name, its English words
    # are fields on the record rather than a wagtail-localize translation with its own
    # workflow; where one is empty the English site shows the Vietnamese, marked as such.
    title_en = models.CharField(_("tiêu đề tiếng Anh"), max_length=255, blank=True)
    intro_en = models.TextField(_("giới thiệu tiếng Anh"), blank=True)

    panels = [
        HelpPanel(
            content=SUBMIT_GUIDANCE,
            heading=_("Cách gửi Văn phòng phê duyệt"),
            classname="consultation-guidance",
        ),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("legal_basis"), FieldPanel("award")]),
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("channels", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel([InlinePanel("nominees", label=_("ứng viên"))], heading=_("Danh sách ứng viên")),
        MultiFieldPanel(
            [FieldPanel("title_en"), FieldPanel("intro_en")],
            heading=_("Bản tiếng Anh (không bắt buộc)"),
            help_text=_(
                "Hiện trên trang tiếng Anh /en/lay-y-kien/; ô nào để trống thì trang tiếng Anh "
                "hiện nội dung tiếng Việt, có ghi chú."
            ),
            classname="collapsed",
        ),
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

    def text_in(self, field: str, language: str) -> Text:
        return in_language(getattr(self, field), getattr(self, f"{field}_en"), language)

    # Preview: the public page, as the app that shows it registered it (engagement/previews.py).

    @property
    def preview_modes(self):
        return [("", _("Trang công khai"))] if consultation_preview() else []

    def get_preview_template(self, request, mode_name):
        return consultation_preview().template

    def get_preview_context(self, request, mode_name):
        return {
            **super().get_preview_context(request, mode_name),
            **consultation_preview().context(self, request),
        }


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
    position_unit_en = models.CharField(_("chức vụ, đơn vị (tiếng Anh)"), max_length=255, blank=True)
    summary_en = models.TextField(_("tóm tắt thành tích (tiếng Anh)"), max_length=400, blank=True)
    proposed_award_en = models.CharField(_("hình thức đề nghị (tiếng Anh)"), max_length=255, blank=True)

    panels = [
        FieldPanel("exemplar"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("position_unit")]),
        FieldPanel("summary"),
        FieldPanel("proposed_award"),
        MultiFieldPanel(
            [FieldPanel("position_unit_en"), FieldPanel("summary_en"), FieldPanel("proposed_award_en")],
            heading=_("Bản tiếng Anh (không bắt buộc)"),
            classname="collapsed",
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("ứng viên")
        verbose_name_plural = _("ứng viên")

    def __str__(self) -> str:
        return self.name

    def text_in(self, field: str, language: str) -> Text:
        return in_language(getattr(self, field), getattr(self, f"{field}_en"), language)


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
