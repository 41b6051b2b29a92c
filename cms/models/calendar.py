"""The working calendar: the days that break the Monday-to-Friday week."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel


class DayKind(models.TextChoices):
    """Whether a listed day is off (a holiday) or worked (a weekend day worked in exchange)."""

    DAY_OFF = "day_off", _("Ngày nghỉ")
    WORKING_DAY = "working_day", _("Ngày làm việc bù")


class DaySource(models.TextChoices):
    """Where a listed day came from."""

    HOLIDAYS = "holidays", _("Lịch nghỉ lễ theo luật (nạp tự động)")
    ADMIN = "admin", _("Văn phòng nhập")


class CalendarDay(models.Model):
    """
    A public holiday, a compensating day off, or a weekend day worked in exchange (làm bù).

    Stage deadlines are counted in working days: Monday to Friday, less the days off listed
    here, plus the working days listed here. `setup_site` seeds the coming years from the
    Vietnam calendar of the `holidays` package; the Office corrects and completes them (a
    compensating day off the Government announces late, a Saturday worked in exchange).
    """

    date = models.DateField(_("ngày"), unique=True, help_text=_("Ngày dương lịch (dd/mm/yyyy)."))
    kind = models.CharField(
        _("loại ngày"),
        max_length=20,
        choices=DayKind.choices,
        default=DayKind.DAY_OFF,
        help_text=_("Ngày nghỉ (lễ, Tết, nghỉ bù) hoặc ngày cuối tuần phải đi làm bù."),
    )
    name = models.CharField(
        _("tên"), max_length=255, help_text=_("Ví dụ: Quốc khánh, Tết Nguyên đán, làm bù cho ngày 31/8.")
    )
    source = models.CharField(
        _("nguồn"),
        max_length=20,
        choices=DaySource.choices,
        default=DaySource.ADMIN,
        editable=False,
        help_text=_("Ngày nạp tự động không bị ghi đè khi Văn phòng đã sửa."),
    )

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("kind")]), FieldPanel("name")]

    class Meta:
        verbose_name = _("ngày nghỉ / ngày làm bù")
        verbose_name_plural = _("lịch ngày nghỉ")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} – {self.name}"
