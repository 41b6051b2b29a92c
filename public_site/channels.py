"""The channels the public site shows: what is published to them is on the site, nothing else."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

from cms.models import Channel
from content_api.access import ACCESS_TTL, Caller

SITE_CHANNELS_KEY = "public-site:channels"


def site_channel_ids() -> tuple[int, ...]:
    """Ids of the channels in PUBLIC_SITE_CHANNELS (codes), kept a minute in the cache."""
    ids = cache.get(SITE_CHANNELS_KEY)
    if ids is None:
        codes = settings.PUBLIC_SITE_CHANNELS or []
        ids = tuple(Channel.objects.filter(code__in=codes).order_by("pk").values_list("pk", flat=True))
        cache.set(SITE_CHANNELS_KEY, ids, ACCESS_TTL)
    return ids


def forget_site_channels() -> None:
    cache.delete(SITE_CHANNELS_KEY)


def site_reader() -> Caller:
    """The public site reads the projection as a caller entitled to its channels."""
    return Caller(channel_ids=site_channel_ids(), rate_limit=0, bucket="public-site")
