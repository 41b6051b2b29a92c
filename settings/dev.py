"""Local development (`make run`): debug on, SQLite under var/, demo content allowed."""

from .base import *  # noqa: F403
from .base import env, env_list

DEBUG = True
# A development-only key: production.py refuses to start without its own SECRET_KEY.
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
DEMO_CONTENT_ALLOWED = True
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Static files straight from the apps (no collectstatic outside production).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
