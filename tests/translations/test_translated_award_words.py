"""
An English edition has no Vietnamese left but names: the awards' titles and issuing
authorities and the images' alternative texts are offered to the translator with the rest of
the page, and the approved edition shows them in English in the API and on the public site,
while the awards' facts stay the source's.
"""

from __future__ import annotations

from html import escape

import polib
import pytest
import wagtail_factories
from django.test import Client
from django.urls import reverse
from wagtail_localize.models import StringSegment

from exemplar_pages.models import ExemplarPage
from exemplar_pages.models.awards import Award
from tests.helpers.files import make_image
from tests.helpers.translations import approved_english_edition, as_user, translate

API = "/api/content/v1"
AWARD_TITLE = "Bằng khen của Chủ tịch UBND tỉnh Bình Thuận"
AUTHORITY = "Ủy ban nhân dân tỉnh Bình Thuận"
PORTRAIT_TEXT = "Chân dung (dữ liệu mẫu)"  # the image's own title: what an empty text takes
BLOCK_TEXT = "Lễ trao thưởng (dữ liệu mẫu)"

ENGLISH = {
    "Nguyễn Văn Đức": "Nguyen Van Duc",
    AWARD_TITLE: "Certificate of Merit of the Chairman of Bình Thuận Provincial People's Committee",
    AUTHORITY: "Bình Thuận Provincial People's Committee",
    PORTRAIT_TEXT: "Portrait (sample data)",
    BLOCK_TEXT: "Award ceremony (sample data)",
}


def english(entry) -> str:
    return ENGLISH.get(entry.msgid, f"EN {entry.msgid}")


@pytest.fixture
def page(make_exemplar):
    """An exemplar with a portrait and a body image whose alternative texts the editor left empty."""
    page = make_exemplar(
        "Nguyễn Văn Đức",
        portrait=make_image(),
        body=[
            (
                "image",
                {
                    "image": wagtail_factories.ImageFactory(title=BLOCK_TEXT),
                    "alt": "",
                    "caption": "",
                    "credit": "",
                },
            )
        ],
    )
    Award.objects.filter(exemplar=page).update(title=AWARD_TITLE)
    page.save_revision().publish()
    return ExemplarPage.objects.get(pk=page.pk)


def test_empty_alternative_texts_are_kept_in_the_page_from_the_images(page):
    assert page.portrait_alt == PORTRAIT_TEXT
    assert page.body[0].value["alt"] == BLOCK_TEXT


def test_a_text_the_editor_wrote_stays_and_a_swapped_image_brings_its_own(page):
    page.body[0].value["alt"] = "Ảnh do biên tập viên mô tả"
    page.portrait = wagtail_factories.ImageFactory(title="Chân dung mới (dữ liệu mẫu)")
    page.save_revision().publish()
    page = ExemplarPage.objects.get(pk=page.pk)
    assert page.body[0].value["alt"] == "Ảnh do biên tập viên mô tả"
    assert page.portrait_alt == "Chân dung mới (dữ liệu mẫu)"


def test_the_translation_job_offers_the_award_words_and_the_alternative_texts(translator, page):
    _english, translation = translate(translator, page)
    offered = set(
        StringSegment.objects.filter(source=translation.source).values_list("string__data", flat=True)
    )
    assert {AWARD_TITLE, AUTHORITY, PORTRAIT_TEXT, BLOCK_TEXT} <= offered
    award = page.awards.get()
    assert not {award.decision_number, str(award.award_form)} & offered  # facts are not words
    po = polib.pofile(
        as_user(translator)
        .get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
        .content.decode()
    )
    assert {AWARD_TITLE, AUTHORITY, PORTRAIT_TEXT, BLOCK_TEXT} <= {entry.msgid for entry in po}


def test_the_approved_edition_shows_them_in_english_with_the_sources_facts(translator, people, page, api):
    edition = approved_english_edition(translator, people["office"], page, fill=english)
    detail = api.get(f"{API}/exemplars/{edition.pk}/").json()
    [award] = detail["awards"]
    source_award = page.awards.get()
    assert (award["title"], award["issuing_authority"]) == (ENGLISH[AWARD_TITLE], ENGLISH[AUTHORITY])
    assert (award["decision_number"], award["form"]["id"]) == (
        source_award.decision_number,
        source_award.award_form_id,
    )
    assert detail["portrait"]["alt"] == ENGLISH[PORTRAIT_TEXT]
    assert detail["body"][0]["value"]["image"]["alt"] == ENGLISH[BLOCK_TEXT]
    vietnamese = api.get(f"{API}/exemplars/{page.pk}/").json()
    assert vietnamese["awards"][0]["title"] == AWARD_TITLE  # the source keeps its own words

    html = Client().get(detail["url"].removeprefix("http://testserver")).content.decode()
    assert escape(ENGLISH[AWARD_TITLE]) in html and escape(ENGLISH[AUTHORITY]) in html
    assert f'alt="{escape(ENGLISH[PORTRAIT_TEXT])}"' in html
    assert f'alt="{escape(ENGLISH[BLOCK_TEXT])}"' in html
    for vietnamese_words in (AWARD_TITLE, AUTHORITY, PORTRAIT_TEXT, BLOCK_TEXT):
        assert vietnamese_words not in html
