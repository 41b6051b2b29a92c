"""Switched-off (retired) award forms stay on the rows that have them, but nothing new may choose them."""

from __future__ import annotations

import pytest
from django.forms import modelform_factory
from django.urls import reverse

from emulation.models import EligibilityRule, EmulationRegistration, Nomination, NominationRound
from exemplar_pages.models import AwardForm
from exemplar_pages.models.awards import Award
from tests.helpers.workflow import as_user, role_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def retired(site_tree):
    form = AwardForm.source_entries().get(name="Giấy khen")
    AwardForm.objects.filter(translation_key=form.translation_key).update(is_active=False)
    return form


@pytest.mark.parametrize(
    ("model", "field"),
    [
        (Award, "award_form"),
        (Nomination, "proposed_form"),
        (NominationRound, "award_form"),
        (EligibilityRule, "award_form"),
        (EligibilityRule, "required_form"),
        (EmulationRegistration, "aimed_forms"),
    ],
)
def test_no_form_field_offers_a_switched_off_award_form(retired, model, field):
    choices = modelform_factory(model, fields=[field])().fields[field].queryset
    assert not choices.filter(pk=retired.pk).exists()
    assert choices.filter(name="Bằng khen của Viện trưởng VKSND tối cao").exists()


def test_the_award_form_chooser_does_not_list_it(retired):
    client = as_user(role_user("emulation_rewards", "thidua-chooser"))
    response = client.get(reverse("wagtailsnippetchoosers_exemplar_pages_awardform:choose_results"))
    assert response.status_code == 200
    offered = response.context["results"].paginator.object_list
    assert not offered.filter(pk=retired.pk).exists()
    assert offered.count() == AwardForm.source_entries().filter(is_active=True).count()
