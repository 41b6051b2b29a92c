"""
Test settings: fast hashing, immediate tasks, outbox e-mail.

DATABASE_URL and REDIS_URL still come from the environment, so CI runs the same suite on
PostgreSQL and Redis (see .ci/run); without them the suite uses SQLite and local memory.
"""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, CACHES, REDIS_URL, env

SECRET_KEY = env("SECRET_KEY", "test-only-insecure-key")
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
DEMO_CONTENT_ALLOWED = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
# Local files by default; the S3 tests point both media storages at a local moto server.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "public": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# The test messages carry this server's Authentication-Results (tests/helpers/mail.py).
MAIL_INTAKE_AUTHSERV_IDS = ["mx.vks.gov.vn"]
CONTENT_API_BASE_URL = "http://testserver"
CONTENT_PUBLIC_BASE_URL = "http://testserver"

# Static files straight from the apps (no collectstatic outside production).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Each pytest-xdist worker keeps its own keys, and the suite clears only those (tests/conftest.py).
if REDIS_URL:
    _worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    CACHES["default"]["KEY_PREFIX"] = f"test-{_worker}"
    CACHES["renditions"]["KEY_PREFIX"] = f"test-{_worker}:renditions"
