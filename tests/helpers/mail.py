"""
Real e-mail for the intake tests: messages built as mail clients send them, a real Word
document, and a throwaway Dovecot IMAP server (Debian's dovecot-imapd, installed by .ci/run).
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import imaplib
import io
import os
import shutil
import socket
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

DOVECOT = "/usr/sbin/dovecot"
MAILBOX_USER = "vp_v16@vks.gov.vn"
MAILBOX_PASSWORD = "mat-khau-thu-nghiem"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bytes() -> bytes:
    """A Word document with a heading, bold and italic text, a bulleted and a numbered list."""

    def para(text_runs: str, style: str | None = None, num: int | None = None) -> str:
        props = ""
        if style or num:
            props = "<w:pPr>"
            props += f'<w:pStyle w:val="{style}"/>' if style else ""
            props += f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>' if num else ""
            props += "</w:pPr>"
        return f"<w:p>{props}{text_runs}</w:p>"

    def run(text: str, bold: bool = False, italic: bool = False) -> str:
        props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
        props = f"<w:rPr>{props}</w:rPr>" if props else ""
        return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'

    body = "".join(
        [
            para(run("Thành tích nổi bật năm 2025"), style="Heading1"),
            para(
                run("Đồng chí đã ")
                + run("hoàn thành xuất sắc", bold=True)
                + run(" nhiệm vụ ")
                + run("được giao", italic=True)
                + run(".")
            ),
            para(run("Giải quyết 100% án đúng hạn"), num=1),
            para(run("Không có án bị hủy"), num=1),
            para(run("Sáng kiến thứ nhất"), num=2),
            para(run("&lt;script&gt;alert(1)&lt;/script&gt;")),
        ]
    )
    document = f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    styles = (
        f'<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="Heading1">'
        '<w:name w:val="heading 1"/></w:style></w:styles>'
    )
    numbering = (
        f'<w:numbering xmlns:w="{W}">'
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>'
        '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
        "</w:numbering>"
    )
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    doc_rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
        "</Relationships>"
    )
    content_types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", content_types)
        package.writestr("_rels/.rels", rels)
        package.writestr("word/document.xml", document)
        package.writestr("word/_rels/document.xml.rels", doc_rels)
        package.writestr("word/styles.xml", styles)
        package.writestr("word/numbering.xml", numbering)
    return buffer.getvalue()


def message(
    sender: str,
    subject: str = "Đề xuất gương điển hình năm 2025",
    *,
    text: str | None = "Kính gửi Phòng Thi đua - Khen thưởng,\n\nĐơn vị đề xuất đồng chí Nguyễn Văn A.",
    html: str | None = None,
    attachments: list[tuple[str, bytes, str]] = (),
    message_id: str | None = None,
    authentication: str | None = "dmarc=pass header.from={domain}",
    forwarded: bytes | None = None,
) -> bytes:
    """
    A message as a mail client sends it: text and/or HTML, then attachments (and a forwarded
    message), as the office's mail server received it: stamped with its Authentication-Results
    (settings/test.py trusts the authserv-id mx.vks.gov.vn; None: no such header).
    """
    mail = EmailMessage()
    if authentication is not None:
        domain = sender.rsplit("@", 1)[-1]
        mail["Authentication-Results"] = "mx.vks.gov.vn; " + authentication.format(domain=domain)
    mail["From"] = f"Văn thư <{sender}>"
    mail["To"] = MAILBOX_USER
    mail["Subject"] = subject
    mail["Message-ID"] = message_id or make_msgid(domain="vks.gov.vn")
    if text is not None:
        mail.set_content(text)
    if html is not None:
        if text is not None:
            mail.add_alternative(html, subtype="html")
        else:
            mail.set_content(html, subtype="html")
    for name, content, mime in attachments:
        maintype, subtype = mime.split("/", 1)
        mail.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    if forwarded is not None:
        mail.add_attachment(email.message_from_bytes(forwarded, policy=email.policy.default))
    return bytes(mail)


MALFORMED = (
    b"From: vanthu@vkslamdong.gov.vn\r\nSubject: hong\r\nMessage-ID: <hong@vks.gov.vn>\r\n"
    b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'
    b"--b\r\nContent-Type: text/plain\r\n\r\nkhong co ranh gioi ket thuc\r\n"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class ImapServer:
    host: str
    port: int
    user: str
    password: str

    def append(self, raw: bytes, folder: str = "INBOX") -> None:
        client = imaplib.IMAP4(self.host, self.port)
        try:
            client.login(self.user, self.password)
            status, _data = client.append(folder, None, None, raw)
            assert status == "OK"
        finally:
            client.logout()

    def seen(self) -> int:
        client = imaplib.IMAP4(self.host, self.port)
        try:
            client.login(self.user, self.password)
            client.select("INBOX")
            _status, found = client.uid("SEARCH", None, "SEEN")
            return len(found[0].split())
        finally:
            client.logout()


@contextlib.contextmanager
def dovecot() -> Iterator[ImapServer]:
    """A Dovecot IMAP server on a free local port, with one mailbox, stopped and removed afterwards."""
    # Dovecot's auth process runs as its own user and must read the password file: the
    # folder is world-readable (pytest's tmp_path is not), and holds nothing but test data.
    root = Path(tempfile.mkdtemp(prefix="vksnd-dovecot-"))
    root.chmod(0o755)
    try:
        with _dovecot(root) as server:
            yield server
    finally:
        shutil.rmtree(root, ignore_errors=True)


@contextlib.contextmanager
def _dovecot(root: Path) -> Iterator[ImapServer]:
    port = _free_port()
    # Dovecot never delivers mail as root: as root, the mailbox belongs to "nobody".
    uid, gid = (os.getuid(), os.getgid()) if os.getuid() else (65534, 65534)
    for folder in ("run", "state", "mail"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    if not os.getuid():
        shutil.chown(root / "mail", uid, gid)
    (root / "passwd").write_text(f"{MAILBOX_USER}:{{PLAIN}}{MAILBOX_PASSWORD}\n")
    (root / "dovecot.conf").write_text(
        f"""
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""
    )
    process = subprocess.Popen(
        [DOVECOT, "-F", "-c", str(root / "dovecot.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(
                    f"Dovecot did not start: {(root / 'dovecot.log').read_text(errors='replace')}"
                )
            time.sleep(0.1)
        yield ImapServer("127.0.0.1", port, MAILBOX_USER, MAILBOX_PASSWORD)
    finally:
        process.terminate()
        process.wait(timeout=10)
