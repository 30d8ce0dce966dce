"""The one shared cache: whole pages for anonymous visitors and the content version that
keys every fragment, both in Django's default cache (Redis in production).

How it works
------------
- ``PageCacheMiddleware`` stores the rendered response of an anonymous ``GET`` (no
  session or messages cookie) in Django's default cache – Redis when ``REDIS_URL`` is
  set, local memory otherwise – under the host, path and query string. A later
  anonymous request for the same address gets the stored bytes without touching the
  database: one cache round trip (``get_many`` of the entry and the content version).
- Every stored entry remembers the *content version* that was current when the request
  began. Publishing or unpublishing a page, moving or deleting one, and any change to
  a first-party model (status reports, events, places, people, site settings …) or to
  an image or document replaces the version; entries with an older version are misses.
  The new version is written at once and again after the transaction commits, so a
  request that read the old data while the change was in flight cannot store it under
  the new version.
- Why one site-wide version instead of per-page keys: every page shows the navigation
  and breadcrumb (titles of other pages), the home page shows news and events, the
  "Umsetzungsstand" aggregates every status report, a person appears on the committee
  page and on measures. Tracking each dependency would be fragile; a missed one means
  a stale public page. Editors change content a few times a day, so the hit rate stays
  high, and a miss costs one ordinary render.

What is never stored
--------------------
- Requests with a session or messages cookie (logged-in editors: admin bar, drafts;
  visitors who passed a page password), non-GET/HEAD requests, the admin, documents,
  media and the health check. Previews are served under /admin/ and never reach here.
- Responses other than 200, streaming responses, responses that set a cookie, that used
  a CSRF token (any page with a POST form) or that say ``private``/``no-store``/``no-cache``
  (Wagtail marks pages with view restrictions ``private``).

Headers
-------
Stored responses get an ``ETag`` (unless the view set one) and ``Cache-Control: public,
max-age=MOESSINGEN_BROWSER_CACHE_SECONDS``; a matching ``If-None-Match`` gets a 304.
Responses to requests with a session cookie get ``Cache-Control: private`` so no shared
proxy keeps a logged-in editor's page.

Fragments
---------
Parts that are expensive to render are kept with ``{% wagtailcache %}`` /
``{% wagtailpagecache %}`` (never in previews) or ``kept`` (below), each with
``cache_version`` (see ``template_context``) and the language in its key, so the same
content version retires pages and fragments together, on every instance at once.

Outages
-------
An unreachable cache costs speed only: every cache call then answers as a miss
(django-redis with ``IGNORE_EXCEPTIONS``), ``content_version()`` returns None and the
page is rendered and served without being stored.

Switch: ``MOESSINGEN_PAGE_CACHE`` (on by default). The cache must be shared by every
process that serves pages: Redis, the database (production without Redis) or local
memory for the single development server.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import parse_http_date_safe

VERSION_KEY = "moessingen:content-version"
ENTRY_PREFIX = "moessingen:page:"

# Paths whose responses are never stored: the admin and its previews, login, documents
# (privacy-checked), image renditions (large, served with their own headers), health.
EXCLUDED_PREFIXES = ("/admin/", "/dokumente/", "/media/", "/static/", "/healthz", "/django-admin/")
# Cache-Control directives that forbid shared caching.
PRIVATE_DIRECTIVES = ("private", "no-store", "no-cache")
# Headers set by middleware outside PageCacheMiddleware (security, CSP) are added to a
# cached response again on the way out; these are stored with the entry.
STORED_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Disposition",
    "Vary",
    "ETag",
    "Last-Modified",
    "Cache-Control",
    "X-Frame-Options",
    "Link",
)

# Models whose changes appear on public pages, besides pages themselves (which are
# handled by the publish signals, so that saving a draft does not invalidate anything).
FIRST_PARTY_APPS = {"moessingen_site", "concept", "news", "committee", "events"}
EXTRA_MODELS = {
    "wagtailcore.site",
    "wagtailimages.image",
    "wagtaildocs.document",
    "wagtailsearchpromotions.query",
    "wagtailsearchpromotions.searchpromotion",
    # Makes pages private or public again: listings, routing and the pages themselves.
    "wagtailcore.pageviewrestriction",
}


def enabled():
    return getattr(settings, "MOESSINGEN_PAGE_CACHE", False)


def browser_max_age():
    return getattr(settings, "MOESSINGEN_BROWSER_CACHE_SECONDS", 60)


def entry_timeout():
    # Event lists and the month view change with the date even when nobody edits, so
    # entries also expire on their own.
    return getattr(settings, "MOESSINGEN_PAGE_CACHE_TIMEOUT", 300)


def content_version():
    """The current content version, or None while the cache is unreachable."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, version, None):
            version = cache.get(VERSION_KEY)
    return version


def request_version(request):
    """The content version this request works with: read once per request."""
    if not hasattr(request, "content_version"):
        request.content_version = content_version()
    return request.content_version


# How long a value kept with ``kept`` may live; its key names the content version anyway.
KEPT_SECONDS = 6 * 3600


def kept(request, name, parts, compute, timeout=KEPT_SECONDS):
    """``compute()``, kept in the shared cache under the content version, `name` and `parts`
    (everything else the value depends on: the language, the date …), so that every worker
    shares it and any content change retires it. Previews compute (they may show what is not
    published); so does a request while the cache is unreachable. The value must not be None."""
    if request is not None and getattr(request, "is_preview", False):
        return compute()
    version = request_version(request) if request is not None else content_version()
    if version is None:
        return compute()
    raw = "|".join(str(part) for part in (version, *parts))
    key = f"moessingen:{name}:" + hashlib.sha256(raw.encode()).hexdigest()
    # Not get_or_set: its third round trip (reading back what another worker may have
    # stored meanwhile) buys nothing here – both computed the same value for this version.
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, timeout)
    return found


