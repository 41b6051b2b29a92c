"""A permission policy that keeps each unit to its own rows (emulation & rewards sees all)."""

from __future__ import annotations

from wagtail.permission_policies import ModelPermissionPolicy

from .access import is_emulation_office, scope_to_user, user_unit_ids
from .models import EmulationRegistration, Nomination, NominationStatus, RegistrationStatus


def is_settled(instance) -> bool:
    """A confirmed registration or a nomination past its draft is no longer the unit's to edit."""
    if isinstance(instance, EmulationRegistration):
        return instance.status == RegistrationStatus.CONFIRMED
    if isinstance(instance, Nomination):
        return instance.status not in (NominationStatus.DRAFT, NominationStatus.RETURNED)
    return False


class UnitScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions as granted, limited to rows of the user's units (and sub-units)."""

    def __init__(self, model, unit_field: str = "unit") -> None:
        super().__init__(model)
        self.unit_field = unit_field

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        if not self.user_has_permission(user, action):
            return False
        if is_emulation_office(user):
            return True
        if getattr(instance, f"{self.unit_field}_id") not in user_unit_ids(user):
            return False
        return not (action in ("change", "delete") and is_settled(instance))

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_permission_for(self, user, action):
        return scope_to_user(super().instances_user_has_permission_for(user, action), user, self.unit_field)

    def instances_user_has_any_permission_for(self, user, actions):
        return scope_to_user(
            super().instances_user_has_any_permission_for(user, actions), user, self.unit_field
        )
