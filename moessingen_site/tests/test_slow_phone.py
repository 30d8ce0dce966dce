"""A phone on a slow connection (Lighthouse, issue 14): it waited for the uncompressed HTML
before it could ask for anything else, and for 130 KB web fonts before it showed any text.

- Gzip for the public site's text, only for visitors without a session (BREACH,
  moessingen_site/compression.py) and only text.
- The fonts: shown in the fallback font until they arrive (font-display: swap), cut to the
  site's scripts (unicode-range), the body font preloaded.
"""

import gzip
import re
from pathlib import Path

from django.conf import settings

import pytest

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def test_public_pages_are_compressed_on_a_miss_and_on_a_page_cache_hit(client, home_page, settings):
    from wagtail.models import Site

    from moessingen_site.site_settings import SiteSettings

    settings.MOESSINGEN_PAGE_CACHE = True
    # Created on the first request otherwise, which counts as a change (see test_cache).
    SiteSettings.for_site(Site.objects.get())
    for expected_cache in ("miss", "hit"):
        response = client.get("/", **GZIP)
        assert response.status_code == 200 and response["X-Page-Cache"] == expected_cache
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        assert "<html" in gzip.decompress(response.content).decode()
    # Without Accept-Encoding: the same page, uncompressed, from the same cache entry.
    plain = client.get("/")
    assert plain["X-Page-Cache"] == "hit" and not plain.has_header("Content-Encoding")


def test_not_for_visitors_with_a_session(client, home_page):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_user("redaktion-gzip", password="x-123456789"))
    response = client.get("/", **GZIP)
    assert response.status_code == 200 and not response.has_header("Content-Encoding")
    assert not client.get("/admin/", **GZIP).has_header("Content-Encoding")


def test_not_for_images(client):
    from django.http import HttpResponse

    from moessingen_site.compression import PublicGZipMiddleware

    picture = HttpResponse(b"\x00" * 5000, content_type="image/avif")
    page = HttpResponse(b"<p>Wohnen</p>" * 500, content_type="text/html; charset=utf-8")
    request = client.get("/").wsgi_request
    request.META.update(GZIP)
    middleware = PublicGZipMiddleware(lambda request: None)
    assert not middleware.process_response(request, picture).has_header("Content-Encoding")
    assert middleware.process_response(request, page)["Content-Encoding"] == "gzip"


def test_fonts_swap_and_are_small(client, home_page):
    fonts = Path(settings.BASE_DIR) / "static" / "vendor" / "kern" / "fonts"
    faces = re.findall(r"@font-face\s*{([^}]*)}", (fonts / "fira-sans.css").read_text())
    assert faces and all("font-display: swap" in face and "unicode-range:" in face for face in faces)
    for face in faces:
        font = fonts / re.search(r'url\("\./([^"]+)"\)', face).group(1)
        assert font.stat().st_size < 40_000, f"{font.name} is {font.stat().st_size} bytes: run scripts/subset_fonts.py"
    html = client.get("/").content.decode()
    preload = re.search(r'<link rel="preload" href="([^"]+)" as="font" type="font/woff2" crossorigin>', html)
    assert preload and "FiraSans-Regular" in preload.group(1)
