"""Groups and permissions: the four coordinating roles and each contributing unit."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from cms.models import CoordinatingRole, RoleCode, Unit

PAGE_EDIT = ("add_page", "change_page")
PAGE_MODERATE = ("change_page", "lock_page", "unlock_page")
PAGE_PUBLISH = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
MEDIA_CHOOSE = ("wagtailimages.choose_image", "wagtaildocs.choose_document")
MEDIA_UPLOAD = (
    "media.add_videoclip",
    "media.change_videoclip",
    "media.choose_videoclip",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)
ROLE_GROUP_NAMES = {
    RoleCode.EMULATION_REWARDS: "Vai trò: Thi đua - Khen thưởng",
    RoleCode.JOURNAL: "Vai trò: Tạp chí Kiểm sát",
    RoleCode.NEWSPAPER: "Vai trò: Báo Bảo vệ pháp luật",
    RoleCode.OFFICE: "Vai trò: Văn phòng (phê duyệt đăng tải)",
}
# Model permissions per role, besides admin access ("app_label.codename").
VOCABULARY_PERMISSIONS = (
    "exemplar_pages.add_awardform",
    "exemplar_pages.change_awardform",
    "exemplar_pages.view_awardform",
    "exemplar_pages.add_commendationkind",
    "exemplar_pages.change_commendationkind",
    "exemplar_pages.view_commendationkind",
)
ROLE_MODEL_PERMISSIONS = {
    RoleCode.EMULATION_REWARDS: (
        "cms.view_unit",
        "cms.view_coordinatingrole",
        "exemplar_pages.verify_exemplarpage",
        *VOCABULARY_PERMISSIONS,
    ),
    RoleCode.JOURNAL: ("cms.view_unit",),
    RoleCode.NEWSPAPER: ("cms.view_unit",),
    RoleCode.OFFICE: (
        "cms.view_unit",
        "cms.add_unit",
        "cms.change_unit",
        "cms.view_coordinatingrole",
        "cms.change_coordinatingrole",
        "cms.add_channel",
        "cms.change_channel",
        "cms.view_channel",
        *VOCABULARY_PERMISSIONS,
        # Partners of the content API and their keys (content_api/viewsets.py).
        "content_api.add_partner",
        "content_api.change_partner",
        "content_api.delete_partner",
        "content_api.view_partner",
        # Webhook subscriptions of the partners and their delivery log (content_api/views.py).
        "content_api.add_webhooksubscription",
        "content_api.change_webhooksubscription",
        "content_api.delete_webhooksubscription",
        "content_api.view_webhooksubscription",
        "content_api.view_webhookdelivery",
    ),
}
UNIT_MODEL_PERMISSIONS = ("cms.view_unit",)
UNITS_COLLECTION_NAME = "Đơn vị"


class PermissionSet:
    """Permissions looked up once per set-up run ("app_label.codename" -> Permission)."""

    def __init__(self) -> None:
        self._cache: dict[str, Permission] = {
            f"{p.content_type.app_label}.{p.codename}": p
            for p in Permission.objects.select_related("content_type")
        }

    def get(self, names: Iterable[str]) -> list[Permission]:
        return [self._cache[name] for name in names]

    def pages(self, codenames: Iterable[str]) -> list[Permission]:
        return self.get(f"wagtailcore.{c}" for c in codenames)


def _grant_admin(perms: PermissionSet, group: Group, model_permissions: Iterable[str]) -> None:
    group.permissions.add(*perms.get(["wagtailadmin.access_admin", *model_permissions]))


def grant_pages(perms: PermissionSet, group: Group, page: Page, codenames: Iterable[str]) -> None:
    # Both permission tables are unique on (group, object, permission): re-running is a no-op.
    GroupPagePermission.objects.bulk_create(
        [GroupPagePermission(group=group, page=page, permission=p) for p in perms.pages(codenames)],
        ignore_conflicts=True,
    )


def grant_collection(
    perms: PermissionSet, group: Group, collection: Collection, names: Iterable[str]
) -> None:
    rows = [
        GroupCollectionPermission(group=group, collection=collection, permission=p) for p in perms.get(names)
    ]
    GroupCollectionPermission.objects.bulk_create(rows, ignore_conflicts=True)


def _units_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=UNITS_COLLECTION_NAME).first()
    return existing or root.add_child(name=UNITS_COLLECTION_NAME)


@transaction.atomic
def ensure_role_groups(home: Page, exemplars: Page, campaigns: Page, news: Page) -> dict[str, Group]:
    """One group per coordinating role, linked to the role, with its page permissions."""
    perms = PermissionSet()
    root_collection = Collection.get_first_root_node()
    groups: dict[str, Group] = {}
    page_grants = {
        RoleCode.EMULATION_REWARDS: [(exemplars, PAGE_MODERATE), (campaigns, PAGE_EDIT)],
        RoleCode.JOURNAL: [(exemplars, PAGE_MODERATE), (news, PAGE_EDIT)],
        RoleCode.NEWSPAPER: [(exemplars, PAGE_MODERATE), (news, PAGE_EDIT)],
        RoleCode.OFFICE: [(home, PAGE_PUBLISH)],
    }
    for code in RoleCode:
        role, _created = CoordinatingRole.objects.get_or_create(code=code, defaults={"name": code.label})
        group = role.group
        if group is None:
            group, _created = Group.objects.get_or_create(name=ROLE_GROUP_NAMES[code])
            role.group = group
            role.save(update_fields=["group"])
        _grant_admin(perms, group, ROLE_MODEL_PERMISSIONS[code])
        for page, codenames in page_grants[code]:
            grant_pages(perms, group, page, codenames)
        grant_collection(perms, group, root_collection, MEDIA_UPLOAD)
        groups[code] = group
    return groups


@transaction.atomic
def provision_unit(unit: Unit, folder: Page, perms: PermissionSet | None = None) -> None:
    """
    The editor group, the head group and the media collection of a contributing unit,
    with add and edit (never publish) permission on its own folder only.
    """
    perms = perms or PermissionSet()
    changed = []
    for kind, attr in (("editors", "editor_group"), ("heads", "head_group")):
        if getattr(unit, attr) is None:
            group, _created = Group.objects.get_or_create(name=unit.group_name(kind))
            setattr(unit, attr, group)
            changed.append(attr)
    if unit.collection is None:
        unit.collection = _units_collection().add_child(name=f"{unit.short_name} [{unit.code}]")
        changed.append("collection")
    if changed:
        unit.save(update_fields=changed)
    for group in (unit.editor_group, unit.head_group):
        _grant_admin(perms, group, UNIT_MODEL_PERMISSIONS)
        grant_pages(perms, group, folder, PAGE_EDIT)
        grant_collection(perms, group, unit.collection, MEDIA_UPLOAD)
    # The head may also lock a page while confirming it.
    grant_pages(perms, unit.head_group, folder, ("lock_page", "unlock_page"))


# Created by Wagtail's initial migrations with publish permission on the whole tree, which
# would let their members bypass the coordination workflow.
STOCK_GROUP_NAMES = ("Moderators", "Editors")


def remove_stock_groups() -> None:
    """Delete Wagtail's stock groups while nobody belongs to them."""
    Group.objects.filter(name__in=STOCK_GROUP_NAMES, user__isnull=True).delete()
