"""
Proposals by mail: a message from a unit's address becomes a draft proposal in its folder.

`ingest(raw)` is the whole pipeline, shared by `fetch_mail_proposals` (IMAP) and
`ingest_mail_proposal FILE.eml`:

1. the message is recorded once by its Message-ID, with the raw message kept (a second
   delivery of the same message does nothing);
2. it is checked: size, MIME structure, the sender authenticated by the receiving mail
   server (Authentication-Results from a trusted authserv-id: mail_auth), the sender's unit (a
   unit's contact address or the address of one of its users), the unit still in operation,
   every attachment's type by its content and, where clamd is configured, its virus scan
   (virus_scan); a forwarded message (message/rfc822) is unpacked one level;
3. in one transaction: images into the image library in the unit's collection, video clips
   into the clip library, a Word document converted to rich text (mammoth, then sanitised),
   other documents kept as private documents, an achievement summary file linked, and a
   draft exemplar page in the unit's folder that gathers them;
4. the unit's editors are told to complete and submit it, and the sender gets a receipt
   with the draft's admin link.

Any refusal or failure leaves no page and no file behind: the message waits in quarantine
with the reason, where the emulation role assigns it to a unit (the pipeline runs again for
that unit) or discards it.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import hashlib
import html
import io
import logging
import re
from dataclasses import dataclass, field
from email.message import EmailMessage

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale
from wagtail.rich_text import RichText

from cms.models import Unit
from cms.richtext import BODY_FEATURES, sanitise
from cms.text import fold_accents, normalize
from media.filenames import safe_filename
from media.models import VideoClip
from media.validators import sniff_document, sniff_video_bytes

from . import mail_auth, virus_scan
from .models import ExemplarKind, ExemplarPage, MailMessage, MailStatus, UnitFolderPage

logger = logging.getLogger(__name__)

IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
DOCUMENT_KINDS = {"pdf", "docx", "xlsx"}
# File names that say "this is the achievement summary" (trích ngang / báo cáo thành tích).
SUMMARY_NAME = re.compile(r"trich[-_ ]?ngang|bao[-_ ]?cao[-_ ]?thanh[-_ ]?tich|thanh[-_ ]?tich")
HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.S)


class Refused(Exception):
    """The message cannot become a proposal; the text is the quarantine reason (Vietnamese)."""


@dataclass
class Parsed:
    """What the pipeline read from a message, before anything is written."""

    message: EmailMessage
    sender: str
    subject: str
    html_parts: list[str] = field(default_factory=list)
    images: list[tuple[str, bytes]] = field(default_factory=list)
    clips: list[tuple[str, bytes]] = field(default_factory=list)
    documents: list[tuple[str, bytes, str]] = field(default_factory=list)  # name, content, kind


def message_id_of(raw: bytes, message: EmailMessage | None) -> str:
    """The Message-ID, or a digest of the raw bytes for a message without one."""
    value = str(message.get("Message-ID", "") or "").strip() if message is not None else ""
    return value[:998] if value else f"<sha256-{hashlib.sha256(raw).hexdigest()}@khong-co-message-id>"


def parse(raw: bytes) -> EmailMessage:
    try:
        message = email.message_from_bytes(raw, policy=email.policy.default)
    except Exception as error:
        raise Refused(_("Thư sai định dạng MIME: %s") % error) from error
    return message


def _check_structure(message: EmailMessage, require_from: bool = True) -> None:
    defects = list(message.defects)
    for part in message.walk():
        defects.extend(part.defects)
    if defects or (require_from and not message.get("From")):
        names = ", ".join(sorted({type(defect).__name__ for defect in defects})) or "From"
        raise Refused(_("Thư sai định dạng MIME (%s).") % names)


def _sender(message: EmailMessage) -> str:
    _name, address = email.utils.parseaddr(str(message.get("From", "")))
    return address.strip().lower()


def units_of_sender(address: str) -> list[Unit]:
    """The units an address belongs to: their contact addresses, or their users' groups."""
    found = {unit.pk: unit for unit in Unit.objects.for_email(address)}
    users = get_user_model().objects.filter(email__iexact=address, is_active=True)
    groups = [group for user in users for group in user.groups.all()]
    if groups:
        for unit in Unit.objects.filter(Q(editor_group__in=groups) | Q(head_group__in=groups)).distinct():
            found[unit.pk] = unit
    return list(found.values())


def _decoded(part: EmailMessage) -> bytes:
    payload = part.get_payload(decode=True)
    if payload is None:
        raise Refused(_("Thư sai định dạng MIME: không đọc được phần “%s”.") % (part.get_filename() or "?"))
    return payload


