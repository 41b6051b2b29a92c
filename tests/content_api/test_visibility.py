"""
Nothing that is not live, public to the caller and meant for partners ever leaves the API.

Each test guards one way content could leak. It first reads the list and the detail while
the page is legitimately visible (so a stale cached response would be caught too), then
makes the change and checks that neither the list nor the detail shows the page any more:
the detail answers 404 with a problem document.
"""

from __future__ import annotations

import datetime
import json

import pytest
import time_machine
import wagtail_factories
from django.utils import timezone
from wagtail.models import Comment, CommentReply, PageViewRestriction
from wagtail.rich_text import RichText

from cms.services.units import load_units
from content_api import projection
from exemplar_pages.models import ExemplarPage
from tests.factories import UserFactory
from tests.helpers.api import API, bearer
from tests.helpers.workflow import act, role_user, submit_new_exemplar
from workflows.setup import ensure_coordination_workflows

pytestmark = pytest.mark.django_db

PROBLEM_JSON = "application/problem+json"


# Reading the API as a partner portal would


def get_list(client, collection="exemplars", headers=None, **params):
    response = client.get(f"{API}/{collection}/", params, **(headers or {}))
    assert response.status_code == 200, response.content.decode()[:500]
    return response


def listed_ids(client, collection="exemplars", headers=None, **params) -> list[int]:
    return [item["id"] for item in get_list(client, collection, headers, **params).json()["items"]]


def get_detail(client, page, collection="exemplars", headers=None):
    return client.get(f"{API}/{collection}/{page.pk}/", **(headers or {}))


def assert_problem(response, status: int) -> None:
    assert response.status_code == status, response.content.decode()[:500]
    assert response["Content-Type"].startswith(PROBLEM_JSON)
    assert response.json()["status"] == status


def assert_shown(client, page, collection="exemplars", headers=None) -> dict:
    assert page.pk in listed_ids(client, collection, headers)
    response = get_detail(client, page, collection, headers)
    assert response.status_code == 200, response.content.decode()[:500]
    return response.json()


def assert_hidden(client, page, collection="exemplars", headers=None, witness=None) -> None:
    """Not in the list (which still lists `witness`), and the detail is a 404 problem."""
    ids = listed_ids(client, collection, headers)
    assert page.pk not in ids
    if witness is not None:
        assert witness.pk in ids
    assert_problem(get_detail(client, page, collection, headers), 404)


def everything_served(client, page, *searches: str, collection="exemplars", headers=None) -> str:
    """The raw text of the list, the detail and each search, as a partner receives them."""
    bodies = [
        get_list(client, collection, headers).content,
        get_list(client, collection, headers, count="true").content,
        get_detail(client, page, collection, headers).content,
        *(get_list(client, collection, headers, search=text).content for text in searches),
    ]
    return "\n".join(body.decode() for body in bodies)


@pytest.fixture
def witness(make_exemplar):
    """A published public exemplar that must stay listed whatever happens to the others."""
    return make_exemplar("Trần Thị Nhân Chứng")


# Pages that are not (or no longer) live


def test_a_page_that_was_never_published_is_neither_listed_nor_served(api, make_exemplar, witness):
    page = make_exemplar("Lê Văn Chưa Đăng", live=False)
    page.save_revision()
    assert_hidden(api, page, witness=witness)
    projection.rebuild_all()
    assert_hidden(api, page, witness=witness)


def test_a_draft_revision_of_a_live_page_never_replaces_the_live_values(api, make_exemplar):
    page = make_exemplar(
        "Nguyễn Văn Công Bố",
        lead="Tóm tắt đã công bố.",
        body=[("paragraph", RichText("<p>Nội dung đã công bố.</p>"))],
    )
    assert_shown(api, page)

    page.title = "Bản nháp chưa duyệt Quaxtitle"
    page.lead = "Tóm tắt nháp Quaxlead."
    page.body = [("paragraph", RichText("<p>Nội dung nháp Quaxbody.</p>"))]
    page.save_revision()

    def check():
        [item] = get_list(api).json()["items"]
        assert (item["title"], item["lead"]) == ("Nguyễn Văn Công Bố", "Tóm tắt đã công bố.")
        detail = get_detail(api, page).json()
        assert detail["title"] == "Nguyễn Văn Công Bố"
        assert detail["lead"] == "Tóm tắt đã công bố."
        assert "Nội dung đã công bố." in json.dumps(detail["body"], ensure_ascii=False)
        served = everything_served(api, page, "Quaxtitle", "Quaxlead", "Nguyễn Văn Công Bố")
        assert "Quax" not in served
        assert listed_ids(api, search="Quaxtitle") == []

    check()
    projection.rebuild_all()  # a re-projection (deploy, unit rename…) reads the live page, not the draft
    check()


