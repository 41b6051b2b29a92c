"""Facts the same in both languages (unit, contacts, images) are changed only in the Vietnamese page."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail_localize.models import OverridableSegment, Translation

from content_api.models import ContentDocument
from exemplar_pages.models import ExemplarPage
from tests.helpers.forms import exemplar_form
from tests.helpers.translations import english_text, po_round_trip, translate
from tests.helpers.workflow import act, as_user

SYNCED = "được đồng bộ từ bản tiếng Việt"


def test_a_crafted_override_is_refused_and_the_approved_edition_keeps_the_sources_facts(
    translator, people, make_exemplar, other_unit
):
    page = make_exemplar("Nguyễn Văn Đức", contact_phone="0912345678")
    english, translation = translate(translator, page)
    assert not OverridableSegment.objects.filter(source=translation.source).exists()
    client = as_user(translator)
    for method in ("post", "put"):
        response = getattr(client, method)(
            f"/admin/localize/translate/{translation.pk}/overrides/1/edit/",
            f"value={other_unit.pk}",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 302 and response.url == "/admin/"
    po_round_trip(translator, translation, english_text)
    assert client.post(reverse("translation_submit", args=[translation.pk])).status_code == 302
    act(people["office"], ExemplarPage.objects.get(pk=english.pk), "approve")
    document = ContentDocument.objects.get(pk=english.pk)
    assert document.unit_id == page.unit_id


def test_a_stopped_translation_cannot_change_the_facts_in_wagtails_editor(
    translator, make_exemplar, other_unit
):
    page = make_exemplar("Nguyễn Văn Đức", contact_phone="0912345678", contact_email="duc@vks.gov.vn")
    english, translation = translate(translator, page)
    client = as_user(translator)
    client.post(reverse("wagtail_localize:stop_translation", args=[translation.pk]))
    assert not Translation.objects.get(pk=translation.pk).enabled
    data = exemplar_form(
        page.unit,
        title="Nguyen Van Duc",
        slug=english.slug,
        contact_phone="0999999999",
        contact_email="khac@example.com",
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[english.pk]), data)
    assert response.status_code == 200, response.get("Location")
    assert SYNCED in response.content.decode()
    latest = ExemplarPage.objects.get(pk=english.pk).get_latest_revision_as_object()
    assert (latest.contact_phone, latest.contact_email) == ("0912345678", "duc@vks.gov.vn")
    assert not ContentDocument.objects.filter(pk=english.pk).exists()


def test_the_english_edition_may_still_be_edited_with_the_sources_facts(translator, make_exemplar):
    page = make_exemplar("Nguyễn Văn Đức", contact_phone="0912345678")
    english, _translation = translate(translator, page)
    english = ExemplarPage.objects.get(pk=english.pk)
    english.full_clean()  # same facts: valid
    english.contact_phone = "0999999999"
    with pytest.raises(ValidationError, match=SYNCED):
        english.full_clean()
