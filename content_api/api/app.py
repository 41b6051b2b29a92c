"""The content API application: Django Ninja, as Wagtail's own API v3 is built."""

from __future__ import annotations

from ninja import NinjaAPI

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
* **Errors** are problem details (`application/problem+json`) naming the parameter at fault.
* **Rate limits** answer 429 with `Retry-After`.
"""


class ContentAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        # A bearer token is optional: without one the caller reads the public channel.
        for path in schema["paths"].values():
            for operation in path.values():
                if operation.get("security"):
                    operation["security"].append({})
        return schema


api = ContentAPI(
    title="VKSND exemplar content API",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="content_api",
    openapi_url="/openapi.json",
    docs_url="/docs/",
)
errors.register(api)
api.add_router("/", router)
