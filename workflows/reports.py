"""Admin report: workflow stages in progress, their age in working days and whether overdue."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import django_filters
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.admin.views.reports.workflows import get_editable_page_ids_query
from wagtail.models import Page, Task, TaskState
from wagtail.permission_policies.pages import PagePermissionPolicy

from cms.exports import VietnameseExportMixin
from cms.models import Unit
from exemplar_pages.models import ExemplarPage, NewsPage

from .deadlines import deadline_for
from .models import ChannelReleaseTask
from .names import stage_label
from .releases import pending_releases


@dataclass
class StageRow:
    """One stage in progress, as the report shows and exports it."""

    title: str
    unit: str
    stage: str
    started: datetime.date
    due: datetime.date | None
    age: int
    overdue: bool
    edit_url: str


def _page_ids_of_unit(unit: Unit) -> list[str]:
    ids = list(ExemplarPage.objects.filter(unit=unit).values_list("pk", flat=True))
    ids += NewsPage.objects.filter(unit=unit).values_list("pk", flat=True)
    return [str(pk) for pk in ids]


class StageFilterSet(WagtailFilterSet):
    unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị"),
        queryset=Unit.objects.filter(is_contributing=True).order_by("short_name"),
        method="filter_unit",
    )
    task = django_filters.ModelChoiceFilter(label=_("Bước duyệt"), queryset=Task.objects.filter(active=True))
    overdue = django_filters.BooleanFilter(label=_("Chỉ hiện bước quá hạn"), method="filter_overdue")

    class Meta:
        model = TaskState
        fields = ["unit", "task", "overdue"]

    def filter_unit(self, queryset, name, value):
        return queryset.filter(workflow_state__object_id__in=_page_ids_of_unit(value)) if value else queryset

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=[s.pk for s in queryset if deadline_for(s).overdue])


class OverdueColumn(Column):
    """A red "Quá hạn" tag on overdue stages only; "Trong hạn" otherwise (never a red cross)."""

    cell_template_name = "workflows/tables/overdue_cell.html"


class StageDeadlineReportView(VietnameseExportMixin, ReportView):
    """Bước duyệt đang xử lý: age in working days and overdue flag, exportable to CSV/XLSX."""

    page_title = _("Thời hạn bước duyệt")
    header_icon = "time"
    filterset_class = StageFilterSet
    index_url_name = "workflow_deadlines"
    index_results_url_name = "workflow_deadlines_results"
    any_permission_required = ["add", "change", "publish"]
    list_export = ["title", "unit", "stage", "started", "due", "age", "overdue"]
    export_headings = {
        "title": _("Trang"),
        "unit": _("Đơn vị"),
        "stage": _("Bước duyệt"),
        "started": _("Bắt đầu"),
        "due": _("Hạn xử lý"),
        "age": _("Số ngày làm việc"),
        "overdue": _("Quá hạn"),
    }

    @cached_property
    def permission_policy(self):
        return PagePermissionPolicy(Page)

    @cached_property
    def columns(self):
        return [
            Column("title", label=_("Trang"), accessor="title"),
            Column("unit", label=_("Đơn vị")),
            Column("stage", label=_("Bước duyệt")),
            Column("started", label=_("Bắt đầu")),
            Column("due", label=_("Hạn xử lý")),
            Column("age", label=_("Số ngày làm việc")),
            OverdueColumn("overdue", label=_("Tình trạng")),
        ]

    def get_filename(self) -> str:
        return f"thoi-han-buoc-duyet-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        # Only stages of pages the user may edit, as in Wagtail's own workflow report.
        return (
            TaskState.objects.filter(
                status=TaskState.STATUS_IN_PROGRESS,
                workflow_state__object_id__in=get_editable_page_ids_query(self.request),
            )
            .select_related("task", "workflow_state")
            .order_by("started_at")
        )

    def get_table(self, object_list):
        # The listing's table is built before Wagtail's decorate hook runs: decorate here too.
        return super().get_table(self.decorate_paginated_queryset(object_list))

    def decorate_paginated_queryset(self, object_list):
        if object_list and isinstance(object_list[0], StageRow):
            return object_list
        rows = []
        for state in object_list:
            page = state.workflow_state.content_object
            if page is None:
                continue
            specific = page.specific
            deadline = deadline_for(state)
            stage = str(stage_label(state.task))
            # The release stage waits per channel: one row for each channel still undecided.
            stages = [stage]
            if isinstance(state.task.specific, ChannelReleaseTask):
                pending = pending_releases(page, None, task_state=state)
                stages = [f"{stage}: {row.channel.name}" for row in pending] or stages
            for label in stages:
                rows.append(
                    StageRow(
                        title=page.get_admin_display_title(),
                        unit=str(getattr(specific, "unit", "") or ""),
                        stage=label,
                        started=deadline.started,
                        due=deadline.due,
                        age=deadline.age,
                        overdue=deadline.overdue,
                        edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
                    )
                )
        return rows
