"""Admin report "Bản nháp bỏ dở": abandoned drafts of the pages a user may edit, and discarding one."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from cms.exports import moment

from .drafts import DraftNotAbandoned, abandoned_drafts, discard_draft, restore_point


@dataclass
class DraftRow:
    title: str
    unit: str
    edited: str
    editor: str
    restores: str
    edit_url: str
    discard_url: str
    delete_url: str


def _restore_label(page: Page, revision) -> str:
    if revision is None:
        return str(_("Không có (trang chưa từng xuất bản hay gửi duyệt)"))
    if revision.pk == page.live_revision_id:
        return str(_("Bản đang xuất bản"))
    return str(_("Bản đã gửi duyệt lúc %(time)s") % {"time": moment(revision.created_at)})


class DraftActionsColumn(Column):
    cell_template_name = "workflows/drafts/actions_cell.html"


class AbandonedDraftsReportView(ReportView):
    """Pages whose latest revision is a draft nobody touched for ABANDONED_DRAFT_DAYS days."""

    page_title = _("Bản nháp bỏ dở")
    header_icon = "draft"
    index_url_name = "abandoned_drafts"
    index_results_url_name = "abandoned_drafts_results"
    any_permission_required = ["add", "change", "publish"]

    @cached_property
    def permission_policy(self):
        return PagePermissionPolicy(Page)

    @cached_property
    def columns(self):
        return [
            Column("title", label=_("Trang"), accessor="title"),
            Column("unit", label=_("Đơn vị")),
            Column("edited", label=_("Sửa lần cuối")),
            Column("editor", label=_("Người sửa")),
            Column("restores", label=_("Quay về")),
            DraftActionsColumn("actions", label=_("Thao tác"), accessor="discard_url"),
        ]

    def get_queryset(self):
        # The pages the user may edit, as in Wagtail's own reports: a unit's people see their unit's.
        editable = self.permission_policy.instances_user_has_permission_for(self.request.user, "change")
        return (
            abandoned_drafts(editable)
            .select_related("latest_revision__user")
            .order_by("latest_revision_created_at")
        )

    def get_table(self, object_list):
        return super().get_table(self.decorate_paginated_queryset(object_list))

    def decorate_paginated_queryset(self, object_list):
        if object_list and isinstance(object_list[0], DraftRow):
            return object_list
        rows = []
        for page in object_list:
            specific = page.specific_deferred
            revision = restore_point(page)
            user = page.latest_revision.user
            can_delete = revision is None and page.permissions_for_user(self.request.user).can_delete()
            rows.append(
                DraftRow(
                    title=page.get_admin_display_title(),
                    unit=str(getattr(specific, "unit", "") or ""),
                    edited=moment(page.latest_revision_created_at),
                    editor=(user.get_full_name() or user.get_username()) if user else "",
                    restores=_restore_label(page, revision),
                    edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
                    discard_url=reverse("abandoned_draft_discard", args=[page.pk]) if revision else "",
                    delete_url=reverse("wagtailadmin_pages:delete", args=[page.pk]) if can_delete else "",
                )
            )
        return rows


def discard_view(request, page_id: int):
    """Confirm, then discard the page's abandoned draft (back to its live or submitted revision)."""
    editable = PagePermissionPolicy(Page).instances_user_has_permission_for(request.user, "change")
    page = get_object_or_404(abandoned_drafts(editable), pk=page_id).specific
    revision = restore_point(page)
    if request.method == "POST":
        try:
            result = discard_draft(page, request.user)
        except (PermissionDenied, DraftNotAbandoned) as error:
            messages.error(request, str(error.args[0]) if error.args else str(error))
        else:
            messages.success(
                request,
                gettext("Đã bỏ bản nháp của “%(title)s”; trang quay về: %(restored)s.")
                % {
                    "title": page.get_admin_display_title(),
                    "restored": _restore_label(page, result.restored).lower(),
                },
            )
        return redirect("abandoned_drafts")
    return TemplateResponse(
        request,
        "workflows/drafts/confirm_discard.html",
        {
            "page_title": _("Bỏ bản nháp"),
            "page": page,
            "edited": moment(page.latest_revision_created_at),
            "restores": _restore_label(page, revision),
            "can_discard": revision is not None,
        },
    )
