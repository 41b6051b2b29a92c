"""
The settings the apps need, in one place: for the reference deployment (settings/base.py)
and for any Wagtail 8 site that installs the apps (docs/install-as-plugin.md):

    from vksnd.conf import apply
    apply(globals())  # at the end of the host project's settings

`apply` puts the apps before Wagtail's (their templates and Vietnamese catalogue win),
replaces wagtail.locales by wagtail-localize's, adds two middlewares and sets every
default below that the settings module does not set itself: a value already set wins,
so a deployment reads its own from the environment first (as settings/base.py does).
Deployment matters (database, cache, storage backends, e-mail, hosts) stay the host's.
This module is read while settings load: it imports nothing of Django's models.
"""

from __future__ import annotations

import copy
import zoneinfo
from typing import Any

from django.utils.translation import gettext_lazy

# The project's apps, in layer order (docs/architecture.md), then what they build on.
PROJECT_APPS = [
    "cms",
    "exemplar_pages",
    "workflows",
    "emulation",
    "media",
    "content_api",
    "engagement",
    "partners",
    "translations",
    "public_site",
    "vksnd",
]
# Before Wagtail's apps, like the project's own.
BEFORE_WAGTAIL = [
    "wagtail_localize",
    # Replaces wagtail.locales: the locale admin that knows about synchronisation.
    "wagtail_localize.locales",
]
# Anywhere: added at the end when the host lacks them.
REQUIRED_APPS = [
    "wagtail.contrib.frontend_cache",
    "modelcluster",
    "taggit",
    "django_filters",
    "ninja",
    "django_tasks",
    # The records of locked admin logins, listed in the admin (cms/lockouts.py).
    "axes",
]
REPLACED_APPS = {"wagtail.locales": "wagtail_localize.locales"}

MIDDLEWARE = [
    # A NUL byte in a query string is a 400, not a database error (cms/middleware.py).
    "cms.middleware.NulQueryMiddleware",
    # An unreachable media store gives editors a clear message instead of a server error;
    # document answers (presigned redirects, private files) are never cached by a CDN.
    "media.middleware.StorageErrorMiddleware",
    "media.middleware.DocumentCacheControlMiddleware",
    # CORS of the content API for partners' browser pages (partners/cors.py).
    "partners.cors.ContentAPICorsMiddleware",
    # Every workflow action ends with a message saying what was done (workflows/action_messages.py).
    "workflows.action_messages.WorkflowActionMessageMiddleware",
]

# Named in the reader's language (gettext_lazy is allowed in settings): a Vietnamese page
# said "English".
LANGUAGES = [("vi", gettext_lazy("Tiếng Việt")), ("en", gettext_lazy("Tiếng Anh"))]

# Time zones an editor may choose: the IANA names a browser knows. zoneinfo also lists the
# system's own files on Debian ("localtime", "posixrules", "Factory"), on which the account
# page's script failed ("Invalid time zone: localtime").
USER_TIME_ZONES = sorted(
    tz
    for tz in zoneinfo.available_timezones()
    if tz not in {"localtime", "posixrules", "Factory"} and not tz.startswith(("posix/", "right/"))
)

