"""Fixtures shared by every app's tests."""

import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: the page and fragment caches are on in the
    test settings, as in production, and must not carry pages from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in German: a request through the test client leaves its language
    active in the thread (LocaleMiddleware), so that a German text check after a test that
    asked for /ar/ would otherwise depend on the order the tests run in."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="class")
def demo_content(django_db_setup, django_db_blocker):
    """The demo content, loaded once for all tests of a class (for a test outside a class,
    pytest gives a class-scoped fixture that test alone).

    Like Django's ``TestCase.setUpTestData``: the content is loaded in a transaction that
    is rolled back after the class's last test; each test runs in a savepoint inside it
    (pytest-django's ``db``), so what one test changes, the next does not see. Loading
    takes seconds, and some fifty tests read the demo site. A class that uses it holds only
    tests that read the demo site: every test of the class runs inside its transaction.
    """
    from django.db import transaction

    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("load_demo_content", verbosity=0)
            yield
            transaction.set_rollback(True)


@pytest.fixture
def demo_site(demo_content, db):
    """The whole demo site, as `load_demo_content` builds it from the seeds."""
    from wagtail.models import Locale

    from moessingen_site.models import HomePage

    return HomePage.objects.get(locale=Locale.get_default())  # the German one; each locale has its own


@pytest.fixture
def home_page(db):
    """An empty site: just the home page, as the default site's root."""
    from moessingen_site.factories import HomePageFactory, make_site

    home = HomePageFactory()
    make_site(home)
    return home


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _RequestsInFlight:
    """Counts requests the live server is handling, through Django's public request
    signals (request_started / request_finished)."""

    def __init__(self):
        import threading

        self.lock = threading.Lock()
        self.count = 0
        self.last_change = 0.0

    def started(self, **kwargs):
        self._add(1)

    def finished(self, **kwargs):
        self._add(-1)

    def _add(self, step):
        import time

        with self.lock:
            self.count += step
            self.last_change = time.monotonic()

    def wait_until_quiet(self, quiet=0.3, limit=15.0):
        """Returns once no request has been in flight for `quiet` seconds (at most `limit`)."""
        import time

        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            with self.lock:
                idle = self.count <= 0 and time.monotonic() - self.last_change >= quiet
            if idle:
                return
            time.sleep(0.05)


@pytest.fixture(autouse=True)
def live_server_settles(request):
    """A browser test's database is flushed only once the live server has answered its
    last request.

    The live server shares the test's SQLite connection. A request still being handled
    when the test ends (the admin's editing-session ping, or the release beacon Chromium
    sends as a tab with the page editor closes) kept a transaction open on it, the flush
    failed with "cannot start a transaction within a transaction", and every later
    transactional test of that worker found the previous test's site still there.
    This fixture is set up after the database fixture, so its teardown runs before the flush.
    """
    if "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")  # set up before this fixture, so flushed after it
    from django.core.signals import request_finished, request_started

    tracker = _RequestsInFlight()
    request_started.connect(tracker.started, dispatch_uid="live_server_settles_started")
    request_finished.connect(tracker.finished, dispatch_uid="live_server_settles_finished")
    try:
        yield
        tracker.wait_until_quiet()
    finally:
        request_started.disconnect(dispatch_uid="live_server_settles_started")
        request_finished.disconnect(dispatch_uid="live_server_settles_finished")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Skips without Chromium, except under CI."""
    import os
    import shutil

    if not shutil.which(CHROMIUM):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but no Chromium at {CHROMIUM}: .ci/run must install Debian's chromium.")
        pytest.skip(f"No Chromium at {CHROMIUM}: install Debian's chromium package to run browser tests.")
    # Playwright's sync API runs an event loop in this thread; the ORM calls that tests
    # make between browser steps are still plain synchronous code.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def browser_page(browser):
    """A fresh browser tab (own cookies) at 1280 px."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Keeps `serialized_rollback` working after the first browser test.

    Django's connections are context-local, and Playwright's sync API (the `browser`
    fixture, alive for the whole session) runs an event loop: tests after it get new
    connection objects, without the serialized database contents that
    `django_db(transaction=True, serialized_rollback=True)` restores from. Kept on the
    class, every connection object of the test run has them.
    """
    from django.db import connections

    for alias in connections:
        contents = getattr(connections[alias], "_test_serialized_contents", None)
        if contents is not None:
            type(connections[alias])._test_serialized_contents = contents


def pytest_collection_modifyitems(items):
    """Every transactional test starts from the migrated database (root page, roles).

    A transactional test ends with a flush; without `serialized_rollback` the next one
    finds no root page and no groups, and content types recreated with new keys clash
    with any later restore. So all of them restore the migration data at their start,
    whatever order pytest-django runs them in.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None:
            if {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())):
                item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
        elif marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            item.add_marker(pytest.mark.django_db(**{**marker.kwargs, "serialized_rollback": True}), append=False)
