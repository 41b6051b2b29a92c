"""English editions: translated in the admin or offline, approved by the Office, served with locale=en."""

from __future__ import annotations

import polib
import pytest
import wagtail_factories
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail_localize.models import StringTranslation

from exemplar_pages.models import ExemplarPage
from exemplar_pages.models.awards import Award
from media.models import VideoClip
from partners.models import ChangeEvent
from tests.helpers.files import MP4_BYTES
from tests.helpers.translations import as_user, english_text, po_round_trip, translate
from tests.helpers.workflow import act
from translations import services

API = "/api/content/v1"


def test_a_translation_is_a_draft_with_the_facts_of_the_source(translator, make_exemplar):
    page = make_exemplar("Nguyễn Văn Đức", channel_codes=("public", "portal"))
    english, _translation = translate(translator, page)
    assert english.locale.language_code == "en"
    assert not english.live  # never published automatically
    assert english.unit_id == page.unit_id
    assert set(english.channels.values_list("code", flat=True)) == {"public", "portal"}
    assert list(english.awards.values_list("decision_number", "decision_date")) == list(
        page.awards.values_list("decision_number", "decision_date")
    )


def test_a_po_round_trip_fills_the_translation(translator, make_exemplar):
    page = make_exemplar("Nguyễn Văn Đức")
    _english, translation = translate(translator, page)
    po_round_trip(translator, translation, english_text)
    strings = StringTranslation.objects.filter(locale__language_code="en")
    assert strings.filter(data="Nguyen Van Duc").exists()
    assert strings.count() >= 3


def test_a_po_file_with_a_wrong_entry_changes_nothing_and_says_what_was_wrong(translator, make_exemplar):
    page = make_exemplar("Nguyễn Văn Đức")
    _english, translation = translate(translator, page)
    client = as_user(translator)
    po = polib.pofile(
        client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk])).content.decode()
    )
    for entry in po:
        entry.msgstr = english_text(entry)
    po.append(polib.POEntry(msgid="Câu không có trong trang", msgstr="Not in the page", msgctxt="title"))
    upload = SimpleUploadedFile("sai.po", str(po).encode())
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": upload, "next": "/admin/"},
        follow=True,
    )
    assert not StringTranslation.objects.filter(locale__language_code="en").exists()
    text = response.content.decode()
    assert "Câu không có trong trang" in text and "không có gì được nhập" in text


def test_a_file_that_is_not_po_changes_nothing(translator, make_exemplar):
    page = make_exemplar("Nguyễn Văn Đức")
    _english, translation = translate(translator, page)
    upload = SimpleUploadedFile("anh.po", b"\x89PNG\r\n\x1a\n not a po file")
    response = as_user(translator).post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": upload, "next": "/admin/"},
        follow=True,
    )
    assert response.status_code == 200
    assert not StringTranslation.objects.exists()


def test_the_english_edition_goes_live_only_when_the_office_approves(
    translator, people, make_exemplar, api, django_capture_on_commit_callbacks
):
    page = make_exemplar("Nguyễn Văn Đức")
    english, translation = translate(translator, page)
    po_round_trip(translator, translation, english_text)
    response = as_user(translator).post(reverse("translation_submit", args=[translation.pk]))
    assert response.status_code == 302
    english = ExemplarPage.objects.get(pk=english.pk)
    assert not english.live
    assert english.workflow_in_progress
    assert english.get_latest_revision_as_object().title == "Nguyen Van Duc"
    assert api.get(f"{API}/exemplars/", {"locale": "en"}).json()["items"] == []  # no fallback to Vietnamese
    with django_capture_on_commit_callbacks(execute=True):
        act(people["office"], english, "approve")
    english = ExemplarPage.objects.get(pk=english.pk)
    assert english.live and english.title == "Nguyen Van Duc"
    [item] = api.get(f"{API}/exemplars/", {"locale": "en"}).json()["items"]
    assert item["id"] == english.pk and item["title"] == "Nguyen Van Duc"
    assert api.get(f"{API}/exemplars/{page.pk}/").json()["translations"] == {"en": english.pk}
    assert ChangeEvent.objects.filter(page_id=english.pk, locale="en", change="created").exists()


def test_a_translator_cannot_publish_the_english_edition_directly(translator, make_exemplar):
    page = make_exemplar("Nguyễn Văn Đức")
    english, _translation = translate(translator, page)
    assert not english.permissions_for_user(translator).can_publish()


def test_a_source_edit_flags_the_edition_out_of_date_until_synced(
    translator, people, make_exemplar, bang_khen
):
    page = make_exemplar("Nguyễn Văn Đức")
    english, translation = translate(translator, page)
    assert services.out_of_date_translations() == []
    Award.objects.filter(exemplar=page).update(decision_number="999/QĐ-UBND")
    page.lead = "Lời giới thiệu đã sửa"
    page.save_revision().publish()
    [row] = services.out_of_date_translations()
    assert row["target"].pk == english.pk
    report = as_user(people["office"]).get(reverse("translations_out_of_date"))
    assert english.title in report.content.decode()
    # the sync (wagtail-localize's "Sync translated pages") brings the facts along, as a draft
    translation.source.update_from_db()
    translation.save_target(user=translator, publish=False)
    english = ExemplarPage.objects.get(pk=english.pk)
    assert not english.live
    assert english.get_latest_revision_as_object().awards.first().decision_number == "999/QĐ-UBND"
    assert services.out_of_date_translations() == []


