"""Admin registrations of the project core."""

from django.utils.html import format_html, json_script
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.staticfiles import versioned_static
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


@hooks.register("insert_global_admin_css")
def date_picker_contrast():
    return format_html('<link rel="stylesheet" href="{}">', versioned_static("cms/date-picker.css"))


@hooks.register("insert_global_admin_js")
def date_picker_button_names():
    # Wagtail's date picker has icon buttons without names (static/cms/date-picker.js).
    words = {
        "previous_month": _("Tháng trước"),
        "next_month": _("Tháng sau"),
        "today": _("Về hôm nay"),
        "earlier": _("Giờ sớm hơn"),
        "later": _("Giờ muộn hơn"),
    }
    return format_html(
        '{}<script src="{}" defer></script>',
        json_script(words, "date-picker-words"),
        versioned_static("cms/date-picker.js"),
    )
