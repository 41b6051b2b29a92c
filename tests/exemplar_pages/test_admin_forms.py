"""Creating each page type through the admin's own forms, as the people who do it."""

import pytest
from django.urls import reverse

from cms.models import Unit
from exemplar_pages.models import CampaignPage, ExemplarPage, NewsPage
from tests.helpers.forms import award_row, campaign_form, exemplar_form, news_form

pytestmark = pytest.mark.django_db


def add_url(model: str, parent) -> str:
    return reverse("wagtailadmin_pages:add", args=("exemplar_pages", model, parent.pk))


def test_a_unit_editor_drafts_an_exemplar_with_awards_in_its_own_folder(
    client, lam_dong_editor, lam_dong_folder, bang_khen
):
    client.force_login(lam_dong_editor)
    response = client.post(
        add_url("exemplarpage", lam_dong_folder),
        exemplar_form(
            lam_dong_folder.unit,
            awards=[award_row(bang_khen), award_row(bang_khen, "1879/QĐ-UBND", "25/10/2024")],
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = ExemplarPage.objects.get()
    assert page.get_parent().pk == lam_dong_folder.pk
    assert not page.live
    assert [(a.decision_number, a.decision_date.isoformat()) for a in page.awards.all()] == [
        ("1136/QĐ-UBND", "2024-06-03"),
        ("1879/QĐ-UBND", "2024-10-25"),
    ]
    assert page.award_years == [2024]


def test_the_new_exemplar_form_offers_the_folders_unit_only(
    client, lam_dong_editor, lam_dong_folder, other_unit
):
    client.force_login(lam_dong_editor)
    html = client.get(add_url("exemplarpage", lam_dong_folder)).content.decode()
    assert "VKSND tỉnh Lâm Đồng" in html
    assert "VKSND TP Hà Nội" not in html


def test_the_emulation_role_launches_a_campaign(client, emulation_user, site_tree, lam_dong):
    supreme = Unit.objects.get(code="VKSTC")  # the Supreme Procuracy, from the directory
    client.force_login(emulation_user)
    response = client.post(add_url("campaignpage", site_tree.campaigns), campaign_form(supreme))
    assert response.status_code == 302, response.content.decode()[:3000]
    campaign = CampaignPage.objects.get()
    assert (campaign.document_number, campaign.issue_date.isoformat()) == ("02/CT-VKSTC", "2022-12-27")


def test_the_journal_writes_a_news_item(client, journal_user, site_tree, lam_dong):
    client.force_login(journal_user)
    response = client.post(add_url("newspage", site_tree.news), news_form(lam_dong))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert NewsPage.objects.get().date.isoformat() == "2021-03-31"


def test_a_unit_editor_cannot_create_in_another_units_folder(client, lam_dong_editor, other_unit):
    client.force_login(lam_dong_editor)
    other_folder = other_unit.folder
    response = client.post(add_url("exemplarpage", other_folder), exemplar_form(other_unit))
    assert response.status_code in (302, 403)
    assert not ExemplarPage.objects.exists()


def test_a_unit_editor_cannot_launch_campaigns(client, lam_dong_editor, site_tree, lam_dong):
    client.force_login(lam_dong_editor)
    response = client.post(add_url("campaignpage", site_tree.campaigns), campaign_form(lam_dong))
    assert response.status_code in (302, 403)
    assert not CampaignPage.objects.exists()


def test_a_unit_editor_only_sees_its_own_folder_in_the_explorer(
    client, lam_dong_editor, lam_dong_folder, other_unit, site_tree
):
    client.force_login(lam_dong_editor)
    response = client.get(reverse("wagtailadmin_explore", args=[site_tree.exemplars.pk]))
    # The explorer starts at the editor's own lam_dong_folder: the index and other folders are out of sight.
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_explore", args=[lam_dong_folder.pk])
    assert client.get(reverse("wagtailadmin_explore", args=[other_unit.folder.pk])).status_code == 302


def test_the_exemplar_listing_shows_a_unit_editor_its_own_exemplars_only(
    client, lam_dong_editor, lam_dong_folder, other_unit, bang_khen
):
    other = other_unit.folder.add_child(
        instance=ExemplarPage(
            title="Tập thể khác (dữ liệu mẫu)", unit=other_unit, achievement_period="2024", achievements=[]
        )
    )
    mine = lam_dong_folder.add_child(
        instance=ExemplarPage(
            title="Tập thể của tôi (dữ liệu mẫu)",
            unit=lam_dong_folder.unit,
            achievement_period="2024",
            achievements=[],
        )
    )
    client.force_login(lam_dong_editor)
    html = client.get(reverse("exemplars:index")).content.decode()
    assert mine.title in html
    assert other.title not in html
