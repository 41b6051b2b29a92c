"""
Ended units are closed: Bình Thuận (ended 30/6/2025) takes nothing new, Lâm Đồng does; both
see their history; the dashboard names the successor; choosers offer today's units.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model

from cms.models import CoordinatingRole
from exemplar_pages.models import ExemplarPage
from tests.factories import UserFactory
from tests.helpers.files import image_bytes

pytestmark = [pytest.mark.django_db]


def add_url(folder) -> str:
    return reverse("wagtailadmin_pages:add", args=("exemplar_pages", "exemplarpage", folder.pk))


def refused(response) -> bool:
    """Wagtail's admin answers a PermissionDenied by sending the user back to the dashboard."""
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_binh_thuans_editor_cannot_create_in_its_folder_while_lam_dongs_can(
    client, editor, folder, lam_dong_editor, lam_dong_folder
):
    assert not folder.permissions_for_user(editor).can_add_subpage()
    client.force_login(editor)
    assert refused(client.get(add_url(folder)))
    assert refused(client.get(reverse("wagtailadmin_pages:add_subpage", args=(folder.pk,))))
    assert refused(client.post(add_url(folder), {"title": "Đề xuất mới"}))
    assert not ExemplarPage.objects.filter(title="Đề xuất mới").exists()

    assert lam_dong_folder.permissions_for_user(lam_dong_editor).can_add_subpage()
    client.force_login(lam_dong_editor)
    assert client.get(add_url(lam_dong_folder)).status_code == 200


def test_not_even_a_superuser_starts_something_new_in_an_ended_units_folder(client, folder):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert refused(client.get(add_url(folder)))


def test_a_draft_left_in_an_ended_units_folder_stays_readable_but_cannot_be_submitted(
    client, editor, make_exemplar
):
    draft = make_exemplar("Đề xuất năm 2024 (mẫu)", live=False)
    permissions = ExemplarPage.objects.get(pk=draft.pk).permissions_for_user(editor)
    assert permissions.can_edit()
    assert not permissions.can_submit_for_moderation()
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_pages:edit", args=(draft.pk,))).status_code == 200
    assert client.get(reverse("wagtailadmin_explore", args=(draft.get_parent().pk,))).status_code == 200


def test_uploads_into_an_ended_units_collection_are_refused(
    client, editor, binh_thuan, lam_dong, lam_dong_editor
):
    images = get_image_model()
    upload = SimpleUploadedFile("anh.jpg", image_bytes(size=(64, 64)), content_type="image/jpeg")
    client.force_login(editor)
    response = client.post(reverse("wagtailimages:add"), {"title": "Ảnh mới", "file": upload})
    assert response.status_code == 200
    assert "đã kết thúc hoạt động ngày 30/06/2025" in response.content.decode()
    assert not images.objects.filter(collection=binh_thuan.collection).exists()

    client.force_login(lam_dong_editor)
    upload = SimpleUploadedFile("anh.jpg", image_bytes(size=(64, 64)), content_type="image/jpeg")
    response = client.post(reverse("wagtailimages:add"), {"title": "Ảnh mới", "file": upload})
    assert response.status_code == 302
    assert images.objects.filter(collection=lam_dong.collection).count() == 1


def test_the_dashboard_tells_an_ended_units_people_who_succeeded_them(client, editor, lam_dong_editor):
    client.force_login(editor)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Đơn vị của bạn đã kết thúc hoạt động" in page
    assert "Đơn vị kế tục:" in page and "VKSND tỉnh Lâm Đồng" in page
    client.force_login(lam_dong_editor)
    assert (
        "Đơn vị của bạn đã kết thúc hoạt động"
        not in client.get(reverse("wagtailadmin_home")).content.decode()
    )


CHOOSER = "wagtailsnippetchoosers_cms_unit:choose_results"


@pytest.fixture
def office_client(client, site_tree):
    client.force_login(UserFactory(groups=[CoordinatingRole.objects.get(code="office").group]))
    return client


def chosen(client, **params) -> str:
    response = client.get(reverse(CHOOSER), params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_unit_chooser_offers_todays_units_and_finds_them_without_accents(office_client):
    found = chosen(office_client, q="lam dong")
    assert "VKSND tỉnh Lâm Đồng" in found
    assert "(đến 30/06/2025)" not in found  # the Lâm Đồng of before the merger has ended
    assert "Bình Thuận" not in chosen(office_client, q="binh thuan")


def test_the_unit_chooser_offers_ended_units_when_past_content_is_entered(office_client):
    found = chosen(office_client, q="binh thuan", include_ended="on")
    assert "VKSND tỉnh Bình Thuận" in found
    assert "Bình Thuận" in chosen(office_client, q="Bình Thuận", include_ended="on")


def test_the_unit_chooser_shows_a_search_box(office_client):
    page = office_client.get(reverse("wagtailsnippetchoosers_cms_unit:choose")).json()["html"]
    assert 'name="q"' in page and 'name="include_ended"' in page


def test_the_units_admin_shows_past_and_current_units_apart(office_client):
    page = office_client.get(reverse("wagtailsnippets_cms_unit:list"), {"q": "Bình Thuận"}).content.decode()
    assert "Đã kết thúc 30/06/2025 → VKSND tỉnh Lâm Đồng" in page
    page = office_client.get(reverse("wagtailsnippets_cms_unit:list"), {"q": "Lâm Đồng"}).content.decode()
    assert "Đang hoạt động" in page


def test_the_unit_chooser_offers_the_units_of_the_past_date_being_entered(office_client):
    assert "VKSND tỉnh Bình Thuận" in chosen(office_client, q="binh thuan", on_date="15/03/2024")
    assert "VKSND tỉnh Bình Thuận" in chosen(office_client, q="binh thuan", on_date="2025-06-30")
    # The day after it ended, a future date, or no date at all: today's units.
    assert "Bình Thuận" not in chosen(office_client, q="binh thuan", on_date="01/07/2025")
    assert "Bình Thuận" not in chosen(office_client, q="binh thuan", on_date="01/01/2099")
    assert "Bình Thuận" not in chosen(office_client, q="binh thuan", on_date="")


def test_a_date_that_is_not_a_date_offers_todays_units_and_no_error(office_client):
    for garbage in ("31/02/2024", "hôm qua", "9" * 30):
        found = chosen(office_client, q="binh thuan", on_date=garbage)
        assert "Bình Thuận" not in found, garbage


@pytest.mark.parametrize(
    ("model_name", "date_field"),
    [("newspage", "date"), ("campaignpage", "issue_date")],
)
def test_a_page_forms_unit_chooser_sends_the_date_being_entered(
    office_client, site_tree, model_name, date_field
):
    parent = site_tree.news if model_name == "newspage" else site_tree.campaigns
    form = office_client.get(
        reverse("wagtailadmin_pages:add", args=("exemplar_pages", model_name, parent.pk))
    )
    assert form.status_code == 200
    assert f'"linkedFields": {{"on_date": "#id_{date_field}"}}' in form.content.decode()
