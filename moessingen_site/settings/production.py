"""Production: secrets and hosts must come from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import env_bool

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")

# Several gunicorn workers (and replicas) must share one cache: without Redis, the database.
if not REDIS_URL:  # noqa: F405
    CACHES["default"] = {  # noqa: F405
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "moessingen_cache",
    }

# Links that leave the site (e-mails, feeds, .ics, open data) use this address; no default
# here, so that a forgotten setting is a warning of `manage.py check` (moessingen_site/checks.py)
# rather than http://127.0.0.1:8000 in every registration e-mail.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "")
MOESSINGEN_BASE_URL_REQUIRED = True

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Load balancers probe /healthz over plain HTTP inside the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# The preload token only matters if someone submits the registrable domain to the
# browsers' preload list; on the site's own subdomain it is inert. Set so that
# `check --deploy` passes without silencing.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Every e-mail – the site's own and Wagtail's notifications – goes through the outbox and is
# sent by the job runner (manage.py run_jobs) with OUTBOX_DELIVERY_BACKEND: a mail server that
# is down delays mail, never fails a request (moessingen_site/outbox.py).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "moessingen_site.outbox.OutboxBackend")
OUTBOX_DELIVERY_BACKEND = os.environ.get("OUTBOX_DELIVERY_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))

# Staff and committee members log in with a second factor unless explicitly switched off.
MOESSINGEN_2FA_REQUIRED = env_bool("MOESSINGEN_2FA_REQUIRED", True)
WAGTAIL_2FA_REQUIRED = MOESSINGEN_2FA_REQUIRED
