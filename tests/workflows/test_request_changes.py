"""Every stage can send the page back to its proposer; publication can also be scheduled."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from exemplar_pages.models import ExemplarPage
from tests.helpers.forms import award_row, exemplar_form
from tests.helpers.workflow import (
    RELEASE_STAGE,
    act,
    as_user,
    channels,
    current_task_name,
    release,
    submit_new_exemplar,
)
from workflows.models import Approval

pytestmark = pytest.mark.django_db

# (stage that requests changes, who, the approvals before it)
BRANCHES = [
    ("Xác nhận của thủ trưởng đơn vị", "head", []),
    ("Thẩm định thành tích", "emulation", ["head"]),
    ("Biên tập (Báo, Tạp chí)", "journal", ["head", "emulation"]),
    ("Phê duyệt đăng tải theo kênh", "newspaper", ["head", "emulation", "newspaper", "journal"]),
]


def approve_up_to(page, people, steps):
    for step in steps:
        data = (
            {"recognition_level": "typical", "channels": channels("newspaper", "journal")}
            if step == "emulation"
            else {}
        )
        act(people[step], page, "approve", **data)


@pytest.mark.parametrize(
    ("stage", "reviewer", "before"), BRANCHES, ids=["head", "emulation", "editorial", "release"]
)
def test_each_stage_can_request_changes_with_a_comment_for_the_proposer(
    workflows,
    people,
    lam_dong_folder,
    bang_khen,
    mailoutbox,
    django_capture_on_commit_callbacks,
    stage,
    reviewer,
    before,
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    approve_up_to(page, people, before)
    assert current_task_name(page) == stage
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(people[reviewer], page, "reject", comment=f"Đề nghị bổ sung ({stage}).")
    page.refresh_from_db()
    state = page.current_workflow_state
    assert state.status == "needs_changes"
    assert state.current_task_state.comment == f"Đề nghị bổ sung ({stage})."
    assert not page.live
    to_proposer = [m for m in mailoutbox if m.to == [people["editor"].email]]
    assert len(to_proposer) == 1 and "Yêu cầu chỉnh sửa" in to_proposer[0].subject


def test_an_approved_page_with_a_go_live_date_is_scheduled_not_published(
    workflows, people, lam_dong_folder, bang_khen
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    go_live = (timezone.now() + datetime.timedelta(days=3)).replace(microsecond=0)
    draft = ExemplarPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    draft.go_live_at = go_live
    revision = draft.save_revision(user=people["editor"])
    state = ExemplarPage.objects.get(pk=page.pk).current_workflow_state.current_task_state
    type(state).objects.filter(pk=state.pk).update(revision=revision)
    # Editorial sign-offs, then each paper releases its own channel.
    approve_up_to(page, people, ["head", "emulation", "newspaper", "journal", "newspaper", "journal"])
    page.refresh_from_db()
    assert not page.live
    assert page.scheduled_revision is not None
    assert page.scheduled_revision.approved_go_live_at == go_live


def resubmit_with_edits(people, page, bang_khen, lead="Đã bổ sung số liệu theo yêu cầu."):
    """The proposer edits the page and sends it back, as in the lam_dong_editor."""
    draft = page.get_latest_revision_as_object()
    award = draft.awards.first()
    data = exemplar_form(page.unit, awards=[{**award_row(bang_khen), "id": award.pk}], lead=lead)
    data["awards-INITIAL_FORMS"] = "1"
    data["channels"] = [channel.pk for channel in draft.channels.all()]  # as the form shows them
    data["action-submit"] = "1"
    response = as_user(people["editor"]).post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.mark.parametrize(("stage", "reviewer", "before"), BRANCHES[2:], ids=["editorial", "release"])
def test_resubmission_resumes_at_the_stage_that_asked_and_goes_on_from_there(
    workflows, people, lam_dong_folder, bang_khen, stage, reviewer, before
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    approve_up_to(page, people, before)
    act(people[reviewer], page, "reject", comment="Đề nghị bổ sung số liệu.")
    page.refresh_from_db()
    resubmit_with_edits(people, page, bang_khen)
    assert current_task_name(page) == stage  # not the unit head and verification again
    if stage == "Biên tập (Báo, Tạp chí)":
        act(people["newspaper"], page, "approve")
        act(people["journal"], page, "approve")
    assert current_task_name(page) == RELEASE_STAGE
    release(people, page, "newspaper", "journal")
    page.refresh_from_db()
    assert page.live and page.lead == "Đã bổ sung số liệu theo yêu cầu."

    # Provenance: each stage once (its latest approval), the papers' sign-offs and releases;
    # the unit head and the verifier approved the earlier revision, and it says so.
    rows = list(Approval.objects.filter(page=page).order_by("approved_at", "pk"))
    stages = [(a.stage, a.user.username, a.channel.code if a.channel else None) for a in rows]
    assert stages[:2] == [
        ("Xác nhận của thủ trưởng đơn vị", "ld-head", None),
        ("Thẩm định thành tích", "thidua", None),
    ]
    assert sorted(stages[2:4]) == [
        ("Biên tập (Báo, Tạp chí)", "baobvpl", None),
        ("Biên tập (Báo, Tạp chí)", "tapchi", None),
    ]
    assert sorted(stages[4:]) == [
        (RELEASE_STAGE, "baobvpl", "newspaper"),
        (RELEASE_STAGE, "tapchi", "journal"),
    ]
    assert rows[0].approved_revision_id != page.live_revision_id
    assert {a.revision_id for a in rows} == {page.live_revision_id}


def test_the_api_provenance_lists_each_stage_once_with_the_papers_sign_offs(
    workflows, people, lam_dong_folder, bang_khen, api
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    approve_up_to(page, people, ["head"])
    act(people["emulation"], page, "reject", comment="Bổ sung quyết định.")
    page.refresh_from_db()
    resubmit_with_edits(people, page, bang_khen)
    act(
        people["emulation"],
        page,
        "approve",
        recognition_level="typical",
        channels=["public", "newspaper", "journal"],
    )
    act(people["newspaper"], page, "approve")
    act(people["journal"], page, "approve")
    release(people, page, "public", "newspaper", "journal")
    provenance = api.get(f"/api/content/v1/exemplars/{page.pk}/").json()["provenance"]
    stages = [(p["stage"], p["role"], p["channel"]) for p in provenance]
    assert stages.count(("Xác nhận của thủ trưởng đơn vị", None, None)) == 1
    assert stages.count(("Thẩm định thành tích", "emulation_rewards", None)) == 1
    assert ("Biên tập (Báo, Tạp chí)", "newspaper", None) in stages
    assert ("Biên tập (Báo, Tạp chí)", "journal", None) in stages
    assert ("Phê duyệt đăng tải theo kênh", "office", "public") in stages
    assert len(stages) == 7