DEFAULTS: dict[str, Any] = {
    # Vietnamese first: dates dd/mm/yyyy through the apps' own format module (cms/formats),
    # time zone Asia/Ho_Chi_Minh, stored in UTC. No LocaleMiddleware: the browser's
    # Accept-Language never switches the admin to English; Wagtail applies each editor's own
    # choice (account settings), else LANGUAGE_CODE.
    "LANGUAGE_CODE": "vi",
    "TIME_ZONE": "Asia/Ho_Chi_Minh",
    "USE_I18N": True,
    "USE_TZ": True,
    "LANGUAGES": LANGUAGES,
    "FORMAT_MODULE_PATH": ["cms.formats"],
    # Content locales: Vietnamese is the source, English editions come through wagtail-localize.
    # https://docs.wagtail.org/en/stable/advanced_topics/i18n.html
    "WAGTAIL_I18N_ENABLED": True,
    "WAGTAIL_CONTENT_LANGUAGES": LANGUAGES,
    # Languages an editor can pick for the admin in their profile.
    "WAGTAILADMIN_PERMITTED_LANGUAGES": LANGUAGES,
    "WAGTAIL_USER_TIME_ZONES": USER_TIME_ZONES,
    # Closed network: no Gravatar (Wagtail shows its own local avatar), no external help banner,
    # and no upgrade check (a superuser's dashboard fetched releases.wagtail.org/latest.txt).
    "WAGTAIL_GRAVATAR_PROVIDER_URL": None,
    "WAGTAIL_ENABLE_WHATS_NEW_BANNER": False,
    "WAGTAIL_ENABLE_UPDATE_CHECK": False,
    # Wagtail's login form with a Vietnamese label on the password (cms/account.py).
    "WAGTAILADMIN_USER_LOGIN_FORM": "cms.account.LoginForm",
    "WAGTAIL_DATE_FORMAT": "%d/%m/%Y",
    "WAGTAIL_DATETIME_FORMAT": "%d/%m/%Y %H:%M",
    "WAGTAIL_TIME_FORMAT": "%H:%M",
    # An English edition is never published by translating it: the Office approves it.
    "WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE": False,
    "WAGTAIL_ALLOW_UNICODE_SLUGS": False,
    # Wagtail's database backend; on PostgreSQL it folds Vietnamese accents (cms/search_backend.py).
    "WAGTAILSEARCH_BACKENDS": {"default": {"BACKEND": "cms.search_backend"}},
    # Renditions go to the public storage (a lazy alias that follows STORAGES, media/storage.py).
    "WAGTAILIMAGES_RENDITION_STORAGE": "media.storage.get_public_storage",
    # Upload safety. Documents: PDF, DOCX, XLSX and images only, checked by content as well as
    # by extension (media/forms.py); images: no SVG (a script carrier), Wagtail checks that the
    # content matches the extension and enforces the byte and pixel limits.
    # https://docs.wagtail.org/en/stable/reference/settings.html#images
    "WAGTAILDOCS_EXTENSIONS": ["pdf", "docx", "xlsx", "jpg", "jpeg", "png", "webp"],
    "WAGTAILDOCS_MAX_UPLOAD_SIZE": 20 * 1024 * 1024,
    "WAGTAILDOCS_DOCUMENT_FORM_BASE": "media.forms.SafeDocumentForm",
    "WAGTAILIMAGES_MAX_UPLOAD_SIZE": 20 * 1024 * 1024,
    "WAGTAILIMAGES_MAX_IMAGE_PIXELS": 64_000_000,
    "WAGTAILIMAGES_EXTENSIONS": ["jpg", "jpeg", "png", "webp", "gif"],
    "WAGTAILIMAGES_IMAGE_FORM_BASE": "media.forms.SafeImageForm",
    # Largest video clip, in bytes, whether uploaded through the server or straight to S3;
    # direct-to-S3 uploads: part size (S3's minimum is 5 MB) and how long a started upload
    # may stay unfinished before `manage.py abort_stale_uploads` aborts it.
    "VIDEO_MAX_UPLOAD_SIZE": 500 * 1024 * 1024,
    "VIDEO_UPLOAD_PART_SIZE": 16 * 1024 * 1024,
    "VIDEO_UPLOAD_STALE_HOURS": 24,
    "DATA_UPLOAD_MAX_NUMBER_FIELDS": 10_000,
    # Pages edited after an approval must be approved again.
    "WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT": True,
    # Wagtail's autosave of the page editor (milliseconds after a change). It was off while
    # it could undo a channel's release: Wagtail saves the row of a page that is not live from
    # the open form. The page forms now write only a revision while the page is in moderation
    # (exemplar_pages.forms.RevisionOnlyInModerationPageForm), so it is on again.
    "WAGTAIL_AUTOSAVE_INTERVAL": 500,
    "WAGTAIL_MODERATION_ENABLED": True,
    # Record who approved the revision (workflows/provenance.py) before publishing it.
    "WAGTAIL_FINISH_WORKFLOW_ACTION": "workflows.finish.publish_with_provenance",
    # Wagtail's stock API v3 is not mounted; the partner content API is the project's own.
    "WAGTAILAPI_DOCS_ENABLED": False,
    # The content API for partner portals (content_api/): requests per minute of an
    # anonymous caller (per IP), reverse proxies in front, HTTP caching, key lifetime.
    "CONTENT_PUBLIC_BASE_URL": "",
    "CONTENT_API_ANON_RATE_LIMIT": 120,
    # Wrong bearer tokens a client may send per minute; past it, 429 from the cache alone.
    "CONTENT_API_FAILED_TOKEN_LIMIT": 20,
    "CONTENT_API_TRUSTED_PROXIES": 0,
    # CORS (partners/cors.py): anonymous reads of the public channels from any web page
    # (`Access-Control-Allow-Origin: *`); partners' keys only from their own listed origins.
    "CONTENT_API_CORS_PUBLIC_ANY_ORIGIN": True,
    "CONTENT_API_MAX_AGE": 60,
    "CONTENT_API_S_MAXAGE": 300,
    "CONTENT_API_STALE_WHILE_REVALIDATE": 600,
    "CONTENT_API_RESPONSE_CACHE_SECONDS": 600,
    "CONTENT_API_TOKEN_VALID_DAYS": 365,
    # Unfiltered lists as prepared statements on PostgreSQL (content_api/api/prepared.py).
    "CONTENT_API_PREPARED_LISTS": True,
    # A document published while the media store failed is re-projected by itself
    # (content_api/repairs.py): first after this many seconds, then twice as long each time, up to
    # the maximum.
    "CONTENT_MEDIA_RETRY_SECONDS": 60,
    "CONTENT_MEDIA_RETRY_MAX_SECONDS": 3600,
    # Lifetime of a partner's headless-preview link, in seconds.
    "CONTENT_API_PREVIEW_SECONDS": 30 * 60,
    # Webhooks of partner sync (partners/webhooks.py): deliveries to loopback or private
    # addresses are refused (SSRF); only tests allow them, for a local receiver.
    "WEBHOOK_ALLOW_PRIVATE_TARGETS": False,
    # Seconds a claimed delivery attempt belongs to its worker; past it (the worker died),
    # the attempt is due again. Longer than the 10 s request timeout.
    "WEBHOOK_ATTEMPT_LEASE_SECONDS": 30,
    # Password logins are for people: a partner's service account is refused everywhere,
    # even if someone gives it a password (partners/backends.py).
    # https://docs.djangoproject.com/en/5.2/topics/auth/customizing/#specifying-authentication-backends
    "AUTHENTICATION_BACKENDS": ["partners.backends.NoServiceAccountModelBackend"],
    # The public site (public_site/): the channels whose content it shows (codes; the content
    # API gives an item a `url` only when it is on the site), and its HTTP caching: browsers,
    # the CDN, and the shared page cache (which a publication turns over at once).
    "PUBLIC_SITE_CHANNELS": ["portal", "public"],
    "PUBLIC_SITE_MAX_AGE": 60,
    "PUBLIC_SITE_S_MAXAGE": 300,
    "PUBLIC_SITE_STALE_WHILE_REVALIDATE": 600,
    "PUBLIC_SITE_PAGE_CACHE_SECONDS": 600,
    # The public's voice (engagement/): comments and opinions sent on this site arrive through
    # ENGAGEMENT_SITE_CHANNEL (a channel code); comments are held for moderation; submissions are
    # limited per IP and per page in the shared cache (count, seconds), a form's stamp (fetched
    # fresh, never from a cached page) must be at least COMMENT_MIN_SECONDS old and at most
    # COMMENT_FORM_MAX_AGE; IP addresses are kept
    # COMMENT_IP_RETENTION_DAYS (manage.py purge_comment_ips), moderators hear of new
    # comments once no new one came for COMMENT_NOTIFY_QUIET_MINUTES.
    "ENGAGEMENT_SITE_CHANNEL": "portal",
    "COMMENT_MAX_LENGTH": 2000,
    "COMMENT_MAX_LINKS": 2,
    "COMMENT_RATE_PER_IP": (5, 600),
    "COMMENT_RATE_PER_PAGE": (30, 3600),
    "COMMENT_MIN_SECONDS": 3,
    "COMMENT_FORM_MAX_AGE": 2 * 24 * 3600,
    "COMMENT_IP_RETENTION_DAYS": 30,
    "COMMENT_NOTIFY_QUIET_MINUTES": 15,
    "COMMENTS_PER_PAGE": 20,
    "OPINION_RATE_PER_IP": (10, 3600),
    # Days the login lockout logs are kept (cms/lockouts.py, manage.py purge_login_records).
    "LOGIN_RECORD_RETENTION_DAYS": 90,
    # Demo content and accounts (manage.py load_demo) are refused when this is False.
    "DEMO_CONTENT_ALLOWED": False,
    # Proposals by mail (exemplar_pages/mail_intake.py): the largest message read, and the
    # intake mailbox over IMAP (host unset: `fetch_mail_proposals` refuses to run).
    "MAIL_INTAKE_MAX_BYTES": 50 * 1024 * 1024,
    "MAIL_INTAKE_IMAP_HOST": "",
    "MAIL_INTAKE_IMAP_PORT": 993,
    "MAIL_INTAKE_IMAP_SECURITY": "ssl",
    "MAIL_INTAKE_IMAP_USER": "",
    "MAIL_INTAKE_IMAP_PASSWORD": "",
    "MAIL_INTAKE_IMAP_FOLDER": "INBOX",
    "MAIL_INTAKE_AUTHSERV_IDS": [],
    "MAIL_INTAKE_CLAMD_ADDRESS": "",
    "MAIL_INTAKE_CLAMD_TIMEOUT": 30,
    # Background jobs run at once unless a deployment selects a backend with a worker.
    # https://docs.wagtail.org/en/stable/reference/settings.html#tasks
    "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
}


