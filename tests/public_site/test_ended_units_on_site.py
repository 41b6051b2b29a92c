"""Items of a unit that has ended stay attached to it and say what it is now part of, at no query cost."""

from __future__ import annotations

import pytest

from cms import unit_graph
from content_api import versioning

pytestmark = pytest.mark.django_db

NOTE = "Nay thuộc Viện kiểm sát nhân dân tỉnh Lâm Đồng"


@pytest.mark.parametrize("kind", ["exemplar", "news", "unit_news", "plan"])
def test_an_item_of_an_ended_unit_names_its_successor_within_the_query_budget(
    client,
    kind,
    make_exemplar,
    make_news,
    make_unit_news,
    make_plan,
    folder,
    binh_thuan,
    django_assert_max_num_queries,
):
    makers = {
        "exemplar": lambda: make_exemplar("Gương của Bình Thuận"),
        "news": lambda: make_news("Tin của Bình Thuận"),
        "unit_news": lambda: make_unit_news("Tin hoạt động của Bình Thuận", folder=folder, unit=binh_thuan),
        "plan": lambda: make_plan("Kế hoạch 293 của Bình Thuận", folder=folder, unit=binh_thuan),
    }
    page = makers[kind]()
    client.get(page.url)
    versioning.bump()  # the page cache turns over; the units' graph stays in the shared cache
    with django_assert_max_num_queries(10):
        response = client.get(page.url)
    assert response.status_code == 200 and response["X-Page-Cache"] == "miss"
    html = response.content.decode()
    assert "Đơn vị đã kết thúc hoạt động ngày 30/06/2025." in html
    assert NOTE in html


def test_an_item_of_a_current_unit_has_no_such_note(client, make_unit_news):
    html = client.get(make_unit_news("Tin của Lâm Đồng").url).content.decode()
    assert "kết thúc hoạt động" not in html and "Nay thuộc" not in html


def test_the_graph_follows_a_chain_of_successors_to_the_units_valid_today(binh_thuan, lam_dong):
    import datetime

    units = unit_graph.graph()
    assert units.ended(binh_thuan.pk, datetime.date(2025, 7, 1)) == datetime.date(2025, 6, 30)
    assert units.ended(binh_thuan.pk, datetime.date(2025, 6, 30)) is None
    assert units.current_successors(binh_thuan.pk, datetime.date(2026, 1, 1)) == [lam_dong.pk]
    assert [u.pk for u in binh_thuan.successors_on(datetime.date(2026, 1, 1))] == [lam_dong.pk]
