"""
Proposals by mail: real messages through the pipeline, a real IMAP server, the quarantine.
Nothing is lost, nothing is half-created, each message is processed once.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from cms.models import CoordinatingRole
from exemplar_pages import mail_intake
from exemplar_pages.mail_intake import ingest
from exemplar_pages.models import ExemplarPage, MailMessage, MailStatus
from media.models import VideoClip
from tests.factories import UserFactory
from tests.helpers.files import MP4_BYTES, PDF_BYTES, image_bytes
from tests.helpers.mail import MALFORMED, docx_bytes, dovecot, message

pytestmark = [pytest.mark.django_db]

UNIT_ADDRESS = "vanthu@vkslamdong.gov.vn"


@pytest.fixture
def unit_mail(lam_dong, lam_dong_editor):
    """Lâm Đồng lists its clerk's address; its editor has an address to be told at."""
    lam_dong.emails = UNIT_ADDRESS
    lam_dong.save(update_fields=["emails"])
    lam_dong_editor.email = "bientap@vkslamdong.gov.vn"
    lam_dong_editor.save(update_fields=["email"])
    return lam_dong


def files_under(root: Path) -> list[Path]:
    return [path for path in Path(root).rglob("*") if path.is_file() and path.suffix != ".eml"]


def raw_of(record: MailMessage) -> bytes:
    with record.raw.open("rb") as handle:
        return handle.read()


def body_of(page: ExemplarPage) -> list[tuple[str, object]]:
    return [(block.block_type, block.value) for block in ExemplarPage.objects.get(pk=page.pk).body]


def test_a_plain_message_from_a_units_address_becomes_a_draft_in_its_folder(
    unit_mail, lam_dong_folder, mailoutbox
):
    record, processed = ingest(message(UNIT_ADDRESS))
    assert processed and record.status == MailStatus.CREATED
    page = ExemplarPage.objects.get(pk=record.page_id)
    assert page.title == "Đề xuất gương điển hình năm 2025"
    assert not page.live and page.get_parent().pk == lam_dong_folder.pk and page.unit == unit_mail
    [(kind, value)] = body_of(page)
    assert kind == "paragraph" and "Nguyễn Văn A" in value.source
    editors, receipt = mailoutbox
    assert editors.to == ["bientap@vkslamdong.gov.vn"]
    assert "Đề nghị hoàn thiện thông tin và gửi duyệt" in editors.body
    assert receipt.to == [UNIT_ADDRESS]
    assert receipt.subject == "Đã nhận đề xuất: Đề xuất gương điển hình năm 2025"
    assert f"/admin/pages/{page.pk}/edit/" in receipt.body


def test_the_same_message_twice_is_processed_once(unit_mail, mailoutbox):
    raw = message(UNIT_ADDRESS, message_id="<mot-lan@vkslamdong.gov.vn>")
    first, processed = ingest(raw)
    again, processed_again = ingest(raw)
    assert processed and not processed_again and again.pk == first.pk
    assert ExemplarPage.objects.filter(title="Đề xuất gương điển hình năm 2025").count() == 1
    assert MailMessage.objects.count() == 1 and len(mailoutbox) == 2


def test_html_is_sanitised(unit_mail):
    html = (
        '<p onclick="x()">Kính gửi <b>Phòng TĐKT</b></p><script>alert(1)</script><img src=x onerror=alert(1)>'
    )
    record, _ = ingest(message(UNIT_ADDRESS, text=None, html=html))
    [(kind, value)] = body_of(record.page)
    assert kind == "paragraph"
    assert "<b>Phòng TĐKT</b>" in value.source
    assert "script" not in value.source and "onclick" not in value.source and "onerror" not in value.source


