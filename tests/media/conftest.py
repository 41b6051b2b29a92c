"""Fixtures of the media tests: each upload test runs with local files and with S3."""

from tests.storage.s3 import media_storage, moto_endpoint, s3, stoppable_s3  # noqa: F401
