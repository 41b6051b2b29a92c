"""Collection permissions in every view and form, not only listings: clips, and media posted into pages."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model

from exemplar_pages.models import ExemplarPage
from media.models import VideoClip
from tests.factories import UserFactory
from tests.helpers.files import PDF_BYTES
from tests.helpers.forms import award_row, exemplar_form
from tests.media.test_video_clips import upload

pytestmark = pytest.mark.django_db

Document = get_document_model()


@pytest.fixture
def foreign_clip(client, lam_dong_editor, lam_dong, other_unit):
    upload(Client(), lam_dong_editor, lam_dong.collection)
    clip = VideoClip.objects.get()
    stranger = UserFactory(username="hn-editor", groups=[other_unit.editor_group])
    client.force_login(stranger)
    return clip


@pytest.mark.parametrize("view", ["history", "usage"])
def test_another_units_editor_cannot_read_a_clips_history_or_usage(client, foreign_clip, view):
    response = client.get(reverse(f"wagtailsnippets_media_videoclip:{view}", args=[foreign_clip.pk]))
    assert response.status_code in (302, 403)
    assert foreign_clip.title not in response.content.decode()


def test_the_owning_unit_still_reads_history_and_usage(client, lam_dong_editor, foreign_clip):
    client.force_login(lam_dong_editor)
    for view in ("history", "usage"):
        response = client.get(reverse(f"wagtailsnippets_media_videoclip:{view}", args=[foreign_clip.pk]))
        assert response.status_code == 200


def test_the_chooser_will_not_hand_over_another_units_clip_by_id(client, foreign_clip):
    response = client.get(reverse("wagtailsnippetchoosers_media_videoclip:chosen", args=[foreign_clip.pk]))
    assert response.status_code == 404
    response = client.get(
        reverse("wagtailsnippetchoosers_media_videoclip:chosen_multiple"), {"id": [foreign_clip.pk]}
    )
    assert foreign_clip.title not in response.content.decode()


@pytest.fixture
def private_document(other_unit):
    document = Document(title="Quyết định khen thưởng (bản chụp)", collection=other_unit.collection)
    document.file.save("quyet-dinh.pdf", ContentFile(PDF_BYTES), save=False)
    document.save()
    return document


def add_exemplar(user, lam_dong_folder, data):
    client = Client()
    client.force_login(user)
    return client.post(
        reverse("wagtailadmin_pages:add", args=("exemplar_pages", "exemplarpage", lam_dong_folder.pk)), data
    )


def test_a_crafted_post_cannot_put_another_units_document_into_an_award(
    lam_dong_editor, lam_dong_folder, bang_khen, private_document
):
    row = award_row(bang_khen) | {"decision_document": private_document.pk}
    response = add_exemplar(
        lam_dong_editor, lam_dong_folder, exemplar_form(lam_dong_folder.unit, awards=[row])
    )
    assert response.status_code == 200
    assert "không có quyền chọn" in response.content.decode()
    assert not ExemplarPage.objects.exists()


def test_a_crafted_post_cannot_link_another_units_document_in_rich_text(
    lam_dong_editor, lam_dong_folder, private_document
):
    body = f'<p>Xem <a linktype="document" id="{private_document.pk}">quyết định</a>.</p>'
    response = add_exemplar(
        lam_dong_editor, lam_dong_folder, exemplar_form(lam_dong_folder.unit, body_html=body)
    )
    assert "không có quyền chọn" in response.content.decode()
    assert not ExemplarPage.objects.exists()


def test_the_units_own_document_is_accepted(lam_dong_editor, lam_dong_folder, bang_khen, lam_dong):
    own = Document(title="Quyết định của đơn vị", collection=lam_dong.collection)
    own.file.save("qd.pdf", ContentFile(PDF_BYTES), save=False)
    own.save()
    row = award_row(bang_khen) | {"decision_document": own.pk}
    response = add_exemplar(
        lam_dong_editor, lam_dong_folder, exemplar_form(lam_dong_folder.unit, awards=[row])
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert ExemplarPage.objects.get().awards.get().decision_document_id == own.pk


@pytest.mark.parametrize("query", ["Clip", "clip mẫu", "\u0301", "a" * 300, "'\"<>%_"])
def test_the_clip_listing_searches_without_a_server_error(client, lam_dong_editor, foreign_clip, query):
    """Another unit's lam_dong_editor finds nothing; the owner finds the clip; nobody gets a 500."""
    response = client.get(reverse("wagtailsnippets_media_videoclip:list"), {"q": query})
    assert response.status_code == 200
    assert foreign_clip.title not in response.content.decode()
    client.force_login(lam_dong_editor)
    response = client.get(reverse("wagtailsnippets_media_videoclip:list"), {"q": query})
    assert response.status_code == 200
    if query == "Clip":
        assert foreign_clip.title in response.content.decode()
