"""Scale-out check: two gunicorn instances on different loopback ports share one
PostgreSQL database and one Redis. A change published through the admin of one is
served by the other at once – the shared page cache holds nothing stale.

Needs PostgreSQL (the test database must be reachable from other processes) and Redis
(TWO_INSTANCES_REDIS_URL, default redis://127.0.0.1:6379/14, flushed by the test);
skips with the reason otherwise. Both run in CI's PostgreSQL pass.
"""

import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from moessingen_site.factories import HomePageFactory, StandardPageFactory, make_site

REDIS_URL = os.environ.get("TWO_INSTANCES_REDIS_URL", "redis://127.0.0.1:6379/14")
PASSWORD = "zwei-instanzen-test"


def redis_or_skip():
    import redis

    try:
        client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
        client.ping()
    except redis.RedisError as error:
        pytest.skip(f"Redis at {REDIS_URL} unreachable ({error}); set TWO_INSTANCES_REDIS_URL")
    return client


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Instance:
    """One gunicorn with the production settings, and a tiny HTTP client with cookies
    (the production cookies are Secure, which a standard cookie jar keeps off plain HTTP)."""

    def __init__(self, environment):
        self.port = free_port()
        self.cookies = {}
        command = [
            sys.executable, "-m", "gunicorn", "moessingen_site.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}", "--workers", "2", "--log-level", "warning",
        ]
        self.process = subprocess.Popen(command, env=environment, start_new_session=True, cwd=settings.BASE_DIR)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if self.request("GET", "/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise AssertionError(f"gunicorn on port {self.port} did not start")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)

    def request(self, method, path, data=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        content = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        headers = dict(response.getheaders())
        conn.close()
        return response.status, headers, content

    def csrf_token(self, path):
        status, _headers, content = self.request("GET", path)
        assert status == 200, (path, status)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1)

    def log_in(self, username):
        token = self.csrf_token("/admin/login/")
        status, headers, _ = self.request(
            "POST", "/admin/login/", {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD}
        )
        assert status == 302, "login failed"

    def post_admin_form(self, path, fields=None):
        token = self.csrf_token(path)
        status, _headers, _content = self.request("POST", path, {"csrfmiddlewaretoken": token, **(fields or {})})
        assert status == 302, (path, status)


@pytest.fixture
def instances(transactional_db, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: two servers cannot share the test run's SQLite database")
    redis_or_skip().flushdb()
    database = connection.settings_dict
    environment = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="moessingen_site.settings.production",
        DATABASE_URL=(
            f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        ),
        REDIS_URL=REDIS_URL,
        MOESSINGEN_PAGE_CACHE="true",
        SECRET_KEY=secrets.token_hex(32),
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS="127.0.0.1",
        MOESSINGEN_2FA_REQUIRED="false",
        DB_CONN_MAX_AGE="0",
        LOG_LEVEL="WARNING",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    # Production serves static files from the collected manifest, as in the Docker image.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        env=environment, cwd=settings.BASE_DIR, check=True,
    )
    started = []
    try:
        for _ in range(2):
            started.append(Instance(environment))
        yield started
    finally:
        for instance in started:
            instance.stop()
        redis_or_skip().flushdb()


@pytest.fixture
def pages(transactional_db, django_user_model):
    home = HomePageFactory()
    make_site(home)
    page = StandardPageFactory(parent=home, title="Sprachkurse", slug="sprachkurse", show_in_menus=True)
    editor = django_user_model.objects.create(username="redaktion", is_staff=True, is_superuser=True)
    # The production settings hash with PBKDF2; the test settings only know MD5.
    editor.password = PBKDF2PasswordHasher().encode(PASSWORD, "zweiinstanzen", iterations=1000)
    editor.save()
    return home, page


def test_a_change_published_through_one_instance_is_served_by_the_other(instances, pages):
    first, second = instances
    home, page = pages

    # Both instances have the page in the shared cache.
    for instance in (first, second):
        status, _headers, content = instance.request("GET", "/sprachkurse/")
        assert status == 200 and "Sprachkurse" in content
    assert second.request("GET", "/sprachkurse/")[1]["X-Page-Cache"] == "hit"

    # A draft (saved here, like any editor's draft) does not reach visitors.
    page.title = "Deutschkurse für Erwachsene"
    page.save_revision()
    assert "Deutschkurse" not in second.request("GET", "/sprachkurse/")[2]

    # Published through the first instance's admin …
    first.log_in("redaktion")
    first.post_admin_form(f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}")
    page.refresh_from_db()
    assert page.title == "Deutschkurse für Erwachsene" and not page.has_unpublished_changes

    # … and served by the second at once, on the page and in the navigation of the home page.
    status, headers, content = second.request("GET", "/sprachkurse/")
    assert status == 200 and "Deutschkurse für Erwachsene" in content
    assert headers["X-Page-Cache"] == "miss"
    assert "Deutschkurse für Erwachsene" in second.request("GET", "/")[2]

    # Unpublished through the first: gone from the second.
    first.post_admin_form(f"/admin/pages/{page.pk}/unpublish/")
    assert second.request("GET", "/sprachkurse/")[0] == 404
    assert "Deutschkurse" not in second.request("GET", "/")[2]
