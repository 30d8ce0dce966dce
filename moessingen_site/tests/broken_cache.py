"""A cache backend that fails every call, as an unreachable cache server would: the rate
limits must then be skipped, never turn a request into a 500."""

from django.core.cache.backends.base import BaseCache


class BrokenCache(BaseCache):
    def __init__(self, location, params):
        super().__init__(params)

    def _fail(self, *args, **kwargs):
        raise ConnectionError("cache unreachable")

    add = get = set = delete = incr = touch = has_key = clear = _fail
