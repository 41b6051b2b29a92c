"""
Settings shared by every environment.

Safe by default: DEBUG is off and no secret lives here. Everything that differs between
deployments is read from the environment through the helpers below and listed, with a
comment, in `.env.example`. dev.py, test.py and production.py build on this module.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from vksnd.conf import apply

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def env(name: str, default: str | None = None) -> str | None:
    """Read a string from the environment; empty values count as unset."""
    value = os.environ.get(name, "").strip()
    return value or default


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean, got {value!r}")


def env_int(name: str, default: int) -> int:
    value = env(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """A comma-separated list."""
    value = env(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Application definition

# The project's apps and what they need come first (vksnd.conf.apply, at the end of this module).
INSTALLED_APPS = [
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Failed admin logins counted and locked (cms/lockouts.py).
    "axes",
    "csp",
]

MIDDLEWARE = [
    # /healthz, /readyz and /metrics before anything else (no HTTPS redirect, no host check),
    # then the request id, log line and latency metric of every other request (vksnd/health.py,
    # vksnd/observability.py).
    "vksnd.health.HealthCheckMiddleware",
    "vksnd.observability.RequestObservabilityMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every answer, page-cache hits included (vksnd/csp.py).
    "vksnd.csp.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The public site: the language of its address, then anonymous pages from the shared cache
    # before anything touches the database (public_site/middleware.py).
    "public_site.middleware.PathLanguageMiddleware",
    "public_site.middleware.PublicPageCacheMiddleware",
    # CORS of the content API for partners' browser pages (partners/cors.py): outside the
    # cached answers, so that cached answers and 304s get their caller's headers and the cache
    # never keeps one origin's Access-Control-Allow-Origin for another.
    "partners.cors.ContentAPICorsMiddleware",
    # The content API's cached answers after one cache round trip, before the rest of the
    # stack, URL resolution and Django Ninja (content_api/middleware.py).
    "content_api.middleware.CachedAnswerMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Turns a login django-axes refused into the 429 lockout answer (cms/lockouts.py).
    "axes.middleware.AxesMiddleware",
    # + the apps' media middlewares (vksnd.conf.MIDDLEWARE).
]

ROOT_URLCONF = "vksnd.site_urls"
WSGI_APPLICATION = "vksnd.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: PostgreSQL in production (DATABASE_URL), an SQLite file under var/ otherwise.
# https://github.com/jazzband/dj-database-url
if not env("DATABASE_URL"):
    VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
# An optional PostgreSQL read replica for the content API's and the public site's anonymous
# reads (vksnd/db_routers.py; README "Production").
if env("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        env("DATABASE_REPLICA_URL"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["vksnd.db_routers.ReadReplicaRouter"]
    MIDDLEWARE.insert(2, "vksnd.db_routers.ReplicaReadsMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared by every app server), local memory otherwise.
# A Redis outage degrades to cache misses (IGNORE_EXCEPTIONS, each one logged), never to errors:
# the API and the admin keep answering from the database; sessions are in the database. The
# rate limit counters decide for themselves (content_api.ratelimit); /readyz goes red.
REDIS_URL = env("REDIS_URL")
_REDIS_OPTIONS = {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2, "IGNORE_EXCEPTIONS": True}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "cms"),
            "OPTIONS": _REDIS_OPTIONS,
        },
        # Wagtail looks renditions up in this alias before asking the database.
        "renditions": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "cms") + ":renditions",
            "TIMEOUT": 60 * 60 * 24,
            "OPTIONS": _REDIS_OPTIONS,
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "renditions": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "renditions",
        },
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Admin logins: django-axes counts failures per username *and* address together, so nobody can
# lock a colleague out from elsewhere; AXES_FAILURE_LIMIT failures lock that pair for
# AXES_COOLOFF_MINUTES (a success clears the count); the Office unlocks early in the admin
# (Settings > "Đăng nhập bị khóa"). The address is the caller's as the content API reads it:
# the Nth hop from the right of X-Forwarded-For, N = CONTENT_API_TRUSTED_PROXIES, never a
# header a client could forge past the proxies. https://django-axes.readthedocs.io/
AUTHENTICATION_BACKENDS = [
    "cms.lockouts.LockoutBackend",
    "partners.backends.NoServiceAccountModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "cms.clients.client_ip"
AXES_LOCKOUT_CALLABLE = "cms.lockouts.locked_out"
AXES_USERNAME_FORM_FIELD = "username"
# Successful logins are not logged by axes (Wagtail's own audit log has them).
AXES_DISABLE_ACCESS_LOG = True
# Days axes' failed-login (and login) logs are kept: usernames and addresses are personal data
# (`manage.py purge_login_records`, daily, also drops counters whose cool-off has ended).
LOGIN_RECORD_RETENTION_DAYS = env_int("LOGIN_RECORD_RETENTION_DAYS", 90)

# Languages, time zone, dates and the content locales: the apps' own (vksnd.conf.DEFAULTS).
# The catalogues live in the foundation app (cms/locale), so the installable apps carry them;
# listing them here also makes `makemessages` write every app's msgids into that one catalogue.
LOCALE_PATHS = [BASE_DIR / "cms" / "locale"]

# Static files and media. Static files are served by WhiteNoise (no CDN dependency); media
# goes to S3 when AWS_STORAGE_BUCKET_NAME is set (see the "S3" block), else to MEDIA_ROOT.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))

# Media storage: two storages, so that nothing private ever gets a public URL.
# - "default" (private): original images, documents (scanned award decisions among them).
#   Never publicly readable; documents are served by Wagtail's document view, which checks
#   who may read them (media/wagtail_hooks.py) and then redirects to a short-lived presigned
#   URL; originals are read by the server only, to make renditions.
# - "public": image renditions, video clips and their captions, linked from published
#   content with stable URLs (the API stores them once per publish), optionally through a CDN.
# Without AWS_STORAGE_BUCKET_NAME both are the local folder MEDIA_ROOT.
# https://docs.djangoproject.com/en/5.2/ref/settings/#std-setting-STORAGES
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "public": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Timeouts and retries of every S3 call, so that an unreachable store fails fast and clearly.
AWS_S3_CONNECT_TIMEOUT = env_int("AWS_S3_CONNECT_TIMEOUT", 3)
AWS_S3_READ_TIMEOUT = env_int("AWS_S3_READ_TIMEOUT", 20)
AWS_S3_MAX_ATTEMPTS = env_int("AWS_S3_MAX_ATTEMPTS", 3)
if AWS_STORAGE_BUCKET_NAME:
    # django-storages over boto3. Credentials come from AWS_ACCESS_KEY_ID /
    # AWS_SECRET_ACCESS_KEY or the instance role, as boto3 finds them.
    # https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html
    # (botocore is imported only here: a deployment without S3 never loads it.)
    from botocore.config import Config as BotoConfig

    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME")
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL")
    AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN")
    # Objects carry no ACL: the bucket policy (README, "S3 media") makes public/ readable.
    AWS_DEFAULT_ACL = None
    AWS_S3_FILE_OVERWRITE = False
    AWS_QUERYSTRING_EXPIRE = env_int("AWS_QUERYSTRING_EXPIRE", 300)
    AWS_S3_CLIENT_CONFIG = BotoConfig(
        connect_timeout=AWS_S3_CONNECT_TIMEOUT,
        read_timeout=AWS_S3_READ_TIMEOUT,
        retries={"max_attempts": AWS_S3_MAX_ATTEMPTS, "mode": "standard"},
        signature_version="s3v4",
        s3={"addressing_style": env("AWS_S3_ADDRESSING_STYLE", "auto")},
    )
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        # Presigned URLs on the bucket's own endpoint, never the CDN domain.
        "OPTIONS": {"location": "private", "querystring_auth": True, "custom_domain": None},
    }
    STORAGES["public"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "location": "public",
            "querystring_auth": False,
            # Names are unique (random folders, no overwrite), so browsers and the CDN may keep them.
            "object_parameters": {"CacheControl": "public, max-age=86400"},
        },
    }
    # The serve view checks access, then redirects to a presigned URL: app servers never
    # stream files, and no stored API document holds an expiring URL.
    # https://docs.wagtail.org/en/stable/reference/settings.html#wagtaildocs-serve-method
    WAGTAILDOCS_SERVE_METHOD = "redirect"
else:
    WAGTAILDOCS_SERVE_METHOD = "serve_view"

# Content-Security-Policy, enforced on every response (django-csp, vksnd/csp.py): everything
# from this origin only; scripts also with the request's nonce (the admin's few inline ones),
# never inline otherwise; media (renditions, clips, direct video uploads) also from the
# S3/CDN origins; no plugins; framed only by this site, except the public embeds, which the
# units' websites (Unit.website) and EMBED_FRAME_ANCESTORS may frame.
# https://django-csp.readthedocs.io/en/latest/configuration.html
CSP_MEDIA_ORIGINS = env_list("CSP_MEDIA_ORIGINS")
if AWS_STORAGE_BUCKET_NAME and not CSP_MEDIA_ORIGINS:
    if AWS_S3_CUSTOM_DOMAIN:
        CSP_MEDIA_ORIGINS.append(f"https://{AWS_S3_CUSTOM_DOMAIN}")
    if AWS_S3_ENDPOINT_URL:
        CSP_MEDIA_ORIGINS.append(AWS_S3_ENDPOINT_URL.rstrip("/"))
    else:
        CSP_MEDIA_ORIGINS.append(f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com")
        if AWS_S3_REGION_NAME:
            CSP_MEDIA_ORIGINS.append(
                f"https://{AWS_STORAGE_BUCKET_NAME}.s3.{AWS_S3_REGION_NAME}.amazonaws.com"
            )
EMBED_FRAME_ANCESTORS = env_list("EMBED_FRAME_ANCESTORS")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:", *CSP_MEDIA_ORIGINS],
        "media-src": [SELF, "blob:", *CSP_MEDIA_ORIGINS],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF, *CSP_MEDIA_ORIGINS],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}

# Background jobs run at once (vksnd.conf) unless production selects the database backend.

# E-mail
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "CMS Gương điển hình <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Proposals by mail: the emulation office's mailbox, read over IMAP by
# `manage.py fetch_mail_proposals` (exemplar_pages/mail_intake.py, .env.example).
MAIL_INTAKE_IMAP_HOST = env("MAIL_INTAKE_IMAP_HOST", "")
MAIL_INTAKE_IMAP_PORT = env_int("MAIL_INTAKE_IMAP_PORT", 993)
# "ssl" (IMAPS, port 993), "starttls" (port 143 upgraded) or "none" (tests, a local relay only).
MAIL_INTAKE_IMAP_SECURITY = env("MAIL_INTAKE_IMAP_SECURITY", "ssl")
MAIL_INTAKE_IMAP_USER = env("MAIL_INTAKE_IMAP_USER", "")
MAIL_INTAKE_IMAP_PASSWORD = env("MAIL_INTAKE_IMAP_PASSWORD", "")
MAIL_INTAKE_IMAP_FOLDER = env("MAIL_INTAKE_IMAP_FOLDER", "INBOX")
MAIL_INTAKE_MAX_BYTES = env_int("MAIL_INTAKE_MAX_BYTES", 50 * 1024 * 1024)
# The authserv-ids of the mail servers whose Authentication-Results headers are trusted
# (exemplar_pages/mail_auth.py); none: no sender is trusted, every message waits in quarantine.
MAIL_INTAKE_AUTHSERV_IDS = env_list("MAIL_INTAKE_AUTHSERV_IDS", [])
# ClamAV's daemon for the attachments (exemplar_pages/virus_scan.py): "unix:///run/clamav/clamd.ctl"
# or "host:port"; empty: no virus scan, only the type-by-content checks.
MAIL_INTAKE_CLAMD_ADDRESS = env("MAIL_INTAKE_CLAMD_ADDRESS", "")
MAIL_INTAKE_CLAMD_TIMEOUT = env_int("MAIL_INTAKE_CLAMD_TIMEOUT", 30)

# Wagtail
WAGTAIL_SITE_NAME = "Gương điển hình tiên tiến - VKSND"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Upload limits (bytes; images also in pixels): what vksnd.conf explains, from the environment.
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("WAGTAILDOCS_MAX_UPLOAD_SIZE", 20 * 1024 * 1024)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("WAGTAILIMAGES_MAX_UPLOAD_SIZE", 20 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("WAGTAILIMAGES_MAX_IMAGE_PIXELS", 64_000_000)
VIDEO_MAX_UPLOAD_SIZE = env_int("VIDEO_MAX_UPLOAD_SIZE", 500 * 1024 * 1024)
VIDEO_UPLOAD_PART_SIZE = env_int("VIDEO_UPLOAD_PART_SIZE", 16 * 1024 * 1024)
VIDEO_UPLOAD_STALE_HOURS = env_int("VIDEO_UPLOAD_STALE_HOURS", 24)
# A page draft (autosaved or saved by hand) untouched for this many days is listed as abandoned
# in the admin's "Bản nháp bỏ dở" report, where its editors may discard it.
ABANDONED_DRAFT_DAYS = env_int("ABANDONED_DRAFT_DAYS", 14)

# The content API for partner portals (content_api/).
# Public base URL of the API itself (for CDN purges) and of the public site (item `url`).
CONTENT_API_BASE_URL = env("CONTENT_API_BASE_URL", WAGTAILADMIN_BASE_URL)
CONTENT_PUBLIC_BASE_URL = env("CONTENT_PUBLIC_BASE_URL", WAGTAILADMIN_BASE_URL)
# Requests per minute of an anonymous caller (per IP); partners have their own limit.
CONTENT_API_ANON_RATE_LIMIT = env_int("CONTENT_API_ANON_RATE_LIMIT", 120)
# How many reverse proxies (load balancer, CDN) add to X-Forwarded-For before Django.
CONTENT_API_TRUSTED_PROXIES = env_int("CONTENT_API_TRUSTED_PROXIES", 0)
# Anonymous (public-channel) reads allowed from any web page; partners' keys only from the
# origins listed on each partner in the admin (partners/cors.py).
CONTENT_API_CORS_PUBLIC_ANY_ORIGIN = env_bool("CONTENT_API_CORS_PUBLIC_ANY_ORIGIN", True)
CONTENT_API_MAX_AGE = env_int("CONTENT_API_MAX_AGE", 60)
CONTENT_API_S_MAXAGE = env_int("CONTENT_API_S_MAXAGE", 300)
CONTENT_API_STALE_WHILE_REVALIDATE = env_int("CONTENT_API_STALE_WHILE_REVALIDATE", 600)
CONTENT_API_RESPONSE_CACHE_SECONDS = env_int("CONTENT_API_RESPONSE_CACHE_SECONDS", 600)
CONTENT_API_TOKEN_VALID_DAYS = env_int("CONTENT_API_TOKEN_VALID_DAYS", 365)
# Unfiltered lists run as prepared statements (content_api/api/prepared.py); off behind
# PgBouncer in transaction mode older than 1.21.
CONTENT_API_PREPARED_LISTS = env_bool("CONTENT_API_PREPARED_LISTS", True)

# CDN purge on publish (Wagtail's frontend cache), from the environment; any combination:
# CloudFront (a distribution id; credentials as boto3 finds them), Cloudflare (zone and API
# token), and plain HTTP PURGE to each cache in front of the app servers (Varnish, nginx).
# Cloudflare and the HTTP caches also purge by cache tag (cms/frontend_cache.py; the tags go in
# FRONTEND_CACHE_PURGE_TAG_HEADER, default Cache-Tag).
# https://docs.wagtail.org/en/stable/reference/contrib/frontendcache.html
WAGTAILFRONTENDCACHE = {}
if env("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env("CLOUDFRONT_DISTRIBUTION_ID"),
    }
if env("CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "cms.frontend_cache.CloudflareTagBackend",
        "BEARER_TOKEN": env("CLOUDFLARE_BEARER_TOKEN"),
        "ZONEID": env("CLOUDFLARE_ZONEID"),
    }
for _number, _location in enumerate(env_list("FRONTEND_CACHE_PURGE_URL")):
    WAGTAILFRONTENDCACHE[f"http-{_number}"] = {
        "BACKEND": "cms.frontend_cache.HTTPTagBackend",
        "LOCATION": _location,
        "TAG_HEADER": env("FRONTEND_CACHE_PURGE_TAG_HEADER", "Cache-Tag"),
    }

# Logs go to standard output, one JSON object per line in production (LOG_FORMAT=json, through
# python-json-logger), each with the request id of vksnd.observability. `vksnd.request` logs
# one INFO line per request.
LOG_FORMAT = env("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "vksnd.observability.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "json_ensure_ascii": False,
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
# The bearer token a Prometheus scraper sends to /metrics; unset, /metrics answers 404.
METRICS_TOKEN = env("METRICS_TOKEN")
# Password of the demo accounts created by load_demo (dev and test settings only).
DEMO_PASSWORD = env("DEMO_PASSWORD", "demo-vksnd-2026")

# Lifetime of a partner's headless-preview link, in seconds.
CONTENT_API_PREVIEW_SECONDS = env_int("CONTENT_API_PREVIEW_SECONDS", 30 * 60)

# Machine translation for English editions (wagtail-localize): none unless configured, e.g.
# WAGTAILLOCALIZE_MACHINE_TRANSLATOR_CLASS=wagtail_localize.machine_translators.deepl.DeepLTranslator
# with WAGTAILLOCALIZE_MACHINE_TRANSLATOR_AUTH_KEY. Suggestions still go through moderation.
if env("WAGTAILLOCALIZE_MACHINE_TRANSLATOR_CLASS"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": env("WAGTAILLOCALIZE_MACHINE_TRANSLATOR_CLASS"),
        "OPTIONS": {"AUTH_KEY": env("WAGTAILLOCALIZE_MACHINE_TRANSLATOR_AUTH_KEY", "")},
    }

# What the apps need (installed apps, middleware, languages, upload safety, workflow and API
# defaults): the same helper a host Wagtail site calls (docs/install-as-plugin.md). Values
# set above win over its defaults.
apply(globals())
