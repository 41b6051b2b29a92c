"""Stages have deadlines in working days; overdue ones are reminded once a day and reported."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory, prefer_language
from tests.helpers.workflow import act, as_user, submit_new_exemplar
from workflows.deadlines import add_working_days, working_days_between
from workflows.models import ReminderLog

pytestmark = pytest.mark.django_db

MONDAY = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)


def test_working_days_skip_weekends_and_holidays():
    # 2/9/2026 is National Day in the calendar setup_site seeded.
    assert add_working_days(datetime.date(2026, 11, 6), 1) == datetime.date(2026, 11, 9)  # Friday -> Monday
    assert add_working_days(datetime.date(2026, 9, 1), 1) == datetime.date(2026, 9, 3)
    assert working_days_between(datetime.date(2026, 11, 2), datetime.date(2026, 11, 9)) == 5


def reminders(capsys) -> str:
    call_command("send_workflow_reminders")
    return capsys.readouterr().out


def test_an_overdue_stage_is_reminded_once_a_day_in_vietnamese(
    workflows, people, lam_dong_folder, bang_khen, mailoutbox, capsys
):
    with time_machine.travel(MONDAY, tick=False):
        submit_new_exemplar(people, lam_dong_folder, bang_khen)
    mailoutbox.clear()
    with time_machine.travel(MONDAY + datetime.timedelta(days=4), tick=False):  # Friday: 4 working days
        assert "reminded: 0" in reminders(capsys)
    with time_machine.travel(MONDAY + datetime.timedelta(days=8), tick=False):  # next Tuesday: overdue
        assert "reminded: 1" in reminders(capsys)
        assert "reminded: 0" in reminders(capsys)
    assert [m.to for m in mailoutbox] == [[people["head"].email]]
    assert "Quá hạn" in mailoutbox[0].subject
    with time_machine.travel(MONDAY + datetime.timedelta(days=9), tick=False):
        assert "reminded: 1" in reminders(capsys)
    assert ReminderLog.objects.count() == 2


def test_each_reviewer_is_reminded_in_their_own_language(
    workflows, people, lam_dong_folder, bang_khen, lam_dong, mailoutbox, capsys
):
    english_head = prefer_language(people["head"], "en")
    vietnamese_head = UserFactory(username="ld-head-2", groups=[lam_dong.head_group])
    with time_machine.travel(MONDAY, tick=False):
        page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    stage = page.current_workflow_state.current_task_state.task.name
    assert stage == "Xác nhận của thủ trưởng đơn vị"
    english_stage = "Confirmation by the unit's head"  # the stage's name is in the catalogue too
    mailoutbox.clear()
    # The language active when the command runs changes nothing: each profile decides.
    with time_machine.travel(MONDAY + datetime.timedelta(days=8), tick=False), translation.override("en"):
        assert "reminded: 1; e-mails sent: 2" in reminders(capsys)

    assert sorted(m.to for m in mailoutbox) == sorted([[english_head.email], [vietnamese_head.email]])
    by_recipient = {m.to[0]: m for m in mailoutbox}
    in_english = by_recipient[english_head.email]
    assert in_english.subject == f"[Exemplars] Overdue {english_stage}: {page.title}"
    assert in_english.body.startswith(
        f"The page “{page.title}” has been waiting at the “{english_stage}” stage since 02/11/2026; the deadline is "
    )
    assert "working days). Please act on it at: http" in in_english.body
    in_vietnamese = by_recipient[vietnamese_head.email]
    assert in_vietnamese.subject == f"[Gương điển hình] Quá hạn {stage}: {page.title}"
    assert in_vietnamese.body.startswith(f"Trang “{page.title}” đang chờ bước “{stage}” từ ngày 02/11/2026")
    assert "Vui lòng xử lý tại: http" in in_vietnamese.body


def test_the_deadline_report_lists_stages_with_age_and_overdue_flag_and_exports(
    workflows, people, lam_dong_folder, bang_khen, other_unit
):
    with time_machine.travel(MONDAY, tick=False):
        page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
        act(people["head"], page, "approve")
    client = as_user(people["office"])
    with time_machine.travel(MONDAY + datetime.timedelta(days=10), tick=False):
        html = client.get(reverse("workflow_deadlines")).content.decode()
        assert page.title in html and "Thẩm định thành tích" in html
        assert page.title in client.get(reverse("workflow_deadlines"), {"overdue": "true"}).content.decode()
        assert (
            page.title
            not in client.get(reverse("workflow_deadlines"), {"unit": other_unit.pk}).content.decode()
        )
        response = client.get(reverse("workflow_deadlines"), {"export": "csv"})
        csv = b"".join(response.streaming_content).decode()
    assert "Thẩm định thành tích" in csv and "VKSND tỉnh Lâm Đồng" in csv
    assert "Số ngày làm việc" in csv


def test_the_deadline_report_exports_to_xlsx(workflows, people, lam_dong_folder, bang_khen):
    submit_new_exemplar(people, lam_dong_folder, bang_khen)
    response = as_user(people["office"]).get(reverse("workflow_deadlines"), {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_unit_editor_cannot_open_the_deadline_report_of_other_units_pages(
    workflows, people, lam_dong_folder, bang_khen, other_unit
):
    submit_new_exemplar(people, lam_dong_folder, bang_khen)
    outsider = UserFactory(username="hn-editor2", groups=[other_unit.editor_group])
    html = as_user(outsider).get(reverse("workflow_deadlines")).content.decode()
    assert "Nguyễn Văn Mẫu" not in html


def test_the_report_marks_only_overdue_stages_and_exports_for_excel(
    workflows, people, lam_dong_folder, bang_khen
):
    with time_machine.travel(MONDAY, tick=False):
        page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    client = as_user(people["office"])
    with time_machine.travel(MONDAY + datetime.timedelta(days=1), tick=False):
        html = client.get(reverse("workflow_deadlines")).content.decode()
        assert page.title in html and "Trong hạn" in html
        assert "data-overdue>" not in html and 'title="False"' not in html  # no red cross either
        csv = b"".join(
            client.get(reverse("workflow_deadlines"), {"export": "csv"}).streaming_content
        ).decode()
    assert csv.startswith("\ufeff")  # Excel reads the diacritics as UTF-8
    assert "02/11/2026" in csv and ",Không" in csv and "True" not in csv and "False" not in csv
    with time_machine.travel(MONDAY + datetime.timedelta(days=10), tick=False):
        html = client.get(reverse("workflow_deadlines")).content.decode()
        assert "data-overdue>Quá hạn</span>" in html
        csv = b"".join(
            client.get(reverse("workflow_deadlines"), {"export": "csv"}).streaming_content
        ).decode()
    assert ",Có" in csv


def test_the_report_lists_the_release_stage_per_channel_still_waiting(
    workflows, people, lam_dong_folder, bang_khen
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    act(people["head"], page, "approve")
    act(people["emulation"], page, "approve", recognition_level="typical", channels=["portal", "newspaper"])
    act(people["newspaper"], page, "approve")
    act(people["office"], page, "approve", channels=["portal"])
    html = as_user(people["office"]).get(reverse("workflow_deadlines")).content.decode()
    assert "Phê duyệt đăng tải theo kênh: Báo Bảo vệ pháp luật" in html
    assert "Phê duyệt đăng tải theo kênh: Cổng thông tin" not in html
