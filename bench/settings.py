"""The production settings plus one URL: a bare Django view as the benchmark's yardstick.

Everything else – middleware, templates, database, cache, gunicorn flags – is exactly what
production runs, so a page's throughput divided by the bare view's says how much the page
itself costs.
"""

import os

from moessingen_site.settings.production import *  # noqa: F401,F403

ROOT_URLCONF = "bench.urls"

# The "miss" run sends this header: the page cache neither answers nor stores, everything
# else (fragment caches in Redis) works as in production. No other settings name it.
MOESSINGEN_PAGE_CACHE_BYPASS_HEADER = "HTTP_X_BENCH_MISS"

# The "cold" run: nothing is cached anywhere (pages, fragments, Wagtail's own entries) –
# the cost of the first request after a content change, and of a cache outage.
COLD_CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}  # noqa: F405
if os.environ.get("BENCH_COLD") == "1":
    CACHES = COLD_CACHES
