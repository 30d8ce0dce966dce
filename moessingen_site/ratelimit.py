"""Counting submissions of the public forms (event registration, accessibility feedback).

The counts live in the "ratelimit" cache, the database cache (settings: RATE_LIMIT_CACHE):
every worker and instance reads the same numbers, and an outage of Redis does not open
the limits. Each caller chooses limits that fit how the form is really used.
"""

import hashlib
import logging

from django.core.cache import caches
from django.db import DatabaseError

from .security import client_ip

logger = logging.getLogger(__name__)


def client_address(request):
    """The visitor's address as the login lockout sees it (honours TRUSTED_PROXY_COUNT)."""
    return client_ip(request) or "unknown"


def hit(scope, identity, limit, period):
    """Counts one submission of `identity` (an address, an e-mail address …) in `scope`;
    True once there were more than `limit` within `period` seconds.

    The identity is hashed: no e-mail address is written into the cache table. Should the
    cache's table be unwritable for a moment (SQLite: "database is locked"), the submission
    is let through rather than answered with a 500; the form's own checks still apply."""
    digest = hashlib.sha256(str(identity).encode()).hexdigest()[:32]
    key = f"ratelimit:{scope}:{digest}"
    cache = caches["ratelimit"]
    try:
        cache.add(key, 0, period)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, period)
            count = 1
    except DatabaseError:
        logger.warning("Rate limit count for %s not stored", scope, exc_info=True)
        return False
    return count > limit