def test_a_word_attachment_keeps_headings_lists_bold_and_italics(unit_mail):
    docx = (
        "de-xuat.docx",
        docx_bytes(),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    record, _ = ingest(message(UNIT_ADDRESS, attachments=[docx]))
    blocks = body_of(record.page)
    kinds = [kind for kind, _value in blocks]
    assert ("heading", "Thành tích nổi bật năm 2025") in [(k, v["text"]) for k, v in blocks if k == "heading"]
    converted = " ".join(value.source for kind, value in blocks if kind == "paragraph")
    assert "<strong>hoàn thành xuất sắc</strong>" in converted and "<em>được giao</em>" in converted
    assert (
        "<ul><li>Giải quyết 100% án đúng hạn</li>" in converted
        and "<ol><li>Sáng kiến thứ nhất</li></ol>" in converted
    )
    assert "<script>" not in converted and "&lt;script&gt;alert(1)" in converted
    # The Word file itself is kept, as a private document of the unit.
    assert kinds[-1] == "document"
    assert get_document_model().objects.get(collection=unit_mail.collection).title == "de-xuat.docx"


def test_images_video_and_the_achievement_summary_land_in_the_units_libraries(unit_mail):
    attachments = [
        ("Ảnh lễ trao giải.JPG", image_bytes(size=(80, 60)), "image/jpeg"),
        ("clip.mp4", MP4_BYTES + b"\x00" * (3 * 1024 * 1024), "video/mp4"),  # a 3 MB clip
        ("Trích ngang thành tích.pdf", PDF_BYTES, "application/pdf"),
    ]
    record, _ = ingest(message(UNIT_ADDRESS, attachments=attachments))
    assert record.status == MailStatus.CREATED, record.reason
    image = get_image_model().objects.get(collection=unit_mail.collection)
    clip = VideoClip.objects.get(collection=unit_mail.collection)
    summary = get_document_model().objects.get(collection=unit_mail.collection)
    assert image.file.name.endswith("anh-le-trao-giai.jpg") and image.width == 80
    assert clip.file.size > 3 * 1024 * 1024
    blocks = body_of(record.page)
    assert [kind for kind, _value in blocks] == ["paragraph", "image", "video", "document"]
    assert blocks[-1][1]["document"] == summary
    assert blocks[-1][1]["title"].startswith("Trích ngang thành tích")


def test_a_user_of_a_unit_may_send_from_their_own_address(lam_dong, lam_dong_folder):
    UserFactory(username="ld-head-mail", email="lanhdao@vkslamdong.gov.vn", groups=[lam_dong.head_group])
    record, _ = ingest(message("LanhDao@vkslamdong.gov.vn"))
    assert record.status == MailStatus.CREATED and record.unit == lam_dong


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (message("nguoi-la@example.com"), "không thuộc đơn vị nào"),
        (MALFORMED, "sai định dạng MIME"),
        (
            message(
                UNIT_ADDRESS,
                attachments=[("ho-so.exe", b"MZ\x90\x00" + b"\x00" * 60, "application/octet-stream")],
            ),
            "ho-so.exe",
        ),
        (
            message(UNIT_ADDRESS, attachments=[("trang.html", b"<script>alert(1)</script>", "text/html")]),
            "trang.html",
        ),
    ],
    ids=["unknown-sender", "malformed", "executable", "html-attachment"],
)
def test_what_cannot_become_a_proposal_waits_in_quarantine_with_the_reason(unit_mail, raw, reason, settings):
    record, processed = ingest(raw)
    assert processed and record.status == MailStatus.QUARANTINED
    assert reason in record.reason
    assert record.page is None and not ExemplarPage.objects.filter(unit=unit_mail).exists()
    assert raw_of(record) == raw  # nothing is lost
    assert files_under(settings.MEDIA_ROOT) == []


def test_a_message_over_the_size_limit_is_quarantined_not_read(unit_mail, settings):
    settings.MAIL_INTAKE_MAX_BYTES = 1024 * 1024
    raw = message(
        UNIT_ADDRESS, attachments=[("clip.mp4", MP4_BYTES + b"\x00" * (2 * 1024 * 1024), "video/mp4")]
    )
    record, _ = ingest(raw)
    assert record.status == MailStatus.QUARANTINED and "giới hạn dung lượng" in record.reason
    assert not VideoClip.objects.exists()


def test_a_dangerous_attachment_leaves_no_image_behind(unit_mail, settings):
    attachments = [
        ("anh.jpg", image_bytes(size=(20, 20)), "image/jpeg"),
        ("x.svg", b"<svg onload=1/>", "image/svg+xml"),
    ]
    record, _ = ingest(message(UNIT_ADDRESS, attachments=attachments))
    assert record.status == MailStatus.QUARANTINED
    assert not get_image_model().objects.exists() and files_under(settings.MEDIA_ROOT) == []


