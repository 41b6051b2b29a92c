"""Every status of the content API is problem+json, and filters tell nothing of hidden items."""

from __future__ import annotations

import pytest

from tests.helpers.api import API

pytestmark = pytest.mark.django_db

ENDPOINTS = ["exemplars/", "campaigns/", "news/", "units/", "changes/", "openapi.json"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_an_unsupported_method_is_a_405_problem_with_allow(api, endpoint, method):
    response = getattr(api, method)(f"{API}/{endpoint}")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
    assert response["Allow"] == "GET"
    body = response.json()
    assert body["status"] == 405 and method.upper() in body["detail"]


def test_a_detail_endpoint_answers_405_as_a_problem_too(api, make_exemplar):
    page = make_exemplar()
    response = api.delete(f"{API}/exemplars/{page.pk}/")
    assert response.status_code == 405 and response["Content-Type"] == "application/problem+json"


def test_a_filter_naming_another_channels_item_answers_as_one_naming_nothing(api, make_exemplar, make_news):
    hidden = make_exemplar("Chỉ trên Tạp chí", channel_codes=("journal",))
    make_news(channel_codes=("public",))
    unknown = api.get(f"{API}/news/", {"exemplar": 999_999})
    other_channel = api.get(f"{API}/news/", {"exemplar": hidden.pk})
    assert unknown.status_code == other_channel.status_code == 400
    assert unknown["Content-Type"] == other_channel["Content-Type"] == "application/problem+json"
    assert other_channel.json()["errors"] == [
        {"param": "exemplar", "reason": f"no published exemplar with id {hidden.pk}"}
    ]


def test_a_filter_naming_a_readable_item_still_works(api, make_exemplar, make_news):
    shown = make_exemplar("Công khai", channel_codes=("public",))
    response = api.get(f"{API}/news/", {"exemplar": shown.pk})
    assert response.status_code == 200 and response.json()["items"] == []
