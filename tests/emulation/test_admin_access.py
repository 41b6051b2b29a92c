"""The admin of the emulation year: a unit sees and edits its own rows, emulation & rewards sees all."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from emulation.models import (
    EmulationRegistration,
    EmulationYear,
    Nomination,
    NominationStatus,
    RegistrationStatus,
)
from tests.helpers.workflow import as_user, role_user

pytestmark = pytest.mark.django_db


def denied(response) -> bool:
    """Wagtail's admin answers a refused permission by sending the user to the dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


@pytest.fixture
def office(site_tree):
    return role_user("emulation_rewards", "thidua")


def registration_form(unit, year=2024, **overrides) -> dict:
    data = {
        "unit": unit.pk,
        "year": year,
        "campaign": "",
        "aimed_forms": [],
        "targets_text": "Hoàn thành xuất sắc nhiệm vụ năm 2024.",
        "targets": inline_formset([{"label": "Tỷ lệ giải quyết án", "value": "100", "measure": "%"}]),
        "is_sample": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_an_editor_registers_the_unit_and_its_head_confirms(binh_thuan, editor, head, office):
    EmulationYear.objects.create(year=2024, registration_deadline=datetime.date(2099, 3, 31))
    client = as_user(editor)
    response = client.post(reverse("emulation_registrations:add"), registration_form(binh_thuan))
    assert response.status_code == 302, response.content.decode()[:3000]
    registration = EmulationRegistration.objects.get()
    assert registration.targets.get().value == 100
    # the editor may not confirm
    confirm = reverse("emulation_registrations:action", args=[registration.pk, "confirm"])
    assert denied(client.post(confirm))
    assert "Xác nhận" in as_user(head).get(reverse("emulation_registrations:list")).content.decode()
    assert as_user(head).post(confirm).status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.on_time is True
    # once confirmed, it is no longer the unit's to change; the office still can
    edit = reverse("emulation_registrations:edit", args=[registration.pk])
    assert denied(client.get(edit))
    assert as_user(office).get(edit).status_code == 200


def test_a_unit_cannot_register_for_another_unit(binh_thuan, other_unit, editor):
    response = as_user(editor).post(reverse("emulation_registrations:add"), registration_form(other_unit))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode() or "Hãy chọn" in response.content.decode()
    assert not EmulationRegistration.objects.exists()


def test_each_unit_sees_its_own_and_the_office_sees_all(binh_thuan, other_unit, editor, other_editor, office):
    mine = EmulationRegistration.objects.create(unit=binh_thuan, year=2024)
    theirs = EmulationRegistration.objects.create(unit=other_unit, year=2024)
    index = reverse("emulation_registrations:list")
    html = as_user(editor).get(index).content.decode()
    assert str(binh_thuan.short_name) in html and str(other_unit.short_name) not in html
    assert denied(as_user(editor).get(reverse("emulation_registrations:edit", args=[theirs.pk])))
    assert denied(as_user(other_editor).get(reverse("emulation_registrations:edit", args=[mine.pk])))
    for name in ("delete", "history", "usage"):
        assert denied(as_user(editor).get(reverse(f"emulation_registrations:{name}", args=[theirs.pk]))), name
    assert as_user(editor).get(reverse("emulation_registrations:history", args=[mine.pk])).status_code == 200
    assert (
        as_user(editor).post(reverse("emulation_registrations:delete", args=[theirs.pk])).status_code == 302
    )
    assert EmulationRegistration.objects.filter(pk=theirs.pk).exists()
    html = as_user(office).get(index).content.decode()
    assert str(binh_thuan.short_name) in html and str(other_unit.short_name) in html


def test_the_office_reviews_a_nomination_and_sees_the_checks(make_nomination, head, office, editor):
    nomination = make_nomination()
    as_user(head).post(reverse("emulation_nominations:action", args=[nomination.pk, "submit"]))
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.SUBMITTED
    # a unit cannot decide its own nomination
    approve = reverse("emulation_nominations:action", args=[nomination.pk, "approve"])
    assert denied(as_user(editor).post(approve))
    back = reverse("emulation_nominations:action", args=[nomination.pk, "return"])
    response = as_user(office).post(back, {"comment": ""})
    assert "Ghi rõ lý do trả lại." in response.content.decode()
    as_user(office).post(back, {"comment": "Thiếu báo cáo thành tích."})
    assert Nomination.objects.get().status == NominationStatus.RETURNED


def test_unknown_actions_and_other_units_rows_are_refused(make_nomination, other_editor):
    nomination = make_nomination()
    client = as_user(other_editor)
    assert denied(client.get(reverse("emulation_nominations:action", args=[nomination.pk, "submit"])))
    assert denied(client.get(reverse("emulation_nominations:action", args=[nomination.pk, "delete-all"])))
    assert client.get(reverse("emulation_nominations:action", args=[999999, "submit"])).status_code == 404


def test_the_dashboard_shows_what_waits(make_nomination, editor, office):
    make_nomination()
    html = as_user(editor).get(reverse("wagtailadmin_home")).content.decode()
    assert "Thi đua - Khen thưởng" in html and "Đề nghị khen thưởng đang soạn hoặc bị trả lại" in html
    html = as_user(office).get(reverse("wagtailadmin_home")).content.decode()
    assert "Đề nghị khen thưởng chờ thẩm định" in html


def test_anonymous_visitors_reach_nothing(client, nomination_round):
    for url in (
        reverse("emulation_registrations:list"),
        reverse("emulation_year_report"),
        reverse("emulation_import_summary_list"),
        reverse("emulation_export_summary_list", args=[nomination_round.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "/admin/login/" in response.get("Location", "/admin/login/")
