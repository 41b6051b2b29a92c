"""The award vocabularies are translated with wagtail-localize; English editions name awards in English."""

from __future__ import annotations

from django.forms import modelform_factory
from django.urls import reverse
from wagtail.models import Locale

from exemplar_pages.models import AwardForm, CommendationKind
from exemplar_pages.models.awards import Award
from exemplar_pages.vocabularies import load_award_vocabularies
from tests.helpers.translations import approved_english_edition, as_user

API = "/api/content/v1"
MERIT_EN = "Certificate of Merit of the Chairman of the Provincial People's Committee"


def english(entry):
    return entry.get_translation(Locale.objects.get(language_code="en"))


def test_every_award_form_and_kind_has_an_english_name_sharing_its_translation_key(vocabularies, bang_khen):
    assert english(bang_khen).name == MERIT_EN
    for model in (AwardForm, CommendationKind):
        vietnamese = model.objects.filter(locale=Locale.get_default())
        assert vietnamese.exists()
        for entry in vietnamese:
            assert entry.has_translation(Locale.objects.get(language_code="en")), entry


def test_loading_again_creates_nothing_and_keeps_an_administrators_english_name(vocabularies, bang_khen):
    translation = english(bang_khen)
    translation.name = "Certificate of Merit of the Provincial Chairman"
    translation.save()
    assert load_award_vocabularies() == 0
    assert english(bang_khen).name == "Certificate of Merit of the Provincial Chairman"


def test_the_facts_of_an_award_form_stay_those_of_the_vietnamese_entry(vocabularies, bang_khen):
    bang_khen.is_active = False
    bang_khen.category = "certificate"
    bang_khen.save()
    translation = english(bang_khen)
    assert (translation.is_active, translation.category) == (False, "certificate")


def test_the_award_choosers_list_vietnamese_entries_only(editor, bang_khen):
    for model, vietnamese, english_name in (
        (AwardForm, bang_khen.name, MERIT_EN),
        (CommendationKind, "Khen thưởng đột xuất", "Ad hoc commendation"),
    ):
        url = reverse(model.snippet_viewset.chooser_viewset.get_url_name("choose_results"))
        html = "".join(as_user(editor).get(url, {"p": p}).content.decode() for p in range(1, 8))
        assert vietnamese in html and english_name not in html
        assert (
            f"{model.objects.filter(locale=Locale.get_default()).count()} {model._meta.verbose_name}" in html
        )


def test_an_english_entry_is_refused_as_an_award_form(vocabularies, bang_khen):
    form = modelform_factory(Award, fields=["award_form"])({"award_form": english(bang_khen).pk})
    assert not form.is_valid() and "award_form" in form.errors
    assert modelform_factory(Award, fields=["award_form"])({"award_form": bang_khen.pk}).is_valid()


def test_an_english_edition_names_its_awards_in_english_with_the_same_form_id(
    api, translator, people, make_exemplar, bang_khen, django_capture_on_commit_callbacks
):
    page = make_exemplar("Nguyễn Văn Đức")
    Award.objects.filter(exemplar=page).update(kind=CommendationKind.source_entries().get(code="ad-hoc"))
    page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        edition = approved_english_edition(translator, people["office"], page)
    [en_award] = api.get(f"{API}/exemplars/{edition.pk}/").json()["awards"]
    assert en_award["form"] == {"id": bang_khen.pk, "name": MERIT_EN, "category": "certificate_of_merit"}
    assert en_award["kind"] == {"code": "ad-hoc", "name": "Ad hoc commendation"}
    [vi_award] = api.get(f"{API}/exemplars/{page.pk}/").json()["awards"]
    assert vi_award["form"]["name"] == bang_khen.name
    assert vi_award["kind"]["name"] == "Khen thưởng đột xuất"
    for form_id in (bang_khen.pk, english(bang_khen).pk):
        found = api.get(f"{API}/exemplars/", {"locale": "en", "award_form": form_id}).json()["items"]
        assert [item["id"] for item in found] == [edition.pk]


def test_renaming_an_english_award_name_renames_it_in_the_english_editions_only(
    api, translator, people, make_exemplar, bang_khen, django_capture_on_commit_callbacks
):
    page = make_exemplar("Nguyễn Văn Đức")
    with django_capture_on_commit_callbacks(execute=True):
        edition = approved_english_edition(translator, people["office"], page)
    translation = english(bang_khen)
    translation.name = "Provincial Certificate of Merit"
    with django_capture_on_commit_callbacks(execute=True):
        translation.save()
    assert api.get(f"{API}/exemplars/{edition.pk}/").json()["awards"][0]["form"]["name"] == (
        "Provincial Certificate of Merit"
    )
    assert api.get(f"{API}/exemplars/{page.pk}/").json()["awards"][0]["form"]["name"] == bang_khen.name


def test_the_office_translates_a_new_award_form_with_wagtail_localize(english_tree, vocabularies, people):
    form = AwardForm.objects.create(
        locale=Locale.get_default(), name="Danh hiệu mới", category="emulation_title", applies_to="both"
    )
    en = Locale.objects.get(language_code="en")
    response = as_user(people["office"]).post(
        reverse("wagtail_localize:submit_snippet_translation", args=["exemplar_pages", "awardform", form.pk]),
        {"locales": [en.pk]},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    translation = form.get_translation(en)
    assert translation.category == "emulation_title"


def test_deleting_a_vietnamese_entry_deletes_its_translations(vocabularies):
    form = AwardForm.objects.create(
        locale=Locale.get_default(), name="Danh hiệu thử", category="emulation_title", applies_to="both"
    )
    form.copy_for_translation(Locale.objects.get(language_code="en")).save()
    form.delete()
    assert not AwardForm.objects.filter(translation_key=form.translation_key).exists()
