"""Admin registrations of the moderation app: the stage deadline report."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from .admin_api import refuse_cross_language_alias_copy, replace_pages_endpoint
from .reports import StageDeadlineReportView

# The admin pages API's actions honour moderation locks and keep aliases in their language.
hooks.register("construct_admin_api", replace_pages_endpoint)
hooks.register("before_copy_page", refuse_cross_language_alias_copy)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/workflow-deadlines/", StageDeadlineReportView.as_view(), name="workflow_deadlines"),
        path(
            "reports/workflow-deadlines/results/",
            StageDeadlineReportView.as_view(results_only=True),
            name="workflow_deadlines_results",
        ),
    ]


class DeadlineReportMenuItem(MenuItem):
    """Shown to whoever may add, edit or publish pages, like Wagtail's workflow report."""

    def is_shown(self, request):
        return PagePermissionPolicy(Page).user_has_any_permission(request.user, ["add", "change", "publish"])


@hooks.register("register_reports_menu_item")
def register_deadline_report_menu_item():
    return DeadlineReportMenuItem(
        _("Thời hạn bước duyệt"), reverse("workflow_deadlines"), icon_name="time", order=710
    )
