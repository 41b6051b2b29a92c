"""Project-core models: the units directory, the coordinating roles and the channels."""

from .channels import Channel
from .roles import CoordinatingRole, RoleAssignment, RoleCode
from .units import Unit, UnitLevel, UnitQuerySet

__all__ = [
    "Channel",
    "CoordinatingRole",
    "RoleAssignment",
    "RoleCode",
    "Unit",
    "UnitLevel",
    "UnitQuerySet",
]