def test_a_failure_halfway_leaves_no_page_and_no_file(unit_mail, settings, monkeypatch):
    def broken(content):
        raise RuntimeError("converter crashed")

    monkeypatch.setattr(mail_intake, "docx_html", broken)
    attachments = [
        ("anh.jpg", image_bytes(size=(20, 20)), "image/jpeg"),
        (
            "de-xuat.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ]
    record, _ = ingest(message(UNIT_ADDRESS, attachments=attachments))
    assert record.status == MailStatus.QUARANTINED and "RuntimeError" in record.reason
    assert not ExemplarPage.objects.filter(unit=unit_mail).exists()
    assert not get_image_model().objects.exists()
    assert files_under(settings.MEDIA_ROOT) == []


def test_an_ended_units_address_is_quarantined_and_names_the_successor(binh_thuan):
    binh_thuan.emails = "vanthu@vksbinhthuan.gov.vn"
    binh_thuan.save(update_fields=["emails"])
    record, _ = ingest(message("vanthu@vksbinhthuan.gov.vn"))
    assert record.status == MailStatus.QUARANTINED
    assert "đã kết thúc hoạt động" in record.reason and "VKSND tỉnh Lâm Đồng" in record.reason


# The quarantine in the admin.


@pytest.fixture
def emulation_client(client, site_tree):
    client.force_login(
        UserFactory(
            username="thidua-mail", groups=[CoordinatingRole.objects.get(code="emulation_rewards").group]
        )
    )
    return client


def edit_url(record) -> str:
    return reverse("wagtailsnippets_exemplar_pages_mailmessage:edit", args=(record.pk,))


def test_the_emulation_role_assigns_a_quarantined_message_to_a_unit(
    emulation_client, lam_dong, lam_dong_folder
):
    record, _ = ingest(message("nguoi-la@example.com", subject="Tin hoạt động tháng 11"))
    listing = emulation_client.get(
        reverse("wagtailsnippets_exemplar_pages_mailmessage:list")
    ).content.decode()
    assert "Tin hoạt động tháng 11" in listing and "không thuộc đơn vị nào" in listing
    response = emulation_client.post(edit_url(record), {"unit": lam_dong.pk})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == MailStatus.CREATED and record.unit == lam_dong
    assert record.page.get_parent().pk == lam_dong_folder.pk


def test_the_emulation_role_discards_a_message_and_the_raw_message_stays(emulation_client):
    record, _ = ingest(message("nguoi-la@example.com"))
    assert emulation_client.post(edit_url(record), {"discard": "on"}).status_code == 302
    record.refresh_from_db()
    assert record.status == MailStatus.DISCARDED and raw_of(record)


def test_a_quarantined_message_cannot_go_to_an_ended_unit(emulation_client, binh_thuan):
    record, _ = ingest(message("nguoi-la@example.com"))
    response = emulation_client.post(edit_url(record), {"unit": binh_thuan.pk})
    assert response.status_code == 200 and "đã kết thúc hoạt động" in response.content.decode()
    record.refresh_from_db()
    assert record.status == MailStatus.QUARANTINED


def test_a_unit_editor_does_not_see_the_quarantine(client, lam_dong_editor):
    record, _ = ingest(message("nguoi-la@example.com"))
    client.force_login(lam_dong_editor)
    response = client.get(edit_url(record))
    assert response.status_code in (302, 403)
    assert client.get(reverse("wagtailsnippets_exemplar_pages_mailmessage:list")).status_code in (302, 403)


# The commands.


def test_ingest_mail_proposal_reads_a_saved_message(unit_mail, tmp_path):
    path = tmp_path / "de-xuat.eml"
    path.write_bytes(message(UNIT_ADDRESS, message_id="<tep@vkslamdong.gov.vn>"))
    out = io.StringIO()
    call_command("ingest_mail_proposal", str(path), stdout=out)
    assert "Draft proposal created" in out.getvalue()
    call_command("ingest_mail_proposal", str(path), stdout=out)
    assert "Already processed" in out.getvalue()


def test_fetch_mail_proposals_reads_a_real_imap_mailbox(unit_mail, tmp_path, settings):
    if not Path("/usr/sbin/dovecot").exists():
        pytest.skip("Debian's dovecot-imapd is not installed (.ci/run installs it)")
    with dovecot() as server:
        settings.MAIL_INTAKE_IMAP_HOST = server.host
        settings.MAIL_INTAKE_IMAP_PORT = server.port
        settings.MAIL_INTAKE_IMAP_SECURITY = "none"
        settings.MAIL_INTAKE_IMAP_USER = server.user
        settings.MAIL_INTAKE_IMAP_PASSWORD = server.password
        same = message(UNIT_ADDRESS, message_id="<hai-lan@vkslamdong.gov.vn>")
        server.append(same)
        server.append(same)  # delivered twice
        server.append(message("nguoi-la@example.com"))
        server.append(MALFORMED)
        out = io.StringIO()
        call_command("fetch_mail_proposals", stdout=out)
        assert "Draft proposals created: 1; quarantined: 2; already processed: 1." in out.getvalue()
        assert server.seen() == 4
        call_command("fetch_mail_proposals", stdout=out)
        assert out.getvalue().endswith("Draft proposals created: 0; quarantined: 0; already processed: 0.\n")
    assert ExemplarPage.objects.filter(unit=unit_mail).count() == 1


def test_fetch_mail_proposals_refuses_to_run_unconfigured(settings):
    settings.MAIL_INTAKE_IMAP_HOST = ""
    with pytest.raises(CommandError, match="MAIL_INTAKE_IMAP_HOST"):
        call_command("fetch_mail_proposals", stdout=io.StringIO())
