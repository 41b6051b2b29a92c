"""What translators and the Office do in the admin, as steps the English-edition tests share."""

from __future__ import annotations

import polib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation

from exemplar_pages.models import ExemplarPage
from tests.helpers.workflow import act, as_user


def translate(user, page) -> tuple[ExemplarPage, Translation]:
    """What a translator does first: "Translate this page" into English, in the admin."""
    en = Locale.objects.get(language_code="en")
    response = as_user(user).post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [en.pk]}
    )
    assert response.status_code == 302, response.content.decode()[:1000]
    english = page.get_translation(en).specific
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=en)
    return english, translation


def po_round_trip(user, translation, fill) -> Client:
    """Download the PO file, translate every entry with `fill`, upload it back."""
    client = as_user(user)
    download = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert download.status_code == 200
    po = polib.pofile(download.content.decode())
    for entry in po:
        entry.msgstr = fill(entry)
    upload = SimpleUploadedFile("ban-dich.po", str(po).encode(), content_type="text/x-gettext-translation")
    client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]), {"file": upload, "next": "/admin/"}
    )
    return client


def english_text(entry) -> str:
    return {"Nguyễn Văn Đức": "Nguyen Van Duc"}.get(entry.msgid, f"EN {entry.msgid}")


def approved_english_edition(translator, office, page, fill=english_text) -> ExemplarPage:
    """Translate `page` offline, submit it, and have the Office approve it (which publishes)."""
    english, translation = translate(translator, page)
    po_round_trip(translator, translation, fill)
    response = as_user(translator).post(reverse("translation_submit", args=[translation.pk]))
    assert response.status_code == 302
    act(office, ExemplarPage.objects.get(pk=english.pk), "approve")
    english = ExemplarPage.objects.get(pk=english.pk)
    assert english.live
    return english
