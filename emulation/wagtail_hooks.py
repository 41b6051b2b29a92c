"""Admin registrations of the emulation year: menus, permissions of roles and units, log actions."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from cms.models import RoleCode
from exemplar_pages.models import ExemplarPage

from .access import is_emulation_office, user_unit_ids
from .dashboard import EmulationPanel
from .models import EmulationRegistration, Initiative, Nomination
from .permissions import UnitScopedPermissionPolicy
from .report_views import YearReportView
from .summary_views import (
    SummaryListImportView,
    exemplar_report_docx,
    nomination_report_docx,
    summary_list_export,
)
from .viewsets import EmulationGroup

# Units see and change their own rows only; registered before the viewsets look them up.
for _model in (EmulationRegistration, Initiative, Nomination):
    register_permission_policy(_model, UnitScopedPermissionPolicy(_model), exact_class=True)
register_snippet(EmulationGroup)

MODELS = (
    "emulationyear",
    "emulationcluster",
    "emulationregistration",
    "initiative",
    "nominationround",
    "nomination",
    "eligibilityrule",
)
UNIT_MODELS = ("emulationregistration", "initiative", "nomination")


def _crud(model: str) -> tuple[str, ...]:
    return tuple(f"emulation.{action}_{model}" for action in ("add", "change", "delete", "view"))


@hooks.register("register_role_permissions")
def role_permissions():
    """Emulation & rewards keeps the whole year: every row of every unit, reviews and decisions."""
    names = [name for model in MODELS for name in _crud(model)]
    names += ["emulation.review_nomination", "emulation.decide_initiative"]
    return {RoleCode.EMULATION_REWARDS: tuple(names)}


@hooks.register("register_unit_permissions")
def unit_permissions():
    """A unit's editor enters its rows; its head also confirms and submits them."""
    editors = [name for model in UNIT_MODELS for name in _crud(model)]
    editors += [
        "emulation.view_nominationround",
        "emulation.view_emulationcluster",
        "emulation.view_emulationyear",
    ]
    heads = [*editors, "emulation.confirm_emulationregistration", "emulation.submit_nomination"]
    return {"editors": tuple(editors), "heads": tuple(heads)}


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("emulation.confirm", _("Xác nhận đăng ký thi đua"), _("Lãnh đạo đơn vị xác nhận"))
    actions.register_action("emulation.submit", _("Gửi đề nghị khen thưởng"), _("Đơn vị gửi đề nghị"))
    actions.register_action("emulation.return", _("Trả lại đề nghị"), _("Trả lại để bổ sung"))
    actions.register_action("emulation.outcome", _("Ghi kết quả xét"), _("Ghi kết quả xét"))
    actions.register_action(
        "emulation.decide", _("Ghi quyết định khen thưởng"), _("Ghi quyết định khen thưởng")
    )


@hooks.register("construct_homepage_panels")
def add_emulation_panel(request, panels):
    panel = EmulationPanel(request)
    if panel.is_shown():
        panels.append(panel)


@hooks.register("register_admin_urls")
def register_emulation_urls():
    return [
        path("reports/emulation-year/", YearReportView.as_view(), name="emulation_year_report"),
        path(
            "emulation/import-summary-list/",
            SummaryListImportView.as_view(),
            name="emulation_import_summary_list",
        ),
        path(
            "emulation/rounds/<int:pk>/summary-list.xlsx",
            summary_list_export,
            name="emulation_export_summary_list",
        ),
        path(
            "emulation/exemplars/<int:pk>/report.docx", exemplar_report_docx, name="emulation_exemplar_report"
        ),
        path(
            "emulation/nominations/<int:pk>/report.docx",
            nomination_report_docx,
            name="emulation_nomination_report",
        ),
    ]


class YearReportMenuItem(MenuItem):
    """Shown to emulation & rewards and to the people of contributing units."""

    def is_shown(self, request):
        return is_emulation_office(request.user) or bool(user_unit_ids(request.user))


@hooks.register("register_reports_menu_item")
def register_year_report_menu_item():
    return YearReportMenuItem(
        _("Báo cáo thi đua, khen thưởng năm"), reverse("emulation_year_report"), icon_name="tasks", order=720
    )


def _report_button(page, user):
    if page.specific_class is ExemplarPage and (
        is_emulation_office(user) or page.specific.unit_id in user_unit_ids(user)
    ):
        yield Button(
            _("Báo cáo thành tích (DOCX)"),
            reverse("emulation_exemplar_report", args=[page.pk]),
            icon_name="download",
            priority=80,
        )


@hooks.register("register_page_header_buttons")
def exemplar_report_header_button(page, user, view_name, next_url=None):
    yield from _report_button(page, user)


@hooks.register("register_page_listing_more_buttons")
def exemplar_report_listing_button(page, user, next_url=None):
    yield from _report_button(page, user)
