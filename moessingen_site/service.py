"""Service URLs around the pages: health check, robots.txt, security.txt, image
renditions from the media folder and the database-free 500 page."""

import datetime
import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe
from django.views.static import serve

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .base_url import absolute_url

logger = logging.getLogger(__name__)
HEALTH_KEY = "moessingen:healthz"


def cache_available():
    """Writes and reads back a fresh token: an unreachable cache answers every call as a
    miss (see settings), so only a round trip tells."""
    token = uuid.uuid4().hex
    cache.set(HEALTH_KEY, token, 30)
    return cache.get(HEALTH_KEY) == token


@never_cache
@require_safe
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not. The cache
    is reported too, but an instance whose cache is down still serves every page (more
    slowly), so that alone keeps it in service."""
    cache_state = "ok" if cache_available() else "unavailable"
    if cache_state != "ok":
        logger.warning("Health check: cache unavailable")
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "take this instance out"
        logger.exception("Health check: database unavailable")
        return JsonResponse({"status": "error", "database": "unavailable", "cache": cache_state}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "cache": cache_state})


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /suche/",
        f"Sitemap: {absolute_url(reverse('sitemap'), request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(max_age=86400, public=True)
def security_txt(request):
    """RFC 9116. Expires is always half a year ahead, so the file never goes stale."""
    expires = (timezone.now() + datetime.timedelta(days=182)).replace(microsecond=0)
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.astimezone(datetime.UTC).isoformat().replace('+00:00', 'Z')}",
        "Preferred-Languages: de, en",
        f"Canonical: {absolute_url(request.path, request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(max_age=31536000, public=True, immutable=True)
def image_rendition(request, path):
    """Serves resized images (media/images/) and nothing else from the media folder.

    Originals (media/original_images/) and documents (media/documents/) stay private:
    documents go through Wagtail's document view, which checks page privacy. A proxy in
    front of the app may serve /media/images/ itself; it must not serve the rest.
    """
    if "\x00" in path:
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT / "images")


def server_error(request):
    """The 500 page, rendered without a request context: nothing that needs the database."""
    try:
        return HttpResponseServerError(loader.get_template("500.html").render())
    except Exception:  # never let the error page itself fail
        logger.exception("The 500 template could not be rendered")
        return HttpResponseServerError("Serverfehler", content_type="text/plain; charset=utf-8")


class SiteSitemap(Sitemap):
    """Wagtail's sitemap over every language's tree of the site (Wagtail's own covers the
    German tree only); each entry names its translations (``SitePage.get_sitemap_urls``)."""

    def items(self):
        root = self.get_wagtail_site().root_page
        in_some_tree = Q()
        for home in Page.objects.filter(translation_key=root.translation_key).only("path"):
            in_some_tree |= Q(path__startswith=home.path)
        return Page.objects.filter(in_some_tree).live().public().order_by("path").defer_streamfields().specific()
