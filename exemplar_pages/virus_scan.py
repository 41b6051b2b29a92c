"""
Virus scanning of mailed attachments with ClamAV's daemon (clamd), through `clamav-client`.

Configured by `MAIL_INTAKE_CLAMD_ADDRESS`: a Unix socket ("unix:///run/clamav/clamd.ctl") or
host:port ("127.0.0.1:3310"); empty means no scanning, and then the intake relies on its
type-by-content checks alone (the quarantine admin and README say so). When configured, a
scanner that cannot be reached refuses the message (it waits in quarantine and is scanned
again when assigned): a file is never let through unscanned.
"""

from __future__ import annotations

import io
from urllib.parse import urlparse

from clamav_client.clamd import ClamdNetworkSocket, ClamdUnixSocket
from django.conf import settings


class ScanFailed(Exception):
    """The scanner could not give a verdict."""


def is_configured() -> bool:
    return bool(getattr(settings, "MAIL_INTAKE_CLAMD_ADDRESS", ""))


def _client():
    address = settings.MAIL_INTAKE_CLAMD_ADDRESS
    timeout = float(getattr(settings, "MAIL_INTAKE_CLAMD_TIMEOUT", 30))
    if address.startswith("unix://") or address.startswith("/"):
        return ClamdUnixSocket(path=address, timeout=int(timeout))
    parsed = urlparse(f"//{address.removeprefix('tcp://')}")
    if not parsed.hostname or not parsed.port:
        raise ScanFailed(f"invalid MAIL_INTAKE_CLAMD_ADDRESS {address!r}")
    return ClamdNetworkSocket(host=parsed.hostname, port=parsed.port, timeout=timeout)


def infection(content: bytes) -> str | None:
    """The name of the malware clamd finds in `content`, None when clean (or not configured)."""
    if not is_configured():
        return None
    try:
        result = _client().instream(io.BytesIO(content))
    except Exception as error:
        raise ScanFailed(str(error) or error.__class__.__name__) from error
    for status, reason in result.values():
        if status == "FOUND":
            return reason or "?"
        if status != "OK":
            raise ScanFailed(f"{status}: {reason}")
    return None
