"""
Reminders of the registration deadline, like the workflow's: from `reminder_days` working days
before the deadline of a year until the deadline itself, every contributing unit without a
confirmed registration gets one e-mail a day (its editors and heads), in each one's language.
Run daily by a scheduler: `manage.py send_registration_reminders`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.calendar import add_working_days
from cms.languages import recipient_language
from cms.models import Unit

from .models import EmulationRegistration, EmulationYear, RegistrationReminder, RegistrationStatus


@dataclass
class ReminderReport:
    units: int = 0
    e_mails: int = 0


def years_to_remind(today: datetime.date) -> list[EmulationYear]:
    """Years whose deadline is today or within their reminder window."""
    return [
        setting
        for setting in EmulationYear.objects.filter(registration_deadline__gte=today)
        if add_working_days(today, setting.reminder_days) >= setting.registration_deadline
    ]


def _message(setting: EmulationYear, unit: Unit, language: str) -> tuple[str, str]:
    url = settings.WAGTAILADMIN_BASE_URL + reverse("emulation_registrations:list")
    with translation.override(language):
        subject = _("[Thi đua - Khen thưởng] Hạn đăng ký thi đua năm %(year)s: %(date)s") % {
            "year": setting.year,
            "date": setting.registration_deadline.strftime("%d/%m/%Y"),
        }
        body = _(
            "%(unit)s chưa có bản đăng ký thi đua năm %(year)s được lãnh đạo đơn vị xác nhận. "
            "Hạn đăng ký là ngày %(date)s. Vui lòng nhập và xác nhận tại: %(url)s"
        ) % {
            "unit": unit.short_name,
            "year": setting.year,
            "date": setting.registration_deadline.strftime("%d/%m/%Y"),
            "url": url,
        }
    return subject, body


def send_registration_reminders(today: datetime.date | None = None) -> ReminderReport:
    report = ReminderReport()
    today = today or timezone.localdate()
    for setting in years_to_remind(today):
        confirmed = set(
            EmulationRegistration.objects.filter(
                year=setting.year, status=RegistrationStatus.CONFIRMED
            ).values_list("unit_id", flat=True)
        )
        units = (
            Unit.objects.valid_on(today)
            .filter(is_contributing=True)
            .exclude(pk__in=confirmed)
            .select_related("editor_group", "head_group")
        )
        for unit in units:
            people = [
                user
                for group in (unit.editor_group, unit.head_group)
                if group
                for user in group.user_set.filter(is_active=True).exclude(email="")
            ]
            if not people:
                continue
            try:
                with transaction.atomic():
                    RegistrationReminder.objects.create(
                        unit=unit, year=setting.year, sent_on=today, recipients=len(people)
                    )
            except IntegrityError:
                continue  # already reminded today
            for user in people:
                subject, body = _message(setting, unit, recipient_language(user))
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email], fail_silently=True)
            report.units += 1
            report.e_mails += len(people)
    return report
