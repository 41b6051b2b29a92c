"""A filter value that names only hidden things answers exactly like one that names nothing."""

from __future__ import annotations

import pytest
from taggit.models import Tag

from exemplar_pages.models import ExemplarPage, NewsPage
from tests.helpers.api import API

pytestmark = pytest.mark.django_db


def tag(page, name: str) -> Tag:
    label, _ = Tag.objects.get_or_create(name=name, defaults={"slug": name.lower().replace(" ", "-")})
    type(page).tags.through.objects.create(content_object=page, tag=label)
    return label


def problem(response) -> tuple[int, str, list]:
    return response.status_code, response["Content-Type"], response.json().get("errors")


def test_a_tag_used_only_on_another_channels_exemplar_answers_as_an_unknown_tag(api, make_exemplar):
    make_exemplar("Công khai")
    tag(make_exemplar("Chỉ trên Tạp chí", channel_codes=("journal",)), "bimat")
    hidden = api.get(f"{API}/exemplars/", {"tag": "bimat"})
    Tag.objects.filter(name="bimat").delete()
    unknown = api.get(f"{API}/exemplars/", {"tag": "bimat"})
    assert (
        problem(hidden)
        == problem(unknown)
        == (
            400,
            "application/problem+json",
            [{"param": "tag", "reason": "no tag 'bimat'"}],
        )
    )


def test_a_tag_used_only_on_a_draft_news_answers_as_an_unknown_tag(api, make_news):
    draft = make_news("Bản nháp")
    NewsPage.objects.filter(pk=draft.pk).update(live=False)
    draft.unpublish()
    tag(NewsPage.objects.get(pk=draft.pk), "chua-dang")
    hidden = api.get(f"{API}/news/", {"tag": "chua-dang"})
    unknown = api.get(f"{API}/news/", {"tag": "khong-co"})
    assert hidden.status_code == unknown.status_code == 400
    assert hidden.json()["errors"] == [{"param": "tag", "reason": "no tag 'chua-dang'"}]


def test_a_tag_on_a_readable_item_filters_as_before(api, make_exemplar):
    shown = make_exemplar("Công khai")
    tag(shown, "congkhai")
    tag(make_exemplar("Chỉ trên Tạp chí", channel_codes=("journal",)), "congkhai")
    response = api.get(f"{API}/exemplars/", {"tag": "congkhai"})
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [shown.pk]


def test_a_channel_the_caller_may_not_read_answers_as_an_unknown_channel(api, make_exemplar):
    make_exemplar("Công khai")
    other = api.get(f"{API}/exemplars/", {"channel": "journal"})
    unknown = api.get(f"{API}/exemplars/", {"channel": "khong-co"})
    assert other.status_code == unknown.status_code == 400
    assert other.json()["errors"] == [
        {"param": "channel", "reason": "no channel with code 'journal' among the channels you may read"}
    ]
    assert unknown.json()["errors"] == [
        {"param": "channel", "reason": "no channel with code 'khong-co' among the channels you may read"}
    ]


def test_a_campaign_of_another_channel_answers_as_an_unknown_campaign(api, make_campaign, make_exemplar):
    hidden = make_campaign(channel_codes=("journal",))
    make_exemplar("Công khai")
    other = api.get(f"{API}/exemplars/", {"campaign": hidden.pk})
    unknown = api.get(f"{API}/exemplars/", {"campaign": 999_999})
    assert other.status_code == unknown.status_code == 400
    assert other.json()["errors"] == [
        {"param": "campaign", "reason": f"no published campaign with id {hidden.pk}"}
    ]
    assert ExemplarPage.objects.filter(pk=hidden.pk).count() == 0
