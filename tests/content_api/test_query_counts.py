"""A list costs the same few queries whatever its size; a detail whatever its body."""

from __future__ import annotations

import pytest
import wagtail_factories
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.helpers.api import API, bearer


def queries_of(api, url, params=None, **headers) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = api.get(url, params or {}, **headers)
    assert response.status_code == 200, response.content
    return len(captured)


def test_a_list_makes_the_same_few_queries_for_one_item_or_a_hundred(api, make_exemplar, make_partner):
    for _ in range(12):
        make_exemplar(channel_codes=("public", "portal"))
    one = queries_of(api, f"{API}/exemplars/", {"limit": 1})
    hundred = queries_of(api, f"{API}/exemplars/", {"limit": 100})
    assert one == hundred <= 5
    _partner, _token, plaintext = make_partner()
    as_partner = queries_of(api, f"{API}/exemplars/", {"limit": 100}, **bearer(plaintext))
    assert as_partner <= 5


def test_a_filtered_list_stays_within_five_queries(api, make_exemplar, binh_thuan):
    for _ in range(5):
        make_exemplar()
    params = {"unit": binh_thuan.code, "award_year": 2024, "kind": "individual", "limit": 100}
    assert queries_of(api, f"{API}/exemplars/", params) <= 5


@pytest.mark.parametrize("blocks", [1, 30])
def test_a_detail_makes_at_most_six_queries_whatever_its_blocks_and_images(api, make_exemplar, blocks):
    images = [wagtail_factories.ImageFactory() for _ in range(blocks)]
    body = []
    for image in images:
        body.append(("paragraph", "<p>Đoạn văn</p>"))
        body.append(("image", {"image": image, "alt": "", "caption": "", "credit": ""}))
    page = make_exemplar(body=body)
    assert queries_of(api, f"{API}/exemplars/{page.pk}/") <= 6
