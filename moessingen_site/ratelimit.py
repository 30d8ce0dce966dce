"""Counting submissions of the public forms and failed attempts at every login door.

The counts live in the "ratelimit" cache, the database cache (settings: RATE_LIMIT_CACHE):
every worker and instance reads the same numbers, and an outage of Redis does not open
the limits. Should that cache fail (the database table unwritable for a moment), a limit
is not applied rather than the request answered with a 500: the form's own checks still
hold. Each caller chooses limits that fit how the form is really used.

E-mail addresses are counted in one spelling (``normalized_email``): "Name+x@Example.org"
and "\"name\"@example.org" reach the same mailbox as "name@example.org" and count as it.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import caches


def client_ip(request):
    """The visitor's address for django-axes.

    REMOTE_ADDR, unless the site runs behind TRUSTED_PROXY_COUNT proxies: then the
    address the outermost trusted proxy saw, from the right end of X-Forwarded-For
    (entries further left are whatever the client chose to send).
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


logger = logging.getLogger(__name__)


def client_address(request):
    """The visitor's address as the login lockout sees it (honours TRUSTED_PROXY_COUNT)."""
    return client_ip(request) or "unknown"


def normalized_email(address):
    """The one spelling of `address` that the limits count: lower case, the quotes of a
    quoted local part removed, a "+tag" cut off. Only for counting; mail goes to the
    address as typed."""
    address = str(address or "").strip().lower()
    local, at, domain = address.rpartition("@")
    if not at:
        return address
    if len(local) >= 2 and local.startswith('"') and local.endswith('"'):
        local = local[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    local = local.split("+", 1)[0]
    return f"{local}@{domain}"


def _key(scope, identity):
    digest = hashlib.sha256(str(identity).encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def hit(scope, identity, limit, period):
    """Counts one submission of `identity` (an address, an e-mail address …) in `scope`;
    True once there were more than `limit` within `period` seconds.

    The identity is hashed: no e-mail address is written into the cache table."""
    key = _key(scope, identity)
    cache = caches["ratelimit"]
    try:
        cache.add(key, 0, period)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, period)
            count = 1
    except Exception:  # a cache outage costs the limit, never the request
        logger.warning("Rate limit count for %s not stored", scope, exc_info=True)
        return False
    return count > limit


def is_over(scope, identity, limit):
    """True if `identity` has `limit` or more counts in `scope` (without counting one)."""
    try:
        return caches["ratelimit"].get(_key(scope, identity), 0) >= limit
    except Exception:
        logger.warning("Rate limit count for %s not read", scope, exc_info=True)
        return False


def lift(scope, identity):
    """Forgets the count of `identity` in `scope` (staff lifting a lock)."""
    try:
        caches["ratelimit"].delete(_key(scope, identity))
    except Exception:
        logger.warning("Rate limit count for %s not deleted", scope, exc_info=True)
