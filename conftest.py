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


@pytest.fixture
def demo_site(db):
    """The whole demo site, as `load_demo_content` builds it from the seeds."""
    call_command("load_demo_content", verbosity=0)
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
