"""
Each channel is published by its own publisher (regulation of 31/3/2021): the Office on the
Portal and the open API, the newspaper in the newspaper, the journal in the journal, the
proposing unit's head on the units' websites. The page goes live with its first release and
reaches each channel only once that channel is released.
"""

import datetime
import threading

import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from cms.models import Channel, CoordinatingRole
from content_api.models import ContentDocument
from exemplar_pages.models import ExemplarPage
from tests.helpers.api import API
from tests.helpers.forms import award_row, exemplar_form
from tests.helpers.workflow import (
    RELEASE_STAGE,
    act,
    as_user,
    confirm_and_verify,
    current_task_name,
    release,
    submit_new_exemplar,
)
from workflows.models import Approval, ChannelRelease, ReleaseStatus
from workflows.reminders import send_reminders

pytestmark = pytest.mark.django_db


def to_release_stage(people, page, *codes):
    confirm_and_verify(people, page, *codes)
    for role in ("newspaper", "journal"):
        if role in codes:
            act(people[role], page, "approve")
    assert current_task_name(page) == RELEASE_STAGE


def released_channels(page) -> set[str]:
    document = ContentDocument.objects.filter(pk=page.pk).first()
    return set(document.channels.values_list("code", flat=True)) if document else set()


def test_each_channel_names_its_publisher_as_data():
    publishers = {c.code: (c.publisher_role.code, c.published_by_unit_head) for c in Channel.objects.all()}
    assert publishers["portal"] == ("office", False)
    assert publishers["public"] == ("office", False)
    assert publishers["newspaper"] == ("newspaper", False)
    assert publishers["journal"] == ("journal", False)
    assert publishers["unit-websites"] == ("office", True)


