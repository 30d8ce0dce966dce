"""The production settings plus one URL: a bare Django view as the benchmark's yardstick.

Everything else – middleware, templates, database, cache, gunicorn flags – is exactly what
production runs, so a page's throughput divided by the bare view's says how much the page
itself costs.
"""

from moessingen_site.settings.production import *  # noqa: F401,F403

ROOT_URLCONF = "bench.urls"
