"""A detail gives a portal everything it needs to render the page in one call."""

from __future__ import annotations

import wagtail_factories
from django.utils import timezone

from cms.models import CoordinatingRole
from exemplar_pages.models import ExemplarPage
from media.renditions import API_RENDITIONS
from tests.helpers.api import API, publish_english_copy
from workflows.models import Approval


def test_internal_links_carry_the_public_url_and_the_api_address(api, make_exemplar, make_campaign):
    campaign = make_campaign()
    text = f'<p>Xem <a linktype="page" id="{campaign.pk}">phong trào</a>.</p>'
    page = make_exemplar(body=[("paragraph", text)])
    html = api.get(f"{API}/exemplars/{page.pk}/").json()["body"][0]["value"]
    assert f'data-api-url="/api/content/v1/campaigns/{campaign.pk}/"' in html
    assert f'href="{campaign.get_full_url()}"' in html
    assert "linktype" not in html


def test_a_link_to_a_draft_keeps_its_text_but_loses_its_address(api, make_exemplar):
    draft = make_exemplar("Bản nháp", live=False)
    page = make_exemplar(body=[("paragraph", f'<p><a linktype="page" id="{draft.pk}">nháp</a></p>')])
    html = api.get(f"{API}/exemplars/{page.pk}/").json()["body"][0]["value"]
    assert "<a>nháp</a>" in html
    assert draft.slug not in html


def test_images_come_as_renditions_with_alt_text(api, make_exemplar):
    image = wagtail_factories.ImageFactory(title="Chân dung")
    page = make_exemplar(portrait=image)
    portrait = api.get(f"{API}/exemplars/{page.pk}/").json()["portrait"]
    assert portrait["alt"] == "Chân dung"
    assert set(portrait["renditions"]) == set(API_RENDITIONS)


def test_provenance_names_the_units_that_approved_the_live_revision(api, make_exemplar, binh_thuan):
    page = make_exemplar()
    role = CoordinatingRole.objects.get(code="office")
    Approval.objects.create(
        page=page,
        revision_id=page.live_revision_id,
        stage="Phê duyệt đăng tải",
        unit=binh_thuan,
        role=role,
        approved_at=timezone.now(),
    )
    page.save_revision().publish()  # the approval belongs to a revision that is no longer live
    assert api.get(f"{API}/exemplars/{page.pk}/").json()["provenance"] == []
    Approval.objects.filter(page=page).update(
        revision_id=ExemplarPage.objects.get(pk=page.pk).live_revision_id
    )
    ExemplarPage.objects.get(pk=page.pk).save_revision().publish()
    Approval.objects.filter(page=page).update(
        revision_id=ExemplarPage.objects.get(pk=page.pk).live_revision_id
    )
    from content_api.projection import sync_page

    sync_page(page.pk)
    [approval] = api.get(f"{API}/exemplars/{page.pk}/").json()["provenance"]
    assert approval["unit"]["code"] == binh_thuan.code
    assert approval["role"] == "office"
    assert "user" not in approval


def test_translations_map_each_visible_locale_to_its_id(api, make_exemplar, folder):
    page = make_exemplar("Nguyễn Văn Đức")
    english = publish_english_copy(page, folder)
    vi = api.get(f"{API}/exemplars/{page.pk}/").json()
    assert vi["translations"] == {"en": english.pk}
    en = api.get(f"{API}/exemplars/{english.pk}/").json()
    assert en["translations"] == {"vi": page.pk} and en["locale"] == "en"
    assert [i["id"] for i in api.get(f"{API}/exemplars/", {"locale": "en"}).json()["items"]] == [english.pk]


def test_campaigns_the_caller_cannot_see_are_left_out_of_the_references(api, make_exemplar, make_campaign):
    public = make_campaign("Phong trào công khai")
    internal = make_campaign("Phong trào nội bộ", channel_codes=("portal",))
    page = make_exemplar()
    page.campaigns.set([public, internal])
    page.save_revision().publish()
    refs = api.get(f"{API}/exemplars/{page.pk}/").json()["campaigns"]
    assert [ref["id"] for ref in refs] == [public.pk]


def test_a_campaign_renamed_is_renamed_in_the_exemplars_that_refer_to_it(api, make_exemplar, make_campaign):
    campaign = make_campaign("Tên cũ")
    page = make_exemplar()
    page.campaigns.set([campaign])
    page.save_revision().publish()
    campaign.title = "Tên mới"
    campaign.save_revision().publish()
    [ref] = api.get(f"{API}/exemplars/{page.pk}/").json()["campaigns"]
    assert ref["title"] == "Tên mới"
