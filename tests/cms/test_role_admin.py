"""The Office moves a coordinating role to another unit in the admin, as data."""

import datetime

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cms.models import CoordinatingRole, Unit
from cms.services.units import load_units
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_office_hands_the_journal_role_to_another_unit_from_a_date(client, site_tree):
    load_units()
    office = UserFactory(groups=[CoordinatingRole.objects.get(code="office").group])
    role = CoordinatingRole.objects.get(code="journal")
    [current] = role.assignments.all()
    institute = Unit.objects.get(code="VKHKS")
    client.force_login(office)

    response = client.post(
        reverse("wagtailsnippets_cms_coordinatingrole:edit", args=[role.pk]),
        nested_form_data(
            {
                "code": "journal",
                "name": role.name,
                "description": "",
                "group": role.group_id,
                "assignments": inline_formset(
                    [
                        {
                            "id": current.pk,
                            "unit": current.unit_id,
                            "valid_from": "",
                            "valid_until": "31/12/2026",
                        },
                        {"unit": institute.pk, "valid_from": "01/01/2027", "valid_until": ""},
                    ],
                    initial=1,
                ),
            }
        ),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    assert role.unit_on(datetime.date(2026, 11, 23)).code == "TCKS"
    assert role.unit_on(datetime.date(2027, 1, 2)).code == "VKHKS"


def test_a_unit_editor_cannot_change_the_role_mapping(client, full_site):
    editor = UserFactory(groups=[Unit.objects.get(code="VKS-BINHTHUAN").editor_group])
    role = CoordinatingRole.objects.get(code="office")
    client.force_login(editor)
    response = client.get(reverse("wagtailsnippets_cms_coordinatingrole:edit", args=[role.pk]))
    assert response.status_code in (302, 403)
