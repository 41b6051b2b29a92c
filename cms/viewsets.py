"""Admin viewsets for the units directory and the coordinating roles."""

from __future__ import annotations

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from cms.exports import VietnameseExportMixin
from cms.models import CalendarDay, CoordinatingRole, Unit, UnitLevel


class UnitIndexView(VietnameseExportMixin, IndexView):
    """The directory's listing, exported for Excel (BOM, dd/mm/yyyy)."""


class UnitFilterSet(WagtailFilterSet):
    """Filters of the units listing: level, province, parent, in operation or not."""

    level = django_filters.ChoiceFilter(label=_("Cấp"), choices=UnitLevel.choices)
    status = django_filters.ChoiceFilter(
        label=_("Tình trạng"),
        choices=[("current", _("Đang hoạt động")), ("ended", _("Đã kết thúc"))],
        method="filter_status",
        empty_label=_("Tất cả"),
    )
    province = django_filters.CharFilter(label=_("Tỉnh / thành phố"), lookup_expr="icontains")

    class Meta:
        model = Unit
        fields = ["level", "status", "province"]

    def filter_status(self, queryset, name, value):
        today = timezone.localdate()
        if value == "current":
            return queryset.valid_on(today)
        if value == "ended":
            return queryset.filter(valid_until__lt=today)
        return queryset


class UnitViewSet(SnippetViewSet):
    """Đơn vị: the temporal directory, searchable and filterable."""

    model = Unit
    icon = "site"
    menu_label = pgettext_lazy("menu", "Đơn vị")
    menu_order = 300
    add_to_admin_menu = True
    list_per_page = 50
    filterset_class = UnitFilterSet
    # The directory is small: search it with the ORM (accent-insensitive search over
    # content comes with the content model).
    search_backend_name = None
    search_fields = ["name", "short_name", "code", "former_code", "province"]
    list_display = [
        "short_name",
        "code",
        Column("level", label=_("Cấp"), accessor="get_level_display"),
        "province",
        Column("valid_from", label=_("Từ ngày")),
        Column("valid_until", label=_("Đến ngày")),
        BooleanColumn("is_contributing", label=_("Đơn vị đề xuất")),
    ]
    list_export = [
        "code",
        "former_code",
        "name",
        "short_name",
        "level",
        "province",
        "valid_from",
        "valid_until",
    ]
    export_filename = "don-vi"
    ordering = ["level", "short_name"]

    def get_queryset(self, request):
        return Unit.objects.select_related("parent")


class CalendarDayViewSet(SnippetViewSet):
    """Lịch ngày nghỉ: holidays, compensating days off and weekend days worked in exchange."""

    model = CalendarDay
    icon = "date"
    menu_label = pgettext_lazy("menu", "Lịch ngày nghỉ")
    menu_order = 320
    add_to_admin_menu = True
    list_display = [
        Column("date", label=_("Ngày")),
        Column("kind", label=_("Loại ngày"), accessor="get_kind_display"),
        "name",
        Column("source", label=_("Nguồn"), accessor="get_source_display"),
    ]
    list_filter = ["kind"]
    search_fields = ["name"]
    search_backend_name = None
    ordering = ["-date"]
    list_per_page = 50


class CoordinatingRoleViewSet(SnippetViewSet):
    """Vai trò phối hợp: which unit holds each function of the workflow, with dates."""

    model = CoordinatingRole
    icon = "group"
    menu_label = pgettext_lazy("menu", "Vai trò phối hợp")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "code", Column("current_unit", label=_("Đơn vị hiện nay"), accessor="unit_on")]
    search_fields = ["name", "code"]
    search_backend_name = None
