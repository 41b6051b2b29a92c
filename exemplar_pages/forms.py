"""The page editor's base form: media only from collections the editor may choose from."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from cms.choosers import offer_units_valid_on
from media.choosing import instance_references, not_choosable, references

KIND_LABELS = {"document": _("tài liệu"), "image": _("ảnh"), "clip": _("video clip")}


class DatedUnitChoosersPageForm(WagtailAdminPageForm):
    """
    The unit choosers of a page type offer the units that existed on the date the editor is
    entering: the page model names them as `units_dated_by = {unit field: date field}`.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for unit_field, date_field in getattr(self._meta.model, "units_dated_by", {}).items():
            if unit_field in self.fields and date_field in self.fields:
                offer_units_valid_on(self.fields[unit_field], date_field)


class RevisionOnlyInModerationPageForm(DatedUnitChoosersPageForm):
    """
    While a page is in moderation, saving the editor (by hand, by Wagtail's autosave, or with
    a workflow action taken from the editor) writes a revision, never the page row.

    Wagtail's editor saves the row of a page that is not live from the open form
    (`EditView.save_action`: `form.save(commit=not page.live)`), with the `live` flag and the
    channels the form was loaded with. A channel's release (workflows/releases.py) meanwhile
    makes the page live from another session; an autosave, or a save from an editor left open,
    then put `live=False` back over it. The workflow publishes from revisions, so the row has
    nothing to gain from the form: `save_revision` still records the draft's title and state.
    """

    def save(self, commit=True):
        if commit and self.instance.pk and self.instance.workflow_in_progress:
            commit = False
        return super().save(commit=commit)


class MediaPermissionPageForm(RevisionOnlyInModerationPageForm):
    """
    Every image, document and clip the submitted page references — fields, inline rows,
    blocks, rich-text links — is one the editor may choose, or one the page already had.
    """

    def clean(self):
        cleaned = super().clean()
        user = self.for_user
        if user is None or user.is_superuser:
            return cleaned
        wanted: set[tuple[str, int]] = set()
        for value in cleaned.values():
            wanted.update(references(value))
        for formset in self.formsets.values():
            formset.is_valid()
            for form in formset.forms:
                data = getattr(form, "cleaned_data", None) or {}
                if not data.get("DELETE"):
                    for value in data.values():
                        wanted.update(references(value))
        already = instance_references(self.instance) if self.instance.pk else set()
        if self.instance.pk:
            saved = type(self.instance).objects.filter(pk=self.instance.pk).first()
            already |= instance_references(saved)
        refused = not_choosable(user, wanted, already)
        if refused:
            items = ", ".join(f"{KIND_LABELS[kind]} #{pk}" for kind, pk in refused)
            self.add_error(
                None,
                _("Nội dung dùng tệp bạn không có quyền chọn (của đơn vị khác hoặc không tồn tại): %s.")
                % items,
            )
        return cleaned


RETIRED_ENTRY = _(
    "“%(name)s” đã thôi áp dụng nên không còn được chọn; hãy chọn một danh hiệu, hình thức đang áp dụng."
)


class CurrentEntryChoiceField(forms.ModelChoiceField):
    """
    A vocabulary field that offers current entries only (the model field's `limit_choices_to`)
    and, when a form names a switched-off entry by hand, says so by name instead of Django's
    "not one of the available choices".
    """

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as error:
            if error.code == "invalid_choice" and (entry := self._retired_entry(value)) is not None:
                raise ValidationError(RETIRED_ENTRY, code="retired", params={"name": entry}) from error
            raise

    def _retired_entry(self, value):
        return retired_entry(self.queryset.model, self.to_field_name or "pk", value)


class CurrentEntriesMultipleChoiceField(forms.ModelMultipleChoiceField):
    """The same for a vocabulary chosen many times (e.g. the forms a registration aims at)."""

    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except ValidationError as error:
            if error.code == "invalid_choice":
                key = self.to_field_name or "pk"
                for item in value:
                    if (entry := retired_entry(self.queryset.model, key, item)) is not None:
                        raise ValidationError(
                            RETIRED_ENTRY, code="retired", params={"name": entry}
                        ) from error
            raise


def has_active_flag(model) -> bool:
    return any(field.name == "is_active" for field in model._meta.fields)


def retired_entry(model, key: str, value):
    """The switched-off entry `value` names, if it names one (garbage names none)."""
    if not has_active_flag(model) or len(str(value)) > 18:
        return None
    try:
        return model._default_manager.filter(**{key: value}, is_active=False).first()
    except (TypeError, ValueError, ValidationError):
        return None
