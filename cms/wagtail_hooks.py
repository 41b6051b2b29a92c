"""Admin registrations of the project core."""

from wagtail.snippets.models import register_snippet

from cms.viewsets import CalendarDayViewSet, CoordinatingRoleViewSet, UnitViewSet

register_snippet(UnitViewSet)
register_snippet(CoordinatingRoleViewSet)
register_snippet(CalendarDayViewSet)