def _with_apps(installed: list[str]) -> list[str]:
    """The host's apps with the project's and their requirements before Wagtail's own."""
    apps = [REPLACED_APPS.get(app, app) for app in installed]
    first = [app for app in [*PROJECT_APPS, *BEFORE_WAGTAIL] if app not in apps]
    at = next((i for i, app in enumerate(apps) if app.startswith("wagtail")), len(apps))
    merged = apps[:at] + first + apps[at:] + [app for app in REQUIRED_APPS if app not in apps]
    return list(dict.fromkeys(merged))


def apply(namespace: dict[str, Any]) -> None:
    """Complete a settings module's globals with what the apps need (see the module docstring)."""
    namespace["INSTALLED_APPS"] = _with_apps(list(namespace.get("INSTALLED_APPS", [])))
    middleware = list(namespace.get("MIDDLEWARE", []))
    namespace["MIDDLEWARE"] = middleware + [m for m in MIDDLEWARE if m not in middleware]
    for name, value in DEFAULTS.items():
        namespace.setdefault(name, copy.deepcopy(value))
    if namespace.get("AUTHENTICATION_BACKENDS") == ["django.contrib.auth.backends.ModelBackend"]:
        namespace["AUTHENTICATION_BACKENDS"] = list(DEFAULTS["AUTHENTICATION_BACKENDS"])
    # Renditions, clips and captions go to a "public" storage: the default one unless set.
    storages = namespace.setdefault(
        "STORAGES",
        {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    )
    storages.setdefault("public", copy.deepcopy(storages["default"]))
