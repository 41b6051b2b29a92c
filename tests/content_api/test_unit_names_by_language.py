"""Units are named in the language of the item that refers to them, and the directory gives both names."""

from __future__ import annotations

from tests.helpers.api import publish_english_copy

API = "/api/content/v1"


def test_an_english_item_names_its_unit_in_english_and_a_vietnamese_one_in_vietnamese(
    api, make_exemplar, folder, binh_thuan, django_capture_on_commit_callbacks
):
    binh_thuan.name_en = "People's Procuracy of Bình Thuận Province"
    binh_thuan.save()
    page = make_exemplar("Nguyễn Văn Đức")
    english = publish_english_copy(page, folder)
    en_unit = api.get(f"{API}/exemplars/{english.pk}/").json()["unit"]
    assert (en_unit["name"], en_unit["short_name"]) == ((binh_thuan.name_en,) * 2)
    assert en_unit["id"] == binh_thuan.pk and en_unit["code"] == binh_thuan.code
    vi_unit = api.get(f"{API}/exemplars/{page.pk}/").json()["unit"]
    assert (vi_unit["name"], vi_unit["short_name"]) == (binh_thuan.name, binh_thuan.short_name)
    with django_capture_on_commit_callbacks(execute=True):
        binh_thuan.short_name_en = "Bình Thuận Procuracy"
        binh_thuan.save()
    [item] = api.get(f"{API}/exemplars/", {"locale": "en"}).json()["items"]
    assert item["unit"]["short_name"] == "Bình Thuận Procuracy"


def test_a_unit_without_an_english_name_keeps_its_official_vietnamese_name(
    api, make_exemplar, folder, binh_thuan
):
    binh_thuan.name_en = binh_thuan.short_name_en = ""
    binh_thuan.save()
    english = publish_english_copy(make_exemplar("Nguyễn Văn Đức"), folder)
    assert api.get(f"{API}/exemplars/{english.pk}/").json()["unit"]["name"] == binh_thuan.name


def test_the_directory_gives_the_english_name_and_finds_units_by_it(api, binh_thuan):
    binh_thuan.name_en = "People's Procuracy of Bình Thuận Province"
    binh_thuan.save()
    [unit] = api.get(f"{API}/units/", {"search": "procuracy of binh thuan"}).json()["items"]
    assert unit["id"] == binh_thuan.pk
    assert unit["name_en"] == unit["short_name_en"] == binh_thuan.name_en
    assert unit["name"] == binh_thuan.name
