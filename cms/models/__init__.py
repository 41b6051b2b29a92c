"""Foundation models: the units directory, the coordinating roles, the channels, the calendar."""

from .calendar import CalendarDay, DayKind, DaySource
from .channels import Channel
from .roles import CoordinatingRole, RoleAssignment, RoleCode
from .units import Unit, UnitLevel, UnitQuerySet

__all__ = [
    "CalendarDay",
    "Channel",
    "CoordinatingRole",
    "DayKind",
    "DaySource",
    "RoleAssignment",
    "RoleCode",
    "Unit",
    "UnitLevel",
    "UnitQuerySet",
]
