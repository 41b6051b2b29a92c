"""Authentication of the content API: a partner's Wagtail API token, or nobody (public)."""

from __future__ import annotations

from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from .. import access


class PartnerOrPublic(HttpBearer):
    """
    `Authorization: Bearer <token>` of a partner's service account gives that partner's
    channels; no Authorization header gives the public channels. A header that is present
    but wrong (malformed, unknown, revoked or expired token) is a 401, never a silent
    fall-back to public. Sessions are ignored: an admin's cookie changes nothing here.
    """

    def __call__(self, request):
        header = request.headers.get("Authorization")
        if header is None:
            # The public channels as content_api.middleware read them for this request, if it did.
            read = getattr(request, "content_api_read", None) or {}
            return access.anonymous(access.client_ip(request), channels=read.get("public_channels"))
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthenticationError()
        return self.authenticate(request, token.strip())

    def authenticate(self, request, token: str):
        try:
            return access.caller_for_token(token, client=access.client_ip(request))
        except access.InvalidToken:
            raise AuthenticationError() from None
