"""Groups and permissions: the four coordinating roles and each contributing unit."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail import hooks
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from cms.models import CoordinatingRole, RoleCode, Unit

PAGE_EDIT = ("add_page", "change_page")
PAGE_MODERATE = ("change_page", "lock_page", "unlock_page")
# The emulation role also files content on a unit's behalf, in any unit folder.
PAGE_MODERATE_AND_FILE = ("add_page", *PAGE_MODERATE)
PAGE_PUBLISH = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
# Wagtail's own media permissions, granted on a collection; apps add theirs through the
# `register_media_permissions` hook (media/: video clips).
WAGTAIL_MEDIA_UPLOAD = (
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
# Model permissions of the foundation's own models per role, besides admin access
# ("app_label.codename"). The apps above add the permissions on their models through the
# `register_role_permissions` hook ({role code: names}), so this layer never names them.
ROLE_MODEL_PERMISSIONS = {
    RoleCode.EMULATION_REWARDS: ("cms.view_unit", "cms.view_coordinatingrole"),
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
        "cms.add_calendarday",
        "cms.change_calendarday",
        "cms.delete_calendarday",
        "cms.view_calendarday",
        # Locked admin logins (django-axes): seen and unlocked by the Office (cms/lockouts.py).
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
    ),
}
UNIT_MODEL_PERMISSIONS = ("cms.view_unit",)


def role_model_permissions() -> dict[str, tuple[str, ...]]:
    """Every role's model permissions: the foundation's and those the apps register."""
    found = {code: list(names) for code, names in ROLE_MODEL_PERMISSIONS.items()}
    for hook in hooks.get_hooks("register_role_permissions"):
        for code, names in hook().items():
            found.setdefault(code, []).extend(names)
    return {code: tuple(dict.fromkeys(names)) for code, names in found.items()}


def unit_model_permissions() -> dict[str, tuple[str, ...]]:
    """
    Model permissions of a unit's editor and head groups ({"editors": …, "heads": …}): the
    foundation's, and those the apps register through the `register_unit_permissions` hook.
    """
    found: dict[str, list[str]] = {
        "editors": list(UNIT_MODEL_PERMISSIONS),
        "heads": list(UNIT_MODEL_PERMISSIONS),
    }
    for hook in hooks.get_hooks("register_unit_permissions"):
        for kind, names in hook().items():
            found[kind].extend(names)
    return {kind: tuple(dict.fromkeys(names)) for kind, names in found.items()}


def media_upload_permissions() -> tuple[str, ...]:
    """What a role or a unit may do in a media collection: Wagtail's and the apps' media."""
    names = list(WAGTAIL_MEDIA_UPLOAD)
    for hook in hooks.get_hooks("register_media_permissions"):
        names.extend(hook())
    return tuple(dict.fromkeys(names))


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
        RoleCode.EMULATION_REWARDS: [(exemplars, PAGE_MODERATE_AND_FILE), (campaigns, PAGE_EDIT)],
        RoleCode.JOURNAL: [(exemplars, PAGE_MODERATE), (news, PAGE_EDIT)],
        RoleCode.NEWSPAPER: [(exemplars, PAGE_MODERATE), (news, PAGE_EDIT)],
        RoleCode.OFFICE: [(home, PAGE_PUBLISH)],
    }
    model_permissions = role_model_permissions()
    media_permissions = media_upload_permissions()
    for code in RoleCode:
        role, _created = CoordinatingRole.objects.get_or_create(code=code, defaults={"name": code.label})
        group = role.group
        if group is None:
            group, _created = Group.objects.get_or_create(name=ROLE_GROUP_NAMES[code])
            role.group = group
            role.save(update_fields=["group"])
        _grant_admin(perms, group, model_permissions.get(code, ()))
        for page, codenames in page_grants[code]:
            grant_pages(perms, group, page, codenames)
        grant_collection(perms, group, root_collection, media_permissions)
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
    media_permissions = media_upload_permissions()
    model_permissions = unit_model_permissions()
    for kind, group in (("editors", unit.editor_group), ("heads", unit.head_group)):
        _grant_admin(perms, group, model_permissions[kind])
        grant_pages(perms, group, folder, PAGE_EDIT)
        grant_collection(perms, group, unit.collection, media_permissions)
    # The head may also lock a page while confirming it.
    grant_pages(perms, unit.head_group, folder, ("lock_page", "unlock_page"))


# Created by Wagtail's initial migrations with publish permission on the whole tree, which
# would let their members bypass the coordination workflow.
STOCK_GROUP_NAMES = ("Moderators", "Editors")


def remove_stock_groups() -> None:
    """Delete Wagtail's stock groups while nobody belongs to them."""
    Group.objects.filter(name__in=STOCK_GROUP_NAMES, user__isnull=True).delete()
