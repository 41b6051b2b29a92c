"""The actions of the emulation year in the admin: confirm, submit, return, outcome, decide."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import services
from .access import is_emulation_office, is_unit_head, user_unit_ids
from .models import EmulationRegistration, Nomination, NominationRound
from .rules import check_nomination


class ActionForm(forms.Form):
    comment = forms.CharField(
        label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class ActionView(WagtailAdminTemplateMixin, FormView):
    """A confirmation page with one form; POST runs the service and goes back to the listing."""

    template_name = "emulation/action.html"
    form_class = ActionForm
    model: type = EmulationRegistration
    header_icon = "tasks"
    actions: dict[str, tuple] = {}
    index_url_name = ""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(self.model, pk=kwargs["pk"])
        self.action = kwargs["action"]

    def dispatch(self, request, *args, **kwargs):
        if self.action not in self.actions or not self.may_see(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def may_see(self, user) -> bool:
        return is_emulation_office(user) or self.object.unit_id in user_unit_ids(user)

    def get_page_title(self):
        return self.actions[self.action][0]

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(object=self.object, problems=self.problems(), label=self.actions[self.action][0])
        return context

    def problems(self) -> list[str]:
        return []

    def form_valid(self, form):
        label, runner = self.actions[self.action]
        try:
            runner(self, form.cleaned_data.get("comment", ""))
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Đã thực hiện: %(action)s – %(object)s") % {"action": label, "object": self.object},
        )
        return redirect(self.index_url_name)


class RegistrationActionView(ActionView):
    model = EmulationRegistration
    index_url_name = "emulation_registrations:list"
    actions = {
        "confirm": (
            _("Xác nhận đăng ký thi đua"),
            lambda v, c: services.confirm_registration(v.object, v.request.user),
        ),
    }

    def dispatch(self, request, *args, **kwargs):
        if self.action == "confirm" and not is_unit_head(request.user, self.object.unit):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class NominationActionView(ActionView):
    model = Nomination
    index_url_name = "emulation_nominations:list"
    actions = {
        "submit": (
            _("Gửi đề nghị khen thưởng"),
            lambda v, c: services.submit_nomination(v.object, v.request.user),
        ),
        "return": (
            _("Trả lại để bổ sung"),
            lambda v, c: services.return_nomination(v.object, v.request.user, c),
        ),
        "approve": (
            _("Ghi kết quả: được khen thưởng"),
            lambda v, c: services.set_outcome(v.object, v.request.user, True),
        ),
        "reject": (
            _("Ghi kết quả: không được khen thưởng"),
            lambda v, c: services.set_outcome(v.object, v.request.user, False),
        ),
    }
    office_actions = ("return", "approve", "reject")

    def dispatch(self, request, *args, **kwargs):
        if self.action in self.office_actions and not is_emulation_office(request.user):
            raise PermissionDenied
        if self.action == "submit" and not is_unit_head(request.user, self.object.unit):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def problems(self) -> list[str]:
        return check_nomination(self.object) if self.action in self.office_actions else []


class RoundActionView(ActionView):
    model = NominationRound
    index_url_name = "emulation_rounds:list"
    actions = {
        "review": (
            _("Kết thúc nhận hồ sơ, bắt đầu xét"),
            lambda v, c: services.open_consultation(v.object, v.request.user),
        ),
        "decide": (
            _("Ghi quyết định khen thưởng"),
            lambda v, c: services.decide_round(v.object, v.request.user),
        ),
    }

    def may_see(self, user) -> bool:
        return is_emulation_office(user)
