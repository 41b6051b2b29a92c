"""Reading the intake mailbox over IMAP: each message once, marked as seen when recorded."""

from __future__ import annotations

import contextlib
import imaplib
import ssl
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .mail_intake import ingest
from .models import MailStatus


@dataclass
class FetchReport:
    """What one run did, for the command's output and the tests."""

    created: int = 0
    quarantined: int = 0
    duplicates: int = 0
    message_ids: list[str] = field(default_factory=list)


def connect() -> imaplib.IMAP4:
    host = settings.MAIL_INTAKE_IMAP_HOST
    if not host:
        raise ImproperlyConfigured("MAIL_INTAKE_IMAP_HOST is not set (see .env.example).")
    port = int(settings.MAIL_INTAKE_IMAP_PORT)
    security = settings.MAIL_INTAKE_IMAP_SECURITY
    if security == "ssl":
        client = imaplib.IMAP4_SSL(host, port, ssl_context=ssl.create_default_context(), timeout=30)
    else:
        client = imaplib.IMAP4(host, port, timeout=30)
        if security == "starttls":
            client.starttls(ssl_context=ssl.create_default_context())
        elif security != "none":
            raise ImproperlyConfigured("MAIL_INTAKE_IMAP_SECURITY must be ssl, starttls or none.")
    client.login(settings.MAIL_INTAKE_IMAP_USER, settings.MAIL_INTAKE_IMAP_PASSWORD)
    return client


def fetch_mail_proposals() -> FetchReport:
    """Every unseen message of the folder through the pipeline; each is then flagged as seen."""
    report = FetchReport()
    client = connect()
    try:
        status, _data = client.select(settings.MAIL_INTAKE_IMAP_FOLDER)
        if status != "OK":
            raise ImproperlyConfigured(f"IMAP folder {settings.MAIL_INTAKE_IMAP_FOLDER!r} cannot be opened.")
        _status, found = client.uid("SEARCH", None, "UNSEEN")
        for uid in found[0].split():
            _status, parts = client.uid("FETCH", uid, "(BODY.PEEK[])")
            raw = next((part[1] for part in parts if isinstance(part, tuple)), None)
            if raw is None:
                continue
            record, processed = ingest(raw)
            report.message_ids.append(record.message_id)
            if not processed:
                report.duplicates += 1
            elif record.status == MailStatus.CREATED:
                report.created += 1
            else:
                report.quarantined += 1
            # Recorded (and its raw message kept) before it is marked: a crash in between
            # reads it again next time, and its Message-ID makes that a no-op.
            client.uid("STORE", uid, "+FLAGS", "(\\Seen)")
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            client.logout()
    return report