def test_live_status_is_never_synchronised_on_translation(settings):
    assert settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE is False


@pytest.mark.parametrize("username", ["editor"])
def test_unit_editors_cannot_open_the_out_of_date_report(english_tree, editor, username):
    response = as_user(editor).get(reverse("translations_out_of_date"))
    assert response.status_code in (302, 403)


def test_no_machine_translation_is_configured_by_default(settings):
    assert getattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR", None) is None


def test_a_configured_machine_translator_fills_the_draft_but_publishes_nothing(
    settings, translator, make_exemplar
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
        "OPTIONS": {},
    }
    page = make_exemplar("Nguyễn Văn Đức")
    english, translation = translate(translator, page)
    response = as_user(translator).post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk]), {"next": "/admin/"}
    )
    assert response.status_code == 302
    assert StringTranslation.objects.filter(locale__language_code="en", translation_type="machine").exists()
    assert not ExemplarPage.objects.get(pk=english.pk).live


def test_syncing_a_source_change_never_publishes_the_english_edition(
    translator, people, make_exemplar, django_capture_on_commit_callbacks
):
    page = make_exemplar("Nguyễn Văn Đức")
    english, translation = translate(translator, page)
    po_round_trip(translator, translation, english_text)
    as_user(translator).post(reverse("translation_submit", args=[translation.pk]))
    act(people["office"], ExemplarPage.objects.get(pk=english.pk), "approve")
    live_title = ExemplarPage.objects.get(pk=english.pk).title
    page.title = "Nguyễn Văn Đức (đã sửa)"
    page.save_revision().publish()
    office = as_user(people["office"])
    url = reverse("wagtail_localize:update_translations", args=[translation.source.pk])
    assert "publish_translations" not in office.get(url).content.decode()
    response = office.post(url, {"publish_translations": "on"})
    assert response.status_code == 302
    english = ExemplarPage.objects.get(pk=english.pk)
    assert english.title == live_title  # the live English edition is untouched
    assert english.live_revision_id == english.latest_revision_id


def test_the_translation_views_need_an_admin_login(english_tree, translator, make_exemplar):
    page = make_exemplar("Nguyễn Văn Đức")
    _english, translation = translate(translator, page)
    anonymous = Client()
    sync = anonymous.post(reverse("wagtail_localize:update_translations", args=[translation.source.pk]))
    upload = anonymous.post(reverse("wagtail_localize:upload_pofile", args=[translation.pk]))
    assert sync.status_code == 302 and "/admin/login/" in sync["Location"]
    assert upload.status_code == 302 and "/admin/login/" in upload["Location"]


def test_images_and_clips_are_synchronised_while_their_captions_are_translated(translator, make_exemplar):
    image = wagtail_factories.ImageFactory(title="Lễ trao thưởng (dữ liệu mẫu)")
    clip = VideoClip(title="Clip lễ trao thưởng (dữ liệu mẫu)")
    clip.file.save("clip.mp4", ContentFile(MP4_BYTES), save=False)
    clip.save()
    page = make_exemplar(
        "Nguyễn Văn Đức",
        body=[
            ("image", {"image": image, "alt": "Ảnh trao thưởng", "caption": "Chú thích ảnh", "credit": ""}),
            ("video", {"clip": clip, "caption": "Chú thích clip"}),
        ],
    )
    english, translation = translate(translator, page)
    client = po_round_trip(translator, translation, english_text)
    po = polib.pofile(
        client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk])).content.decode()
    )
    msgids = {entry.msgid for entry in po}
    assert {"Chú thích ảnh", "Chú thích clip", "Ảnh trao thưởng"} <= msgids
    assert not {image.title, clip.title} & msgids  # the media themselves are not translated
    translation.save_target(user=translator, publish=False)  # what "submit for review" does first
    body = ExemplarPage.objects.get(pk=english.pk).get_latest_revision_as_object().body
    image_block, video_block = body
    assert image_block.value["image"].pk == image.pk and image_block.value["caption"] == "EN Chú thích ảnh"
    assert video_block.value["clip"].pk == clip.pk and video_block.value["caption"] == "EN Chú thích clip"


def test_the_submit_button_of_an_english_edition_posts_to_its_own_address(translator, make_exemplar):
    """The header button (shown in the "More actions" menu too) once posted back to the editor: 405."""
    page = make_exemplar("Nguyễn Văn Đức")
    english, translation = translate(translator, page)
    html = as_user(translator).get(reverse("wagtailadmin_explore", args=[english.pk])).content.decode()
    url = reverse("translation_submit", args=[translation.pk])
    assert "Gửi bản dịch để duyệt" in html
    assert f'data-w-action-url-value="{url}"' in html
    assert as_user(translator).post(url).status_code == 302
