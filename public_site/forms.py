"""The filters visitors use on the listings, and the search box; bad values are form errors."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from exemplar_pages.models import ExemplarKind, RecognitionLevel

ALL = [("", _("Tất cả"))]
# Which filters each listing offers.
FIELDS = {
    "exemplar": ("unit", "year", "campaign", "level", "kind"),
    "campaign": ("year", "unit"),
    "news": ("unit", "year", "campaign"),
}


class ListingFilterForm(forms.Form):
    """Đơn vị, năm, phong trào, mức độ, cá nhân/tập thể — only what the listing offers."""

    unit = forms.ChoiceField(label=_("Đơn vị"), required=False)
    year = forms.TypedChoiceField(label=_("Năm"), coerce=int, required=False, empty_value=None)
    campaign = forms.TypedChoiceField(
        label=_("Phong trào thi đua"), coerce=int, required=False, empty_value=None
    )
    level = forms.ChoiceField(
        label=_("Mức độ điển hình"), choices=ALL + RecognitionLevel.choices, required=False
    )
    kind = forms.ChoiceField(label=_("Đối tượng"), choices=ALL + ExemplarKind.choices, required=False)

    def __init__(self, data, *, kind: str, units, years, campaigns) -> None:
        super().__init__(data)
        self.fields["unit"].choices = ALL + [(unit.code, unit.short_name) for unit in units]
        self.fields["year"].choices = ALL + [(str(year), str(year)) for year in years]
        self.fields["campaign"].choices = ALL + [(str(c["id"]), c["title"]) for c in campaigns]
        for name in list(self.fields):
            if name not in FIELDS[kind]:
                del self.fields[name]

    def criteria(self) -> dict:
        """The valid filters (an invalid one is left out, and shown as an error)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


class SearchForm(forms.Form):
    """Tìm kiếm: words with or without diacritics."""

    q = forms.CharField(
        label=_("Từ khóa"),
        required=False,
        max_length=200,
        strip=True,
        error_messages={"max_length": _("Từ khóa dài tối đa %(limit_value)d ký tự.")},
    )

    def clean_q(self) -> str:
        value = self.cleaned_data["q"]
        if any(ord(character) < 32 or ord(character) == 127 for character in value):
            raise forms.ValidationError(_("Từ khóa chứa ký tự không hợp lệ."))
        return value
