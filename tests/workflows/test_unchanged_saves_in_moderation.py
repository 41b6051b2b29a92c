"""
A reviewer's editor that saves what the page already says (an autosave of a form that only
looked changed, the form posted with a workflow action) adds no revision, so the approvals
given to the latest revision stand (WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT).
"""

import pytest
from wagtail.models import Revision

from exemplar_pages.models import ExemplarPage
from tests.helpers.workflow import (
    RELEASE_STAGE,
    act,
    confirm_and_verify,
    current_task_name,
    release,
    submit_new_exemplar,
)

pytestmark = pytest.mark.django_db


def revisions_of(page) -> list[int]:
    return list(
        Revision.page_revisions.filter(object_id=str(page.pk)).order_by("pk").values_list("pk", flat=True)
    )


@pytest.fixture
def at_release_stage(workflows, people, lam_dong_folder, bang_khen):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    confirm_and_verify(people, page, "portal", "journal")
    act(people["journal"], page, "approve")
    assert current_task_name(page) == RELEASE_STAGE
    return ExemplarPage.objects.get(pk=page.pk)


def test_saving_the_latest_revision_unchanged_in_moderation_adds_no_revision(at_release_stage, people):
    before = revisions_of(at_release_stage)
    draft = at_release_stage.get_latest_revision_as_object()

    revision = draft.save_revision(user=people["journal"])

    assert revisions_of(at_release_stage) == before
    assert revision.pk == before[-1]


def test_every_channel_released_after_an_unchanged_save_ends_the_workflow(at_release_stage, people):
    at_release_stage.get_latest_revision_as_object().save_revision(user=people["office"])

    release(people, at_release_stage, "journal")
    release(people, at_release_stage, "portal")

    page = ExemplarPage.objects.get(pk=at_release_stage.pk)
    assert page.live
    assert page.current_workflow_state is None


def test_a_real_change_in_moderation_is_a_revision_that_asks_for_approval_again(at_release_stage, people):
    before = revisions_of(at_release_stage)
    draft = at_release_stage.get_latest_revision_as_object()
    draft.lead = "Một đoạn mở đầu đã sửa trong khi duyệt."

    draft.save_revision(user=people["journal"])

    assert len(revisions_of(at_release_stage)) == len(before) + 1
    release(people, at_release_stage, "journal")
    release(people, at_release_stage, "portal")
    assert ExemplarPage.objects.get(pk=at_release_stage.pk).current_workflow_state is not None


def test_outside_moderation_every_save_is_a_revision(workflows, lam_dong_folder, make_exemplar):
    page = make_exemplar()
    before = revisions_of(page)

    page.save_revision()

    assert len(revisions_of(page)) == len(before) + 1
