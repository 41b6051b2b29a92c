"""Fixtures of the storage tests: the moto S3 server (tests/storage/s3.py)."""

from tests.storage.s3 import media_storage, moto_endpoint, s3, stoppable_s3  # noqa: F401
