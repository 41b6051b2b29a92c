"""Walking a collection with the cursor: every item once, stable under publishing, strict on input."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from tests.helpers.api import API


def walk(api, url, params):
    seen, response = [], api.get(url, params)
    while True:
        assert response.status_code == 200, response.content
        data = response.json()
        seen += [item["id"] for item in data["items"]]
        if data["next"] is None:
            return seen
        response = api.get(data["next"])


def test_following_next_lists_every_item_exactly_once(api, make_exemplar):
    pages = [make_exemplar() for _ in range(7)]
    seen = walk(api, f"{API}/exemplars/", {"limit": 3})
    assert sorted(seen) == sorted(p.pk for p in pages)
    assert len(seen) == len(set(seen))


def test_a_publish_between_two_pages_neither_skips_nor_repeats(api, make_exemplar):
    pages = [make_exemplar() for _ in range(4)]
    first = api.get(f"{API}/exemplars/", {"limit": 2}).json()
    newcomer = make_exemplar("Mới đăng giữa chừng")
    rest = walk(api, first["next"], {})
    walked = [item["id"] for item in first["items"]] + rest
    assert sorted(walked) == sorted(p.pk for p in pages)
    assert newcomer.pk not in walked


def test_the_next_url_keeps_the_filters_and_carries_an_opaque_cursor(api, make_exemplar):
    for _ in range(3):
        make_exemplar(kind="collective")
    data = api.get(f"{API}/exemplars/", {"limit": 1, "kind": "collective"}).json()
    query = parse_qs(urlsplit(data["next"]).query)
    assert query["kind"] == ["collective"]
    assert query["limit"] == ["1"]
    assert "collective" not in query["cursor"][0]


def test_a_tampered_or_foreign_cursor_is_a_bad_request(api, make_exemplar):
    for _ in range(3):
        make_exemplar()
    data = api.get(f"{API}/exemplars/", {"limit": 1}).json()
    cursor = parse_qs(urlsplit(data["next"]).query)["cursor"][0]
    for bad in ("abc", cursor[:-2] + "xx", ""):
        response = api.get(f"{API}/exemplars/", {"cursor": bad})
        if bad == "":
            assert response.status_code == 200
            continue
        assert response.status_code == 400
        assert response.json()["errors"][0]["param"] == "cursor"
    other_order = api.get(f"{API}/exemplars/", {"cursor": cursor, "order": "title"})
    assert other_order.status_code == 400
    assert other_order.json()["errors"][0]["param"] == "cursor"


def test_limit_is_between_one_and_one_hundred(api, make_exemplar):
    make_exemplar()
    for bad in ("0", "101", "-1", "nhiều"):
        response = api.get(f"{API}/exemplars/", {"limit": bad})
        assert response.status_code == 400
        assert response.json()["errors"][0]["param"] == "limit"
    assert api.get(f"{API}/exemplars/", {"limit": 100}).status_code == 200


def test_count_is_given_only_when_asked_for(api, make_exemplar):
    for _ in range(3):
        make_exemplar()
    assert "count" not in api.get(f"{API}/exemplars/", {"limit": 1}).json()
    assert api.get(f"{API}/exemplars/", {"limit": 1, "count": "true"}).json()["count"] == 3


def test_campaigns_news_and_units_paginate_the_same_way(api, make_campaign, make_news, site_tree, settings):
    settings.CONTENT_API_ANON_RATE_LIMIT = 1000  # one request per unit of the whole directory
    campaigns = [make_campaign() for _ in range(3)]
    news = [make_news() for _ in range(3)]
    assert sorted(walk(api, f"{API}/campaigns/", {"limit": 2})) == sorted(c.pk for c in campaigns)
    assert sorted(walk(api, f"{API}/news/", {"limit": 2, "order": "-date"})) == sorted(n.pk for n in news)
    units = walk(api, f"{API}/units/", {"limit": 1})
    assert len(units) == len(set(units)) >= 1
