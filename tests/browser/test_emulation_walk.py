"""In headless Chromium: a unit registers for the year and nominates, its head confirms and submits."""

import re

import pytest
from playwright.sync_api import expect

from emulation.models import (
    EmulationRegistration,
    Nomination,
    NominationRound,
    NominationStatus,
    RegistrationStatus,
)
from exemplar_pages.models import AwardForm
from vksnd.demo import ensure_demo_accounts

pytestmark = [pytest.mark.browser, pytest.mark.heavy, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def open_round(db):
    ensure_demo_accounts()  # on the baseline, which setup_site made
    return NominationRound.objects.create(
        title="Xét tặng Bằng khen năm 2024 (dữ liệu mẫu)",
        year=2024,
        award_form=AwardForm.source_entries().get(name="Bằng khen của Viện trưởng VKSND tối cao"),
    )


def row_action(page, label: str) -> None:
    """Open the first row's "more" menu in a listing and follow `label`."""
    page.get_by_role("button", name=re.compile("^Tùy chọn khác cho")).first.click()
    page.get_by_role("link", name=label, exact=True).click()


def test_a_unit_registers_and_nominates_and_its_head_confirms_and_submits(
    page, live_server, login, open_round
):
    # The editor starts from the dashboard's emulation panel.
    login("binhthuan.bientap")
    panel = page.locator("section[aria-labelledby='emulation-panel-title']")
    expect(panel).to_contain_text("Thi đua - Khen thưởng")
    page.goto(f"{live_server.url}/admin/emulation/registrations/add/")
    # VKSND tỉnh Bình Thuận existed until 30/6/2025: it registers for 2024.
    page.fill("#id_year", "2024")
    page.fill("#id_targets_text", "Hoàn thành xuất sắc nhiệm vụ năm 2024 (dữ liệu mẫu).")
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.wait_for_load_state("networkidle")
    registration = EmulationRegistration.objects.get()
    assert registration.unit.code == "VKS-BINHTHUAN" and registration.status == RegistrationStatus.DRAFT

    page.goto(f"{live_server.url}/admin/emulation/nominations/add/")
    page.select_option("#id_round", str(open_round.pk))
    page.fill("#id_name", "Cá nhân mẫu H (dữ liệu mẫu)")
    page.fill("#id_summary", "Thành tích xuất sắc trong đấu tranh, triệt phá chuyên án (dữ liệu mẫu).")
    page.select_option("#id_proposed_form", label="Bằng khen của Viện trưởng VKSND tối cao")
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert Nomination.objects.get().status == NominationStatus.DRAFT

    # The head confirms the registration and submits the nomination.
    page.context.clear_cookies()
    login("binhthuan.lanhdao")
    page.goto(f"{live_server.url}/admin/emulation/registrations/")
    row_action(page, "Xác nhận")
    page.get_by_role("button", name="Xác nhận đăng ký thi đua").click()
    page.wait_for_load_state("networkidle")
    assert EmulationRegistration.objects.get().status == RegistrationStatus.CONFIRMED

    page.goto(f"{live_server.url}/admin/emulation/nominations/")
    row_action(page, "Gửi đề nghị")
    page.get_by_role("button", name="Gửi đề nghị khen thưởng").click()
    page.wait_for_load_state("networkidle")
    assert Nomination.objects.get().status == NominationStatus.SUBMITTED
    expect(page.locator("body")).to_contain_text("Đã thực hiện")
