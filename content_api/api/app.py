"""The content API application: Django Ninja, as Wagtail's own API v3 is built."""

from __future__ import annotations

from functools import wraps

from django.urls import URLPattern
from ninja import NinjaAPI, Swagger
from wagtail.api.v3.errors import problem_response

from . import errors
from .routers import router

DESCRIPTION = """
Read-only content of the People's Procuracy exemplar CMS for partner portals.

* **Who sees what.** Without `Authorization`, only content approved for the `public`
  channel. With `Authorization: Bearer <token>` (a key issued by the Office), the channels
  your partner record is entitled to. Drafts, private or expired pages and internal fields
  never appear.
* **Pagination.** Follow `next` (an opaque cursor); `limit` is 1 to 100; `count=true`
  adds the total.
* **Caching.** Every 200 has a strong `ETag`; send it back in `If-None-Match` to get a 304.
* **Writes** (readers' comments, opinions, consultation views sent by partner sites) need
  a key with the matching scope; without `Authorization` they answer 401.
* **Errors** are problem details (`application/problem+json`) naming the parameter at fault.
* **Rate limits** answer 429 with `Retry-After`.
"""


def _header(description: str, type_: str = "string") -> dict:
    return {"description": description, "schema": {"type": type_}}


CACHE_HEADERS = {
    "ETag": _header("Strong validator; send it back in If-None-Match."),
    "Last-Modified": _header("When the content served last changed."),
    "Cache-Control": _header("public with s-maxage for anonymous callers, private for partners."),
    "Cache-Tag": _header("Comma-separated tags (item, collection, unit, campaign) for CDN purges."),
}


class ContentAPI(NinjaAPI):
    """Ninja's generated document, completed with what the endpoints really answer."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        for path in schema["paths"].values():
            for method, operation in path.items():
                # A bearer token is optional for reads: without one the caller reads the public
                # channel. Writes (the public's voice sent by partner sites) need a partner's key
                # with the matching scope: without one they answer 401.
                if operation.get("security") and method == "get":
                    operation["security"].append({})
                responses = {str(status): response for status, response in operation["responses"].items()}
                operation["responses"] = responses
                if method == "get":
                    operation["parameters"] = [
                        *operation.get("parameters", []),
                        {
                            "in": "header",
                            "name": "If-None-Match",
                            "required": False,
                            "schema": {"type": "string"},
                            "description": "An ETag from an earlier answer; 304 when it still matches.",
                        },
                    ]
                    responses["200"]["headers"] = CACHE_HEADERS
                    responses["304"] = {
                        "description": "Not Modified: your copy is current.",
                        "headers": CACHE_HEADERS,
                    }
                for status, response in responses.items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        response["content"] = {"application/problem+json": content["application/json"]}
                if "429" in responses:
                    responses["429"]["headers"] = {"Retry-After": _header("Seconds to wait.", "integer")}
        return schema

    def _get_urls(self):
        """Every view answers an unsupported method with a 405 problem, not Django's empty page."""
        return [
            URLPattern(
                url.pattern,
                problem_for_not_allowed(url.callback, read_only=url.name in DOCUMENT_VIEWS),
                url.default_args,
                url.name,
            )
            if isinstance(url, URLPattern)
            else url
            for url in super()._get_urls()
        ]


# Ninja's OpenAPI document and docs page answer any method; they only read.
DOCUMENT_VIEWS = {"openapi-json", "openapi-view"}


def problem_for_not_allowed(view, read_only: bool = False):
    """
    A method an endpoint does not take (and anything but GET on the OpenAPI document and
    docs, which would otherwise answer it) is a 405 problem with `Allow`. Endpoints that take
    writes (comments, opinions, views: engagement/) declare them as Ninja operations.
    """

    @wraps(view)
    def answer(request, *args, **kwargs):
        if read_only and request.method not in ("GET", "HEAD"):
            response = problem_response(
                status=405, detail=f"Method {request.method} is not allowed here; use GET."
            )
            response["Allow"] = "GET"
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith(
            "application/problem+json"
        ):
            allowed = response.get("Allow", "GET")
            response = problem_response(
                status=405, detail=f"Method {request.method} is not allowed here; use {allowed}."
            )
            response["Allow"] = allowed
        return response

    return answer


class FramedSwagger(Swagger):
    """Swagger UI inside a Vietnamese page (title, introduction); the reference stays English."""

    template = "content_api/docs.html"


api = ContentAPI(
    title="VKSND exemplar content API",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="content_api",
    openapi_url="/openapi.json",
    docs_url="/docs/",
    # Nothing leaves the origin: Swagger UI would otherwise send the document to
    # validator.swagger.io for its badge. Without deep links, an operation's summary is one
    # button again: Swagger UI put a link inside it, which keyboards and screen readers
    # cannot reach apart (axe-core: nested-interactive).
    docs=FramedSwagger(settings={"validatorUrl": None, "deepLinking": False}),
)
errors.register(api)
api.add_router("/", router)
# Apps above the read API add their own routers (partners/apps.py: the change feed, preview).


def not_found(request, *args, **kwargs):
    """Anything under the API's prefix that no endpoint matches: a 404 problem, not an HTML page."""
    return problem_response(status=404, detail="No endpoint at this address; see /api/content/v1/docs/.")
