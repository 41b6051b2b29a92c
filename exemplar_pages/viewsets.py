"""Admin listings: flat page listings with the filters editors need, and the vocabularies."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import ForeignKey
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Locale
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.models import Channel, Unit
from cms.text import fold_accents

from .forms import CurrentEntriesMultipleChoiceField, CurrentEntryChoiceField, has_active_flag
from .models import AwardForm, CampaignPage, CommendationKind, ExemplarPage, NewsPage, RecognitionLevel


class ExemplarFilterSet(PageFilterSet):
    """Filter exemplars by unit, award year, campaign and recognition level."""

    unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị"), queryset=Unit.objects.filter(is_contributing=True).order_by("short_name")
    )
    award_year = django_filters.NumberFilter(
        label=_("Năm khen thưởng"), field_name="awards__decision_date__year", distinct=True
    )
    campaigns = django_filters.ModelChoiceFilter(
        label=_("Phong trào thi đua"), queryset=CampaignPage.objects.order_by("-issue_date")
    )
    recognition_level = django_filters.ChoiceFilter(
        label=_("Mức độ điển hình"), choices=RecognitionLevel.choices
    )

    class Meta:
        model = ExemplarPage
        fields = ["unit", "kind", "award_year", "campaigns", "recognition_level"]


class ExemplarListingViewSet(PageListingViewSet):
    """Gương điển hình: every exemplar the user may see, whatever folder it is in."""

    model = ExemplarPage
    icon = "user"
    menu_label = _("Gương điển hình")
    menu_order = 100
    add_to_admin_menu = True
    filterset_class = ExemplarFilterSet
    columns = [
        *PageListingViewSet.columns,
        Column("unit", label=_("Đơn vị"), sort_key="unit__short_name"),
        Column("kind", label=_("Đối tượng"), accessor="get_kind_display"),
        Column("recognition_level", label=_("Mức độ"), accessor="get_recognition_level_display"),
    ]


class CampaignFilterSet(PageFilterSet):
    period_year = django_filters.NumberFilter(label=_("Năm thi đua"))

    class Meta:
        model = CampaignPage
        fields = ["issuing_unit", "period_year", "status"]


class CampaignListingViewSet(PageListingViewSet):
    """Phong trào thi đua."""

    model = CampaignPage
    icon = "calendar-check"
    menu_label = _("Phong trào thi đua")
    menu_order = 110
    add_to_admin_menu = True
    filterset_class = CampaignFilterSet
    columns = [
        *PageListingViewSet.columns,
        Column("document_number", label=_("Số văn bản")),
        Column("period_label", label=_("Thời gian")),
    ]


class NewsFilterSet(PageFilterSet):
    class Meta:
        model = NewsPage
        fields = ["unit", "related_campaigns"]


class NewsListingViewSet(PageListingViewSet):
    """Tin bài."""

    model = NewsPage
    icon = "doc-full"
    menu_label = _("Tin bài")
    menu_order = 120
    add_to_admin_menu = True
    filterset_class = NewsFilterSet
    columns = [*PageListingViewSet.columns, Column("date", label=_("Ngày đăng"))]


class ChannelViewSet(SnippetViewSet):
    model = Channel
    icon = "globe"
    menu_label = _("Kênh đăng tải")
    list_display = ["name", "code", "is_public", "editorial_role"]


class SourceEntriesOnly:
    """
    Award rows point at the Vietnamese entries of a vocabulary (translations only name them
    in other languages), so the chooser lists those alone, without a locale filter.
    """

    i18n_enabled = False

    def get_object_list(self):
        return super().get_object_list().filter(locale=Locale.get_default())


class VocabularyChooserFilterForm(BaseFilterForm):
    """Search a vocabulary by name, with or without diacritics ("bang khen" finds "Bằng khen")."""

    q = forms.CharField(
        label=_("Tìm"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Tên, có dấu hoặc không dấu")}),
    )

    def filter(self, objects):
        words = fold_accents((self.cleaned_data.get("q") or "").strip()).casefold().split()
        if words:
            # A vocabulary holds tens of entries: folded in Python, the same on every database.
            matching = [
                pk
                for pk, name in objects.values_list("pk", "name")
                if all(word in fold_accents(name).casefold() for word in words)
            ]
            objects = objects.filter(pk__in=matching)
            self.is_searching = True
            self.search_query = self.cleaned_data["q"]
        return objects


class VocabularyChooseMixin(SourceEntriesOnly):
    """Source entries, searchable; an entry retired from the vocabulary is not offered."""

    filter_form_class = VocabularyChooserFilterForm

    def get_object_list(self):
        entries = super().get_object_list()
        if any(field.name == "is_active" for field in entries.model._meta.fields):
            entries = entries.filter(is_active=True)
        return entries


class VocabularyChooseView(VocabularyChooseMixin, ChooseView):
    pass


class VocabularyChooseResultsView(VocabularyChooseMixin, ChooseResultsView):
    pass


class VocabularyChooserViewSet(SnippetChooserViewSet):
    choose_view_class = VocabularyChooseView
    choose_results_view_class = VocabularyChooseResultsView

    def on_register(self):
        super().on_register()
        if self.register_widget:
            # Every admin form choosing this vocabulary: the chooser, and a clear error when a
            # form posted by hand names a switched-off entry.
            register_form_field_override(
                ForeignKey,
                to=self.model,
                override={"widget": self.widget_class, "form_class": CurrentEntryChoiceField},
            )


def _vocabulary_many_to_many(db_field) -> dict:
    if has_active_flag(db_field.related_model):
        return {"form_class": CurrentEntriesMultipleChoiceField}
    return {}


register_form_field_override(ParentalManyToManyField, override=_vocabulary_many_to_many)


class AwardFormViewSet(SnippetViewSet):
    model = AwardForm
    chooser_viewset_class = VocabularyChooserViewSet
    icon = "pick"
    menu_label = _("Danh hiệu, hình thức khen thưởng")
    list_display = ["name", "category", "applies_to", "is_active"]
    list_filter = ["category", "applies_to", "is_active"]
    search_fields = ["name"]
    search_backend_name = None


class CommendationKindViewSet(SnippetViewSet):
    model = CommendationKind
    chooser_viewset_class = VocabularyChooserViewSet
    icon = "list-ul"
    menu_label = _("Loại hình khen thưởng")
    list_display = ["name", "code"]


class VocabularyGroup(SnippetViewSetGroup):
    """Danh mục: the controlled vocabularies and channels, kept by administrators."""

    items = (ChannelViewSet, AwardFormViewSet, CommendationKindViewSet)
    menu_icon = "list-ul"
    menu_label = _("Danh mục")
    menu_name = "vocabularies"
    menu_order = 320
