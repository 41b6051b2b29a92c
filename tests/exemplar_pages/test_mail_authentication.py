"""
A mailed proposal is trusted on the receiving server's word, never on its From header: the
trusted Authentication-Results must pass DMARC, or DKIM/SPF for exactly the sender's domain.
Attachments are scanned by clamd where configured; a forwarded message is unpacked one level.
"""

from __future__ import annotations

import email
import email.policy
import socket
import socketserver
import struct
import threading

import pytest
from django.urls import reverse
from wagtail.images import get_image_model

from cms.models import CoordinatingRole
from exemplar_pages import mail_auth
from exemplar_pages.mail_intake import ingest
from exemplar_pages.models import ExemplarPage, MailStatus
from tests.factories import UserFactory
from tests.helpers.files import image_bytes
from tests.helpers.mail import message

UNIT_ADDRESS = "vanthu@vkslamdong.gov.vn"
TRUSTED = ["mx.vks.gov.vn"]
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def headers(*values: str):
    mail = email.message.EmailMessage()
    for value in values:
        mail["Authentication-Results"] = value
    return mail


@pytest.mark.parametrize(
    ("results", "authentic"),
    [
        (["mx.vks.gov.vn; dmarc=pass header.from=vkslamdong.gov.vn"], True),
        (["mx.vks.gov.vn 1; dkim=pass header.d=vkslamdong.gov.vn header.s=mail"], True),
        (["mx.vks.gov.vn (Postfix); spf=pass (ip 203.0.113.5) smtp.mailfrom=vanthu@vkslamdong.gov.vn"], True),
        (["mx.vks.gov.vn; dkim=pass header.d=gmail.com; spf=pass smtp.mailfrom=x@gmail.com"], False),
        (
            [
                "mx.vks.gov.vn; spf=pass smtp.mailfrom=vkslamdong.gov.vn; dmarc=fail header.from=vkslamdong.gov.vn"
            ],
            False,
        ),
        (
            [
                "mx.vks.gov.vn; dmarc=none header.from=vkslamdong.gov.vn; spf=softfail smtp.mailfrom=vkslamdong.gov.vn"
            ],
            False,
        ),
        (["mx.attacker.example; dmarc=pass header.from=vkslamdong.gov.vn"], False),
        (["mx.vks.gov.vn.attacker.example; dmarc=pass header.from=vkslamdong.gov.vn"], False),
        ([], False),
    ],
    ids=[
        "dmarc",
        "dkim-aligned",
        "spf-aligned-with-comments",
        "other-domain",
        "dmarc-fail-wins",
        "no-pass",
        "untrusted-server",
        "lookalike-server",
        "no-header",
    ],
)
def test_the_receiving_servers_verdict_decides_whether_the_sender_is_authentic(results, authentic):
    assert mail_auth.is_authentic(headers(*results), UNIT_ADDRESS, TRUSTED) is authentic


def test_no_trusted_server_configured_means_no_sender_is_trusted():
    mail = headers("mx.vks.gov.vn; dmarc=pass header.from=vkslamdong.gov.vn")
    assert not mail_auth.is_authentic(mail, UNIT_ADDRESS, [])


@pytest.fixture
def unit_mail(lam_dong, lam_dong_folder):
    lam_dong.emails = UNIT_ADDRESS
    lam_dong.save(update_fields=["emails"])
    return lam_dong


@pytest.mark.django_db
@pytest.mark.parametrize(
    "authentication",
    [None, "dmarc=fail header.from={domain}", "spf=pass smtp.mailfrom=bounce@mailer.example"],
    ids=["no-header", "dmarc-fail", "misaligned-spf"],
)
def test_a_forged_unit_address_waits_in_quarantine_and_creates_nothing(unit_mail, authentication):
    record, processed = ingest(message(UNIT_ADDRESS, authentication=authentication))
    assert processed and record.status == MailStatus.QUARANTINED
    assert "Không xác thực được người gửi vanthu@vkslamdong.gov.vn" in record.reason
    assert not ExemplarPage.objects.exists()


@pytest.mark.django_db
def test_an_unconfigured_intake_says_so_in_the_reason(unit_mail, settings):
    settings.MAIL_INTAKE_AUTHSERV_IDS = []
    record, _ = ingest(message(UNIT_ADDRESS))
    assert record.status == MailStatus.QUARANTINED and "chưa cấu hình" in record.reason


