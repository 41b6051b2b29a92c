"""
The public site's language and its page cache.

PathLanguageMiddleware: the language of a public page is in its address — /en/… is English,
everything else Vietnamese. Unlike Django's LocaleMiddleware it never reads Accept-Language or a
cookie, so an English-speaking browser still gets the Vietnamese site (and the admin, which
sets each editor's own language itself) unless it asks for /en/.

PublicPageCacheMiddleware: an anonymous visitor's GET of a page the site marked cacheable is
kept in the shared cache under its address and query, marked with the content version
(content_api.versioning) it was rendered under; the next visitor gets it — or a 304 for a
matching ETag — after one cache read (the version and the page together), without a database
query.
Any publication, unpublication, expiry or change of a unit turns the version over, so nothing
stale is served; the CDN in front is purged and keeps answers for `PUBLIC_SITE_S_MAXAGE`.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from content_api import versioning

ENGLISH_PREFIX = "/en/"
# Not the public site: the admin, the API, files, the development media and static files.
NOT_PUBLIC = ("/admin/", "/api/", "/documents/", "/media/", "/static/", "/django-admin/")
PAGE_KEY = "public-site:page:{}"


def language_of(path: str) -> str:
    return "en" if path == "/en" or path.startswith(ENGLISH_PREFIX) else settings.LANGUAGE_CODE


class PathLanguageMiddleware:
    """Activates the language the public address names (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith("/admin/"):
            return self.get_response(request)
        language = language_of(request.path_info)
        request.LANGUAGE_CODE = language
        # For this request only: an activation left behind made the next admin request a
        # worker served (admin paths activate nothing here) speak English after an /en/ page.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


def _cache_control() -> str:
    return (
        f"public, max-age={settings.PUBLIC_SITE_MAX_AGE}, s-maxage={settings.PUBLIC_SITE_S_MAXAGE}, "
        f"stale-while-revalidate={settings.PUBLIC_SITE_STALE_WHILE_REVALIDATE}"
    )


def _etag_matches(header: str, etag: str) -> bool:
    return header.strip() == "*" or etag in [part.strip().removeprefix("W/") for part in header.split(",")]


def is_anonymous_page_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.path_info.startswith(NOT_PUBLIC)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


class PublicPageCacheMiddleware:
    """Serves anonymous page views from the shared cache (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_anonymous_page_request(request):
            return self.get_response(request)
        address = f"{request.path}?{request.META.get('QUERY_STRING', '')}"
        key = PAGE_KEY.format(hashlib.sha256(address.encode()).hexdigest())
        version, entry = versioning.current_with(key)
        token = version["token"]
        etag = '"{}"'.format(hashlib.sha256(f"{token}|{address}".encode()).hexdigest()[:32])
        if entry is not None and entry.get("version") == token:
            response = HttpResponse(entry["body"], content_type=entry["content_type"])
            for name, value in entry["headers"].items():
                response[name] = value
            response["X-Page-Cache"] = "hit"
        else:
            response = self.get_response(request)
            if not self._keeps(request, response):
                return response
            response["ETag"] = etag
            response["Cache-Control"] = _cache_control()
            patch_vary_headers(response, ["Accept-Encoding"])
            tags = getattr(request, "public_cache_tags", [])
            if tags:
                response["Cache-Tag"] = ",".join(dict.fromkeys(["site", *tags]))
            headers = {
                name: response[name]
                for name in ("ETag", "Cache-Control", "Vary", "Cache-Tag", "Content-Language", "Link")
                if response.has_header(name)
            }
            cache.set(
                key,
                {
                    "version": token,
                    "body": response.content,
                    "content_type": response["Content-Type"],
                    "headers": headers,
                },
                settings.PUBLIC_SITE_PAGE_CACHE_SECONDS,
            )
            response["X-Page-Cache"] = "miss"
        if _etag_matches(request.headers.get("If-None-Match", ""), etag):
            not_modified = HttpResponse(status=304)
            for name in ("ETag", "Cache-Control", "Vary", "Cache-Tag", "Content-Language"):
                if response.has_header(name):
                    not_modified[name] = response[name]
            return not_modified
        return response

    @staticmethod
    def _keeps(request: HttpRequest, response: HttpResponse) -> bool:
        """
        Only answers the site marked as cacheable, complete, and setting no cookie. (A
        "Vary: Cookie" from a lazily read session is kept: the request had no cookie, and the
        CDN strips cookies on public paths.)
        """
        return (
            getattr(request, "public_cacheable", False)
            and response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
        )
