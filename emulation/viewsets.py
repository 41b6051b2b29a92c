"""Admin of the emulation year: one snippet viewset per model, grouped in one menu."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import (
    DeleteView,
    EditView,
    HistoryView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
    UsageView,
)

from .access import is_emulation_office, is_unit_head
from .forms import NominationForm, UnitScopedForm
from .models import (
    EligibilityRule,
    EmulationCluster,
    EmulationRegistration,
    EmulationYear,
    Initiative,
    Nomination,
    NominationRound,
    NominationStatus,
    RegistrationStatus,
    RoundStatus,
)
from .views import NominationActionView, RegistrationActionView, RoundActionView


class ActionIndexView(IndexView):
    """The listing adds, per row, the actions the user may take on it now."""

    def row_actions(self, instance) -> list[tuple[str, str]]:
        return []

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        for order, (action, label) in enumerate(self.row_actions(instance)):
            url = reverse(f"{self.viewset_namespace}:action", args=[instance.pk, action])
            buttons.append(MenuItem(label, url=url, icon_name="tasks", priority=5 + order))
        return buttons

    @property
    def viewset_namespace(self) -> str:
        return self.index_url_name.split(":")[0]


class RegistrationIndexView(ActionIndexView):
    def row_actions(self, instance):
        user = self.request.user
        if instance.status == RegistrationStatus.DRAFT and is_unit_head(user, instance.unit):
            return [("confirm", _("Xác nhận"))]
        return []


class NominationIndexView(ActionIndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        url = reverse("emulation_nomination_report", args=[instance.pk])
        buttons.append(MenuItem(_("Báo cáo thành tích (DOCX)"), url=url, icon_name="download", priority=30))
        return buttons

    def row_actions(self, instance):
        user = self.request.user
        actions = []
        if instance.status in (NominationStatus.DRAFT, NominationStatus.RETURNED) and is_unit_head(
            user, instance.unit
        ):
            actions.append(("submit", _("Gửi đề nghị")))
        if is_emulation_office(user) and instance.round.status != RoundStatus.DECIDED:
            if instance.status == NominationStatus.SUBMITTED:
                actions.append(("return", _("Trả lại")))
            if instance.status in (
                NominationStatus.SUBMITTED,
                NominationStatus.APPROVED,
                NominationStatus.REJECTED,
            ):
                actions += [("approve", _("Được khen thưởng")), ("reject", _("Không được khen thưởng"))]
        return actions


class RoundIndexView(ActionIndexView):
    def row_actions(self, instance):
        if not is_emulation_office(self.request.user):
            return []
        if instance.status == RoundStatus.OPEN:
            return [("review", _("Kết thúc nhận hồ sơ")), ("decide", _("Ghi quyết định"))]
        if instance.status == RoundStatus.REVIEWING:
            return [("decide", _("Ghi quyết định"))]
        return []


class InstanceCheckedMixin:
    """
    Wagtail's generic views check model permissions only (the delete view aside): these ask
    the permission policy about the row itself, so a unit never opens another unit's row.
    """

    instance_permission = "view"

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, self.instance_permission, instance
        ):
            raise PermissionDenied
        return instance


class ScopedEditView(InstanceCheckedMixin, EditView):
    instance_permission = "change"


class ScopedDeleteView(InstanceCheckedMixin, DeleteView):
    instance_permission = "delete"


class ScopedHistoryView(InstanceCheckedMixin, HistoryView):
    pass


class ScopedUsageView(InstanceCheckedMixin, UsageView):
    pass


class ScopedViewSet(SnippetViewSet):
    """Rows of the user's units only (all for emulation & rewards); actions at <pk>/<action>/."""

    unit_field = "unit"
    action_view_class = None
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    form_class = UnitScopedForm
    search_backend_name = None
    add_to_admin_menu = False

    def get_queryset(self, request):
        return self.permission_policy.instances_user_has_any_permission_for(request.user, ["view", "change"])

    def get_edit_handler(self):
        return ObjectList(self.model.panels, base_form_class=self.form_class).bind_to_model(self.model)

    def get_urlpatterns(self):
        patterns = super().get_urlpatterns()
        if self.action_view_class:
            patterns.append(path("<int:pk>/<slug:action>/", self.action_view_class.as_view(), name="action"))
        return patterns


