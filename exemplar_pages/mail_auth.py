"""
Whether a message really comes from its sender's domain: the receiving mail server's verdict.

The From header alone proves nothing: anyone can write any address there. The mail server
that received the message for the emulation office's mailbox checks SPF, DKIM and DMARC and
writes its verdict in an Authentication-Results header (RFC 8601) that starts with its
authserv-id. Only headers with an authserv-id listed in `MAIL_INTAKE_AUTHSERV_IDS` are read:
RFC 8601 §5 has that server remove any header a sender forged with its id, and headers of any
other id are the sender's word. A message is authentic for the From domain when a trusted
header says dmarc=pass for it, or dkim=pass with the same signing domain (header.d), or
spf=pass with the same envelope domain (smtp.mailfrom) — strict alignment, since relaxed
alignment needs the public-suffix list and the DMARC verdict already covers it. A trusted
dmarc=fail refuses the message whatever else passed.

Nothing in Python's standard library or Django reads these headers; the `authres` package
parses them but its last release is from 2021, so the little grammar needed is parsed here.
"""

from __future__ import annotations

import re
from email.message import EmailMessage

METHOD = re.compile(r"^\s*(dmarc|dkim|spf)\s*=\s*([a-z]+)\b(.*)$", re.I | re.S)
PROPERTY = re.compile(r"\b(header\.from|header\.d|header\.i|smtp\.mailfrom)\s*=\s*\"?([^\s;\"]+)", re.I)
COMMENT = re.compile(r"\([^()]*\)")


def _domain(value: str) -> str:
    return value.rsplit("@", 1)[-1].strip().strip(".").lower()


def verdicts(message: EmailMessage, trusted_ids: list[str]) -> list[tuple[str, str, dict[str, str]]]:
    """(method, result, properties) of every result in the trusted Authentication-Results headers."""
    trusted = {value.strip().lower() for value in trusted_ids if value.strip()}
    found = []
    for header in message.get_all("Authentication-Results", []) or []:
        text = str(header)
        while COMMENT.search(text):
            text = COMMENT.sub("", text)
        head, *results = text.split(";")
        words = head.split()
        if not words or words[0].lower() not in trusted:
            continue
        for result in results:
            match = METHOD.match(result)
            if match:
                properties = {name.lower(): value for name, value in PROPERTY.findall(match.group(3))}
                found.append((match.group(1).lower(), match.group(2).lower(), properties))
    return found


def is_authentic(message: EmailMessage, sender: str, trusted_ids: list[str]) -> bool:
    """Whether the trusted receiving server vouches for the sender's domain (module docstring)."""
    domain = _domain(sender)
    if not domain or not trusted_ids:
        return False
    passed = False
    for method, result, properties in verdicts(message, trusted_ids):
        if method == "dmarc" and _domain(properties.get("header.from", "")) == domain:
            if result == "fail":
                return False
            passed = passed or result == "pass"
        elif method == "dkim" and result == "pass":
            signer = properties.get("header.d") or properties.get("header.i", "")
            passed = passed or _domain(signer) == domain
        elif method == "spf" and result == "pass":
            passed = passed or _domain(properties.get("smtp.mailfrom", "")) == domain
    return passed
