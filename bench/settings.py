"""The production settings plus one URL: a bare Django view as the benchmark's yardstick.

Everything else – middleware, templates, database, cache, gunicorn flags – is exactly what
production runs, so a page's throughput divided by the bare view's says how much the page
itself costs.
"""

from moessingen_site.settings.production import *  # noqa: F401,F403

ROOT_URLCONF = "bench.urls"

# The "miss" run sends this header with "miss": the page cache neither answers nor stores,
# the fragment caches work as in production; the "cold" run sends "cold": as the first
# request after a content change, no page and no fragment is current (each request gets a
# fresh content version). No other settings name it.
MOESSINGEN_PAGE_CACHE_BYPASS_HEADER = "HTTP_X_BENCH_MISS"
