"""Security headers on every public response, no cookies for anonymous visitors, and
production settings that pass Django's deployment check."""

import importlib
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import override_settings

from .public_urls import discover

REQUIRED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def csp_directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def has_post_form(response):
    return response.get("Content-Type", "").startswith("text/html") and b"csrfmiddlewaretoken" in response.content


class TestOnTheDemoSite:
    """On the demo site, loaded once for the class (conftest.demo_content)."""

    @pytest.mark.django_db
    def test_every_public_url_sends_security_headers_and_no_cookie(self, client, demo_site):
        found, _broken = discover(client)
        with_form, strictest = [], []
        for url, info in found.items():
            response = info["response"]
            for header, value in REQUIRED_HEADERS.items():
                assert response.get(header) == value, f"{url}: {header} is {response.get(header)!r}"
            assert "camera=()" in response["Permissions-Policy"], url
            csp = csp_directives(response["Content-Security-Policy"])
            assert "unsafe-inline" not in response["Content-Security-Policy"], url
            if csp == {"default-src": ["'none'"]}:
                strictest.append(url)  # Wagtail's own, stricter policy for served documents
            else:
                for directive in ("script-src", "style-src", "default-src"):
                    assert csp.get(directive) == ["'self'"], f"{url}: {directive} {csp.get(directive)}"
                assert csp["frame-ancestors"] == ["'none'"], url
                assert csp["object-src"] == ["'none'"], url
            # Anonymous visitors get no cookie, except the CSRF cookie of a page with a form.
            cookies = set(response.cookies)
            if has_post_form(response):
                with_form.append(url)
                assert cookies <= {settings.CSRF_COOKIE_NAME}, f"{url} sets {cookies}"
            else:
                assert not cookies, f"{url} sets cookies {cookies} without a form"
        print(f"\nheaders and cookies: {len(found)} URLs checked, {len(with_form)} with a form: {with_form}, "
              f"{len(strictest)} with default-src 'none'")
        assert len(found) >= 20

    @pytest.mark.django_db
    def test_no_broken_links_on_the_demo_site(self, client, demo_site):
        found, broken = discover(client)
        print(f"\nlink check: {len(found)} URLs answer 200, {len(broken)} broken")
        assert not broken, f"links on the demo site that answer 4xx/5xx: {broken}"

    @pytest.mark.django_db
    def test_pages_from_the_page_cache_carry_the_same_headers(self, client, settings, demo_site):
        settings.MOESSINGEN_PAGE_CACHE = True
        urls = [page.url for page in demo_site.get_descendants(inclusive=True).live().specific()[:15]]
        for url in urls:
            client.get(url)  # stores the page
            response = client.get(url)
            assert response.status_code == 200, url
            assert response["X-Page-Cache"] == "hit", url
            for header, value in REQUIRED_HEADERS.items():
                assert response.get(header) == value, f"{url} (cached): {header}"
            assert "'unsafe-inline'" not in response["Content-Security-Policy"]
            assert response["Permissions-Policy"]
            assert not response.cookies, f"{url} (cached) sets {set(response.cookies)}"


@pytest.mark.django_db
def test_admin_has_its_own_looser_policy(admin_client):
    response = admin_client.get("/admin/")
    csp = csp_directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in csp["script-src"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert response["Permissions-Policy"]


@pytest.fixture
def production_settings(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.delenv("MOESSINGEN_2FA_REQUIRED", raising=False)
    module = importlib.import_module("moessingen_site.settings.production")
    return importlib.reload(module)


def test_production_settings_are_hardened(production_settings):
    prod = production_settings
    assert prod.DEBUG is False
    assert prod.SECURE_HSTS_SECONDS >= 31536000 and prod.SECURE_HSTS_INCLUDE_SUBDOMAINS
    assert prod.SESSION_COOKIE_SECURE and prod.CSRF_COOKIE_SECURE and prod.SECURE_SSL_REDIRECT
    assert prod.WAGTAIL_2FA_REQUIRED is True and prod.MOESSINGEN_2FA_REQUIRED is True
    assert prod.DEMO_USERS_ALLOWED is False
    assert "svg" not in prod.WAGTAILIMAGES_EXTENSIONS
    assert prod.WAGTAILDOCS_SERVE_METHOD == "serve_view"


@pytest.mark.django_db
def test_hsts_header_with_production_values(client, home_page, production_settings):
    prod = production_settings
    with override_settings(
        SECURE_HSTS_SECONDS=prod.SECURE_HSTS_SECONDS,
        SECURE_HSTS_INCLUDE_SUBDOMAINS=prod.SECURE_HSTS_INCLUDE_SUBDOMAINS,
        SECURE_HSTS_PRELOAD=prod.SECURE_HSTS_PRELOAD,
    ):
        response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_production_settings_pass_the_deployment_check():
    # Not the browser fixture's test-only switch: the check rightly refuses it in production.
    environ = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = dict(
        environ,
        DJANGO_SETTINGS_MODULE="moessingen_site.settings.production",
        SECRET_KEY="ci-" + "k3y-n0t-s3cr3t-" * 5,
        ALLOWED_HOSTS="integration.moessingen.de",
        WAGTAILADMIN_BASE_URL="https://integration.moessingen.de",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    # Without the public address, links in e-mails and feeds would name this machine.
    for base_url in ("", "http://localhost:8000"):
        result = subprocess.run(
            [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            cwd=settings.BASE_DIR, env=dict(env, WAGTAILADMIN_BASE_URL=base_url),
            capture_output=True, text=True, timeout=120,
        )
        assert result.returncode != 0 and "moessingen_site.W001" in result.stdout + result.stderr, base_url


@pytest.mark.django_db
def test_the_preview_may_be_framed_by_the_site_itself_and_public_pages_by_nobody(admin_client, home_page):
    """The editor's preview panel frames Wagtail's preview URL. Wagtail renders the preview
    through the public middleware, so without care it carries frame-ancestors 'none' and
    the panel stays blank."""
    from django.urls import reverse
    from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

    from moessingen_site.factories import StandardPageFactory

    page = StandardPageFactory(parent=home_page, title="Vorschau-Test", slug="vorschau-test")
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    data = querydict_from_html(edit.content.decode(), form_id="page-edit-form")
    for name, value in nested_form_data({"body": streamfield([])}).items():
        data[name] = value
    data["title"] = "Geänderter Titel"
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    assert admin_client.post(preview_url, data).json()["is_valid"]
    preview = admin_client.get(preview_url, {"mode": ""})
    assert preview.status_code == 200 and "Geänderter Titel" in preview.content.decode()
    csp = csp_directives(preview["Content-Security-Policy"])
    assert csp["frame-ancestors"] == ["'self'"]
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    # The rest of the preview's policy stays the public one: no inline scripts.
    assert csp["script-src"] == ["'self'"]

    public = admin_client.get(page.url)
    assert csp_directives(public["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]
    assert public["X-Frame-Options"] == "DENY"
