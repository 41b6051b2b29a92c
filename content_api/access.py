"""
Who is calling the content API, and which channels they may read.

Anonymous callers read the public channels. A bearer token is resolved by the resolver that
partner sync registers (partners.access): the content API itself does not know what a
partner is, so that the read API stays below partner sync in the layers (docs/architecture.md).
Without a resolver every token is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from cms import clients
from cms.models import Channel

from . import ratelimit

PUBLIC_CHANNELS_KEY = "content-api:public-channels"
ACCESS_TTL = 60


@dataclass(frozen=True)
class Caller:
    """What a request may read (channels), how often (rate limit, per bucket), and for whom."""

    channel_ids: tuple[int, ...]
    rate_limit: int
    bucket: str
    partner_id: int | None = None
    # What a partner's key may do beyond reading (e.g. "comments", "opinions", "views").
    scopes: tuple[str, ...] = ()

    @property
    def is_partner(self) -> bool:
        return self.partner_id is not None


class InvalidToken(Exception):
    """A bearer token that is malformed, unknown, revoked or expired, or of a paused partner."""


class TooManyFailures(Exception):
    """A client that sent too many wrong tokens this minute: refused before any look-up."""

    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


FAILED_TOKENS_BUCKET = "failed-token:{}"


TokenResolver = Callable[[str], Caller]
_token_resolver: TokenResolver | None = None


@dataclass(frozen=True)
class TokenCache:
    """
    Where the resolver keeps what a token stands for, so that a cached answer can be served
    after one cache round trip (content_api.middleware): `key(token)` is the cache key of
    the token's entry (None for a token of the wrong shape) and `caller(entry)` the Caller
    that entry stands for, or None when it stands for nobody (invalid, revoked, expired).
    """

    key: Callable[[str], str | None]
    caller: Callable[[object], Caller | None]


_token_cache: TokenCache | None = None


def register_token_resolver(resolver: TokenResolver, cache: TokenCache | None = None) -> None:
    """Set the function that turns a bearer token into a Caller (or raises InvalidToken)."""
    global _token_resolver, _token_cache
    _token_resolver = resolver
    _token_cache = cache


def token_cache() -> TokenCache | None:
    """How the registered resolver caches tokens (None: keyed callers always take the full path)."""
    return _token_cache


def caller_for_token(token: str, client: str | None = None) -> Caller:
    """
    The caller a token stands for. With `client` (its address), a client that sent more than
    CONTENT_API_FAILED_TOKEN_LIMIT wrong tokens this minute is refused from the cache
    alone: guessing keys costs no database work and gets nowhere.
    """
    bucket = FAILED_TOKENS_BUCKET.format(client) if client else None
    if bucket and ratelimit.peek(bucket) >= settings.CONTENT_API_FAILED_TOKEN_LIMIT:
        raise TooManyFailures(ratelimit.reset_in())
    try:
        if _token_resolver is None:
            raise InvalidToken
        return _token_resolver(token)
    except InvalidToken:
        if bucket:
            ratelimit.hit(bucket, settings.CONTENT_API_FAILED_TOKEN_LIMIT)
        raise


def public_channel_ids() -> tuple[int, ...]:
    ids = cache.get(PUBLIC_CHANNELS_KEY)
    if ids is None:
        ids = tuple(Channel.objects.filter(is_public=True).order_by("pk").values_list("pk", flat=True))
        cache.set(PUBLIC_CHANNELS_KEY, ids, ACCESS_TTL)
    return ids


def forget_public_channels() -> None:
    cache.delete(PUBLIC_CHANNELS_KEY)


def anonymous(client_ip: str) -> Caller:
    return Caller(
        channel_ids=public_channel_ids(),
        rate_limit=settings.CONTENT_API_ANON_RATE_LIMIT,
        bucket=f"ip:{client_ip}",
    )


def client_ip(request) -> str:
    """The caller's address (cms.clients: behind the trusted proxies), "unknown" if it is none."""
    return clients.client_ip(request) or "unknown"
