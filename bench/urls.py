"""
URLs of the benchmark: the project's own, plus Wagtail's stock API v3 and a ceiling view.

The ceiling (`/api/bench/fixed/`) answers fixed bytes of the size of a content API list page
through the same middleware stack, with no database or cache work: the best a Django view
can do on this machine, against which the cached list is compared.
"""

from django.core.cache import cache
from django.http import HttpResponse
from django.urls import path
from wagtail.api.v3.urls import api as wagtail_api

from vksnd.site_urls import urlpatterns as project_urlpatterns

# Set by bench/run.py before measuring, to the bytes of a real list page. Under gunicorn
# (bench/served.py) each worker reads them once from the cache, where the runner put them.
FIXED_BODY = {"bytes": None}
FIXED_CACHE_KEY = "bench:fixed-body"
# Set by bench/run.py to the bytes of a cached public exemplar page (same arrangement).
FIXED_PAGE = {"bytes": None}
FIXED_PAGE_CACHE_KEY = "bench:fixed-page"


def _bytes(holder: dict, key: str) -> bytes:
    if holder["bytes"] is None:
        holder["bytes"] = cache.get(key, b"{}")
    return holder["bytes"]


def fixed(request):
    """The ceiling: a constant JSON body with the headers a cached list response carries."""
    response = HttpResponse(_bytes(FIXED_BODY, FIXED_CACHE_KEY), content_type="application/json")
    response["ETag"] = '"0123456789abcdef0123456789abcdef"'
    response["Cache-Control"] = "public, max-age=60"
    return response


def fixed_from_cache(request):
    """The ceiling plus one cache round trip (Redis): what one lookup per request costs."""
    response = HttpResponse(cache.get(FIXED_CACHE_KEY, b"{}"), content_type="application/json")
    response["ETag"] = '"0123456789abcdef0123456789abcdef"'
    response["Cache-Control"] = "public, max-age=60"
    return response


def fixed_page(request):
    """The public site's ceiling: the HTML of an exemplar page with its cached headers."""
    response = HttpResponse(_bytes(FIXED_PAGE, FIXED_PAGE_CACHE_KEY), content_type="text/html; charset=utf-8")
    response["ETag"] = '"0123456789abcdef0123456789abcdef"'
    response["Cache-Control"] = "public, max-age=60, s-maxage=300, stale-while-revalidate=600"
    return response


def fixed_page_from_cache(request):
    """The public site's ceiling plus one cache round trip (the page's HTML read from Redis)."""
    response = HttpResponse(cache.get(FIXED_PAGE_CACHE_KEY, b""), content_type="text/html; charset=utf-8")
    response["ETag"] = '"0123456789abcdef0123456789abcdef"'
    response["Cache-Control"] = "public, max-age=60, s-maxage=300, stale-while-revalidate=600"
    return response


# Under /api/, like the content API, so that the public site's page cache (which looks up
# every other anonymous GET) stays out of the ceilings: they do no cache work at all.
# Before the project's patterns: they end with Wagtail's catch-all page serving.
urlpatterns = [
    path("api/bench/fixed/", fixed),
    path("api/bench/fixed-cache/", fixed_from_cache),
    path("api/bench/fixed-page/", fixed_page),
    path("api/bench/fixed-page-cache/", fixed_page_from_cache),
    path("api/v3/", wagtail_api.urls),
    *project_urlpatterns,
]
