"""The published projection follows the live pages, and can be rebuilt from them."""

from __future__ import annotations

import io

from django.core.management import call_command

from content_api.models import ContentDocument
from tests.helpers.api import API


def test_rebuilding_restores_lost_documents_and_drops_stale_ones(api, make_exemplar):
    kept = make_exemplar("Còn đăng")
    gone = make_exemplar("Đã gỡ")
    ContentDocument.objects.filter(pk=kept.pk).delete()
    type(gone).objects.filter(pk=gone.pk).update(live=False)  # unpublished behind the signals' back
    call_command("rebuild_content_documents", stdout=io.StringIO())
    assert list(ContentDocument.objects.values_list("pk", flat=True)) == [kept.pk]
    assert [item["id"] for item in api.get(f"{API}/exemplars/").json()["items"]] == [kept.pk]


def test_renaming_a_unit_renames_it_in_the_items_that_show_it(api, make_exemplar, binh_thuan):
    page = make_exemplar()
    binh_thuan.short_name = "VKSND tỉnh Lâm Đồng (cơ sở 2)"
    binh_thuan.save()
    unit = api.get(f"{API}/exemplars/{page.pk}/").json()["unit"]
    assert unit["short_name"] == "VKSND tỉnh Lâm Đồng (cơ sở 2)"


def test_moving_a_page_updates_its_public_url(api, make_exemplar, other_unit, binh_thuan):
    from exemplar_pages.models import UnitFolderPage

    page = make_exemplar()
    before = api.get(f"{API}/exemplars/{page.pk}/").json()["url"]
    page.move(UnitFolderPage.objects.get(unit=other_unit), pos="last-child")
    after = api.get(f"{API}/exemplars/{page.pk}/").json()["url"]
    assert before != after and after.endswith(f"/{page.slug}/")
