"""The dashboard panel of the people who act in the emulation year: what waits for them."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from .access import is_emulation_office, user_unit_ids, user_units
from .models import (
    EmulationRegistration,
    Nomination,
    NominationRound,
    NominationStatus,
    RegistrationStatus,
    RoundStatus,
)


class EmulationPanel(Component):
    """Counts with links: a unit's own year, or, for the office, what awaits review."""

    name = "emulation"
    order = 120
    template_name = "emulation/dashboard_panel.html"

    def __init__(self, request) -> None:
        self.request = request
        self.office = is_emulation_office(request.user)
        self.units = [] if self.office else user_units(request.user)

    def is_shown(self) -> bool:
        return self.office or bool(self.units)

    def items(self) -> list[tuple[str, int, str]]:
        year = timezone.localdate().year
        registrations = reverse("emulation_registrations:list")
        nominations = reverse("emulation_nominations:list")
        rounds = reverse("emulation_rounds:list")
        if self.office:
            return [
                (
                    _("Đăng ký thi đua năm %(year)s đã xác nhận") % {"year": year},
                    EmulationRegistration.objects.filter(
                        year=year, status=RegistrationStatus.CONFIRMED
                    ).count(),
                    registrations,
                ),
                (
                    _("Đề nghị khen thưởng chờ thẩm định"),
                    Nomination.objects.filter(status=NominationStatus.SUBMITTED).count(),
                    nominations + "?status=submitted",
                ),
                (
                    _("Đợt xét chưa có quyết định"),
                    NominationRound.objects.exclude(status=RoundStatus.DECIDED).count(),
                    rounds,
                ),
            ]
        ids = user_unit_ids(self.request.user)
        return [
            (
                _("Đăng ký thi đua năm %(year)s chưa xác nhận") % {"year": year},
                EmulationRegistration.objects.filter(
                    unit__in=ids, year=year, status=RegistrationStatus.DRAFT
                ).count(),
                registrations,
            ),
            (
                _("Đề nghị khen thưởng đang soạn hoặc bị trả lại"),
                Nomination.objects.filter(
                    unit__in=ids, status__in=[NominationStatus.DRAFT, NominationStatus.RETURNED]
                ).count(),
                nominations,
            ),
            (
                _("Đợt xét đang nhận hồ sơ"),
                NominationRound.objects.filter(status=RoundStatus.OPEN).count(),
                rounds,
            ),
        ]

    def get_context_data(self, parent_context=None):
        return {"items": self.items(), "title": _("Thi đua - Khen thưởng")}
