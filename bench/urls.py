"""
URLs of the benchmark: the project's own, plus Wagtail's stock API v3 and a ceiling view.

The ceiling (`/bench/fixed/`) answers fixed bytes of the size of a content API list page
through the same middleware stack, with no database or cache work: the best a Django view
can do on this machine, against which the cached list is compared.
"""

from django.core.cache import cache
from django.http import HttpResponse
from django.urls import path
from wagtail.api.v3.urls import api as wagtail_api

from vksnd.site_urls import urlpatterns as project_urlpatterns

# Set by bench/run.py before measuring, to the bytes of a real list page.
FIXED_BODY = {"bytes": b"{}"}
FIXED_CACHE_KEY = "bench:fixed-body"


def fixed(request):
    """The ceiling: a constant JSON body with the headers a cached list response carries."""
    response = HttpResponse(FIXED_BODY["bytes"], content_type="application/json")
    response["ETag"] = '"0123456789abcdef0123456789abcdef"'
    response["Cache-Control"] = "public, max-age=60"
    return response


def fixed_from_cache(request):
    """The ceiling plus one cache round trip (Redis): what one lookup per request costs."""
    response = HttpResponse(cache.get(FIXED_CACHE_KEY, b"{}"), content_type="application/json")
    response["ETag"] = '"0123456789abcdef0123456789abcdef"'
    response["Cache-Control"] = "public, max-age=60"
    return response


# Before the project's patterns: they end with Wagtail's catch-all page serving.
urlpatterns = [
    path("bench/fixed/", fixed),
    path("bench/fixed-cache/", fixed_from_cache),
    path("api/v3/", wagtail_api.urls),
    *project_urlpatterns,
]
