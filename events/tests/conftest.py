"""Fixtures of the calendar's tests: an empty site with a calendar, and a frozen clock."""

import contextlib
import datetime
from unittest import mock

import pytest

from events.factories import EventCategoryFactory, EventIndexPageFactory, EventPageFactory, PlaceFactory
from events.recurrence import BERLIN

# Saturday 21 November 2026, 10:00 in Mössingen: "today" for every test that freezes time.
NOW = datetime.datetime(2026, 11, 21, 10, 0, tzinfo=BERLIN)


@contextlib.contextmanager
def frozen_time(value):
    """Freezes django.utils.timezone.now (and so localdate, auto_now_add) at `value`."""
    with mock.patch("django.utils.timezone.now", return_value=value):
        yield value


@pytest.fixture
def clock():
    with frozen_time(NOW) as value:
        yield value


@pytest.fixture
def calendar_page(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def category(db):
    return EventCategoryFactory(name="Sitzung Begleitgremium", slug="sitzung-begleitgremium")


@pytest.fixture
def place(db):
    return PlaceFactory()


def berlin(*args):
    return datetime.datetime(*args, tzinfo=BERLIN)


def fresh_site():
    """Home page and site for transactional tests: a transactional test that ran before may
    have flushed the locale and root page that the migrations created."""
    from wagtail.models import Locale, Page

    from moessingen_site.factories import HomePageFactory, make_site

    Locale.objects.get_or_create(language_code="de")
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root"))
    return make_site(HomePageFactory())


@pytest.fixture
def workshop(calendar_page, clock):
    """An event with registration: three places, deadline three days before."""
    return EventPageFactory(
        parent=calendar_page, title="Workshop", start=berlin(2026, 12, 10, 18), end=berlin(2026, 12, 10, 20),
        registration_enabled=True, registration_deadline=berlin(2026, 12, 7, 23, 59), capacity=3,
    )