def read(message: EmailMessage) -> Parsed:
    """The message's text and attachments, each attachment classified by its content."""
    _check_structure(message)
    subject = normalize(str(message.get("Subject", "") or "")).strip()
    parsed = Parsed(message=message, sender=_sender(message), subject=subject)
    text = _body_html(message)
    if text is not None:
        parsed.html_parts.append(text)
    for part in _attachments(message, parsed):
        name = normalize(part.get_filename() or "tep-dinh-kem")
        content = _decoded(part)
        _scan(name, content)
        kind = _kind_of(name, content)
        if kind == "image":
            parsed.images.append((name, content))
        elif kind == "video":
            parsed.clips.append((name, content))
        elif kind in DOCUMENT_KINDS:
            parsed.documents.append((name, content, kind))
        else:
            raise Refused(_("Tệp đính kèm không được nhận (loại nguy hiểm hoặc không xác định): %s") % name)
    return parsed


def _body_html(message: EmailMessage) -> str | None:
    body = message.get_body(preferencelist=("html", "plain"))
    if body is None:
        return None
    text = body.get_content()
    if body.get_content_type() == "text/html":
        return text
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", normalize(text)) if p.strip()]
    return "".join(f"<p>{html.escape(p).replace(chr(10), '<br/>')}</p>" for p in paragraphs)


def _attachments(message: EmailMessage, parsed: Parsed):
    """
    The message's attachments; a forwarded message (message/rfc822) is unpacked one level:
    its text joins the body and its attachments are taken as the message's own. A message
    forwarded inside a forwarded message is refused (quarantine), not read.
    """
    for part in message.iter_attachments():
        if part.get_content_type() != "message/rfc822":
            yield part
            continue
        payload = part.get_payload()
        inner = payload[0] if isinstance(payload, list) and payload else None
        if not isinstance(inner, EmailMessage):
            raise Refused(_("Thư sai định dạng MIME: không đọc được thư chuyển tiếp đính kèm."))
        _check_structure(inner, require_from=False)
        text = _body_html(inner)
        if text:
            parsed.html_parts.append(text)
        for nested in inner.iter_attachments():
            if nested.get_content_type() == "message/rfc822":
                raise Refused(_("Thư chuyển tiếp lồng nhiều cấp không được nhận; hãy gửi trực tiếp các tệp."))
            yield nested


def _scan(name: str, content: bytes) -> None:
    """Refuse an attachment clamd finds malware in, or any when clamd cannot be asked (virus_scan)."""
    try:
        found = virus_scan.infection(content)
    except virus_scan.ScanFailed as error:
        raise Refused(
            _("Không quét được virus tệp “%(name)s” (%(error)s).") % {"name": name, "error": error}
        ) from error
    if found:
        raise Refused(_("Tệp đính kèm “%(name)s” nhiễm mã độc: %(virus)s.") % {"name": name, "virus": found})


def _kind_of(name: str, content: bytes) -> str | None:
    """image, video, pdf, docx or xlsx, by the content (never by the name or the sender's word)."""
    if sniff_video_bytes(content[:512]):
        return "video"
    document = sniff_document(io.BytesIO(content))
    if document in DOCUMENT_KINDS:
        return document
    try:
        with PILImage.open(io.BytesIO(content)) as image:
            if image.format in IMAGE_FORMATS:
                image.verify()
                return "image"
    except Exception:
        return None
    return None


def docx_html(content: bytes) -> str:
    """A Word document as HTML: headings, lists, bold and italics kept, images dropped."""
    # Imported here, not at module level: the admin imports this module in every app server,
    # and only the mail intake converts documents (tests/vksnd/test_startup_imports.py).
    import mammoth

    result = mammoth.convert_to_html(
        io.BytesIO(content), convert_image=mammoth.images.img_element(lambda image: {})
    )
    return result.value


def story_blocks(html_text: str) -> list[tuple[str, object]]:
    """HTML split into the story's heading blocks and sanitised paragraph blocks."""
    blocks: list[tuple[str, object]] = []
    position = 0
    for match in HEADING.finditer(html_text):
        _paragraph(blocks, html_text[position : match.start()])
        text = re.sub(r"<[^>]+>", "", match.group(2))
        text = normalize(html.unescape(text)).strip()[:255]
        if text:
            blocks.append(("heading", {"text": text, "level": "h2" if match.group(1) in "12" else "h3"}))
        position = match.end()
    _paragraph(blocks, html_text[position:])
    return blocks


