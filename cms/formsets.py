"""
Inline formsets that survive a tampered management form.

modelcluster's `BaseTransientModelFormSet._construct_form` (the inline panels of pages and
snippets: awards, role assignments, cluster members…) reads each initial row's id with
`self.data[key]` and converts it unguarded: a row id missing or not an id (a forged
INITIAL_FORMS, a hand-made POST) raised KeyError or ValidationError, and the editor got a
500. Django's own model formsets treat such a row as tampered and go on; this does the same.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.forms.models import BaseModelFormSet
from modelcluster.forms import BaseTransientModelFormSet

_modelclusters_construct_form = BaseTransientModelFormSet._construct_form


def _row_id_is_usable(formset, i: int) -> bool:
    key = f"{formset.add_prefix(i)}-{formset.model._meta.pk.name}"
    if key not in formset.data:
        return False
    value = formset.data[key]
    if value == "":
        return True
    try:
        formset._get_to_python(formset.model._meta.pk)(value)
    except ValidationError:
        return False
    return True


def _construct_form(self, i, **kwargs):
    if self.is_bound and i < self.initial_form_count() and not _row_id_is_usable(self, i):
        kwargs.setdefault("instance", self.model())
        return BaseModelFormSet._construct_form(self, i, **kwargs)
    return _modelclusters_construct_form(self, i, **kwargs)


def install() -> None:
    BaseTransientModelFormSet._construct_form = _construct_form