def test_an_unpublished_page_disappears_from_list_and_detail(api, make_exemplar, witness):
    page = make_exemplar("Phạm Văn Thu Hồi")
    assert_shown(api, page)
    page.unpublish()
    assert_hidden(api, page, witness=witness)


def test_a_page_past_its_expiry_is_hidden_before_publish_scheduled_unpublishes_it(
    api, make_exemplar, witness
):
    expiry = timezone.now() + datetime.timedelta(seconds=90)
    page = make_exemplar("Đỗ Thị Hết Hạn", expire_at=expiry)
    assert_shown(api, page)  # cached for longer than the 90 s it has left
    with time_machine.travel(expiry + datetime.timedelta(seconds=5), tick=False):
        assert ExemplarPage.objects.get(pk=page.pk).live  # publish_scheduled has not run
        assert_hidden(api, page, witness=witness)


# Private pages


def password(page) -> PageViewRestriction:
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau-noi-bo"
    )


def test_a_password_on_the_page_itself_hides_it(api, make_exemplar, witness):
    page = make_exemplar("Hoàng Văn Riêng Tư")
    assert_shown(api, page)
    password(page)
    assert_hidden(api, page, witness=witness)


def test_a_password_on_its_unit_folder_hides_it(api, make_exemplar, make_news, folder):
    page = make_exemplar("Vũ Thị Thư Mục Kín")
    news = make_news("Tin ngoài thư mục")
    assert_shown(api, page)
    password(folder)
    assert_hidden(api, page)
    assert news.pk in listed_ids(api, "news")  # only the folder's subtree went private


def test_a_page_published_under_a_folder_that_is_already_private_is_never_shown(api, make_exemplar, folder):
    password(folder)
    page = make_exemplar("Bùi Văn Sau Khóa")
    assert_hidden(api, page)


# Deleted pages


def test_a_deleted_page_disappears_from_list_and_detail(api, make_exemplar, witness):
    page = make_exemplar("Ngô Văn Đã Xóa")
    assert_shown(api, page)
    ExemplarPage.objects.get(pk=page.pk).delete()
    assert_hidden(api, page, witness=witness)


def test_pages_deleted_with_their_unit_folder_disappear(api, make_exemplar, folder, make_news):
    page = make_exemplar("Đinh Thị Theo Thư Mục")
    news = make_news("Tin vẫn còn")
    assert_shown(api, page)
    folder.delete()
    assert_hidden(api, page)
    assert news.pk in listed_ids(api, "news")


# Channels


def test_a_page_approved_only_for_the_portal_is_hidden_from_anonymous_callers_but_served_to_the_portal(
    api, make_exemplar, make_partner, witness
):
    page = make_exemplar("Lý Văn Cổng Thông Tin", channel_codes=("portal",))
    _partner, _token, plaintext = make_partner(channel_codes=("portal",))
    assert_hidden(api, page, witness=witness)
    detail = assert_shown(api, page, headers=bearer(plaintext))
    assert detail["title"] == "Lý Văn Cổng Thông Tin"
    assert_hidden(api, page, witness=witness)  # the partner's answer was not cached for everyone


# Internal fields


INTERNAL = {
    "date_of_birth": datetime.date(1971, 2, 3),
    "contact_phone": "0987654321",
    "contact_email": "lienhe.noibo.zyxwv@example.invalid",
    "internal_notes": "Ghi chú thẩm định Plughword: chưa xác minh lý lịch.",
}


