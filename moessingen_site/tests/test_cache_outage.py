"""A cache outage costs speed, not the site: with the cache pointed at a closed port
every public page still answers as before (rendered uncached), the admin works, logins
still lock, and /healthz stays 200 while the database is fine, saying the cache is down."""

import json

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test import override_settings

from moessingen_site.roles import REDAKTION
from moessingen_site.settings.base import RATE_LIMIT_CACHE

from .public_urls import EXTRA_URLS, page_urls

# Port 1 on the loopback refuses connections at once; the timeouts bound any other failure.
CACHE_DOWN = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.1, "SOCKET_TIMEOUT": 0.1},
    },
    "ratelimit": RATE_LIMIT_CACHE,
}
cache_down = override_settings(CACHES=CACHE_DOWN)


def urls_of_the_demo_site():
    return [url for url, _kind in page_urls() if not url.startswith("http")] + EXTRA_URLS


class TestOnTheDemoSite:
    """On the demo site, loaded once for the class (conftest.demo_content)."""

    @pytest.mark.django_db
    def test_every_public_page_answers_with_the_cache_down(self, demo_site, client):
        urls = urls_of_the_demo_site()
        assert len(urls) > 25
        expected = {url: client.get(url).status_code for url in urls}
        with cache_down:
            assert cache.get("anything", "miss") == "miss"  # really down: every call is a miss
            for url in urls:
                response = client.get(url)
                assert response.status_code == expected[url], url
                assert response.get("X-Page-Cache") is None, url  # nothing stored, nothing served
        assert list(expected.values()).count(200) > 25

    @pytest.mark.django_db
    def test_the_admin_works_with_the_cache_down(self, demo_site, client, django_user_model):
        user = django_user_model.objects.create_user(username="redakteurin", password="richtig-und-lang-2026")
        user.groups.add(Group.objects.get(name=REDAKTION))
        with cache_down:
            response = client.post(
                "/admin/login/", {"username": "redakteurin", "password": "richtig-und-lang-2026", "next": "/admin/"}
            )
            assert response.status_code == 302
            assert client.get("/admin/").status_code == 200
            assert client.get(f"/admin/pages/{demo_site.pk}/edit/").status_code == 200
            # Publishing changes the content version, which the cache cannot store now: no error.
            from wagtail.models import Page

            page = Page.objects.get(slug="kontakt").specific
            page.title = "Kontakt und Anfahrt"
            page.save_revision(user=user).publish()
        assert client.get("/kontakt/").status_code == 200


@pytest.mark.django_db
def test_healthz_says_the_cache_is_down_and_stays_200(client):
    response = client.get("/healthz")
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "cache": "ok"}
    with cache_down:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "cache": "unavailable"}


@pytest.mark.django_db
def test_healthz_answers_503_when_database_and_cache_are_down(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise RuntimeError("database down")

    with cache_down:
        monkeypatch.setattr(connection, "cursor", refuse)
        response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["cache"] == "unavailable"


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True)
def test_logins_still_lock_with_the_cache_down(client, django_user_model):
    """django-axes counts failures in the database, not in the cache."""
    django_user_model.objects.create_user(username="redakteurin", password="richtig-und-lang-2026")
    with cache_down:
        for attempt in range(5):
            client.post("/admin/login/", {"username": "redakteurin", "password": f"falsch-{attempt}"})
        response = client.post("/admin/login/", {"username": "redakteurin", "password": "richtig-und-lang-2026"})
    assert response.status_code == 429
