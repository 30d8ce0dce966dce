"""Settings shared by every environment; values that differ come from the environment.

dev.py, production.py and test.py import everything from here and change only
what their environment needs.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "moessingen_site",
    "concept",
    "news",
    "committee",
    "events",
    "follow",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    # Page translation: the editor's translation view, PO download/upload, and the admin's
    # "Sprachen" settings (wagtail_localize.locales replaces wagtail.locales).
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Security (issue 6): CSP headers, login lockout, two-factor login for the admin.
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "wagtail_2fa",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # django-csp's middleware with the admin's policy and framing of previews (security.py).
    "moessingen_site.security.SiteCSPMiddleware",
    "moessingen_site.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Gzip for text to visitors without a session: below WhiteNoise (static files come
    # precompressed), above the page cache (hits compressed too); BREACH: see its docstring.
    "moessingen_site.compression.PublicGZipMiddleware",
    # Whole-page cache for anonymous visitors (issue 7); before sessions, see its docstring.
    "moessingen_site.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Also django-otp's OTPMiddleware; asks staff for the second factor when MOESSINGEN_2FA_REQUIRED.
    "wagtail_2fa.middleware.VerifyUserMiddleware",
    # Setting up a second factor needs a link from the mailbox, not the password alone.
    "moessingen_site.security.SecondFactorEnrolmentMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The committee reaches only an allow-list of admin URLs (issue 13).
    "moessingen_site.committee_access.CommitteeAdminAllowListMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Failed logins per address, beside django-axes' per username-and-address lock.
    "moessingen_site.security.LoginAddressLimitMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "moessingen_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                # `cache_version` for fragment cache keys ({% wagtailcache %}), see cache.py.
                "moessingen_site.cache.template_context",
                # `site_parts`: navigation, footer, Leichte Sprache links (layout.py), read lazily.
                "moessingen_site.layout.site_parts",
            ],
        },
    },
]

WSGI_APPLICATION = "moessingen_site.wsgi.application"

# The embedded default is a SQLite file next to the code; production sets DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite serialises writers: wait for the lock instead of failing at once, and take it
    # when a transaction begins (no upgrade deadlock between two registrations).
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The one shared cache: whole pages, fragments, the content version (moessingen_site/cache.py).
# Redis when REDIS_URL is set (shared by every worker and instance). An unreachable Redis
# costs speed, never a page: django-redis answers every cache call as a miss then
# (IGNORE_EXCEPTIONS), after a short connect timeout, and logs it.
REDIS_URL = os.environ.get("REDIS_URL")
# Rate limits live in the database (Django's database cache, table created by migration
# moessingen_site/0005): they hold across workers and instances and while Redis is down.
RATE_LIMIT_CACHE = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "moessingen_ratelimit",
    # Django culls a third of the entries beyond MAX_ENTRIES: a flood must not wipe the counters.
    "OPTIONS": {"MAX_ENTRIES": 100000},
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "moessingen",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": float(os.environ.get("REDIS_CONNECT_TIMEOUT", "0.25")),
                "SOCKET_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
            },
        },
        "ratelimit": RATE_LIMIT_CACHE,
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    # One process (the development server): local memory. Production without Redis uses
    # the database instead (settings/production.py), which all workers share.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}, "ratelimit": RATE_LIMIT_CACHE}

# Whole-page cache for anonymous visitors (moessingen_site/cache.py), on by default.
MOESSINGEN_PAGE_CACHE = env_bool("MOESSINGEN_PAGE_CACHE", True)
MOESSINGEN_PAGE_CACHE_TIMEOUT = int(os.environ.get("MOESSINGEN_PAGE_CACHE_TIMEOUT", "300"))
# How long browsers may reuse a public page without asking again (they revalidate by ETag).
MOESSINGEN_BROWSER_CACHE_SECONDS = int(os.environ.get("MOESSINGEN_BROWSER_CACHE_SECONDS", "60"))
# Optional: purge a frontend cache (Varnish, a CDN's HTTP purge endpoint …) when a page is
# published, only if FRONTEND_CACHE_PURGE_URL is set. Pages that merely list the changed
# page expire there after MOESSINGEN_BROWSER_CACHE_SECONDS.
FRONTEND_CACHE_PURGE_URL = os.environ.get("FRONTEND_CACHE_PURGE_URL")
if FRONTEND_CACHE_PURGE_URL:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "de"
# The site's languages, each named in itself (the language switcher shows these names).
# Leichte Sprache is a language of its own, so that any page can have a version in it:
# "de-x-ls" is a private-use tag (BCP 47); "de-ls" would mean German as used in Lesotho.
LANGUAGES = [
    ("de", "Deutsch"),
    ("de-x-ls", "Leichte Sprache"),
    ("en", "English"),
    ("tr", "Türkçe"),
    ("ar", "العربية"),
    ("uk", "Українська"),
]
# German keeps its addresses without a prefix (/integrationskonzept/…); the others get one (/ar/…).
PREFIX_DEFAULT_LANGUAGE = False
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# Django names a language through its LANG_INFO table, which knows no private-use tags;
# this is the table's documented shape (django/conf/locale/__init__.py).
LANG_INFO_EXTRA = {
    "de-x-ls": {"bidi": False, "code": "de-x-ls", "name": "Easy German", "name_local": "Leichte Sprache"},
}
from django.conf.locale import LANG_INFO  # noqa: E402

LANG_INFO.update(LANG_INFO_EXTRA)

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Where Django's date formats for a language read wrong (moessingen_site/formats/).
FORMAT_MODULE_PATH = ["moessingen_site.formats"]
# No machine translation is reachable from the servers; a backend wagtail-localize supports
# (e.g. DeepL) can be configured here, see the README. Off by default.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
WAGTAILADMIN_PERMITTED_LANGUAGES = [("de", "Deutsch"), ("en", "English")]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Zuhause in Mössingen"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")

WAGTAILSEARCH_BACKENDS = {
    "default": {
        # Full-text search of the database (SQLite FTS5, PostgreSQL tsvector). Pages index
        # their words already stemmed in their own language (moessingen_site/search.py), so
        # PostgreSQL's configuration is "simple": one index for six languages, nothing
        # stemmed twice, the same results on both databases.
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "simple",
    }
}

# mp4/webm: sign-language videos (SignLanguagePage) are served from the site itself.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "mp4", "odt", "pdf", "pptx", "rtf", "txt", "webm", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# Wagtail's image form with a form error, not a 500, for a decompression bomb (image_forms.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "moessingen_site.image_forms.ImageForm"
WAGTAILEMBEDS_FINDERS = []  # embeds would load third-party content

WAGTAIL_ENABLE_UPDATE_CHECK = False
# Slugs in ASCII, umlauts spelt out (ä → ae, moessingen_site/slugs.py): no %C3%B6 in addresses.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No Gravatar: the admin's policy allows no third-party images (they showed as broken).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The demo users have published passwords; only dev and test settings switch this on.
DEMO_USERS_ALLOWED = False
WAGTAIL_MODERATION_ENABLED = True

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "integration@moessingen.de")
# Registrations to events are deleted this many days after the event ends
# (`manage.py delete_event_registrations`, run daily by cron or a scheduler).
EVENTS_REGISTRATION_RETENTION_DAYS = int(os.environ.get("EVENTS_REGISTRATION_RETENTION_DAYS", "30"))
# Registration form submissions allowed (count, seconds): per client address (high enough
# for a shelter's shared Wi-Fi or a class registering together), and per e-mail address and
# event (each submission mails that address). Why these numbers: events/registration.py.
EVENTS_REGISTRATION_RATE_LIMIT = (30, 600)
EVENTS_REGISTRATION_EMAIL_LIMIT = (3, 24 * 3600)
# Published in /.well-known/security.txt (RFC 9116): where to report a vulnerability.
SECURITY_CONTACT = os.environ.get("SECURITY_CONTACT", f"mailto:{DEFAULT_FROM_EMAIL}")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Audit lines and background-task chatter belong in Wagtail's own log, not on stdout.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}


# --- Security and privacy (issue 6) -------------------------------------------------
# Headers Django sets on every response; HSTS and secure cookies are in production.py.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Public pages: everything from the site's own origin, nothing inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "media-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The Wagtail admin needs inline scripts and styles and frames its own previews.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "media-src": ["'self'", "blob:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-src": ["'self'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}

# Admin login lockout (django-axes): five wrong passwords for one account from one address
# lock that account at that address for an hour; the same account elsewhere, and other
# accounts at that address, still log in (a stranger cannot lock staff out, nor can five
# typos in the town hall lock out the whole town hall). Password spraying from one address
# over many accounts meets a separate, much higher limit for the address alone
# (MOESSINGEN_LOGIN_ADDRESS_LIMIT, counted in the "ratelimit" cache by
# moessingen_site.security, as axes has only one limit for all its parameters).
# Behind a load balancer set TRUSTED_PROXY_COUNT so the visitor's address is read from
# X-Forwarded-For (moessingen_site.security.client_ip).
# An administrator lifts a lock with `manage.py axes_reset_username <name>`, an address's
# lock with `manage.py login_unlock <address>` or `axes_reset_ip <address>` (AXES_HANDLER).
# The same limits cover the front-end login, page passwords and password reset (security.py).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Failed logins from one address, whatever the username: (failures, seconds).
MOESSINGEN_LOGIN_ADDRESS_LIMIT = (int(os.environ.get("MOESSINGEN_LOGIN_ADDRESS_LIMIT", "50")), 3600)
AXES_CLIENT_IP_CALLABLE = "moessingen_site.security.client_ip"
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
AXES_VERBOSE = False
# axes' database handler whose resets also lift the address-wide lock (security.py).
AXES_HANDLER = "moessingen_site.security.AxesHandler"

# Two-factor login (TOTP app) for everyone who can open the admin. On by default;
# dev.py and test.py switch it off so the README's demo logins work with a password.
MOESSINGEN_2FA_REQUIRED = env_bool("MOESSINGEN_2FA_REQUIRED", True)
WAGTAIL_2FA_REQUIRED = MOESSINGEN_2FA_REQUIRED
WAGTAIL_2FA_OTP_TOTP_NAME = WAGTAIL_SITE_NAME
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# An account without a second factor sets one up only with a signed link sent to its
# e-mail address (or printed by `manage.py second_factor_link`), see security.py.
MOESSINGEN_2FA_ENROLMENT_LINK = env_bool("MOESSINGEN_2FA_ENROLMENT_LINK", True)
MOESSINGEN_2FA_ENROLMENT_LINK_MAX_AGE = 2 * 24 * 3600

# Originals are never served from the media root: documents go through Wagtail's
# view (which checks privacy settings), and only image renditions (media/images/) are
# public; see moessingen_site/urls.py.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
