"""A unit's weekly schedule is published by the unit's own head, and by nobody else."""

from __future__ import annotations

import pytest
from django.urls import reverse

from exemplar_pages.models import WeeklySchedulePage
from tests.factories import UserFactory
from tests.helpers.forms import schedule_day, schedule_form, schedule_item
from tests.helpers.workflow import act, as_user, current_task_name, role_user
from workflows import names

pytestmark = [pytest.mark.django_db]


def week_form(**overrides) -> dict:
    day = schedule_day("14/07/2025", slots=[("07h30", [schedule_item("Chào cờ đầu tuần.")])])
    return schedule_form("14/07/2025", [day], **overrides)


@pytest.fixture
def submitted(lam_dong_folder, lam_dong_editor) -> WeeklySchedulePage:
    url = reverse("wagtailadmin_pages:add", args=("exemplar_pages", "weeklyschedulepage", lam_dong_folder.pk))
    response = as_user(lam_dong_editor).post(url, week_form(**{"action-submit": "1"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    return WeeklySchedulePage.objects.get()


@pytest.fixture
def head(lam_dong):
    return UserFactory(username="ld-head-schedule", groups=[lam_dong.head_group])


def test_the_schedule_goes_through_its_own_workflow_of_one_stage(submitted):
    state = submitted.current_workflow_state
    assert state.workflow.name == names.SCHEDULE_WORKFLOW
    assert current_task_name(submitted) == names.UNIT_HEAD_CONFIRMATION
    assert state.workflow.workflow_tasks.count() == 1


def test_the_units_head_publishes_it(submitted, head):
    response = act(head, submitted, "approve")
    assert response.status_code in (200, 302)
    submitted.refresh_from_db()
    assert submitted.live and submitted.current_workflow_state is None


@pytest.mark.parametrize("who", ["other_head", "other_editor", "emulation", "office", "journal", "newspaper"])
def test_nobody_outside_the_unit_approves_it(submitted, other_unit, who):
    people = {
        "other_head": lambda: UserFactory(username="hn-head", groups=[other_unit.head_group]),
        "other_editor": lambda: UserFactory(username="hn-editor", groups=[other_unit.editor_group]),
        "emulation": lambda: role_user("emulation_rewards", "thidua-s"),
        "office": lambda: role_user("office", "vanphong-s"),
        "journal": lambda: role_user("journal", "tapchi-s"),
        "newspaper": lambda: role_user("newspaper", "bao-s"),
    }
    user = people[who]()
    act(user, submitted, "approve")
    submitted.refresh_from_db()
    assert not submitted.live and current_task_name(submitted) == names.UNIT_HEAD_CONFIRMATION


@pytest.mark.parametrize("who", ["other_editor", "emulation", "office"])
def test_nobody_outside_the_unit_edits_or_publishes_it(lam_dong_folder, lam_dong_editor, other_unit, who):
    url = reverse("wagtailadmin_pages:add", args=("exemplar_pages", "weeklyschedulepage", lam_dong_folder.pk))
    assert as_user(lam_dong_editor).post(url, week_form()).status_code == 302
    page = WeeklySchedulePage.objects.get()
    user = {
        "other_editor": lambda: UserFactory(username="hn-editor2", groups=[other_unit.editor_group]),
        "emulation": lambda: role_user("emulation_rewards", "thidua-e"),
        "office": lambda: role_user("office", "vanphong-e"),
    }[who]()
    client = as_user(user)
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert client.get(edit).status_code in (302, 403)
    client.post(edit, week_form(**{"action-publish": "1"}))
    page.refresh_from_db()
    assert not page.live
    assert not page.permissions_for_user(user).can_edit()
    assert not page.permissions_for_user(user).can_publish()


def test_the_office_cannot_create_a_schedule_for_a_unit(lam_dong_folder):
    office = role_user("office", "vanphong-c")
    url = reverse("wagtailadmin_pages:add", args=("exemplar_pages", "weeklyschedulepage", lam_dong_folder.pk))
    response = as_user(office).post(url, week_form(**{"action-publish": "1"}))
    assert not WeeklySchedulePage.objects.filter(live=True).exists()
    assert response.status_code in (200, 302, 403)
    assert not WeeklySchedulePage.objects.exists()


def test_the_units_own_editor_cannot_publish_without_the_head(submitted, lam_dong_editor):
    act(lam_dong_editor, submitted, "approve")
    submitted.refresh_from_db()
    assert not submitted.live
