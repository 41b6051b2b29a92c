"""
Partners calling the content API: a bearer token resolved to the partner's channels.

Partners present a Wagtail `APIToken` of their service account; the token, its expiry and the
partner's channels are resolved once and kept in the cache for a minute (forgotten at once
when a token, partner or channel changes), so that a request — a 304 above all — does not need
the database. Registered with the content API as its token resolver (partners/apps.py).
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.utils import timezone
from wagtail.models import APIToken

from content_api.access import ACCESS_TTL, Caller, InvalidToken, forget_public_channels

from .models import Partner, PartnerToken

TOKEN_KEY = "content-api:token:{}"  # noqa: S105 (a cache key pattern, not a secret)


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
        "scopes": tuple(partner_token.scopes or ()),
    }


def token_key(token: str) -> str | None:
    """The cache key of what `token` stands for; None for a token of the wrong shape."""
    if not APIToken.validate_token_format(token):
        return None
    return TOKEN_KEY.format(APIToken.hash_token(token))


def caller_of_entry(entry) -> Caller | None:
    """The Caller a cached token entry stands for; None when it stands for nobody (now)."""
    if not isinstance(entry, dict) or entry.get("invalid"):
        return None
    if entry["expires_at"] is not None and entry["expires_at"] <= time.time():
        return None
    return Caller(
        channel_ids=entry["channel_ids"],
        rate_limit=entry["rate_limit"],
        bucket=f"partner:{entry['partner_id']}",
        partner_id=entry["partner_id"],
        scopes=tuple(entry.get("scopes", ())),
    )


def caller_for_token(token: str) -> Caller:
    """The partner a bearer token speaks for; InvalidToken when it speaks for nobody."""
    key = token_key(token)
    if key is None:
        raise InvalidToken
    entry = cache.get(key)
    if entry is None:
        entry = _resolve(token) or {"invalid": True}
        cache.set(key, entry, ACCESS_TTL)
    caller = caller_of_entry(entry)
    if caller is None:
        raise InvalidToken
    return caller


def caller_for_partner(partner: Partner) -> Caller:
    """What `partner` reads, without a token (webhook payloads are what the API gives it)."""
    return Caller(
        channel_ids=tuple(sorted(partner.channels.values_list("pk", flat=True))),
        rate_limit=partner.rate_limit,
        bucket=f"partner:{partner.pk}",
        partner_id=partner.pk,
    )


def forget_token_hash(key_hash: str | None) -> None:
    if key_hash:
        cache.delete(TOKEN_KEY.format(key_hash))


def forget_partner(partner: Partner) -> None:
    hashes = APIToken.objects.filter(user_id=partner.service_account_id).values_list("key_hash", flat=True)
    cache.delete_many([TOKEN_KEY.format(h) for h in hashes])


def forget_all() -> None:
    forget_public_channels()
    for partner in Partner.objects.all():
        forget_partner(partner)