def test_three_publishers_release_their_own_channels_in_any_order(
    workflows, people, lam_dong_folder, bang_khen, client
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    to_release_stage(people, page, "portal", "public", "newspaper", "journal")

    # The newspaper goes first: the page goes live, on the newspaper only.
    release(people, page, "newspaper")
    page.refresh_from_db()
    assert page.live
    assert released_channels(page) == {"newspaper"}
    assert client.get(f"{API}/exemplars/{page.pk}/").status_code == 404  # not yet on `public`
    assert current_task_name(page) == RELEASE_STAGE

    release(people, page, "journal")
    assert released_channels(page) == {"newspaper", "journal"}

    release(people, page, "portal", "public")
    page.refresh_from_db()
    assert released_channels(page) == {"newspaper", "journal", "portal", "public"}
    assert page.current_workflow_state is None  # every channel decided: the workflow is done
    assert client.get(f"{API}/exemplars/{page.pk}/").status_code == 200

    releases = Approval.objects.filter(page=page, channel__isnull=False).order_by("approved_at", "pk")
    assert [(a.channel.code, a.role.code, a.unit.code, a.user.username) for a in releases] == [
        ("newspaper", "newspaper", "BBVPL", "baobvpl"),
        ("journal", "journal", "TCKS", "tapchi"),
        ("portal", "office", "VP", "vanphong"),
        ("public", "office", "VP", "vanphong"),
    ]


def test_nobody_releases_a_channel_that_is_not_theirs(workflows, people, lam_dong_folder, bang_khen):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    to_release_stage(people, page, "portal", "newspaper")
    # The Office cannot release the newspaper's channel, nor the newspaper the Portal.
    act(people["office"], page, "approve", channels=["newspaper"])
    act(people["newspaper"], page, "approve", channels=["portal"])
    for who in ("editor", "head", "emulation", "journal"):
        response = act(people[who], page, "approve")
        assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert not page.live
    assert set(ChannelRelease.objects.filter(page=page).values_list("status", flat=True)) == {"pending"}


def test_the_newspaper_cannot_publish_by_any_other_path(workflows, people, lam_dong_folder, bang_khen):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    to_release_stage(people, page, "newspaper")
    assert not page.permissions_for_user(people["newspaper"]).can_publish()
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    draft = as_user(people["newspaper"]).get(edit)
    assert draft.status_code == 200
    page.refresh_from_db()
    assert not page.live


def test_a_withheld_channel_keeps_the_page_off_it_and_tells_the_proposer_why(
    workflows, people, lam_dong_folder, bang_khen, mailoutbox, django_capture_on_commit_callbacks
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    to_release_stage(people, page, "portal", "journal")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(people["journal"], page, "withhold", channels=["journal"], reason="Trùng bài số 5/2026.")
    row = ChannelRelease.objects.get(page=page, channel__code="journal")
    assert row.status == ReleaseStatus.WITHHELD and row.reason == "Trùng bài số 5/2026."
    [mail] = [m for m in mailoutbox if m.to == [people["editor"].email]]
    assert (
        "Tạm giữ" in mail.subject and "Trùng bài số 5/2026." in mail.body and "Tạp chí Kiểm sát" in mail.body
    )

    release(people, page, "portal")
    page.refresh_from_db()
    assert page.live and page.current_workflow_state is None
    assert released_channels(page) == {"portal"}


def test_a_withhold_needs_a_reason(workflows, people, lam_dong_folder, bang_khen):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    to_release_stage(people, page, "journal")
    act(people["journal"], page, "withhold", channels=["journal"], reason="")
    assert ChannelRelease.objects.get(page=page).status == ReleaseStatus.PENDING


def test_every_channel_withheld_returns_the_page_to_its_proposer(
    workflows, people, lam_dong_folder, bang_khen
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    to_release_stage(people, page, "portal")
    act(people["office"], page, "withhold", reason="Chờ ý kiến lãnh đạo Viện.")
    page.refresh_from_db()
    assert not page.live
    state = page.current_workflow_state
    assert state.status == "needs_changes" and "Chờ ý kiến lãnh đạo Viện." in state.current_task_state.comment


def test_the_units_websites_are_released_by_the_proposing_units_head_or_the_office_as_a_setting(
    workflows, people, lam_dong_folder, bang_khen
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    to_release_stage(people, page, "unit-websites")
    act(people["office"], page, "approve")
    page.refresh_from_db()
    assert not page.live
    act(people["head"], page, "approve")
    page.refresh_from_db()
    assert page.live
    approval = Approval.objects.get(page=page, channel__code="unit-websites")
    assert approval.unit == lam_dong_folder.unit and approval.user == people["head"]

    Channel.objects.filter(code="unit-websites").update(published_by_unit_head=False)
    other = submit_new_exemplar_again(people, lam_dong_folder, bang_khen)
    to_release_stage(people, other, "unit-websites")
    act(people["head"], other, "approve")
    other.refresh_from_db()
    assert not other.live
    act(people["office"], other, "approve")
    other.refresh_from_db()
    assert other.live


def submit_new_exemplar_again(people, lam_dong_folder, bang_khen):
    """A second proposal in the same lam_dong_folder (submit_new_exemplar expects the first)."""
    data = exemplar_form(lam_dong_folder.unit, awards=[award_row(bang_khen)])
    data["title"] = data["slug"] = "nguyen-thi-hoa"
    data["action-submit"] = "1"
    url = reverse("wagtailadmin_pages:add", args=("exemplar_pages", "exemplarpage", lam_dong_folder.pk))
    assert as_user(people["editor"]).post(url, data).status_code == 302
    return ExemplarPage.objects.get(slug="nguyen-thi-hoa")


def test_the_2025_moves_stay_data_a_new_publisher_role_group_releases(
    workflows, people, lam_dong_folder, bang_khen
):
    journal = CoordinatingRole.objects.get(code="journal")
    Channel.objects.filter(code="journal").update(publisher_role=CoordinatingRole.objects.get(code="office"))
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    to_release_stage(people, page, "journal")
    act(people["journal"], page, "approve")
    page.refresh_from_db()
    assert not page.live
    act(people["office"], page, "approve")
    page.refresh_from_db()
    assert page.live and journal.group is not None


def test_reminders_of_an_overdue_release_go_to_the_publishers_still_to_act(
    workflows, people, lam_dong_folder, bang_khen, mailoutbox
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    to_release_stage(people, page, "portal", "newspaper")
    release(people, page, "portal")
    mailoutbox.clear()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=30), tick=False):
        send_reminders()
    assert {m.to[0] for m in mailoutbox} == {people["newspaper"].email}


@pytest.mark.django_db(transaction=True)
def test_two_publishers_acting_at_once_give_one_result(
    postgres, workflows, people, lam_dong_folder, bang_khen
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    to_release_stage(people, page, "portal", "newspaper")
    page.refresh_from_db()
    task_state = page.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    barrier = threading.Barrier(2)
    errors = []

    def run(who, code):
        try:
            client = as_user(people[who])
            barrier.wait()
            client.post(url, {"channels": [code]})
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=a) for a in (("office", "portal"), ("newspaper", "newspaper"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    page.refresh_from_db()
    assert page.live and page.current_workflow_state is None
    assert Approval.objects.filter(page=page, channel__isnull=False).count() == 2
    assert released_channels(page) == {"portal", "newspaper"}
