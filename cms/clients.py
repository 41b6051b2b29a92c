"""The address of the client behind the reverse proxies this deployment trusts."""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    """
    The caller's address: REMOTE_ADDR, or behind CONTENT_API_TRUSTED_PROXIES proxies the Nth
    address from the right of X-Forwarded-For (the one the outermost trusted proxy saw; what
    the client wrote before it is ignored). None when that is not an IP address.
    """
    proxies = settings.CONTENT_API_TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    address = request.META.get("REMOTE_ADDR", "")
    if proxies and forwarded:
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if len(hops) >= proxies:
            address = hops[-proxies]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
