"""The units directory in the admin: listing, search, filters, validation, permissions."""

import pytest
from django.urls import reverse

from cms.models import CoordinatingRole, Unit
from cms.services.access import provision_unit
from cms.services.units import load_units
from exemplar_pages.tree import ensure_unit_folders
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_cms_unit:list"
ADD = "wagtailsnippets_cms_unit:add"


@pytest.fixture
def office_user(site_tree):
    return UserFactory(groups=[CoordinatingRole.objects.get(code="office").group])


@pytest.fixture
def units(db):
    load_units()


def test_the_office_searches_units_by_name_without_opening_each(client, office_user, units):
    client.force_login(office_user)
    response = client.get(reverse(LIST), {"q": "Bình Thuận"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "VKSND tỉnh Bình Thuận" in html
    assert "VKSND tỉnh Quảng Ninh" not in html


def test_the_units_listing_filters_ended_units_by_level(client, office_user, units):
    client.force_login(office_user)
    response = client.get(reverse(LIST), {"level": "high_level", "status": "ended"})
    html = response.content.decode()
    assert "VKSND cấp cao 1" in html
    assert "VKSND tỉnh Bình Thuận" not in html


def test_a_unit_whose_end_precedes_its_start_is_refused_in_vietnamese(client, office_user, units):
    client.force_login(office_user)
    response = client.post(
        reverse(ADD),
        {
            "name": "Viện kiểm sát nhân dân khu vực 1 - Lâm Đồng",
            "short_name": "VKSND khu vực 1 - Lâm Đồng",
            "code": "VKS-KV1-LAMDONG",
            "level": "regional",
            "valid_from": "01/07/2025",
            "valid_until": "30/06/2025",
            "is_contributing": "on",
        },
    )
    assert response.status_code == 200
    assert "Ngày kết thúc phải sau hoặc trùng ngày bắt đầu hoạt động." in response.content.decode()
    assert not Unit.objects.filter(code="VKS-KV1-LAMDONG").exists()


def test_a_malformed_unit_code_is_refused_in_vietnamese(client, office_user):
    client.force_login(office_user)
    response = client.post(
        reverse(ADD), {"name": "Đơn vị thử", "short_name": "Thử", "code": "bình thuận", "level": "regional"}
    )
    assert "Mã đơn vị chỉ gồm chữ in hoa không dấu" in response.content.decode()
    assert not Unit.objects.filter(name="Đơn vị thử").exists()


def test_the_office_adds_a_regional_unit_with_dates_read_day_first(client, office_user, units):
    client.force_login(office_user)
    response = client.post(
        reverse(ADD),
        {
            "name": "Viện kiểm sát nhân dân khu vực 1 - Lâm Đồng",
            "short_name": "VKSND khu vực 1 - Lâm Đồng",
            "code": "VKS-KV1-LAMDONG",
            "level": "regional",
            "parent": Unit.objects.get(code="VKS-LAMDONG-2025").pk,
            "valid_from": "01/07/2025",
            "is_contributing": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    unit = Unit.objects.get(code="VKS-KV1-LAMDONG")
    assert unit.valid_from.isoformat() == "2025-07-01"


def test_a_unit_editor_can_read_but_not_change_the_directory(client, site_tree):
    unit = UnitFactory()
    provision_unit(unit, ensure_unit_folders(site_tree.exemplars)[unit.pk])
    client.force_login(UserFactory(groups=[unit.editor_group]))
    assert client.get(reverse(LIST)).status_code == 200
    assert client.get(reverse(ADD)).status_code in (302, 403)
    client.post(reverse(ADD), {"code": "VKS-X", "name": "X", "short_name": "X", "level": "regional"})
    assert not Unit.objects.filter(code="VKS-X").exists()
