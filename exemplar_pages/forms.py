"""The page editor's base form: media only from collections the editor may choose from."""

from __future__ import annotations

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
