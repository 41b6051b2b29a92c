"""
Settings of the content API benchmark (bench/run.py): development settings, production-like
request handling.

DEBUG is off (no query log, no debug pages), every host is accepted (the in-process WSGI
environ says "localhost"), the anonymous rate limit is out of the way, and the URL
configuration adds Wagtail's stock API v3 and a fixed-bytes ceiling view (bench/urls.py).
DATABASE_URL and REDIS_URL select PostgreSQL and Redis exactly as in settings/base.py.
"""

from settings.dev import *  # noqa: F403
from settings.dev import BASE_DIR, env

DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "bench.urls"

# Persistent connections, as a production app server would keep them.
DATABASES["default"]["CONN_MAX_AGE"] = None  # noqa: F405

# The benchmark sends tens of thousands of requests from one address.
CONTENT_API_ANON_RATE_LIMIT = 1_000_000_000

# A separate key prefix, so that clearing the bench's cache never touches another project's.
if env("REDIS_URL"):
    for alias in CACHES.values():  # noqa: F405
        alias["KEY_PREFIX"] = "bench:" + alias["KEY_PREFIX"]

# Images of the seeded exemplars live apart from the development media.
MEDIA_ROOT = BASE_DIR / "var" / "bench-media"

# Wagtail's stock API v3: its default page size cap (20) is kept, its docs stay off.
WAGTAILAPI_DOCS_ENABLED = False

# Static files are not served by the benchmark; the finders are not needed.
WHITENOISE_USE_FINDERS = False
WHITENOISE_AUTOREFRESH = False

# bench/served.py's "uncached" gunicorn: nothing the API or the public site answers is kept
# (every list, detail, page and listing is built again, and so are the filters' choices).
if env("BENCH_UNCACHED"):
    CONTENT_API_RESPONSE_CACHE_SECONDS = 0
    PUBLIC_SITE_PAGE_CACHE_SECONDS = 0
