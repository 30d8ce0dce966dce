"""Health check, robots.txt, sitemap.xml, security.txt, error pages and what the media
folder serves."""

import re
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import override_settings
from django.urls import path

from moessingen_site import service
from moessingen_site.urls import urlpatterns as site_urlpatterns


@pytest.mark.django_db
def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert not response.cookies


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_is_down(client):
    with mock.patch.object(connection, "cursor", side_effect=Exception("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.mark.django_db
def test_healthz_refuses_other_methods(client):
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert f"Sitemap: {django_settings.WAGTAILADMIN_BASE_URL}/sitemap.xml" in text  # the configured address


class TestOnTheDemoSite:
    """On the demo site, loaded once for the class (conftest.demo_content)."""

    @pytest.mark.django_db
    def test_sitemap_lists_the_public_pages(self, client, demo_site):
        response = client.get("/sitemap.xml")
        assert response.status_code == 200
        locations = re.findall(r"<loc>([^<]+)</loc>", response.content.decode())
        assert "http://localhost/" in locations
        assert "http://localhost/barrierefreiheit/" in locations
        assert "http://localhost/gebaerdensprache/" in locations  # /leichte-sprache/ is now a redirect to /de-x-ls/
        assert len(locations) >= 20

    @pytest.mark.django_db
    def test_404_page_in_the_site_design(self, client, demo_site):
        response = client.get("/gibt-es-nicht/")
        assert response.status_code == 404
        html = response.content.decode()
        assert "Seite nicht gefunden" in html
        assert 'class="site-footer"' in html and 'href="#main"' in html
        assert "Content-Security-Policy" in response


@pytest.mark.django_db
def test_security_txt_follows_rfc_9116(client):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"] == "mailto:integration@moessingen.de"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", fields["Expires"])
    assert fields["Canonical"] == f"{django_settings.WAGTAILADMIN_BASE_URL}/.well-known/security.txt"


def _broken_view(request):
    raise RuntimeError("boom")


urlpatterns = [path("kaputt/", _broken_view)] + site_urlpatterns
handler500 = "moessingen_site.service.server_error"


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_500_page_needs_no_database(client, django_assert_num_queries):
    client.raise_request_exception = False
    with django_assert_num_queries(0):
        response = service.server_error(None)
    html = response.content.decode()
    assert response.status_code == 500
    assert "Ein Fehler ist aufgetreten" in html and "/static/css/site.css" in html
    # And the same page is what a crashing view produces.
    response = client.get("/kaputt/")
    assert response.status_code == 500
    assert "Ein Fehler ist aufgetreten" in response.content.decode()


@pytest.mark.django_db
def test_only_image_renditions_are_served_from_the_media_folder(client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    for folder, name in [("images", "bild.max-800x600.jpg"), ("original_images", "bild.jpg"), ("documents", "a.pdf")]:
        (tmp_path / folder).mkdir()
        (tmp_path / folder / name).write_bytes(b"\xff\xd8\xff data")
    response = client.get("/media/images/bild.max-800x600.jpg")
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    assert client.get("/media/original_images/bild.jpg").status_code == 404
    assert client.get("/media/documents/a.pdf").status_code == 404
    for escape in ("/media/images/../original_images/bild.jpg", "/media/images/%2e%2e/original_images/bild.jpg"):
        assert client.get(escape).status_code in (400, 404), escape
