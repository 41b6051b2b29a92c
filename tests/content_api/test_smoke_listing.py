"""The exemplar listing answers with published, public exemplars."""

from tests.helpers.api import API


def test_a_published_public_exemplar_is_listed_with_its_unit(api, make_exemplar):
    page = make_exemplar("Nguyễn Văn Đức")
    response = api.get(f"{API}/exemplars/")
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["id"] for item in items] == [page.pk]
    assert items[0]["unit"]["code"] == "VKS-BINHTHUAN"
    assert items[0]["award_years"] == [2024]


def test_a_detail_gives_awards_and_body(api, make_exemplar):
    page = make_exemplar("Nguyễn Văn Đức")
    data = api.get(f"{API}/exemplars/{page.pk}/").json()
    assert data["awards"][0]["decision_number"].endswith("/QĐ-UBND")
    assert data["translations"] == {}