def template_context(request):
    """Context processor: ``cache_version`` belongs in every fragment cache key,
    ``{% wagtailcache 3600 "name" page.pk LANGUAGE_CODE cache_version %}``, so that any
    content change makes every fragment stale at once, on every instance."""
    return {"cache_version": request_version(request)}


def _write_new_version():
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def bump_content_version():
    """Make every stored page stale: now, and once more after the transaction commits."""
    _write_new_version()
    transaction.on_commit(_write_new_version)


def _is_page(model):
    from wagtail.models import Page

    return issubclass(model, Page)


# Written by visitors' requests and the job runner, never shown on a public page: their
# saves must not retire every cached page – nor tell, through a changed ETag, that someone
# submitted something. A model may also say so per row with a ``shown_publicly`` attribute
# (a registration not yet confirmed takes no place, so no page shows it).
NOT_SHOWN = {"moessingen_site.outboxmessage", "moessingen_site.jobrun", "moessingen_site.accessibilityfeedback"}


def _watched(model, instance=None):
    meta = model._meta
    if meta.label_lower in NOT_SHOWN or not getattr(instance, "shown_publicly", True):
        return False
    return meta.app_label in FIRST_PARTY_APPS or meta.label_lower in EXTRA_MODELS


def _on_save(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        return
    if _is_page(sender):
        # Pages are saved for drafts too; their publishing signals count instead – except
        # for pages created live by code (demo content, imports), which send none.
        if created and instance.live:
            bump_content_version()
        return
    if _watched(sender, instance):
        bump_content_version()


def _on_delete(sender, instance, **kwargs):
    if _watched(sender, instance) or _is_page(sender):
        bump_content_version()


def _on_page_change(sender, **kwargs):
    bump_content_version()


def connect_signals():
    """Called from the app config's ready()."""
    from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

    uid = "moessingen-page-cache"
    post_save.connect(_on_save, dispatch_uid=f"{uid}-save")
    post_delete.connect(_on_delete, dispatch_uid=f"{uid}-delete")
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(_on_page_change, dispatch_uid=f"{uid}-{id(signal)}")


def _bypass(request):
    """The benchmark's header, named only in its settings: "cold" – as the first request
    after a content change (no page, no fragment is current); anything else – a page-cache
    miss with the fragment caches as they are. None without the header."""
    header = getattr(settings, "MOESSINGEN_PAGE_CACHE_BYPASS_HEADER", None)
    value = request.META.get(header) if header else None
    if not value:
        return None
    return "cold" if value == "cold" else "miss"


def _entry_key(request):
    # The scheme too: feeds and calendar links contain absolute URLs.
    raw = f"{request.scheme}|{request.get_host()}|{request.path}|{request.META.get('QUERY_STRING', '')}"
    return ENTRY_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def _anonymous(request):
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and _anonymous(request)
        and not request.path.startswith(EXCLUDED_PREFIXES)
    )


def _cache_control_forbids(response):
    value = response.get("Cache-Control", "").lower()
    return any(directive in value for directive in PRIVATE_DIRECTIVES)


def _cacheable_response(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not _cache_control_forbids(response)
    )


def _conditional(request, response):
    """A 304 for a matching ``If-None-Match`` or a not-older ``If-Modified-Since`` (Django's
    own rules, RFC 9110), with the headers a cache needs to refresh its copy."""
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    answer = get_conditional_response(request, etag=response.get("ETag"), last_modified=last_modified, response=response)
    if answer is not response and "X-Page-Cache" in response:
        answer["X-Page-Cache"] = response["X-Page-Cache"]
    return answer


class PageCacheMiddleware:
    """Sits after WhiteNoise and before the session middleware (see module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled() or not _cacheable_request(request):
            return self._uncached(request)

        key = _entry_key(request)
        found = cache.get_many([VERSION_KEY, key])
        version = request.content_version = found.get(VERSION_KEY) or content_version()
        if version is None:  # the cache is unreachable: render, serve, store nothing
            return self._uncached(request)
        bypass = _bypass(request)
        if bypass == "cold":
            version = request.content_version = uuid.uuid4().hex
        entry = None if bypass else found.get(key)
        if entry is not None and entry["version"] == version:
            response = HttpResponse(entry["content"], status=200)
            for header, value in entry["headers"]:
                response[header] = value
            response["X-Page-Cache"] = "hit"
            return _conditional(request, response)

        response = self.get_response(request)
        if request.method == "GET" and _cacheable_response(request, response):
            if "ETag" not in response:
                response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
            if "Cache-Control" not in response:
                patch_cache_control(response, public=True, max_age=browser_max_age())
            if not bypass:
                headers = [(header, response[header]) for header in STORED_HEADERS if header in response]
                cache.set(key, {"version": version, "content": response.content, "headers": headers}, entry_timeout())
            response["X-Page-Cache"] = "miss"
            return _conditional(request, response)
        if response.cookies and "Cache-Control" not in response:
            patch_cache_control(response, private=True)
        return response

    def _uncached(self, request):
        response = self.get_response(request)
        if not _anonymous(request) and "Cache-Control" not in response:
            patch_cache_control(response, private=True)
        return response