class RegistrationViewSet(ScopedViewSet):
    model = EmulationRegistration
    icon = "form"
    menu_label = _("Đăng ký thi đua")
    admin_url_namespace = "emulation_registrations"
    base_url_path = "emulation/registrations"
    index_view_class = RegistrationIndexView
    action_view_class = RegistrationActionView
    list_display = [
        "__str__",
        "year",
        Column("status", label=_("Trạng thái"), accessor="get_status_display"),
        Column("on_time", label=_("Đúng hạn")),
    ]
    list_filter = ["year", "status"]
    search_fields = ["unit__short_name", "targets_text"]
    list_export = ["unit", "year", "status", "confirmed_at", "targets_text"]


class NominationViewSet(ScopedViewSet):
    model = Nomination
    icon = "pick"
    menu_label = _("Đề nghị khen thưởng")
    admin_url_namespace = "emulation_nominations"
    base_url_path = "emulation/nominations"
    index_view_class = NominationIndexView
    action_view_class = NominationActionView
    form_class = NominationForm
    list_display = [
        "display_name",  # the title column, which carries the row's actions
        "unit",
        "round",
        "proposed_form",
        Column("status", label=_("Trạng thái"), accessor="get_status_display"),
    ]
    list_filter = ["round", "status", "unit"]
    search_fields = ["name", "position_and_unit", "summary"]


class InitiativeViewSet(ScopedViewSet):
    model = Initiative
    icon = "help"
    menu_label = _("Sáng kiến")
    admin_url_namespace = "emulation_initiatives"
    base_url_path = "emulation/initiatives"
    list_display = [
        "title",
        "unit",
        "year",
        Column("scope", label=_("Phạm vi"), accessor="get_scope_display"),
        Column("status", label=_("Kết quả"), accessor="get_status_display"),
    ]
    list_filter = ["year", "scope", "status"]
    search_fields = ["title", "summary"]


class ClusterViewSet(SnippetViewSet):
    model = EmulationCluster
    icon = "group"
    menu_label = _("Cụm, khối thi đua")
    admin_url_namespace = "emulation_clusters"
    base_url_path = "emulation/clusters"
    list_display = [
        "name",
        Column("kind", label=_("Loại"), accessor="get_kind_display"),
        "year",
        "leading_unit",
        "deputy_unit",
    ]
    list_filter = ["year", "kind"]
    search_fields = ["name"]
    search_backend_name = None


class RoundViewSet(SnippetViewSet):
    model = NominationRound
    icon = "calendar-check"
    menu_label = _("Đợt xét khen thưởng")
    admin_url_namespace = "emulation_rounds"
    base_url_path = "emulation/rounds"
    index_view_class = RoundIndexView
    list_display = [
        "title",
        "year",
        "award_form",
        Column("status", label=_("Trạng thái"), accessor="get_status_display"),
        "decision_number",
    ]
    list_filter = ["year", "status"]
    search_fields = ["title"]
    search_backend_name = None

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/<slug:action>/", RoundActionView.as_view(), name="action"),
        ]


class YearViewSet(SnippetViewSet):
    model = EmulationYear
    icon = "date"
    menu_label = _("Năm thi đua")
    admin_url_namespace = "emulation_years"
    base_url_path = "emulation/years"
    list_display = ["year", "registration_deadline", "reminder_days"]


class RuleViewSet(SnippetViewSet):
    model = EligibilityRule
    icon = "list-ul"
    menu_label = _("Điều kiện xét khen thưởng")
    admin_url_namespace = "emulation_rules"
    base_url_path = "emulation/rules"
    list_display = ["award_form", "rule", "required_form", "times", "consecutive"]


class EmulationGroup(SnippetViewSetGroup):
    """Thi đua - Khen thưởng: the year of the emulation & rewards office and of the units."""

    items = (
        RegistrationViewSet,
        NominationViewSet,
        InitiativeViewSet,
        ClusterViewSet,
        RoundViewSet,
        YearViewSet,
        RuleViewSet,
    )
    menu_icon = "tasks"
    menu_label = _("Thi đua - Khen thưởng")
    menu_name = "emulation"
    menu_order = 130
