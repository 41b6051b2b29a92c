"""Switched-off (retired) award forms stay on the rows that have them, but nothing new may choose them."""

from __future__ import annotations

import datetime

import pytest
from django.forms import modelform_factory
from django.urls import reverse

from emulation.models import (
    EligibilityRule,
    EmulationRegistration,
    EmulationYear,
    Nomination,
    NominationRound,
)
from emulation.summary_list import import_summary_list
from engagement.models import Consultation
from exemplar_pages.models import AwardForm, ExemplarPage
from exemplar_pages.models.awards import Award
from tests.helpers.forms import award_row, exemplar_form
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


# Posted by hand: a form naming a switched-off entry is refused with its name, and nothing is saved.

RETIRED_ERROR = "“Giấy khen” đã thôi áp dụng nên không còn được chọn"


def test_a_new_exemplar_naming_a_switched_off_form_is_refused(
    client, lam_dong_editor, lam_dong_folder, bang_khen, retired
):
    client.force_login(lam_dong_editor)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=("exemplar_pages", "exemplarpage", lam_dong_folder.pk)),
        exemplar_form(
            lam_dong_folder.unit, awards=[award_row(bang_khen), award_row(retired, "1879/QĐ-UBND")]
        ),
    )
    assert response.status_code == 200
    assert RETIRED_ERROR in response.content.decode()
    assert not ExemplarPage.objects.exists()


def test_an_exemplar_edited_to_a_switched_off_form_is_refused_and_keeps_its_award(
    client, lam_dong_editor, lam_dong_folder, bang_khen, retired
):
    client.force_login(lam_dong_editor)
    unit = lam_dong_folder.unit
    add = reverse("wagtailadmin_pages:add", args=("exemplar_pages", "exemplarpage", lam_dong_folder.pk))
    assert client.post(add, exemplar_form(unit, awards=[award_row(bang_khen)])).status_code == 302
    page = ExemplarPage.objects.get()
    award = page.awards.get()
    revisions = page.revisions.count()

    changed = {**award_row(retired), "id": award.pk}
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        exemplar_form(unit, awards=[changed]) | {"awards-INITIAL_FORMS": "1"},
    )
    assert response.status_code == 200
    assert RETIRED_ERROR in response.content.decode()
    assert page.revisions.count() == revisions
    assert page.get_latest_revision_as_object().awards.get().award_form == bang_khen


def test_a_consultation_naming_a_switched_off_form_is_refused(full_site, retired, make_exemplar):
    from tests.engagement.test_consultation_admin import ADMIN, consultation_form

    client = as_user(role_user("emulation_rewards", "thidua-retired"))
    response = client.post(
        reverse(f"{ADMIN}:add"), consultation_form(retired, make_exemplar("Nguyễn Văn Đức"))
    )
    assert response.status_code == 200
    assert RETIRED_ERROR in response.content.decode()
    assert not Consultation.objects.exists()


def test_a_summary_list_naming_a_switched_off_form_is_refused_whole(tmp_path, nomination_round, retired):
    from tests.emulation.test_summary_list import GOOD, write

    rows = [GOOD[0], [*GOOD[1][:5], "Giấy khen"]]
    report = import_summary_list(write(tmp_path, rows), nomination_round)
    assert not report.ok
    assert [str(e.reason) for e in report.errors] == [
        "hình thức “Giấy khen” đã thôi áp dụng, không còn được đề nghị."
    ]
    assert not Nomination.objects.exists()


def test_a_registration_aiming_at_a_switched_off_form_is_refused(binh_thuan, editor, retired):
    from tests.emulation.test_admin_access import registration_form

    EmulationYear.objects.create(year=2024, registration_deadline=datetime.date(2099, 3, 31))
    data = registration_form(binh_thuan)
    data["aimed_forms"] = [retired.pk]
    response = as_user(editor).post(reverse("emulation_registrations:add"), data)
    assert response.status_code == 200
    assert RETIRED_ERROR in response.content.decode()
    assert not EmulationRegistration.objects.exists()
