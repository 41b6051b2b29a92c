"""Registration deadlines: reminders in the window before the deadline, once a day, to units not yet confirmed."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail

from emulation.models import EmulationRegistration, EmulationYear, RegistrationStatus
from emulation.reminders import send_registration_reminders
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(other_unit):
    """The editor and the head of VKSND thành phố Hà Nội (Bình Thuận ended in 2025)."""
    return [
        UserFactory(username=f"hn-{kind}", email=f"hn-{kind}@example.invalid", groups=[group])
        for kind, group in (("editor", other_unit.editor_group), ("head", other_unit.head_group))
    ]


def test_units_without_a_confirmed_registration_are_reminded_once_a_day(people, other_unit):
    EmulationYear.objects.create(year=2027, registration_deadline=datetime.date(2027, 3, 31), reminder_days=5)
    # 24/3/2027 (Wednesday) is within 5 working days of Wednesday 31/3
    report = send_registration_reminders(datetime.date(2027, 3, 24))
    assert report.units == 1 and report.e_mails == 2
    assert "Hạn đăng ký thi đua năm 2027: 31/03/2027" in mail.outbox[0].subject
    assert other_unit.short_name in mail.outbox[0].body
    assert send_registration_reminders(datetime.date(2027, 3, 24)).units == 0  # once a day


def test_no_reminder_before_the_window_after_the_deadline_or_once_confirmed(people, other_unit):
    EmulationYear.objects.create(year=2027, registration_deadline=datetime.date(2027, 3, 31), reminder_days=5)
    assert send_registration_reminders(datetime.date(2027, 3, 1)).units == 0
    assert send_registration_reminders(datetime.date(2027, 4, 1)).units == 0
    EmulationRegistration.objects.create(unit=other_unit, year=2027, status=RegistrationStatus.CONFIRMED)
    assert send_registration_reminders(datetime.date(2027, 3, 30)).units == 0
