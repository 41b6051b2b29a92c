"""Project-core models: the units directory and the coordinating roles."""

from .roles import CoordinatingRole, RoleAssignment, RoleCode
from .units import Unit, UnitLevel, UnitQuerySet

__all__ = [
    "CoordinatingRole",
    "RoleAssignment",
    "RoleCode",
    "Unit",
    "UnitLevel",
    "UnitQuerySet",
]
