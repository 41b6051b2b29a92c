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
import sys
import uuid
from typing import Any

from django.core.files.storage import Storage, storages
from django.utils.functional import LazyObject, empty

from .filenames import safe_filename

logger = logging.getLogger(__name__)


# boto3 and django-storages' S3 backend are never imported here: they cost every process
# about 16 MB of memory, and only a deployment with S3 needs them, which loads them through
# STORAGES on first use (tests/vksnd/test_startup_imports.py).


def storage_errors() -> tuple[type[BaseException], ...]:
    """Errors of an unreachable or failing store: boto3's own, and the OSError of a local disk.

    boto3's are listed once botocore is loaded; before that no S3 call can have raised them.
    """
    botocore_exceptions = sys.modules.get("botocore.exceptions")
    if botocore_exceptions is None:
        return (OSError,)
    return (botocore_exceptions.BotoCoreError, botocore_exceptions.ClientError, OSError)


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
    cls = storage.__class__  # resolves a lazy proxy, which imports its backend
    s3 = sys.modules.get("storages.backends.s3")
    return s3 is not None and issubclass(cls, s3.S3Storage)


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