def _paragraph(blocks: list, fragment: str) -> None:
    clean = sanitise(normalize(fragment), BODY_FEATURES).strip()
    if re.sub(r"<[^>]+>|\s|&nbsp;", "", clean):
        blocks.append(("paragraph", RichText(clean)))


class Stored:
    """Files written during one attempt, deleted again if the attempt fails."""

    def __init__(self) -> None:
        self.files: list = []

    def add(self, field_file) -> None:
        self.files.append(field_file)

    def discard(self) -> None:
        for field_file in self.files:
            if not field_file or not field_file.name or not getattr(field_file, "_committed", True):
                continue
            try:
                field_file.storage.delete(field_file.name)
            except Exception:
                logger.warning(
                    "Could not delete %s after a failed mail intake", field_file.name, exc_info=True
                )


def _create(record: MailMessage, parsed: Parsed, unit: Unit, stored: Stored) -> ExemplarPage:
    folder = UnitFolderPage.objects.filter(unit=unit, locale=Locale.get_default()).first()
    if folder is None:
        raise Refused(_("Đơn vị %s chưa có thư mục đề xuất.") % unit.short_name)
    if unit.has_ended():
        raise Refused(unit.closure_notice())
    blocks: list[tuple[str, object]] = []
    for part in parsed.html_parts:
        blocks.extend(story_blocks(part))
    images = get_image_model()
    for name, content in parsed.images:
        image = images(title=normalize(name), collection=unit.collection)
        image.file = ContentFile(content, name=safe_filename(name))
        image._set_image_file_metadata()
        stored.add(image.file)
        image.save()
        blocks.append(("image", {"image": image, "alt": "", "caption": "", "credit": ""}))
    for name, content in parsed.clips:
        clip = VideoClip(title=normalize(name), collection=unit.collection)
        stored.add(clip.file)
        clip.file.save(safe_filename(name), ContentFile(content), save=False)
        clip.save()
        blocks.append(("video", {"clip": clip, "caption": ""}))
    documents = get_document_model()
    summary = None
    for name, content, kind in parsed.documents:
        if kind == "docx":
            blocks.extend(story_blocks(docx_html(content)))
        document = documents(title=normalize(name), collection=unit.collection)
        stored.add(document.file)
        document.file.save(safe_filename(name), ContentFile(content), save=False)
        document.save()
        is_summary = summary is None and SUMMARY_NAME.search(fold_accents(name).lower())
        if is_summary:
            summary = document
        title = _("Trích ngang thành tích: %s") % name if is_summary else name
        blocks.append(("document", {"document": document, "title": title[:255]}))
    page = ExemplarPage(
        title=(parsed.subject or _("Đề xuất gửi qua thư điện tử"))[:255],
        kind=ExemplarKind.INDIVIDUAL,
        unit=unit,
        lead="",
        body=blocks,
        internal_notes=_("Tạo từ thư của %(sender)s (Message-ID %(id)s); cần hoàn thiện trước khi gửi duyệt.")
        % {"sender": parsed.sender, "id": record.message_id},
        live=False,
    )
    folder.add_child(instance=page)
    page.save_revision(log_action=True, clean=False)
    return page


