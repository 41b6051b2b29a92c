"""Emulation & rewards builds a consultation in the admin, previews it and submits it; the Office approves it there."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cms.models import Channel
from engagement import consultations as services
from engagement.models import Consultation
from tests.helpers.workflow import as_user, role_user

pytestmark = pytest.mark.django_db

ADMIN = "wagtailsnippets_engagement_consultation"


def consultation_form(bang_khen, exemplar, **overrides) -> dict:
    data = {
        "title": "Lấy ý kiến đề nghị tặng Chiến sĩ thi đua toàn quốc năm 2026",
        "legal_basis": "750 / VKSTC-VP",
        "award": bang_khen.pk,
        "intro": "Nhân dân góp ý về các ứng viên dưới đây.",
        "starts_at": "2026-01-01 08:00",
        "ends_at": "2036-01-10 17:00",
        "nominees": inline_formset(
            [
                {
                    "exemplar": exemplar.pk,
                    "name": "Nguyễn Văn Đức",
                    "position_unit": "Kiểm sát viên, VKSND tỉnh Bình Thuận",
                    "summary": "Hoàn thành xuất sắc nhiệm vụ 5 năm liền.",
                    "proposed_award": "",
                },
                {
                    "exemplar": "",
                    "name": "Phòng 7 VKSND tỉnh Lâm Đồng",
                    "position_unit": "",
                    "summary": "Tập thể lao động xuất sắc 3 năm liền.",
                    "proposed_award": "Cờ thi đua",
                },
            ]
        ),
    }
    data.update(overrides)
    data = nested_form_data(data)
    # A list of checkboxes: posted as repeated values, which nested_form_data would number.
    data["channels"] = list(
        Channel.objects.filter(code__in=["portal", "public"]).values_list("pk", flat=True)
    )
    return data


@pytest.fixture
def thidua(full_site):
    return as_user(role_user("emulation_rewards", "thidua-kd"))


def test_the_editor_is_told_how_to_submit_to_the_office(thidua):
    html = thidua.get(reverse(f"{ADMIN}:add")).content.decode()
    assert "Cách gửi Văn phòng phê duyệt" in html
    assert "Văn phòng duyệt thì đợt lấy ý kiến được công bố" in html
    # The guidance names the very button the admin shows.
    button = "Gửi duyệt theo Lấy ý kiến nhân dân: Văn phòng phê duyệt"
    assert f'name="action-submit" value="{button}"' in html and f"<strong>{button}</strong>" in html


def test_the_preview_is_the_public_page_with_the_nominees_of_the_form_and_counts_no_view(
    thidua, bang_khen, make_exemplar
):
    cache.clear()
    data = consultation_form(bang_khen, make_exemplar("Nguyễn Văn Đức"))
    url = reverse(f"{ADMIN}:preview_on_add")
    assert thidua.post(url, data).json() == {"is_valid": True, "is_available": True}
    html = thidua.get(url).content.decode()
    assert "Bản xem trước: nội dung đang chờ duyệt, chưa công bố." in html
    assert "Lấy ý kiến đề nghị tặng Chiến sĩ thi đua toàn quốc năm 2026" in html
    assert html.index("Nguyễn Văn Đức") < html.index("Phòng 7 VKSND tỉnh Lâm Đồng")
    assert "<fieldset disabled>" in html and "Gửi ý kiến" in html
    assert services.flush_views() == 0


def test_nominees_are_added_in_the_admin_form_and_the_admin_buttons_take_it_to_the_public(
    client, thidua, bang_khen, make_exemplar
):
    data = consultation_form(bang_khen, make_exemplar("Nguyễn Văn Đức"), **{"action-submit": "1"})
    response = thidua.post(reverse(f"{ADMIN}:add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    consultation = Consultation.objects.get()
    assert consultation.legal_basis == "750/VKSTC-VP" and not consultation.live
    assert set(consultation.channels.values_list("code", flat=True)) == {"portal", "public"}
    assert [n.name for n in consultation.nominees.order_by("sort_order")] == [
        "Nguyễn Văn Đức",
        "Phòng 7 VKSND tỉnh Lâm Đồng",
    ]
    state = consultation.current_workflow_state
    assert state is not None and state.status == state.STATUS_IN_PROGRESS
    assert client.get(f"/lay-y-kien/{consultation.pk}/").status_code == 404

    office = as_user(role_user("office", "vanphong-kd"))
    task_state = state.current_task_state
    edit = office.get(reverse(f"{ADMIN}:edit", args=[consultation.pk])).content.decode()
    assert "Phòng 7 VKSND tỉnh Lâm Đồng" in edit
    approve = reverse(f"{ADMIN}:workflow_action", args=[consultation.pk, "approve", task_state.pk])
    assert office.post(approve, {}).status_code in (200, 302)
    consultation.refresh_from_db()
    assert consultation.live
    page = client.get(f"/lay-y-kien/{consultation.pk}/").content.decode()
    assert "Phòng 7 VKSND tỉnh Lâm Đồng" in page and "Cờ thi đua" in page


def test_a_nominee_without_a_summary_cannot_be_submitted_and_nothing_is_saved(
    thidua, bang_khen, make_exemplar
):
    # A plain draft may stay incomplete (Wagtail defers required fields on drafts); a submission may not.
    data = consultation_form(bang_khen, make_exemplar("Nguyễn Văn Đức"), **{"action-submit": "1"})
    data["nominees-1-summary"] = ""
    response = thidua.post(reverse(f"{ADMIN}:add"), data)
    assert response.status_code == 200
    assert "Trường này là bắt buộc." in response.content.decode()
    assert not Consultation.objects.exists()


def test_the_newspaper_role_cannot_add_a_consultation(full_site, bang_khen, make_exemplar):
    newspaper = as_user(role_user("newspaper", "baobvpl-kd"))
    data = consultation_form(bang_khen, make_exemplar("Nguyễn Văn Đức"), **{"action-submit": "1"})
    response = newspaper.post(reverse(f"{ADMIN}:add"), data)
    assert response.status_code in (302, 403)
    assert not Consultation.objects.exists()
