"""Local development (`make run`): debug on, SQLite under var/, demo content allowed."""

from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR, env, env_list

DEBUG = True
# A development-only key: production.py refuses to start without its own SECRET_KEY.
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
DEMO_CONTENT_ALLOWED = True
# Notifications of the demo land as files in var/mail/ rather than flooding the console.
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"

# Static files straight from the apps (no collectstatic outside production).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Without REDIS_URL, one cache that every process of this machine shares: files under
# var/cache/. Local memory would give `make run` its own copy, so a publication made by a
# management command (publish_scheduled, the shell) stayed invisible until a restart. Files,
# not the database cache: SQLite would serialise the server's cache writes with the commands'.
if not env("REDIS_URL"):
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(Path(env("DEV_CACHE_DIR", str(BASE_DIR / "var" / "cache"))) / alias),
            # Culling drops random entries past MAX_ENTRIES; the content version must stay.
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
        for alias in ("default", "renditions")
    }

# The demo's sample messages carry this server's Authentication-Results (exemplar_pages/demo.py).
MAIL_INTAKE_AUTHSERV_IDS = env_list("MAIL_INTAKE_AUTHSERV_IDS", ["mx.vks.gov.vn"])