def _admin_url(page: ExemplarPage) -> str:
    base = (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")
    return f"{base}{reverse('wagtailadmin_pages:edit', args=(page.pk,))}"


def _notify(page: ExemplarPage, unit: Unit, sender: str) -> None:
    link = _admin_url(page)
    editors = sorted(
        {
            u.email
            for u in get_user_model().objects.filter(groups=unit.editor_group, is_active=True)
            if u.email
        }
    )
    if editors:
        send_mail(
            _("[Gương điển hình] Đề xuất nháp từ thư điện tử: %s") % page.title,
            _(
                "Thư của %(sender)s đã được tạo thành đề xuất nháp “%(title)s” trong thư mục của "
                "%(unit)s.\nĐề nghị hoàn thiện thông tin và gửi duyệt: %(link)s"
            )
            % {"sender": sender, "title": page.title, "unit": unit.short_name, "link": link},
            None,
            editors,
        )
    send_mail(
        _("Đã nhận đề xuất: %s") % page.title,
        _(
            "Hệ thống đã nhận thư của đồng chí và tạo đề xuất nháp “%(title)s” của %(unit)s.\n"
            "Biên tập viên của đơn vị sẽ hoàn thiện và gửi duyệt. Đường dẫn quản trị: %(link)s"
        )
        % {"title": page.title, "unit": unit.short_name, "link": link},
        None,
        [sender],
    )


def _record(raw: bytes, message: EmailMessage | None) -> tuple[MailMessage, bool]:
    """The message's record, created with the raw message kept (committed on its own)."""
    message_id = message_id_of(raw, message)
    existing = MailMessage.objects.filter(message_id=message_id).first()
    if existing is not None:
        return existing, False
    sender = _sender(message) if message is not None else ""
    subject = ""
    if message is not None:
        try:
            subject = normalize(str(message.get("Subject", "") or ""))[:255]
        except Exception:
            subject = ""
    record = MailMessage(message_id=message_id, sender=sender[:320], subject=subject, size=len(raw))
    digest = hashlib.sha256(raw).hexdigest()[:16]
    record.raw.save(f"{digest}.eml", ContentFile(raw), save=False)
    record.save()
    return record, True


def process(record: MailMessage, *, unit: Unit | None = None, user=None) -> MailMessage:
    """Run the pipeline on a recorded message: a draft proposal, or quarantine with the reason."""
    stored = Stored()
    try:
        with record.raw.open("rb") as handle:
            raw = handle.read()
        if len(raw) > settings.MAIL_INTAKE_MAX_BYTES:
            raise Refused(
                _("Thư vượt quá giới hạn dung lượng (%(size)d MB > %(limit)d MB).")
                % {
                    "size": len(raw) // (1024 * 1024),
                    "limit": settings.MAIL_INTAKE_MAX_BYTES // (1024 * 1024),
                }
            )
        parsed = read(parse(raw))
        if unit is None:
            # The From header is the sender's word; the receiving server's verdict is not (mail_auth).
            if not mail_auth.is_authentic(parsed.message, parsed.sender, settings.MAIL_INTAKE_AUTHSERV_IDS):
                raise Refused(
                    _(
                        "Không xác thực được người gửi %(sender)s: máy chủ thư tin cậy (%(servers)s) "
                        "không ghi nhận DMARC, DKIM hoặc SPF đạt cho tên miền của địa chỉ này."
                    )
                    % {
                        "sender": parsed.sender or "?",
                        "servers": ", ".join(settings.MAIL_INTAKE_AUTHSERV_IDS) or _("chưa cấu hình"),
                    }
                )
            units = units_of_sender(parsed.sender)
            if not units:
                raise Refused(
                    _("Người gửi %s không thuộc đơn vị nào trong danh mục.") % (parsed.sender or "?")
                )
            current = [u for u in units if not u.has_ended()]
            if len(current) != 1:
                names = ", ".join(u.short_name for u in units)
                if not current:
                    raise Refused(units[0].closure_notice())
                raise Refused(
                    _("Địa chỉ %(sender)s thuộc nhiều đơn vị: %(units)s.")
                    % {"sender": parsed.sender, "units": names}
                )
            unit = current[0]
        with transaction.atomic():
            page = _create(record, parsed, unit, stored)
            record.status = MailStatus.CREATED
            record.reason = ""
            record.unit = unit
            record.page = page
            record.handled_by = user
            record.save()
    except Refused as refused:
        stored.discard()
        _quarantine(record, str(refused), unit)
        return record
    except Exception as error:
        stored.discard()
        logger.exception("Mail intake failed for %s", record.message_id)
        _quarantine(record, _("Lỗi khi xử lý thư: %s") % error.__class__.__name__, unit)
        return record
    try:
        _notify(page, unit, parsed.sender)
    except Exception:
        logger.warning("Could not send the intake notices for %s", record.message_id, exc_info=True)
    return record


def _quarantine(record: MailMessage, reason: str, unit: Unit | None) -> None:
    record.status = MailStatus.QUARANTINED
    # Reasons may quote what a server or a message said: no control characters (PostgreSQL refuses NUL).
    record.reason = "".join(c if c >= " " or c in "\n\t" else " " for c in reason).strip()
    record.page = None
    record.save(update_fields=["status", "reason", "page"])


def ingest(raw: bytes) -> tuple[MailMessage, bool]:
    """Record and process one raw message; (record, False) if it had been processed before."""
    try:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        message_id_of(raw, message)
    except Exception:
        message = None
    record, created = _record(raw, message)
    if not created:
        return record, False
    return process(record), True


def assign(record: MailMessage, unit: Unit, user) -> MailMessage:
    """The emulation role gives a quarantined message to a unit: the pipeline runs for it."""
    if record.status != MailStatus.QUARANTINED:
        return record
    return process(record, unit=unit, user=user)


def discard(record: MailMessage, user) -> None:
    """The emulation role discards a quarantined message (the raw message stays on record)."""
    if record.status == MailStatus.QUARANTINED:
        record.status = MailStatus.DISCARDED
        record.handled_by = user
        record.save(update_fields=["status", "handled_by"])