def test_internal_fields_never_appear_in_list_detail_or_search(api, make_exemplar, make_partner):
    page = make_exemplar(
        "Trịnh Văn Nội Bộ", channel_codes=("public", "portal"), position="Kiểm sát viên", **INTERNAL
    )
    _partner, _token, plaintext = make_partner(channel_codes=("public", "portal"))
    leaks = ["0987654321", "0987 654 321", "zyxwv", "Plughword", "plughword", "1971-02-03", "03/02/1971"]
    for headers in ({}, bearer(plaintext)):
        # Search works, so an empty answer below means "not indexed", not "search is broken".
        assert listed_ids(api, headers=headers, search="Trịnh Văn Nội Bộ") == [page.pk]
        served = everything_served(
            api,
            page,
            "0987654321",
            "Plughword",
            "zyxwv",
            "lienhe.noibo.zyxwv@example.invalid",
            headers=headers,
        )
        for leak in leaks:
            assert leak not in served, leak
        for text in ("0987654321", "Plughword", "plughword", "zyxwv", "lienhe.noibo.zyxwv@example.invalid"):
            assert listed_ids(api, headers=headers, search=text) == [], text
    detail = get_detail(api, page).json()
    for field in INTERNAL:
        assert field not in detail


# Reviewers' comments


@pytest.fixture
def reviewers(site_tree, vocabularies, lam_dong, lam_dong_editor):
    load_units()
    ensure_coordination_workflows(site_tree.exemplars, site_tree.campaigns, site_tree.news)
    return {
        "editor": lam_dong_editor,
        "head": UserFactory(username="ld-head", groups=[lam_dong.head_group]),
        "emulation": role_user("emulation_rewards", "thidua"),
        "office": role_user("office", "vanphong"),
    }


def test_reviewers_comments_never_appear(api, reviewers, lam_dong_folder, bang_khen):
    page = submit_new_exemplar(reviewers, lam_dong_folder, bang_khen)
    comment = Comment.objects.create(
        page=page,
        user=reviewers["emulation"],
        text="Nhận xét Frobnicate: thiếu bản chụp quyết định.",
        contentpath="lead",
        revision_created=page.latest_revision,
    )
    CommentReply.objects.create(
        comment=comment, user=reviewers["editor"], text="Trả lời Frobreply: đã bổ sung."
    )
    act(reviewers["head"], page, "approve", comment="Ý kiến thủ trưởng Frobhead.")
    act(
        reviewers["emulation"],
        page,
        "approve",
        recognition_level="typical",
        channels=["public"],
        comment="Ý kiến thẩm định Frobverify.",
    )
    act(reviewers["office"], page, "approve", comment="Ý kiến Văn phòng Frobpublish.")
    page.refresh_from_db()
    assert page.live

    detail = assert_shown(api, page)
    assert detail["provenance"]  # the approvals are there, without what the reviewers wrote
    served = everything_served(api, page, "Frobnicate", "Frobhead", "Frobverify", "Frobpublish")
    assert "Frob" not in served


# Images


def image_named(stem: str):
    return wagtail_factories.ImageFactory(
        title=f"Ảnh {stem}", file__filename=f"{stem}.jpg", file__width=640, file__height=480
    )


def image_block(image):
    return ("image", {"image": image, "alt": "", "caption": "", "credit": ""})


def test_an_image_used_only_in_a_draft_never_appears(api, make_exemplar):
    published_image = image_named("anh-da-cong-bo")
    draft_image = image_named("anh-nhap-kin-qwzx")
    page = make_exemplar("Mai Văn Ảnh", body=[image_block(published_image)])
    assert "anh-da-cong-bo" in everything_served(api, page)  # images of the live page do show

    page.body = [image_block(published_image), image_block(draft_image)]
    page.save_revision()
    served = everything_served(api, page, "qwzx")
    assert "anh-da-cong-bo" in served
    assert "qwzx" not in served
    projection.rebuild_all()
    assert "qwzx" not in everything_served(api, page)


# Endpoints that must not exist


@pytest.mark.parametrize(
    "path", ["/images/", "/images/1/", "/documents/", "/documents/1/", "/pages/", "/media/", "/videos/"]
)
def test_there_is_no_endpoint_listing_images_documents_or_pages(api, make_exemplar, path):
    make_exemplar("Phan Văn Có Ảnh", portrait=image_named("chan-dung-xyz"))
    response = api.get(f"{API}{path}")
    assert_problem(response, 404)
    assert b"chan-dung-xyz" not in response.content


@pytest.mark.parametrize("path", ["/api/v3/pages/", "/api/v2/pages/", "/api/v3/images/", "/api/v2/images/"])
def test_wagtails_stock_api_is_not_mounted(api, make_exemplar, path):
    make_exemplar("Phan Văn Kho API")
    response = api.get(path)
    assert response.status_code == 404
    assert b"Phan V" not in response.content
