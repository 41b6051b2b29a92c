"""Admin registrations of the project core."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from cms.lockouts import LockoutViewSet
from cms.panels import EndedUnitsPanel, ended_units_of
from cms.viewsets import CalendarDayViewSet, CoordinatingRoleViewSet, UnitViewSet

register_snippet(UnitViewSet)
register_snippet(CoordinatingRoleViewSet)
register_snippet(CalendarDayViewSet)


@hooks.register("construct_homepage_panels")
def tell_ended_units_who_succeeded_them(request, panels) -> None:
    units = ended_units_of(request.user)
    if units:
        panels.append(EndedUnitsPanel(units))


@hooks.register("register_admin_viewset")
def register_lockouts() -> LockoutViewSet:
    return LockoutViewSet("lockouts", url_prefix="lockouts")
