"""A form with errors says which fields, by their labels, in the message atop the form."""

import pytest
from django.urls import reverse

from tests.helpers.forms import award_row, exemplar_form
from tests.helpers.workflow import as_user

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_a_page_that_cannot_be_saved_names_each_field_at_fault_by_its_label(
    people, lam_dong_folder, bang_khen
):
    data = exemplar_form(lam_dong_folder.unit, awards=[award_row(bang_khen, date="31/02/2024")], title="")
    data["action-submit"] = "1"
    response = as_user(people["editor"]).post(
        reverse("wagtailadmin_pages:add", args=("exemplar_pages", "exemplarpage", lam_dong_folder.pk)), data
    )

    assert response.status_code == 200
    [message] = messages_of(response)
    assert "Tiêu đề: " in message
    assert "Khen thưởng 1 – Ngày quyết định: " in message
    # Wagtail's button that scrolls to and focuses the first error, in Vietnamese.
    assert "Đến lỗi đầu tiên" in response.content.decode()
