"""
Who is calling the content API, and which channels they may read.

Anonymous callers read the public channels. Partners present a Wagtail `APIToken` of their
service account; the token, its expiry and the partner's channels are resolved once and
kept in the cache for a minute (forgotten at once when a token, partner or channel
changes), so that a request — a 304 above all — does not need the database.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import APIToken

from cms.models import Channel

from .models import Partner, PartnerToken

TOKEN_KEY = "content-api:token:{}"  # noqa: S105 (a cache key pattern, not a secret)
PUBLIC_CHANNELS_KEY = "content-api:public-channels"
ACCESS_TTL = 60


@dataclass(frozen=True)
class Caller:
    channel_ids: tuple[int, ...]
    rate_limit: int
    bucket: str
    partner_id: int | None = None

    @property
    def is_partner(self) -> bool:
        return self.partner_id is not None


class InvalidToken(Exception):
    """A bearer token that is malformed, unknown, revoked or expired, or of a paused partner."""


def public_channel_ids() -> tuple[int, ...]:
    ids = cache.get(PUBLIC_CHANNELS_KEY)
    if ids is None:
        ids = tuple(Channel.objects.filter(is_public=True).order_by("pk").values_list("pk", flat=True))
        cache.set(PUBLIC_CHANNELS_KEY, ids, ACCESS_TTL)
    return ids


def anonymous(client_ip: str) -> Caller:
    return Caller(
        channel_ids=public_channel_ids(),
        rate_limit=settings.CONTENT_API_ANON_RATE_LIMIT,
        bucket=f"ip:{client_ip}",
    )


def _resolve(token: str) -> dict | None:
    partner_token = (
        PartnerToken.objects.select_related("token", "partner")
        .filter(token__key_hash__in=APIToken.candidate_key_hashes(token))
        .first()
    )
    if partner_token is None or not partner_token.is_usable:
        return None
    partner = partner_token.partner
    updates = {"last_used_at": timezone.now()}
    current_hash = APIToken.hash_token(token)
    if partner_token.token.key_hash != current_hash:
        # Matched through SECRET_KEY_FALLBACKS: re-hash with the current key (as Django
        # upgrades password hashes), so revoking it later forgets the right cache entry.
        updates["key_hash"] = current_hash
    APIToken.objects.filter(pk=partner_token.token_id).update(**updates)
    return {
        "partner_id": partner.pk,
        "channel_ids": tuple(sorted(partner.channels.values_list("pk", flat=True))),
        "rate_limit": partner.rate_limit,
        "expires_at": partner_token.expires_at.timestamp() if partner_token.expires_at else None,
    }


def partner(token: str) -> Caller:
    """The partner a bearer token speaks for; InvalidToken when it speaks for nobody."""
    if not APIToken.validate_token_format(token):
        raise InvalidToken
    key = TOKEN_KEY.format(APIToken.hash_token(token))
    entry = cache.get(key)
    if entry is None:
        entry = _resolve(token) or {"invalid": True}
        cache.set(key, entry, ACCESS_TTL)
    if entry.get("invalid") or (entry["expires_at"] is not None and entry["expires_at"] <= time.time()):
        raise InvalidToken
    return Caller(
        channel_ids=entry["channel_ids"],
        rate_limit=entry["rate_limit"],
        bucket=f"partner:{entry['partner_id']}",
        partner_id=entry["partner_id"],
    )


def forget_token_hash(key_hash: str | None) -> None:
    if key_hash:
        cache.delete(TOKEN_KEY.format(key_hash))


def forget_partner(partner: Partner) -> None:
    hashes = APIToken.objects.filter(user_id=partner.service_account_id).values_list("key_hash", flat=True)
    cache.delete_many([TOKEN_KEY.format(h) for h in hashes])


def forget_all() -> None:
    cache.delete(PUBLIC_CHANNELS_KEY)
    for partner_obj in Partner.objects.all():
        forget_partner(partner_obj)


def client_ip(request) -> str:
    """The caller's address; behind N trusted proxies, the Nth address from the right of X-Forwarded-For."""
    proxies = settings.CONTENT_API_TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "unknown")
