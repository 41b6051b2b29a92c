"""Admin forms: a unit's people choose among their own units, rounds still open, their exemplars."""

from __future__ import annotations

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from exemplar_pages.models import ExemplarPage

from .access import is_emulation_office, units_for_choice
from .models import NominationRound, RoundStatus


class UnitScopedForm(WagtailAdminModelForm):
    """The unit field offers the user's units only (all contributing units to the office)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None:
            return
        if "unit" in self.fields:
            self.fields["unit"].queryset = units_for_choice(user).order_by("short_name")
            choices = self.fields["unit"].queryset
            if not self.instance.pk and choices.count() == 1:
                self.fields["unit"].initial = choices.first().pk


class NominationForm(UnitScopedForm):
    """Rounds open for submissions, and the exemplars of the user's units."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None:
            return
        units = units_for_choice(user)
        if "exemplar" in self.fields:
            self.fields["exemplar"].queryset = ExemplarPage.objects.filter(
                unit__in=units, locale__language_code="vi"
            ).order_by("title")
        if "round" in self.fields and not is_emulation_office(user):
            rounds = NominationRound.objects.filter(status=RoundStatus.OPEN)
            if self.instance.pk:
                rounds = rounds | NominationRound.objects.filter(pk=self.instance.round_id)
            self.fields["round"].queryset = rounds.distinct()
        # A unit picks among a few open rounds and the vocabulary: plain lists, not choosers.
        for name in ("round", "proposed_form"):
            if name in self.fields:
                field = self.fields[name]
                field.widget = forms.Select()
                field.widget.choices = field.choices
