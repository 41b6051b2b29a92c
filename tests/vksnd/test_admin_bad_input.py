"""The admin's known 500s on bad input, each answered clearly now (the fuzzer finds the rest)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from exemplar_pages.models import Award, ExemplarPage
from tests.factories import UserFactory
from tests.helpers.forms import award_row, exemplar_form

pytestmark = pytest.mark.django_db


def test_an_award_form_value_that_is_not_an_id_is_a_form_error(
    client, lam_dong_editor, lam_dong_folder, bang_khen
):
    client.force_login(lam_dong_editor)
    row = award_row(bang_khen) | {"award_form": "không-phải-id"}
    response = client.post(
        reverse("wagtailadmin_pages:add", args=("exemplar_pages", "exemplarpage", lam_dong_folder.pk)),
        exemplar_form(lam_dong_folder.unit, awards=[row]),
    )
    assert response.status_code == 200
    assert not ExemplarPage.objects.exists() and not Award.objects.exists()


@pytest.mark.parametrize("query", ["nguyen", "a\x00b"])
def test_the_clip_listing_search_answers(client, site_tree, query):
    client.force_login(UserFactory(username="clip-admin", is_superuser=True))
    response = client.get(reverse("wagtailsnippets_media_videoclip:list"), {"q": query})
    assert response.status_code == (400 if "\x00" in query else 200)


def test_a_nul_byte_in_an_admin_filter_is_a_plain_400(client, site_tree):
    client.force_login(UserFactory(username="nul-admin", is_superuser=True))
    response = client.get(reverse("wagtailsnippets_exemplar_pages_awardform:list"), {"q": "a\x00b"})
    assert response.status_code == 400
    assert "ký tự không hợp lệ" in response.content.decode()


def test_a_forged_inline_row_is_not_a_500(client, lam_dong_editor, lam_dong_folder, bang_khen):
    client.force_login(lam_dong_editor)
    data = exemplar_form(lam_dong_folder.unit, awards=[award_row(bang_khen)])
    data["awards-INITIAL_FORMS"] = "1"  # claims an existing row, without its id
    response = client.post(
        reverse("wagtailadmin_pages:add", args=("exemplar_pages", "exemplarpage", lam_dong_folder.pk)), data
    )
    assert response.status_code in (200, 302)
