"""Local development: DEBUG on, e-mail to the console, a fixed insecure key."""

from .base import *  # noqa: F401,F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Served by runserver without collectstatic.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
DEMO_USERS_ALLOWED = True

# Password-only admin login for the README's demo users; production asks for a second factor.
MOESSINGEN_2FA_REQUIRED = env_bool("MOESSINGEN_2FA_REQUIRED", False)
WAGTAIL_2FA_REQUIRED = MOESSINGEN_2FA_REQUIRED
