"""Who is e-mailed, and what they read, as an exemplar walks the coordination workflow."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import translation
from wagtail.models import TaskState
from wagtail.users.models import UserProfile

from cms.models import CoordinatingRole
from tests.factories import UserFactory, prefer_language
from tests.helpers.workflow import act, channels, current_task_name, submit_new_exemplar
from workflows import notifications
from workflows.setup import ensure_default_workflow

pytestmark = pytest.mark.django_db

TITLE = "Nguyễn Văn Mẫu (dữ liệu mẫu)"


@pytest.fixture
def committed(django_capture_on_commit_callbacks) -> Callable[..., Any]:
    """Runs a workflow step to its commit, as a request does, so that its e-mails leave."""

    def run(step: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return step(*args, **kwargs)

    return run


def addressees(outbox) -> list[str]:
    """Every address mailed, once per message (so duplicates show)."""
    return sorted(address for message in outbox for address in message.to)


def verify(people, page, *channel_codes: str):
    return act(
        people["emulation"],
        page,
        "approve",
        recognition_level="typical",
        channels=channels(*channel_codes),
    )


def test_a_submission_mails_the_heads_of_the_proposing_unit_only(
    workflows, people, lam_dong_folder, bang_khen, lam_dong, other_unit, committed, mailoutbox
):
    second_head = UserFactory(username="ld-head-2", groups=[lam_dong.head_group])
    UserFactory(username="hn-head", groups=[other_unit.head_group])

    committed(submit_new_exemplar, people, lam_dong_folder, bang_khen)

    assert addressees(mailoutbox) == sorted([people["head"].email, second_head.email])
    assert mailoutbox[0].subject == f"[Gương điển hình] Đề nghị xác nhận: {TITLE}"


def test_the_submission_e_mail_names_the_page_unit_stage_deadline_and_edit_link(
    workflows, people, lam_dong_folder, bang_khen, committed, mailoutbox
):
    page = committed(submit_new_exemplar, people, lam_dong_folder, bang_khen)

    body = mailoutbox[0].body
    assert body.startswith(f"Kính gửi {people['head'].username},")
    assert f"Trang “{TITLE}” đang chờ xử lý ở bước “Xác nhận của thủ trưởng đơn vị”." in body
    assert "Đơn vị đề xuất: VKSND tỉnh Lâm Đồng" in body
    assert "Người đề xuất: ld-editor" in body
    assert "Hạn xử lý: " in body
    assert f"http://testserver/admin/pages/{page.pk}/edit/" in body
    assert "http://testserver/admin/account/#tab-notifications" in body
    assert mailoutbox[0].extra_headers["Auto-Submitted"] == "auto-generated"


def test_after_the_head_confirms_the_emulation_group_is_asked_to_verify(
    workflows, people, lam_dong_folder, bang_khen, committed, mailoutbox
):
    page = committed(submit_new_exemplar, people, lam_dong_folder, bang_khen)
    mailoutbox.clear()

    committed(act, people["head"], page, "approve")

    assert addressees(mailoutbox) == [people["emulation"].email]
    assert mailoutbox[0].subject == f"[Gương điển hình] Đề nghị thẩm định: {TITLE}"
    assert "Chuyển đến bước này: ld-head" in mailoutbox[0].body


def test_with_newspaper_and_journal_chosen_both_editorial_groups_are_mailed_then_the_office(
    workflows, people, lam_dong_folder, bang_khen, committed, mailoutbox
):
    page = committed(submit_new_exemplar, people, lam_dong_folder, bang_khen)
    committed(act, people["head"], page, "approve")
    mailoutbox.clear()

    committed(verify, people, page, "portal", "newspaper", "journal")
    assert addressees(mailoutbox) == sorted([people["newspaper"].email, people["journal"].email])
    assert {m.subject for m in mailoutbox} == {f"[Gương điển hình] Đề nghị biên tập: {TITLE}"}

    mailoutbox.clear()
    committed(act, people["newspaper"], page, "approve")
    assert mailoutbox == []  # the journal was told already; the stage is still open

    committed(act, people["journal"], page, "approve")
    # Each chosen channel's own publisher: the Office (Portal), the newspaper, and the journal,
    # who moved the page on and is not mailed about its own action.
    assert addressees(mailoutbox) == sorted([people["office"].email, people["newspaper"].email])
    assert {m.subject for m in mailoutbox} == {f"[Gương điển hình] Đề nghị đăng tải: {TITLE}"}


def test_an_editorial_stage_that_skips_itself_mails_no_editor(
    workflows, people, lam_dong_folder, bang_khen, committed, mailoutbox
):
    page = committed(submit_new_exemplar, people, lam_dong_folder, bang_khen)
    committed(act, people["head"], page, "approve")
    mailoutbox.clear()

    committed(verify, people, page, "portal")

    assert current_task_name(page) == "Phê duyệt đăng tải theo kênh"
    assert addressees(mailoutbox) == [people["office"].email]


def test_a_request_for_changes_mails_the_proposer_once_with_the_comment(
    workflows, people, lam_dong_folder, bang_khen, committed, mailoutbox
):
    page = committed(submit_new_exemplar, people, lam_dong_folder, bang_khen)
    committed(act, people["head"], page, "approve")
    mailoutbox.clear()

    committed(act, people["emulation"], page, "reject", comment="Thiếu bản chụp quyết định.")

    # Once: Wagtail's own "rejected" e-mail is not sent for our stages.
    assert addressees(mailoutbox) == [people["editor"].email]
    message = mailoutbox[0]
    assert message.subject == f"[Gương điển hình] Yêu cầu chỉnh sửa: {TITLE}"
    assert "Bước “Thẩm định thành tích” yêu cầu chỉnh sửa trang" in message.body
    assert "Ý kiến:\nThiếu bản chụp quyết định." in message.body
    assert "Người yêu cầu: thidua" in message.body


def test_resubmission_asks_the_stage_that_requested_changes_again(
    workflows, people, lam_dong_folder, bang_khen, committed, mailoutbox
):
    page = committed(submit_new_exemplar, people, lam_dong_folder, bang_khen)
    committed(act, people["head"], page, "approve")
    committed(act, people["emulation"], page, "reject", comment="Bổ sung quyết định.")
    mailoutbox.clear()

    page.refresh_from_db()
    committed(page.current_workflow_state.resume, user=people["editor"])

    assert addressees(mailoutbox) == [people["emulation"].email]


def test_publication_mails_the_proposer_and_the_emulation_group_once_each(
    workflows, people, lam_dong_folder, bang_khen, committed, mailoutbox
):
    page = committed(submit_new_exemplar, people, lam_dong_folder, bang_khen)
    committed(act, people["head"], page, "approve")
    committed(verify, people, page, "portal")
    mailoutbox.clear()

    committed(act, people["office"], page, "approve", comment="Đồng ý đăng.")

    page.refresh_from_db()
    assert page.live
    assert addressees(mailoutbox) == sorted([people["editor"].email, people["emulation"].email])
    assert {m.subject for m in mailoutbox} == {f"[Gương điển hình] Đã xuất bản: {TITLE}"}
    assert f"Trang “{TITLE}” đã được phê duyệt và xuất bản." in mailoutbox[0].body
    assert "Phê duyệt cuối cùng: vanphong (bước “Phê duyệt đăng tải theo kênh”)" in mailoutbox[0].body


def test_a_user_who_turned_off_submitted_notifications_gets_none(
    workflows, people, lam_dong_folder, bang_khen, lam_dong, committed, mailoutbox
):
    profile = UserProfile.get_for_user(people["head"])
    profile.submitted_notifications = False
    profile.save()
    second_head = UserFactory(username="ld-head-2", groups=[lam_dong.head_group])

    committed(submit_new_exemplar, people, lam_dong_folder, bang_khen)

    assert addressees(mailoutbox) == [second_head.email]


def test_inactive_users_and_users_without_e_mail_get_nothing(
    workflows, people, lam_dong_folder, bang_khen, lam_dong, committed, mailoutbox
):
    UserFactory(username="ld-head-retired", groups=[lam_dong.head_group], is_active=False)
    UserFactory(username="ld-head-no-mail", groups=[lam_dong.head_group], email="")

    committed(submit_new_exemplar, people, lam_dong_folder, bang_khen)

    assert addressees(mailoutbox) == [people["head"].email]


def test_e_mails_are_in_vietnamese_even_when_the_actor_works_in_english(
    workflows, people, lam_dong_folder, bang_khen, committed, mailoutbox
):
    with translation.override("en"):
        committed(submit_new_exemplar, people, lam_dong_folder, bang_khen)

    assert mailoutbox[0].subject == f"[Gương điển hình] Đề nghị xác nhận: {TITLE}"
    assert mailoutbox[0].body.startswith("Kính gửi ")


def test_a_reviewer_who_works_in_english_is_told_the_stage_in_english(
    workflows, people, lam_dong_folder, bang_khen, committed, mailoutbox
):
    prefer_language(people["head"], "en")
    committed(submit_new_exemplar, people, lam_dong_folder, bang_khen)

    [mail] = mailoutbox
    assert "“Confirmation by the unit's head”" in mail.body
    assert "Xác nhận của thủ trưởng đơn vị" not in mail.body


def test_a_superuser_hears_of_a_submission_once_from_wagtail_and_not_at_every_stage(
    workflows, people, lam_dong_folder, bang_khen, committed, mailoutbox
):
    admin = UserFactory(username="quantri", is_superuser=True)

    page = committed(submit_new_exemplar, people, lam_dong_folder, bang_khen)
    assert addressees(mailoutbox).count(admin.email) == 1

    mailoutbox.clear()
    committed(act, people["head"], page, "approve")
    assert admin.email not in addressees(mailoutbox)


def test_a_failing_mail_server_does_not_stop_the_workflow(
    workflows, people, lam_dong_folder, bang_khen, committed, monkeypatch, caplog
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr(notifications, "send_mail", refuse)
    committed(act, people["head"], page, "approve")

    assert current_task_name(page) == "Thẩm định thành tích"
    assert "Failed to send the submitted notification" in caplog.text


def test_wagtails_own_e_mails_still_serve_the_default_workflow(
    workflows, people, site_tree, committed, mailoutbox
):
    office_group = CoordinatingRole.objects.get(code="office").group
    workflow = ensure_default_workflow(office_group, site_tree.home)
    home = site_tree.home
    home.save_revision(user=people["editor"])

    committed(workflow.start, home, people["editor"])
    # Wagtail's GroupApprovalTask e-mail, to the task's group.
    assert addressees(mailoutbox) == [people["office"].email]
    assert not mailoutbox[0].subject.startswith("[Gương điển hình]")

    mailoutbox.clear()
    task_state = TaskState.objects.get(workflow_state__workflow=workflow, status="in_progress")
    committed(task_state.specific.reject, user=people["office"], comment="Sửa lại.")
    # Wagtail's "rejected" e-mail to the proposer; ours is for our stages only.
    assert addressees(mailoutbox) == [people["editor"].email]
    assert not mailoutbox[0].subject.startswith("[Gương điển hình]")

    mailoutbox.clear()
    home.refresh_from_db()
    committed(home.current_workflow_state.resume, user=people["editor"])
    task_state = TaskState.objects.get(workflow_state__workflow=workflow, status="in_progress")
    mailoutbox.clear()
    committed(task_state.specific.approve, user=people["office"])
    # Wagtail's "approved" e-mail to the proposer; emulation & rewards is not told.
    assert addressees(mailoutbox) == [people["editor"].email]
    assert not mailoutbox[0].subject.startswith("[Gương điển hình]")