@pytest.mark.django_db
def test_the_emulation_role_may_still_assign_an_unauthenticated_message_to_a_unit(client, unit_mail):
    record, _ = ingest(message(UNIT_ADDRESS, authentication=None))
    role = CoordinatingRole.objects.get(code="emulation_rewards")
    client.force_login(UserFactory(username="thidua-auth", groups=[role.group]))
    url = reverse("wagtailsnippets_exemplar_pages_mailmessage:edit", args=(record.pk,))
    assert client.post(url, {"unit": unit_mail.pk}).status_code == 302
    record.refresh_from_db()
    assert record.status == MailStatus.CREATED


# A forwarded message


@pytest.mark.django_db
def test_a_forwarded_message_is_unpacked_one_level(unit_mail):
    inner = message(
        "nguoi-khac@example.com",
        text="Thư gốc: đề xuất đồng chí Trần Thị B.",
        attachments=[("anh.png", image_bytes(size=(40, 30), fmt="PNG"), "image/png")],
        authentication=None,
    )
    record, _ = ingest(message(UNIT_ADDRESS, text="Chuyển tiếp thư của đơn vị.", forwarded=inner))
    assert record.status == MailStatus.CREATED, record.reason
    body = str(record.page.body)
    assert "Chuyển tiếp thư của đơn vị." in body and "Trần Thị B" in body
    assert get_image_model().objects.filter(collection=unit_mail.collection).count() == 1


@pytest.mark.django_db
def test_a_message_forwarded_inside_a_forwarded_message_is_quarantined(unit_mail):
    innermost = message("a@example.com", authentication=None)
    inner = message("b@example.com", forwarded=innermost, authentication=None)
    record, _ = ingest(message(UNIT_ADDRESS, forwarded=inner))
    assert record.status == MailStatus.QUARANTINED and "lồng nhiều cấp" in record.reason
    assert not ExemplarPage.objects.exists()


# Virus scanning through a clamd speaking the INSTREAM protocol


class FakeClamd(socketserver.BaseRequestHandler):
    def handle(self):
        command = b""
        while not command.endswith(b"\0") and not command.endswith(b"\n"):
            command += self.request.recv(1)
        data = b""
        while True:
            (size,) = struct.unpack("!L", self._exactly(4))
            if size == 0:
                break
            data += self._exactly(size)
        verdict = b"stream: Eicar-Test-Signature FOUND" if EICAR in data else b"stream: OK"
        self.request.sendall(verdict + (b"\0" if command.startswith(b"z") else b"\n"))

    def _exactly(self, size: int) -> bytes:
        chunk = b""
        while len(chunk) < size:
            chunk += self.request.recv(size - len(chunk))
        return chunk


@pytest.fixture
def clamd(settings):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), FakeClamd)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.MAIL_INTAKE_CLAMD_ADDRESS = f"127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_an_infected_attachment_is_quarantined_with_the_virus_name(unit_mail, clamd):
    record, _ = ingest(message(UNIT_ADDRESS, attachments=[("ho-so.pdf", EICAR, "application/pdf")]))
    assert record.status == MailStatus.QUARANTINED
    assert "ho-so.pdf" in record.reason and "Eicar-Test-Signature" in record.reason
    assert not ExemplarPage.objects.exists()


@pytest.mark.django_db
def test_a_clean_attachment_passes_the_scan(unit_mail, clamd):
    png = image_bytes(size=(40, 30), fmt="PNG")
    record, _ = ingest(message(UNIT_ADDRESS, attachments=[("anh.png", png, "image/png")]))
    assert record.status == MailStatus.CREATED, record.reason


@pytest.mark.django_db
def test_an_unreachable_scanner_keeps_the_message_in_quarantine(unit_mail, settings):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.MAIL_INTAKE_CLAMD_ADDRESS = f"127.0.0.1:{port}"
    png = image_bytes(size=(40, 30), fmt="PNG")
    record, _ = ingest(message(UNIT_ADDRESS, attachments=[("anh.png", png, "image/png")]))
    assert record.status == MailStatus.QUARANTINED and "Không quét được virus" in record.reason
