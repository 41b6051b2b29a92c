"""
Production: PostgreSQL, Redis, S3, gunicorn behind a CDN.

Refuses to start without SECRET_KEY, DATABASE_URL, REDIS_URL (rate limits, token and
response caches must be shared by every process) and AWS_STORAGE_BUCKET_NAME (media never on
a web server's disk); `manage.py check --deploy` is clean.
https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env, env_bool, env_int

for _required in ("SECRET_KEY", "DATABASE_URL", "REDIS_URL", "AWS_STORAGE_BUCKET_NAME"):
    if not env(_required):
        raise ImproperlyConfigured(f"{_required} must be set in production.")

DEBUG = False
DEMO_CONTENT_ALLOWED = False

# Behind a load balancer that terminates TLS and sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preload is what check --deploy asks for; set false before the domain is HTTPS-only everywhere.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
# Wagtail marks its preview views SAMEORIGIN itself; everything else is never framed.
X_FRAME_OPTIONS = "DENY"

# Hashed, compressed static files served by WhiteNoise.
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}

# Background jobs in the database, run by `manage.py db_worker`.
# https://github.com/RealOrangeOne/django-tasks-db
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOGGING["root"]["level"] = env("LOG_LEVEL", "INFO")
LOGGING["handlers"]["console"]["formatter"] = env("LOG_FORMAT", "json")
