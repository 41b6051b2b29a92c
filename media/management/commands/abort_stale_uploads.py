"""Abort direct video uploads started but never finished (run daily beside the lifecycle rule)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from media.storage import is_s3, object_key, public_storage, s3_client


class Command(BaseCommand):
    help = "Abort multipart uploads of video clips older than VIDEO_UPLOAD_STALE_HOURS (S3 only)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--hours",
            type=float,
            default=None,
            help="Age in hours after which an unfinished upload is aborted (default: the setting).",
        )
        parser.add_argument("--dry-run", action="store_true", help="List what would be aborted.")

    def handle(self, *args, hours: float | None = None, dry_run: bool = False, **options) -> None:
        if not is_s3(public_storage):
            self.stdout.write("Media is on local storage: there are no multipart uploads to abort.")
            return
        hours = settings.VIDEO_UPLOAD_STALE_HOURS if hours is None else hours
        cutoff = timezone.now() - datetime.timedelta(hours=hours)
        client = s3_client(public_storage)
        bucket = public_storage.bucket_name
        prefix = object_key(public_storage, "video/")
        aborted = 0
        paginator = client.get_paginator("list_multipart_uploads")
        for page in paginator.paginate(Bucket=bucket, Prefix=prefix):
            for upload in page.get("Uploads", []):
                if upload["Initiated"] > cutoff:
                    continue
                if not dry_run:
                    client.abort_multipart_upload(
                        Bucket=bucket, Key=upload["Key"], UploadId=upload["UploadId"]
                    )
                aborted += 1
                self.stdout.write(
                    f"{'would abort' if dry_run else 'aborted'} {upload['Key']} ({upload['Initiated']:%Y-%m-%d %H:%M})"
                )
        self.stdout.write(f"{aborted} stale upload(s) {'found' if dry_run else 'aborted'}.")
