"""Admin viewsets for the units directory and the coordinating roles."""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from cms.exports import VietnameseExportMixin
from cms.models import CalendarDay, CoordinatingRole, Unit, UnitLevel
from cms.text import fold_accents


def search_units(queryset, query: str):
    """
    Units whose name, short name, code, symbol or province contain `query`, with or without
    diacritics ("binh thuan" finds "Bình Thuận"). The directory holds hundreds of rows, not
    millions: their names are folded in Python over one query, which works the same on
    PostgreSQL and SQLite.
    """
    words = fold_accents(query).casefold().split()
    if not words:
        return queryset
    matching = [
        pk
        for pk, *texts in queryset.values_list("pk", "name", "short_name", "code", "former_code", "province")
        if all(word in fold_accents(" ".join(texts)).casefold() for word in words)
    ]
    return queryset.filter(pk__in=matching)


class UnitChooserFilterForm(BaseFilterForm):
    """
    The unit chooser: only units valid today unless asked, or valid on the past date being
    entered in the page form; a search that ignores accents.

    Opened from a unit folder's page form (`cms.choosers.scope_to_folder`), it offers only the folder unit's
    own subtree; when that unit itself has ended (Bình Thuận's folder after 30/6/2025), its
    ended units are offered too: the folder is that unit's archive, and nothing else is valid there.
    """

    q = forms.CharField(
        label=_("Tìm đơn vị"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Tên, mã hoặc tỉnh, có dấu hoặc không dấu")}),
    )
    include_ended = forms.BooleanField(
        label=_("Gồm cả đơn vị đã kết thúc (khi nhập nội dung của thời gian trước)"),
        required=False,
        widget=forms.CheckboxInput(attrs={"data-chooser-modal-search-filter": True}),
    )

    folder_unit = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # The date typed in the page form (`cms.choosers.offer_units_valid_on`), as the admin's
    # date fields show it; read leniently: a value that is not a date means today.
    on_date = forms.CharField(required=False, widget=forms.HiddenInput)

    def offered_on(self) -> datetime.date:
        """The day whose units are offered: the date being entered when it is past, else today."""
        today = timezone.localdate()
        try:
            # The admin's own date parsing (the locale's DATE_INPUT_FORMATS: dd/mm/yyyy, ISO…).
            day = forms.DateField(required=False).clean(self.cleaned_data.get("on_date"))
        except ValidationError:
            return today
        return min(day, today) if day else today

    def filter(self, objects):
        folder_unit = Unit.objects.filter(pk=self.cleaned_data.get("folder_unit")).first()
        if folder_unit is not None:
            objects = objects.filter(pk__in=folder_unit.descendant_ids())
        folder_ended = folder_unit is not None and folder_unit.valid_until is not None
        folder_ended = folder_ended and folder_unit.valid_until < timezone.localdate()
        if not self.cleaned_data.get("include_ended") and not folder_ended:
            objects = objects.valid_on(self.offered_on())
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            objects = search_units(objects, query)
            self.is_searching = True
            self.search_query = query
        return objects


class UnitChooseMixin:
    """Both chooser views filter through `UnitChooserFilterForm`."""

    filter_form_class = UnitChooserFilterForm
    ordering = ["short_name", "code"]


class UnitChooseView(UnitChooseMixin, ChooseView):
    pass


class UnitChooseResultsView(UnitChooseMixin, ChooseResultsView):
    pass


class UnitChooserViewSet(SnippetChooserViewSet):
    """The unit chooser of every page form (news, campaigns, exemplars, plans)."""

    choose_view_class = UnitChooseView
    choose_results_view_class = UnitChooseResultsView


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
    chooser_viewset_class = UnitChooserViewSet
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
        Column("status", label=_("Tình trạng"), accessor="status_label"),
        BooleanColumn("is_contributing", label=_("Đơn vị đề xuất")),
    ]
    list_export = [
        "code",
        "status_label",
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
        return Unit.objects.select_related("parent").prefetch_related("successors")


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
