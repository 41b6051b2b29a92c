"""The choosers of the page forms: searchable without accents, offering only what may be chosen."""

import pytest
from django.urls import reverse

from cms.models import CoordinatingRole
from exemplar_pages.models import AwardForm
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

UNITS = "wagtailsnippetchoosers_cms_unit:choose_results"
AWARD_FORMS = "wagtailsnippetchoosers_exemplar_pages_awardform:choose_results"


@pytest.fixture
def office_client(client, site_tree):
    client.force_login(UserFactory(groups=[CoordinatingRole.objects.get(code="office").group]))
    return client


def listed(client, name, **params) -> str:
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_award_form_chooser_finds_entries_without_accents(office_client, bang_khen):
    found = listed(office_client, AWARD_FORMS, q="bang khen chu tich ubnd")
    assert "Bằng khen của Chủ tịch UBND cấp tỉnh" in found
    assert "Chiến sĩ thi đua" not in found
    assert 'name="q"' in office_client.get(reverse(AWARD_FORMS.replace("_results", ""))).json()["html"]


def test_a_retired_award_form_is_not_offered(office_client, bang_khen):
    AwardForm.objects.filter(translation_key=bang_khen.translation_key).update(is_active=False)
    assert "Bằng khen của Chủ tịch UBND cấp tỉnh" not in listed(office_client, AWARD_FORMS, q="bang khen")


def test_a_folder_form_offers_only_its_units_subtree(office_client, lam_dong_folder, lam_dong):
    found = listed(office_client, UNITS, folder_unit=lam_dong.pk)
    assert "VKSND tỉnh Lâm Đồng" in found
    assert "Hà Nội" not in found


def test_an_ended_units_folder_offers_that_unit_though_it_has_ended(office_client, binh_thuan):
    found = listed(office_client, UNITS, folder_unit=binh_thuan.pk)
    assert "VKSND tỉnh Bình Thuận" in found
    # Elsewhere the ended unit is offered only on request.
    assert "Bình Thuận" not in listed(office_client, UNITS, q="binh thuan")


def test_the_exemplar_form_opens_its_unit_chooser_on_its_folders_unit(
    client, lam_dong_editor, lam_dong_folder, lam_dong
):
    client.force_login(lam_dong_editor)
    response = client.get(
        reverse("wagtailadmin_pages:add", args=("exemplar_pages", "exemplarpage", lam_dong_folder.pk))
    )
    assert response.status_code == 200
    assert f"folder_unit={lam_dong.pk}" in response.content.decode()
