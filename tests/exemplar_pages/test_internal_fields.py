"""Date of birth, contact details and internal notes stay in the admin."""

import datetime
import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from wagtail.search import index

from exemplar_pages.models import CampaignPage, ExemplarPage, NewsPage

INTERNAL = ExemplarPage.internal_fields
SECRET_PHONE = "0912 345 678"
SECRET_NOTE = "Ghi chú mật về sức khỏe"


def indexed_field_names(model) -> set[str]:
    names = set()
    for field in model.get_search_fields():
        names.add(field.field_name)
        if isinstance(field, index.RelatedFields):
            names.update(f"{field.field_name}.{child.field_name}" for child in field.fields)
    return names


def test_internal_fields_are_declared_and_exist_on_the_model():
    assert set(INTERNAL) == {"date_of_birth", "contact_phone", "contact_email", "internal_notes"}
    for name in INTERNAL:
        ExemplarPage._meta.get_field(name)


@pytest.mark.parametrize("model", [ExemplarPage, CampaignPage, NewsPage])
def test_no_page_type_lists_an_internal_field_for_the_api(model):
    assert not set(model.api_fields) & set(INTERNAL)


@pytest.mark.parametrize("model", [ExemplarPage, CampaignPage, NewsPage])
def test_no_internal_field_is_indexed_for_search(model):
    assert not indexed_field_names(model) & set(INTERNAL)


@pytest.mark.django_db
def test_an_exemplar_cannot_be_found_by_its_internal_phone_or_notes(folder):
    folder.add_child(
        instance=ExemplarPage(
            title="Tập thể mẫu (dữ liệu mẫu)",
            unit=folder.unit,
            achievement_period="2024",
            achievements=[],
            contact_phone=SECRET_PHONE,
            internal_notes=SECRET_NOTE,
            date_of_birth=datetime.date(1980, 1, 2),
        )
    )
    assert list(ExemplarPage.objects.search("0912")) == []
    assert list(ExemplarPage.objects.search("sức khỏe")) == []
    assert len(ExemplarPage.objects.search("Tập thể mẫu")) == 1


@pytest.mark.django_db
def test_the_api_representation_of_every_exposed_field_carries_no_internal_value(folder):
    page = folder.add_child(
        instance=ExemplarPage(
            title="Tập thể mẫu (dữ liệu mẫu)",
            unit=folder.unit,
            achievement_period="2024",
            achievements=[("achievement", "Hoàn thành xuất sắc nhiệm vụ.")],
            body=[("paragraph", "<p>Bài viết.</p>"), ("quote", {"text": "Trích dẫn", "attribution": ""})],
            contact_phone=SECRET_PHONE,
            contact_email="mat@example.invalid",
            internal_notes=SECRET_NOTE,
            date_of_birth=datetime.date(1980, 1, 2),
        )
    )
    exposed = {}
    for name in ExemplarPage.api_fields:
        value = getattr(page, name)
        if hasattr(value, "stream_block"):
            value = value.stream_block.get_api_representation(value)
        elif hasattr(value, "all"):
            value = [str(item) for item in value.all()]
        exposed[name] = value if isinstance(value, (str, int, list, dict, type(None))) else str(value)
    dumped = json.dumps(exposed, cls=DjangoJSONEncoder, ensure_ascii=False)
    for secret in (SECRET_PHONE, SECRET_NOTE, "mat@example.invalid", "1980-01-02"):
        assert secret not in dumped
