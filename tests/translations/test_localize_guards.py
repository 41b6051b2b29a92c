"""wagtail-localize's views under the project's rules: rights, moderation locks, no English aliases."""

from __future__ import annotations

import json

from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import OverridableSegment, StringSegment, StringTranslation, Translation

from exemplar_pages.models import ExemplarPage
from tests.helpers.translations import english_text, po_round_trip, translate
from tests.helpers.workflow import as_user

API = "/api/content/v1"


def english() -> Locale:
    return Locale.objects.get(language_code="en")


def test_a_translator_cannot_turn_an_english_edition_into_an_alias_of_the_vietnamese_page(
    translator, make_exemplar
):
    page = make_exemplar("Nguyễn Văn Đức", channel_codes=("public",))
    english_page, _translation = translate(translator, page)
    response = as_user(translator).post(reverse("wagtail_localize:convert_to_alias", args=[english_page.pk]))
    assert response.status_code == 302
    english_page.refresh_from_db()
    assert english_page.alias_of_id is None and not english_page.live
    assert Translation.objects.filter(target_locale=english()).exists()


def refused(response) -> bool:
    """Wagtail's admin answers a PermissionDenied with a redirect to the dashboard and a message."""
    return response.status_code == 302 and response.url == "/admin/"


def test_translate_is_refused_for_a_draft_the_user_has_no_rights_on(translator, make_campaign):
    """The journal's translators do not edit campaigns: a campaign's draft is not theirs to read."""
    draft = make_campaign("Phong trào chưa công bố")
    draft.unpublish()
    response = as_user(translator).post(
        reverse("wagtail_localize:submit_page_translation", args=[draft.pk]), {"locales": [english().pk]}
    )
    assert refused(response)
    assert draft.get_translation_or_none(english()) is None
    assert not Translation.objects.exists()


def test_translate_is_refused_where_the_user_may_not_add_the_english_page(
    editor, english_tree, make_exemplar
):
    """A unit's editor may edit its Vietnamese page but has no place in the English tree."""
    editor.user_permissions.add(Permission.objects.get(codename="submit_translation"))
    page = make_exemplar("Nguyễn Văn Đức")
    response = as_user(editor).post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [english().pk]}
    )
    assert refused(response)
    assert page.get_translation_or_none(english()) is None


def test_a_live_public_page_can_still_be_translated(translator, make_exemplar):
    page = make_exemplar("Nguyễn Văn Đức")
    english_page, _translation = translate(translator, page)
    assert english_page.locale == english()


def test_strings_are_locked_while_the_english_edition_is_in_moderation(translator, make_exemplar):
    page = make_exemplar("Nguyễn Văn Đức")
    english_page, translation = translate(translator, page)
    po_round_trip(translator, translation, english_text)
    assert as_user(translator).post(reverse("translation_submit", args=[translation.pk])).status_code == 302
    assert ExemplarPage.objects.get(pk=english_page.pk).workflow_in_progress
    segment = StringSegment.objects.filter(source=translation.source).first()
    before = list(StringTranslation.objects.order_by("pk").values_list("data", flat=True))
    response = as_user(translator).put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        "value=Changed+after+submission",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 423
    assert list(StringTranslation.objects.order_by("pk").values_list("data", flat=True)) == before
    response = as_user(translator).post(reverse("wagtail_localize:stop_translation", args=[translation.pk]))
    translation.refresh_from_db()
    assert translation.enabled


def test_synchronised_facts_are_not_offered_for_override_and_cannot_be_overridden(
    translator, make_exemplar, other_unit
):
    page = make_exemplar("Nguyễn Văn Đức")
    _english_page, translation = translate(translator, page)
    overridable = OverridableSegment.objects.filter(source=translation.source)
    assert not overridable.filter(
        context__path__in=["unit", "contact_phone", "contact_email", "portrait"]
    ).exists()
    segment = overridable.first()
    if segment is not None:
        response = as_user(translator).put(
            reverse("wagtail_localize:edit_override", args=[translation.pk, segment.pk]),
            f"value={other_unit.pk}",
            content_type="application/x-www-form-urlencoded",
        )
        assert refused(response)
    response = as_user(translator).put(
        f"/admin/localize/translate/{translation.pk}/overrides/1/edit/", json.dumps({"value": "x"})
    )
    assert refused(response)
    assert Page.objects.filter(locale=english(), alias_of__isnull=False, pk=page.pk).count() == 0
