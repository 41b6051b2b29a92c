"""The translator's own screen: submit from the editor, syncs honour locks, the report waits for publication."""

from __future__ import annotations

from django.urls import reverse

from exemplar_pages.models import ExemplarPage
from tests.helpers.translations import approved_english_edition, english_text, po_round_trip, translate
from tests.helpers.workflow import act, as_user
from translations import services


def test_the_translation_editor_offers_to_send_the_edition_for_review(translator, make_exemplar):
    english, translation = translate(translator, make_exemplar("Nguyễn Văn Đức"))
    html = as_user(translator).get(reverse("wagtailadmin_pages:edit", args=[english.pk])).content.decode()
    assert "js-translation-editor" in html  # wagtail-localize's editor, not Wagtail's form
    assert "Gửi bản dịch để duyệt" in html
    assert f'action="{reverse("translation_submit", args=[translation.pk])}"' in html


def test_the_editor_offers_no_submission_while_the_edition_is_in_moderation(translator, make_exemplar):
    english, translation = translate(translator, make_exemplar("Nguyễn Văn Đức"))
    client = po_round_trip(translator, translation, english_text)
    client.post(reverse("translation_submit", args=[translation.pk]))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk])).content.decode()
    assert "data-translation-submit" not in html


def test_syncing_is_refused_while_a_target_is_locked_in_moderation(translator, make_exemplar):
    page = make_exemplar("Nguyễn Văn Đức")
    english, translation = translate(translator, page)
    client = po_round_trip(translator, translation, english_text)
    client.post(reverse("translation_submit", args=[translation.pk]))
    assert ExemplarPage.objects.get(pk=english.pk).workflow_in_progress
    page.title = "Nguyễn Văn Đức (đã sửa)"
    page.save_revision().publish()
    synced_at = translation.source.last_updated_at
    response = client.post(
        reverse("wagtail_localize:update_translations", args=[translation.source.pk]), follow=True
    )
    assert "Không đồng bộ được" in response.content.decode()
    translation.source.refresh_from_db()
    assert translation.source.last_updated_at == synced_at


def test_the_out_of_date_report_keeps_an_edition_until_its_update_is_published(
    translator, people, make_exemplar
):
    page = make_exemplar("Nguyễn Văn Đức")
    english = approved_english_edition(translator, people["office"], page)
    page.lead = "Lời giới thiệu đã sửa"
    page.save_revision().publish()
    assert [row["target"].pk for row in services.out_of_date_translations()] == [english.pk]
    office = as_user(people["office"])
    [translation] = [row["translation"] for row in services.out_of_date_translations()]
    office.post(reverse("wagtail_localize:update_translations", args=[translation.source.pk]))
    # synced, but the live English edition still says the old thing
    assert [row["target"].pk for row in services.out_of_date_translations()] == [english.pk]
    po_round_trip(translator, translation, english_text)
    as_user(translator).post(reverse("translation_submit", args=[translation.pk]))
    act(people["office"], ExemplarPage.objects.get(pk=english.pk), "approve")
    assert services.out_of_date_translations() == []
