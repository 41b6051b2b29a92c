"""Listings filter and page the way people look for things; search ignores diacritics on both databases."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from cms.models import Unit

pytestmark = pytest.mark.django_db


def titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="card-title"><a href="[^"]+">([^<]+)</a>', html)


def next_link(html: str) -> str | None:
    found = re.search(r'<a href="(\?[^"]+)" rel="next">', html)
    return found.group(1).replace("&amp;", "&") if found else None


def test_the_exemplar_listing_filters_by_unit_year_campaign_level_and_kind(
    client, make_exemplar, make_campaign
):
    campaign = make_campaign("Phong trào năm 2024 (lọc)")
    hanoi = Unit.objects.get(code="VKS-HANOI")
    make_exemplar("Cá nhân Bình Thuận 2024", award_year=2024, kind="individual", campaigns=[campaign])
    make_exemplar(
        "Tập thể Bình Thuận 2023", award_year=2023, kind="collective", recognition_level="outstanding"
    )
    make_exemplar("Cá nhân Hà Nội 2024", award_year=2024, unit=hanoi, kind="individual")
    listing = "/guong-dien-hinh/"
    assert set(titles(client.get(listing).content.decode())) == {
        "Cá nhân Bình Thuận 2024",
        "Tập thể Bình Thuận 2023",
        "Cá nhân Hà Nội 2024",
    }
    assert titles(client.get(listing, {"unit": "VKS-HANOI"}).content.decode()) == ["Cá nhân Hà Nội 2024"]
    assert set(titles(client.get(listing, {"year": 2024}).content.decode())) == {
        "Cá nhân Bình Thuận 2024",
        "Cá nhân Hà Nội 2024",
    }
    assert titles(client.get(listing, {"campaign": campaign.pk}).content.decode()) == [
        "Cá nhân Bình Thuận 2024"
    ]
    assert titles(client.get(listing, {"level": "outstanding"}).content.decode()) == [
        "Tập thể Bình Thuận 2023"
    ]
    assert titles(client.get(listing, {"kind": "collective"}).content.decode()) == ["Tập thể Bình Thuận 2023"]
    both = client.get(listing, {"unit": "VKS-BINHTHUAN", "year": 2024}).content.decode()
    assert titles(both) == ["Cá nhân Bình Thuận 2024"]


def test_pages_follow_on_without_repeating_or_skipping_an_item(client, make_news):
    created = {make_news(f"Tin số {n:02d}").title for n in range(30)}
    seen, url = [], "/tin-bai/"
    while url:
        html = client.get(url).content.decode()
        seen += titles(html)
        following = next_link(html)
        url = f"/tin-bai/{following}" if following else None
    assert sorted(seen) == sorted(created) and len(seen) == len(set(seen))
    assert len(seen) > 12  # more than one page


def test_a_deep_page_keeps_the_filters_and_offers_the_first_page(client, make_news):
    for n in range(14):
        make_news(f"Tin lọc {n}")
    html = client.get("/tin-bai/", {"year": 2024}).content.decode()
    following = next_link(html)
    assert parse_qs(urlsplit(following).query)["year"] == ["2024"]
    second = client.get(f"/tin-bai/{following}").content.decode()
    assert "Về trang đầu" in second and 'href="/tin-bai/?year=2024"' in second


@pytest.mark.parametrize(
    "query",
    [
        {"unit": "KHONG-CO"},
        {"year": "abc"},
        {"year": "99999"},
        {"campaign": "-1"},
        {"level": "<script>"},
        {"kind": "x" * 500},
        {"cursor": "không-hợp-lệ"},
        {"cursor": "eyJvIjoi"},
        {"unit": "VKS-BINHTHUAN\x00"},
        {"unknown": "1"},
    ],
)
def test_bad_filter_values_are_explained_never_an_error(client, make_exemplar, query):
    make_exemplar("Gương vẫn hiện")
    response = client.get("/guong-dien-hinh/", query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>" not in html.split("<body>", 1)[1].replace('<script src="', "")
    assert "Gương vẫn hiện" in html or "không hợp lệ" in html or "Không tìm thấy trang" in html


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("dien hinh", "Tấm gương điển hình về thi đua"),
        ("thi dua", "Tấm gương điển hình về thi đua"),
        ("điển hình", "Tấm gương điển hình về thi đua"),
        ("chong toi pham", "Tấm gương điển hình về thi đua"),  # in the body
        ("pha an", "Tấm gương điển hình về thi đua"),  # in the achievements
        ("binh thuan", "Tấm gương điển hình về thi đua"),  # the unit's name
    ],
)
def test_search_finds_titles_leads_bodies_achievements_and_units_with_or_without_diacritics(
    client, make_exemplar, query, found
):
    make_exemplar(
        "Tấm gương điển hình về thi đua",
        achievements=[("achievement", "Phá án xuất sắc")],
        body=[("paragraph", "<p>Đi đầu trong phòng, chống tội phạm.</p>")],
    )
    make_exemplar("Một người khác", lead="Không liên quan.", unit=Unit.objects.get(code="VKS-HANOI"))
    html = client.get("/tim-kiem/", {"q": query}).content.decode()
    assert found in titles(html)
    assert "Một người khác" not in titles(html)


def test_search_without_results_says_so_and_with_bad_input_explains(client, make_exemplar):
    make_exemplar("Gương có thật")
    empty = client.get("/tim-kiem/", {"q": "xyzxyz"}).content.decode()
    assert "Không tìm thấy nội dung phù hợp" in empty
    bad = client.get("/tim-kiem/", {"q": "thi\x00dua"})
    assert bad.status_code == 200 and 'class="form-error" role="alert"' in bad.content.decode()
    long = client.get("/tim-kiem/", {"q": "a" * 300})
    assert long.status_code == 200 and "tối đa" in long.content.decode()
