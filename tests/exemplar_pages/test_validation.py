"""Bad input gets a clear Vietnamese error and nothing is half-written."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.models import Unit
from exemplar_pages.models import Award, CampaignPage, ExemplarPage
from tests.helpers.forms import award_row, campaign_form, exemplar_form

pytestmark = pytest.mark.django_db


def add_url(model: str, parent) -> str:
    return reverse("wagtailadmin_pages:add", args=("exemplar_pages", model, parent.pk))


def post_exemplar(client, lam_dong_editor, lam_dong_folder, **kwargs):
    client.force_login(lam_dong_editor)
    return client.post(
        add_url("exemplarpage", lam_dong_folder), exemplar_form(lam_dong_folder.unit, **kwargs)
    )


def test_a_malformed_decision_number_is_refused(client, lam_dong_editor, lam_dong_folder, bang_khen):
    response = post_exemplar(
        client, lam_dong_editor, lam_dong_folder, awards=[award_row(bang_khen, number="1136/QĐ/UBND")]
    )
    assert response.status_code == 200
    assert "không đúng định dạng. Ví dụ hợp lệ: 1136/QĐ-UBND" in response.content.decode()
    assert not ExemplarPage.objects.exists()
    assert not Award.objects.exists()


def test_a_decision_dated_in_the_future_is_refused(client, lam_dong_editor, lam_dong_folder, bang_khen):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    response = post_exemplar(
        client, lam_dong_editor, lam_dong_folder, awards=[award_row(bang_khen, date=tomorrow)]
    )
    assert "Ngày quyết định không thể ở tương lai." in response.content.decode()
    assert not ExemplarPage.objects.exists()


def test_an_exemplar_without_a_unit_is_refused(client, lam_dong_editor, lam_dong_folder):
    client.force_login(lam_dong_editor)
    response = client.post(add_url("exemplarpage", lam_dong_folder), exemplar_form(None))
    assert response.status_code == 200
    assert "Trường này là bắt buộc." in response.content.decode()
    assert not ExemplarPage.objects.exists()


def test_an_exemplar_of_another_unit_is_refused_in_this_folder(
    client, lam_dong_editor, lam_dong_folder, other_unit
):
    client.force_login(lam_dong_editor)
    response = client.post(add_url("exemplarpage", lam_dong_folder), exemplar_form(other_unit))
    assert response.status_code == 200
    assert not ExemplarPage.objects.exists()


def test_a_campaign_whose_period_ends_before_it_starts_is_refused(client, emulation_user, site_tree):
    unit = Unit.objects.get(code="VKSTC")  # the Supreme Procuracy, from the directory
    client.force_login(emulation_user)
    response = client.post(
        add_url("campaignpage", site_tree.campaigns),
        campaign_form(unit, period_year="", period_start="01/07/2025", period_end="30/06/2025"),
    )
    assert "Ngày kết thúc đợt thi đua phải sau ngày bắt đầu." in response.content.decode()
    assert not CampaignPage.objects.exists()


def test_a_campaign_needs_a_year_or_a_start_date(client, emulation_user, site_tree):
    unit = Unit.objects.get(code="VKSTC")  # the Supreme Procuracy, from the directory
    client.force_login(emulation_user)
    response = client.post(add_url("campaignpage", site_tree.campaigns), campaign_form(unit, period_year=""))
    assert "Nhập năm thi đua, hoặc ngày bắt đầu của đợt thi đua." in response.content.decode()


def test_a_campaign_with_a_malformed_directive_number_is_refused(client, emulation_user, site_tree):
    unit = Unit.objects.get(code="VKSTC")  # the Supreme Procuracy, from the directory
    client.force_login(emulation_user)
    response = client.post(
        add_url("campaignpage", site_tree.campaigns), campaign_form(unit, document_number="CT 02")
    )
    assert "không đúng định dạng" in response.content.decode()
    assert not CampaignPage.objects.exists()


def test_decision_numbers_are_stored_as_written_without_stray_spaces(lam_dong_folder, bang_khen):
    page = lam_dong_folder.add_child(
        instance=ExemplarPage(
            title="Tập thể mẫu (dữ liệu mẫu)",
            unit=lam_dong_folder.unit,
            achievement_period="2024",
            achievements=[],
        )
    )
    award = Award(
        exemplar=page,
        award_form=bang_khen,
        decision_number=" 1136 / QĐ-UBND ",
        decision_date=datetime.date(2024, 6, 3),
    )
    award.full_clean(exclude=["exemplar"])
    assert award.decision_number == "1136/QĐ-UBND"
