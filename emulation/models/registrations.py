"""Emulation registrations (đăng ký thi đua): what each unit aims for at the start of a year."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from cms.models import Unit
from cms.text import normalize
from exemplar_pages.models.awards import active_in_default_locale

from .common import year_field


class EmulationYear(models.Model):
    """
    The settings of one emulation year: the deadline of registrations and of nominations.
    A setting per year (not a constant) because the office fixes it each year by a letter.
    """

    year = year_field(unique=True)
    registration_deadline = models.DateField(
        _("hạn đăng ký thi đua"),
        help_text=_("Ngày cuối cùng các đơn vị gửi bản đăng ký thi đua (dd/mm/yyyy)."),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("nhắc trước (ngày làm việc)"),
        default=5,
        help_text=_("Số ngày làm việc trước hạn bắt đầu nhắc các đơn vị chưa gửi đăng ký."),
    )
    note = models.TextField(_("ghi chú"), blank=True, help_text=_("Văn bản quy định thời hạn, nếu có."))

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("registration_deadline"), FieldPanel("reminder_days")]),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("năm thi đua")
        verbose_name_plural = _("năm thi đua")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class RegistrationStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    CONFIRMED = "confirmed", _("Lãnh đạo đã xác nhận")


class EmulationRegistration(ClusterableModel):
    """
    A unit's registration for a year: the titles and forms it aims for, its targets in words
    and in figures, the campaign it answers. Entered by the unit's editor, confirmed by its
    head; from then on emulation & rewards counts it (received on time or late).
    """

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="emulation_registrations",
        help_text=_("Đơn vị đăng ký thi đua."),
    )
    year = year_field()
    campaign = models.ForeignKey(
        "exemplar_pages.CampaignPage",
        verbose_name=_("phong trào thi đua"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Phong trào mà bản đăng ký hưởng ứng, ví dụ phong trào thi đua yêu nước năm 2023."),
    )
    aimed_forms = ParentalManyToManyField(
        "exemplar_pages.AwardForm",
        verbose_name=_("danh hiệu, hình thức đăng ký"),
        blank=True,
        related_name="+",
        limit_choices_to=active_in_default_locale,
        help_text=_("Danh hiệu thi đua, hình thức khen thưởng đơn vị phấn đấu đạt."),
    )
    targets_text = models.TextField(
        _("chỉ tiêu, nội dung thi đua"), blank=True, help_text=_("Các chỉ tiêu, nội dung đăng ký bằng lời.")
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.DRAFT,
        editable=False,
    )
    confirmed_at = models.DateTimeField(_("ngày xác nhận"), null=True, blank=True, editable=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xác nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    is_sample = models.BooleanField(
        _("dữ liệu mẫu"), default=False, help_text=_("Đánh dấu dữ liệu minh họa.")
    )

    panels = [
        FieldRowPanel([FieldPanel("unit"), FieldPanel("year")]),
        FieldPanel("campaign"),
        FieldPanel("aimed_forms"),
        FieldPanel("targets_text"),
        InlinePanel("targets", heading=_("Chỉ tiêu bằng số"), label=_("chỉ tiêu")),
        FieldPanel("is_sample"),
    ]

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        ordering = ["-year", "unit__short_name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="registration_one_per_unit_and_year")
        ]
        permissions = [("confirm_emulationregistration", _("Xác nhận đăng ký thi đua của đơn vị"))]

    def __str__(self) -> str:
        return _("Đăng ký thi đua %(year)s – %(unit)s") % {"year": self.year, "unit": self.unit}

    def clean(self) -> None:
        super().clean()
        self.targets_text = normalize(self.targets_text).strip()
        if (
            self.unit_id
            and self.year
            and not self.unit.is_valid_on(datetime.date(self.year, 12, 31))
            and not self.unit.is_valid_on(datetime.date(self.year, 1, 1))
        ):
            raise ValidationError(
                {"unit": _("Đơn vị không hoạt động trong năm %(year)s.") % {"year": self.year}}
            )

    @property
    def deadline(self) -> datetime.date | None:
        setting = EmulationYear.objects.filter(year=self.year).first()
        return setting.registration_deadline if setting else None

    @property
    def on_time(self) -> bool | None:
        """Confirmed by the deadline of its year (None while unconfirmed or without a deadline)."""
        deadline = self.deadline
        if not self.confirmed_at or deadline is None:
            return None
        return timezone.localtime(self.confirmed_at).date() <= deadline


class RegistrationTarget(Orderable):
    """A target in figures, e.g. "Tỷ lệ giải quyết án" 100 %."""

    registration = ParentalKey(EmulationRegistration, on_delete=models.CASCADE, related_name="targets")
    label = models.CharField(
        _("chỉ tiêu"), max_length=255, help_text=_("Ví dụ: Tỷ lệ giải quyết tin báo, tố giác tội phạm.")
    )
    value = models.DecimalField(_("giá trị"), max_digits=12, decimal_places=2, help_text=_("Con số đăng ký."))
    measure = models.CharField(_("đơn vị tính"), max_length=40, blank=True, help_text=_("Ví dụ: %, vụ, bài."))

    panels = [FieldRowPanel([FieldPanel("label"), FieldPanel("value"), FieldPanel("measure")])]

    class Meta(Orderable.Meta):
        verbose_name = _("chỉ tiêu bằng số")
        verbose_name_plural = _("chỉ tiêu bằng số")

    def __str__(self) -> str:
        return f"{self.label}: {self.value} {self.measure}".strip()


class RegistrationReminder(models.Model):
    """One reminder sent to a unit about its registration, at most one per unit, year and day."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    sent_on = models.DateField()
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("nhắc đăng ký thi đua")
        verbose_name_plural = _("nhắc đăng ký thi đua")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "sent_on"], name="registrationreminder_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year} {self.sent_on}"
