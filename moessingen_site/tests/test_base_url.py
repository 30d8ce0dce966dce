"""Links that leave the site come from one configured address (moessingen_site/base_url.py),
and the system check warns under production settings when it is missing or local."""

import pytest
from django.test import override_settings
from wagtail.models import Site

from moessingen_site.base_url import absolute_url, page_url
from moessingen_site.checks import base_url_is_public, site_agrees_with_base_url
from moessingen_site.factories import StandardPageFactory

PUBLIC = "https://integration.moessingen.de"


def ids(messages):
    return [message.id for message in messages]


@pytest.mark.parametrize("url", ["", "http://localhost", "http://127.0.0.1:8000", "http://[::1]:8000/", "integration.moessingen.de"])
def test_the_check_warns_about_a_missing_or_local_base_url(url):
    with override_settings(MOESSINGEN_BASE_URL_REQUIRED=True, WAGTAILADMIN_BASE_URL=url):
        assert ids(base_url_is_public()) == ["moessingen_site.W001"]


def test_the_check_accepts_the_public_address_and_is_quiet_outside_production():
    with override_settings(MOESSINGEN_BASE_URL_REQUIRED=True, WAGTAILADMIN_BASE_URL=PUBLIC + "/"):
        assert base_url_is_public() == []
    with override_settings(WAGTAILADMIN_BASE_URL="http://localhost"):
        assert base_url_is_public() == []  # dev and test settings


@pytest.mark.django_db
@override_settings(MOESSINGEN_BASE_URL_REQUIRED=True, WAGTAILADMIN_BASE_URL=PUBLIC)
def test_the_check_warns_when_the_site_names_another_address(home_page):
    site = Site.objects.get(is_default_site=True)
    assert site_agrees_with_base_url(databases=None) == []  # not asked to read the database
    assert ids(site_agrees_with_base_url(databases=["default"])) == ["moessingen_site.W002"]
    site.hostname, site.port = "integration.moessingen.de", 443
    site.save()
    assert site_agrees_with_base_url(databases=["default"]) == []


@pytest.mark.django_db
@override_settings(WAGTAILADMIN_BASE_URL=PUBLIC + "/")
def test_absolute_urls_use_the_configured_address(home_page):
    page = StandardPageFactory(parent=home_page, slug="kontakt")
    assert page_url(page) == PUBLIC + "/kontakt/"
    assert absolute_url("/veranstaltungen/feed.ics") == PUBLIC + "/veranstaltungen/feed.ics"
    assert absolute_url("https://example.org/x") == "https://example.org/x"


@pytest.mark.django_db
def test_alternates_robots_and_security_txt_name_the_configured_address(client, demo_site, settings):
    """A request that came in by another host (a proxy's, an internal one) still gets the
    public address in hreflang, robots.txt and security.txt."""
    settings.WAGTAILADMIN_BASE_URL = "https://integration.moessingen.de"
    settings.ALLOWED_HOSTS = ["*"]
    home = client.get("/", HTTP_HOST="intern.example").content.decode()
    assert 'hreflang="ar" href="https://integration.moessingen.de/ar/"' in home
    robots = client.get("/robots.txt", HTTP_HOST="intern.example").content.decode()
    assert "Sitemap: https://integration.moessingen.de/sitemap.xml" in robots
    security = client.get("/.well-known/security.txt", HTTP_HOST="intern.example").content.decode()
    assert "Canonical: https://integration.moessingen.de/.well-known/security.txt" in security
