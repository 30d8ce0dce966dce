"""Test settings: fast hashing, local-memory cache, no manifest needed for static files."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The cache as production runs it: local memory beside SQLite (one process), Redis beside
# PostgreSQL (CI's second run; TEST_REDIS_URL, default the local Redis). Each pytest-xdist
# worker gets a Redis database of its own, since every test starts by emptying the cache.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw-1")
    redis_db = 10 + int(worker.removeprefix("gw") or -1) + 1
    CACHES = {  # noqa: F405
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"{os.environ.get('TEST_REDIS_URL', 'redis://127.0.0.1:6379')}/{redis_db}",
            "KEY_PREFIX": "moessingen-test",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.5},
        },
        "ratelimit": RATE_LIMIT_CACHE,  # noqa: F405
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}, "ratelimit": RATE_LIMIT_CACHE}  # noqa: F405
# As in production: the whole-page cache and the fragment caches are on (conftest.py
# empties the cache before every test, so nothing is carried from one test into the next).
MOESSINGEN_PAGE_CACHE = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Files on disk in a throw-away folder: Wagtail serves documents from a real path.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="moessingen-test-media-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
DEMO_USERS_ALLOWED = True
# Tests that need them switch these on (moessingen_site/tests/test_login_security.py):
# Django's test client logs in without a request, which django-axes refuses.
MOESSINGEN_2FA_REQUIRED = WAGTAIL_2FA_REQUIRED = False
AXES_ENABLED = False
# Drawing every news picture's AVIF renditions on publish takes seconds; each test that loads
# the demo content would pay for it (news/tests/test_renditions.py switches it on).
MOESSINGEN_PREPARE_RENDITIONS = False
