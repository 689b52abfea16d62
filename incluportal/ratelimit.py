"""Requests per client address, counted in the shared cache (Redis in
production, so every app server counts together).

Fixed windows: an address may make ``limit`` requests in each ``window``
seconds of a scope; the next ones are refused until the window turns. A
cache that cannot be reached lets the request through: a public page that
answers is worth more than a limit that is briefly not counted.
"""

import logging
import time

from django.core.cache import cache

log = logging.getLogger(__name__)


def client_address(request):
    """The address the request came from: the socket's peer. Behind a proxy,
    the proxy sets it (gunicorn's ``forwarded_allow_ips``); a header the
    client wrote is never trusted here."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def over_limit(request, scope, limit, window):
    """Whether this request is one too many (counts it either way).

    ``limit`` 0 or less switches the limit off.
    """
    if limit <= 0:
        return False
    bucket = int(time.time() // window)
    key = f"ratelimit:{scope}:{client_address(request)}:{bucket}"
    try:
        if cache.add(key, 1, timeout=window + 1):
            return False
        return cache.incr(key) > limit
    except ValueError:  # the window expired between add and incr
        cache.set(key, 1, timeout=window + 1)
        return False
    except Exception:  # an unreachable cache: let the request through
        log.warning("Rate limit not counted: the cache did not answer", exc_info=True)
        return False


def retry_after(window):
    """Seconds until the current window turns."""
    return int(window - time.time() % window) + 1
