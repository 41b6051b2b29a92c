"""Admin registrations of the moderation app: the deadline report, notices to the proposer and verifier."""

from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from .admin_api import refuse_cross_language_alias_copy, replace_pages_endpoint
from .draft_views import AbandonedDraftsReportView, discard_view
from .drafts import DISCARD_ACTION
from .guidance import ChangesRequestedPanel, editor_notices
from .guide import EditorGuideView
from .reports import StageDeadlineReportView

# The admin pages API's actions honour moderation locks and keep aliases in their language.
hooks.register("construct_admin_api", replace_pages_endpoint)
hooks.register("before_copy_page", refuse_cross_language_alias_copy)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/workflow-deadlines/", StageDeadlineReportView.as_view(), name="workflow_deadlines"),
        path("huong-dan/", EditorGuideView.as_view(), name="editor_guide"),
        path(
            "reports/workflow-deadlines/results/",
            StageDeadlineReportView.as_view(results_only=True),
            name="workflow_deadlines_results",
        ),
        path("reports/abandoned-drafts/", AbandonedDraftsReportView.as_view(), name="abandoned_drafts"),
        path(
            "reports/abandoned-drafts/results/",
            AbandonedDraftsReportView.as_view(results_only=True),
            name="abandoned_drafts_results",
        ),
        path("reports/abandoned-drafts/<int:page_id>/discard/", discard_view, name="abandoned_draft_discard"),
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


@hooks.register("register_reports_menu_item")
def register_abandoned_drafts_menu_item():
    return DeadlineReportMenuItem(
        _("Bản nháp bỏ dở"), reverse("abandoned_drafts"), icon_name="draft", order=715
    )


@hooks.register("register_log_actions")
def register_draft_log_actions(actions):
    actions.register_action(DISCARD_ACTION, _("Bỏ bản nháp bỏ dở"), _("Bỏ bản nháp bỏ dở, quay về bản trước"))


@hooks.register("before_edit_page")
def show_workflow_notices(request, page):
    """At the top of the editor: why the page came back, or why verification must wait."""
    if request.method == "GET":
        for level, text in editor_notices(page, request.user):
            getattr(messages, level)(request, text)


@hooks.register("construct_homepage_panels")
def add_changes_requested_panel(request, panels):
    panels.insert(0, ChangesRequestedPanel(request.user))


# Wagtail's own help links point at guide.wagtail.org and wagtail.org: the closed network
# reaches neither. The guide of these four units' workflow is served here instead.
EXTERNAL_HELP_ITEMS = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("construct_help_menu")
def local_help(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(EXTERNAL_HELP_ITEMS)]
    menu_items.append(
        MenuItem(
            _("Hướng dẫn biên tập"), reverse("editor_guide"), icon_name="help", order=1100, name="huong-dan"
        )
    )
    menu_items.append(
        MenuItem(
            _("Có gì mới"),
            reverse("editor_guide") + "#co-gi-moi",
            icon_name="help",
            order=1000,
            name="co-gi-moi",
        )
    )
