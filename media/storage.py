"""
The two media storages and what the rest of the project needs to know about them.

`default` (private) and `public` are aliases of `settings.STORAGES`: the local folder in
development and tests, two prefixes of one S3 bucket in production (see settings/base.py and
the README's "S3 media"). Model fields and Wagtail's renditions reach the public storage
through `get_public_storage`, which returns a lazy object that follows `STORAGES` (like
Django's `default_storage`), so a test or a deployment can switch it without re-importing
models.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError
from django.core.files.storage import Storage, storages
from django.utils.functional import LazyObject, empty
from storages.backends.s3 import S3Storage

from .filenames import safe_filename

logger = logging.getLogger(__name__)

# Errors of an unreachable or failing store: boto3's own, and the OSError of a local disk.
STORAGE_ERRORS: tuple[type[BaseException], ...] = (BotoCoreError, ClientError, OSError)


class PublicStorage(LazyObject):
    """The `public` storage alias, resolved on first use and again after `reset_storages()`."""

    def _setup(self) -> None:
        self._wrapped = storages["public"]


public_storage = PublicStorage()


def get_public_storage() -> Storage:
    """Storage of renditions, video clips and captions (a callable, so migrations stay stable)."""
    return public_storage  # type: ignore[return-value]


def reset_storages(**kwargs: Any) -> None:
    """Forget the resolved public storage (connected to `setting_changed` for STORAGES)."""
    if kwargs.get("setting", "STORAGES") == "STORAGES":
        public_storage._wrapped = empty


def is_s3(storage: Any) -> bool:
    """Whether a storage (or a lazy proxy of one) is django-storages' S3 backend."""
    return isinstance(storage, S3Storage)


def s3_client(storage: Any):
    """The boto3 client of an S3 storage, with its timeouts, retries and endpoint."""
    return storage.connection.meta.client


def object_key(storage: Any, name: str) -> str:
    """The S3 key of a storage name (the storage's location prefix added)."""
    return storage._normalize_name(name)


def video_upload_to(instance: Any, filename: str) -> str:
    """video/<random>/<ascii-name>: unguessable, never reused, safe in any URL."""
    return f"video/{uuid.uuid4().hex}/{safe_filename(filename)}"


def captions_upload_to(instance: Any, filename: str) -> str:
    return f"video/captions/{uuid.uuid4().hex}/{safe_filename(filename)}"
