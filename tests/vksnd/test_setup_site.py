"""setup_site creates roles, unit groups, folders and permissions, idempotently."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Site

from cms.models import CoordinatingRole, Unit
from exemplar_pages.models import HomePage, UnitFolderPage
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db]


def state() -> tuple[int, ...]:
    return (
        Unit.objects.count(),
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
        Page.objects.count(),
        Collection.objects.count(),
    )


def test_running_setup_site_twice_changes_nothing(full_site):
    before = state()
    call_command("setup_site", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert state() == before


def test_the_site_root_is_the_headless_home_page(full_site):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert [p.slug for p in site.root_page.get_children()] == [
        "guong-dien-hinh",
        "phong-trao-thi-dua",
        "tin-bai",
    ]
    # Beside it, only its English translation: the root of the English editions.
    others = Page.objects.filter(depth=2).exclude(pk=site.root_page_id)
    assert [(p.locale.language_code, p.translation_key) for p in others] == [
        ("en", site.root_page.translation_key)
    ]


def test_every_contributing_unit_has_a_folder_an_editor_group_and_a_head_group(full_site):
    units = Unit.objects.filter(is_contributing=True)
    assert units.count() == UnitFolderPage.objects.count() > 100
    assert not units.filter(editor_group__isnull=True).exists()
    assert not units.filter(head_group__isnull=True).exists()
    assert not Unit.objects.get(code="VKSTC").is_contributing


def test_each_coordinating_role_has_its_own_group(full_site):
    groups = {role.code: role.group for role in CoordinatingRole.objects.all()}
    assert set(groups) == {"emulation_rewards", "journal", "newspaper", "office"}
    assert len({g.pk for g in groups.values()}) == 4


def test_a_unit_editor_works_in_its_own_folder_only_and_cannot_publish(full_site):
    binh_thuan = Unit.objects.get(code="VKS-BINHTHUAN")
    editor = UserFactory(groups=[binh_thuan.editor_group])
    own = binh_thuan.folder.permissions_for_user(editor)
    other = Unit.objects.get(code="VKS-HANOI").folder.permissions_for_user(editor)
    assert own.can_add_subpage() or own.can_edit()
    assert own.can_edit()
    assert not own.can_publish()
    assert not other.can_edit()
    assert not full_site.tree.campaigns.permissions_for_user(editor).can_add_subpage()


def test_only_the_office_role_can_publish(full_site):
    publishers = GroupPagePermission.objects.filter(permission__codename="publish_page")
    office = CoordinatingRole.objects.get(code="office").group
    assert set(publishers.values_list("group", flat=True)) == {office.pk}


def test_a_unit_editor_uploads_into_its_own_collection_only(full_site):
    binh_thuan = Unit.objects.get(code="VKS-BINHTHUAN")
    grants = GroupCollectionPermission.objects.filter(group=binh_thuan.editor_group)
    assert set(grants.values_list("collection", flat=True)) == {binh_thuan.collection_id}
