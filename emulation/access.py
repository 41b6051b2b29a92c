"""
Who sees and acts on what in the emulation year: a unit sees its own rows (and its sub-units'),
emulation & rewards sees all. Model permissions say what a group may do at all (granted by
setup_site through the hooks in wagtail_hooks.py); these functions say on which rows.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from cms.models import CoordinatingRole, RoleCode, Unit


def is_emulation_office(user) -> bool:
    """Superusers and members of the emulation & rewards role's group."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    role = CoordinatingRole.objects.filter(code=RoleCode.EMULATION_REWARDS).select_related("group").first()
    return bool(role and role.group_id and user.groups.filter(pk=role.group_id).exists())


def user_units(user) -> list[Unit]:
    """The units whose editor or head group the user is in."""
    if not user.is_authenticated:
        return []
    group_ids = list(user.groups.values_list("pk", flat=True))
    return list(Unit.objects.filter(Q(editor_group_id__in=group_ids) | Q(head_group_id__in=group_ids)))


def user_unit_ids(user) -> set[int]:
    """Ids of the user's units and of every unit beneath them."""
    ids: set[int] = set()
    for unit in user_units(user):
        ids |= unit.descendant_ids()
    return ids


def is_unit_head(user, unit: Unit) -> bool:
    return bool(unit.head_group_id and user.groups.filter(pk=unit.head_group_id).exists())


def scope_to_user(queryset: QuerySet, user, unit_field: str = "unit") -> QuerySet:
    """Rows of the user's units, or all rows for the emulation office."""
    if is_emulation_office(user):
        return queryset
    return queryset.filter(**{f"{unit_field}__in": user_unit_ids(user)})


def units_for_choice(user) -> QuerySet:
    """The units a user may pick in a form: their own (with sub-units), or all for the office."""
    if is_emulation_office(user):
        return Unit.objects.filter(is_contributing=True)
    return Unit.objects.filter(pk__in=user_unit_ids(user))
