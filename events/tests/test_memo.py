"""Listings and feeds kept per content version (moessingen_site.structure.memo), as on a
production cache miss: the same answer as without, the time of day still counts, and an
editor's change shows with the next request."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from committee.factories import CommitteePageFactory
from events.factories import EventPageFactory
from events.models import EventPage

from .conftest import NOW, berlin, frozen_time

pytestmark = pytest.mark.django_db

# Page cache on, but every request rendered (the benchmark's "miss"): only the memo helps.
MISS = {"HTTP_X_BENCH_MISS": "1"}


@pytest.fixture
def memo_on():
    cache.clear()
    with override_settings(MOESSINGEN_PAGE_CACHE=True, MOESSINGEN_PAGE_CACHE_BYPASS_HEADER="HTTP_X_BENCH_MISS"):
        yield
    cache.clear()


@pytest.fixture
def events(calendar_page, category):
    EventPageFactory(
        parent=calendar_page, title="Heute Vormittag", category=category,
        start=NOW - datetime.timedelta(hours=1), end=NOW + datetime.timedelta(hours=1),
    )
    EventPageFactory(
        parent=calendar_page, title="Café", category=category, start=berlin(2026, 11, 21, 8),
        end=berlin(2026, 11, 21, 11), recurrence_frequency="WEEKLY", recurrence_until=datetime.date(2027, 1, 31),
    )
    return calendar_page


def get(client, url, **extra):
    response = client.get(url, **MISS, **extra)
    assert response.status_code == 200, url
    return response


def test_memoised_pages_equal_the_uncached_ones(client, events):
    urls = [
        "/veranstaltungen/", "/veranstaltungen/monat/2026-12/", "/veranstaltungen/feed.ics",
        "/veranstaltungen/feed/sitzung-begleitgremium.ics",
    ]
    with frozen_time(NOW):
        plain = {url: get(client, url).content for url in urls}
        cache.clear()
        with override_settings(MOESSINGEN_PAGE_CACHE=True, MOESSINGEN_PAGE_CACHE_BYPASS_HEADER="HTTP_X_BENCH_MISS"):
            for _ in range(2):  # the second time from the memo
                assert {url: get(client, url).content for url in urls} == plain


def test_later_the_same_day_what_has_ended_is_gone(client, events, memo_on):
    with frozen_time(NOW):
        html = get(client, "/veranstaltungen/").content.decode()
    assert "Heute Vormittag" in html and html.count("Café") == 11  # today 8–11 h and ten more Saturdays
    with frozen_time(NOW + datetime.timedelta(hours=2)):
        html = get(client, "/veranstaltungen/").content.decode()
    assert "Heute Vormittag" not in html and html.count("Café") == 10


def test_a_published_change_shows_at_once(client, events, memo_on):
    with frozen_time(NOW):
        get(client, "/veranstaltungen/")
        get(client, "/veranstaltungen/feed.ics")
        cafe = EventPage.objects.get(title="Café")
        cafe.title = "Begegnungscafé"
        cafe.save_revision().publish()
        assert "Begegnungscafé" in get(client, "/veranstaltungen/").content.decode()
        assert "Begegnungscafé" in get(client, "/veranstaltungen/monat/2026-12/").content.decode()
        assert b"SUMMARY:Begegnungscaf" in get(client, "/veranstaltungen/feed.ics").content


def test_memoised_feed_costs_one_query_and_keeps_its_etag(client, events, memo_on):
    with frozen_time(NOW):
        first = get(client, "/veranstaltungen/feed.ics")
        with CaptureQueriesContext(connection) as queries:
            second = get(client, "/veranstaltungen/feed.ics")
        assert second.content == first.content
        assert len(queries) <= 1  # the calendar page itself
        assert client.get("/veranstaltungen/feed.ics", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_feed_covers_whole_days_back_to_a_year_ago(client, calendar_page):
    """Decided for subscribers: events that ended on the same calendar day a year ago or
    later stay in the feed all day (so that the feed can be built once a day)."""
    EventPageFactory(parent=calendar_page, title="Vor einem Jahr", start=berlin(2025, 11, 21, 7), end=berlin(2025, 11, 21, 8))
    EventPageFactory(parent=calendar_page, title="Vorgestern vor einem Jahr", start=berlin(2025, 11, 19, 7), end=berlin(2025, 11, 19, 8))
    with frozen_time(NOW):
        body = get(client, "/veranstaltungen/feed.ics").content.decode()
    assert "SUMMARY:Vor einem Jahr" in body and "Vorgestern" not in body


def test_committee_meetings_from_the_memo_follow_the_clock(client, events, category, memo_on):
    CommitteePageFactory(parent=events.get_parent(), slug="begleitgremium", meeting_category=category)
    with frozen_time(NOW):
        first = get(client, "/begleitgremium/").content.decode()
        again = get(client, "/begleitgremium/").content.decode()
    assert first == again and "Heute Vormittag" in first
    with frozen_time(NOW + datetime.timedelta(hours=2)):
        later = get(client, "/begleitgremium/").content.decode()
    assert "Heute Vormittag" not in later.split('id="sitzungen"')[1].split("Vergangene Sitzungen")[0]


def test_archive_from_the_memo_grows_with_the_clock(client, events, memo_on):
    with frozen_time(NOW):
        assert "Heute Vormittag" not in get(client, "/veranstaltungen/archiv/").content.decode()
    with frozen_time(NOW + datetime.timedelta(hours=2)):
        assert "Heute Vormittag" in get(client, "/veranstaltungen/archiv/").content.decode()
