"""Shared fixtures: a Bình Thuận folder with its editor, another unit, role users, vocabularies."""

from __future__ import annotations

import pytest

from cms.models import Channel, CoordinatingRole, Unit
from cms.services.access import provision_unit
from cms.services.units import load_channels
from exemplar_pages.models import AwardForm, UnitFolderPage
from exemplar_pages.tree import ensure_unit_folders
from exemplar_pages.vocabularies import load_award_vocabularies
from tests.factories import UnitFactory, UserFactory


@pytest.fixture
def vocabularies(site_tree):
    load_channels()
    load_award_vocabularies()


@pytest.fixture
def binh_thuan(site_tree, vocabularies) -> Unit:
    unit = UnitFactory(
        code="VKS-BINHTHUAN",
        name="Viện kiểm sát nhân dân tỉnh Bình Thuận",
        short_name="VKSND tỉnh Bình Thuận",
        province="Bình Thuận",
    )
    provision_unit(unit, ensure_unit_folders(site_tree.exemplars)[unit.pk])
    return unit


@pytest.fixture
def other_unit(site_tree, binh_thuan) -> Unit:
    unit = UnitFactory(
        code="VKS-HANOI", name="Viện kiểm sát nhân dân thành phố Hà Nội", short_name="VKSND TP Hà Nội"
    )
    provision_unit(unit, ensure_unit_folders(site_tree.exemplars)[unit.pk])
    return unit


@pytest.fixture
def folder(binh_thuan) -> UnitFolderPage:
    return UnitFolderPage.objects.get(unit=binh_thuan)


@pytest.fixture
def editor(binh_thuan):
    return UserFactory(username="bt-editor", groups=[binh_thuan.editor_group])


def role_user(code: str, username: str):
    return UserFactory(username=username, groups=[CoordinatingRole.objects.get(code=code).group])


@pytest.fixture
def emulation_user(site_tree):
    return role_user("emulation_rewards", "emulation")


@pytest.fixture
def journal_user(site_tree):
    return role_user("journal", "journal")


@pytest.fixture
def bang_khen(vocabularies) -> AwardForm:
    return AwardForm.source_entries().get(name="Bằng khen của Chủ tịch UBND cấp tỉnh")


@pytest.fixture
def public_channel(vocabularies) -> Channel:
    return Channel.objects.get(code="public")
