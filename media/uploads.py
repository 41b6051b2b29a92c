"""
Large video clips straight from the browser to S3, through a presigned multipart upload.

The admin starts the upload (the server picks the key, checks the declared size and name),
the browser PUTs each part to its presigned URL, and the server completes it, then checks
the real size and the content (first bytes, by a ranged GET) and deletes the object if
either is wrong. Every step carries a signed ticket, so nobody can complete, abort or claim
an upload that is not theirs, nor name a key. Unfinished uploads are aborted by the bucket's
lifecycle rule and `manage.py abort_stale_uploads` (README, "S3 media").

With local storage (development) there is no bucket: the clip form's script posts the file
alone to the admin (`store_local`), with the browser's upload progress, and the form then
claims it by the same signed token. Without JavaScript the form posts the file as usual.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .storage import is_s3, object_key, public_storage, s3_client, video_upload_to
from .validators import VIDEO_MIME_TYPES, sniff_video_bytes, validate_video_file

TICKET_SALT = "media.video-upload.ticket"
UPLOADED_SALT = "media.video-upload.done"
MIN_PART_SIZE = 5 * 1024 * 1024
MAX_PARTS = 10_000
EXTENSIONS = {extension: mime for mime, extension in VIDEO_MIME_TYPES.items()}


@dataclass(frozen=True)
class Ticket:
    """An upload in progress: the storage name, S3's upload id, and who started it."""

    name: str
    upload_id: str
    user_id: int


def direct_uploads_enabled() -> bool:
    """Whether video clips go straight to S3 (the public storage is S3)."""
    return is_s3(public_storage)


def _limit_error(size: int) -> ValidationError:
    return ValidationError(
        _("Tệp video quá lớn (%(size)s). Dung lượng tối đa là %(limit)s."),
        code="file_too_large",
        params={"size": filesizeformat(size), "limit": filesizeformat(settings.VIDEO_MAX_UPLOAD_SIZE)},
    )


def part_size_for(size: int) -> int:
    """The configured part size, larger when the file would need more than 10,000 parts."""
    return max(settings.VIDEO_UPLOAD_PART_SIZE, MIN_PART_SIZE, math.ceil(size / MAX_PARTS))


def start(user, filename: str, size: int) -> dict[str, Any]:
    """Begin a multipart upload; the browser gets a ticket and one presigned URL per part."""
    extension = os.path.splitext(filename)[1].lower().lstrip(".")
    if extension not in EXTENSIONS:
        raise ValidationError(_("Chỉ nhận video MP4, WebM hoặc MOV."), code="not_a_video")
    if size <= 0:
        raise ValidationError(_("Tệp video rỗng."), code="empty")
    if size > settings.VIDEO_MAX_UPLOAD_SIZE:
        raise _limit_error(size)
    name = video_upload_to(None, filename)
    key = object_key(public_storage, name)
    client = s3_client(public_storage)
    bucket = public_storage.bucket_name
    parameters = {
        **public_storage.get_object_parameters(name),
        "ContentType": EXTENSIONS[extension],
    }
    upload_id = client.create_multipart_upload(Bucket=bucket, Key=key, **parameters)["UploadId"]
    part_size = part_size_for(size)
    expires = settings.VIDEO_UPLOAD_STALE_HOURS * 3600
    urls = [
        client.generate_presigned_url(
            "upload_part",
            Params={"Bucket": bucket, "Key": key, "UploadId": upload_id, "PartNumber": number},
            ExpiresIn=expires,
        )
        for number in range(1, math.ceil(size / part_size) + 1)
    ]
    ticket = signing.dumps({"name": name, "upload_id": upload_id, "user": user.pk}, salt=TICKET_SALT)
    return {"ticket": ticket, "part_size": part_size, "urls": urls}


def _signed_for(user, token: str, salt: str) -> dict:
    """The data of a token this module signed for `user` (any other user's is refused)."""
    invalid = ValidationError(_("Phiên tải lên không hợp lệ hoặc đã hết hạn."), code="bad_ticket")
    try:
        data = signing.loads(token, salt=salt, max_age=settings.VIDEO_UPLOAD_STALE_HOURS * 3600)
    except signing.BadSignature as exc:
        raise invalid from exc
    if data.get("user") != user.pk:
        raise invalid
    return data


def _ticket(user, token: str) -> Ticket:
    data = _signed_for(user, token, TICKET_SALT)
    return Ticket(name=data["name"], upload_id=data["upload_id"], user_id=data["user"])


def _delete(client, bucket: str, key: str) -> None:
    client.delete_object(Bucket=bucket, Key=key)


def complete(user, token: str, parts: list[dict[str, Any]]) -> str:
    """
    Put the parts together, then check the real size and content; a refused object is
    deleted. Returns a signed token that the clip form exchanges for the stored file.
    """
    ticket = _ticket(user, token)
    client = s3_client(public_storage)
    bucket = public_storage.bucket_name
    key = object_key(public_storage, ticket.name)
    try:
        ordered = sorted(
            ({"PartNumber": int(part["part_number"]), "ETag": str(part["etag"])} for part in parts),
            key=lambda part: part["PartNumber"],
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError(_("Danh sách phần tải lên không hợp lệ."), code="bad_parts") from exc
    client.complete_multipart_upload(
        Bucket=bucket, Key=key, UploadId=ticket.upload_id, MultipartUpload={"Parts": ordered}
    )
    size = client.head_object(Bucket=bucket, Key=key)["ContentLength"]
    if size > settings.VIDEO_MAX_UPLOAD_SIZE:
        _delete(client, bucket, key)
        raise _limit_error(size)
    head = client.get_object(Bucket=bucket, Key=key, Range="bytes=0-1023")["Body"].read()
    if sniff_video_bytes(head) is None:
        _delete(client, bucket, key)
        raise ValidationError(
            _(
                "Tệp tải lên không phải là video MP4, WebM hoặc MOV (kiểm tra theo nội dung tệp, không theo phần mở rộng)."
            ),
            code="not_a_video",
        )
    return signing.dumps({"name": ticket.name, "user": user.pk}, salt=UPLOADED_SALT)


def abort(user, token: str) -> None:
    """Abort an upload the browser gave up on; S3 drops the parts already sent."""
    ticket = _ticket(user, token)
    s3_client(public_storage).abort_multipart_upload(
        Bucket=public_storage.bucket_name,
        Key=object_key(public_storage, ticket.name),
        UploadId=ticket.upload_id,
    )


def claim(user, token: str) -> str:
    """The storage name of a completed, checked upload of this user (for the clip form)."""
    return _signed_for(user, token, UPLOADED_SALT)["name"]


def store_local(user, file) -> str:
    """
    Local storage: a clip posted on its own is checked (extension, size, content) as the form
    would check it, stored under a fresh name, and handed back as a token for the clip form.
    """
    FileExtensionValidator(list(EXTENSIONS))(file)
    validate_video_file(file)
    name = public_storage.save(video_upload_to(None, file.name), file)
    return signing.dumps({"name": name, "user": user.pk}, salt=UPLOADED_SALT)
