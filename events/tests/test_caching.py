"""The calendar with the caches on, as production runs it: the page cache, the shared cache of
expanded series and feeds (events.listings.shared) and the month grid's fragment cache.

Cached answers equal fresh ones, the time of day still counts, and an editor's change shows
with the next request.
"""

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

# Every request rendered although the page cache is on, as when its entry has expired (the
# benchmark's "miss"): only the shared caches of series, month grids and feeds help.
MISS = {"HTTP_X_BENCH_MISS": "1"}


@pytest.fixture
def page_cache_missed(client, home_page):
    with override_settings(MOESSINGEN_PAGE_CACHE_BYPASS_HEADER="HTTP_X_BENCH_MISS"):
        # The site's first request creates its settings row, a content change: before the
        # test's requests, so that they share one content version as production's do.
        client.get("/")
        yield


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


def test_cached_answers_equal_fresh_ones(client, events, page_cache_missed):
    urls = [
        "/veranstaltungen/", "/veranstaltungen/monat/2026-12/", "/veranstaltungen/feed.ics",
        "/veranstaltungen/feed/sitzung-begleitgremium.ics", "/veranstaltungen/?kategorie=sitzung-begleitgremium",
    ]
    with frozen_time(NOW):
        fresh = {}
        for url in urls:
            cache.clear()
            fresh[url] = get(client, url).content
        for _ in range(2):  # the second time from the shared caches
            assert {url: get(client, url).content for url in urls} == fresh


def test_later_the_same_day_what_has_ended_is_gone(client, events, page_cache_missed):
    with frozen_time(NOW):
        html = get(client, "/veranstaltungen/").content.decode()
    # The weekly café once, with its next dates: today 8–11 h first.
    assert "Heute Vormittag" in html and html.count("Café") == 1
    assert 'datetime="2026-11-21T08:00:00+01:00"' in html
    with frozen_time(NOW + datetime.timedelta(hours=2)):
        html = get(client, "/veranstaltungen/").content.decode()
    assert "Heute Vormittag" not in html and html.count("Café") == 1
    assert 'datetime="2026-11-21T08:00:00+01:00"' not in html and 'datetime="2026-11-28T08:00:00+01:00"' in html


def test_the_series_are_expanded_again_on_another_day(client, calendar_page, page_cache_missed):
    """The upcoming list shows series a year ahead: a later day reaches further."""
    EventPageFactory(
        parent=calendar_page, title="Stammtisch", start=berlin(2027, 12, 1, 19), end=berlin(2027, 12, 1, 21),
        recurrence_frequency="MONTHLY",
    )
    with frozen_time(NOW):
        html = get(client, "/veranstaltungen/").content.decode()
    assert "Stammtisch" not in html  # its first date lies beyond the year ahead
    with frozen_time(NOW + datetime.timedelta(days=40)):
        html = get(client, "/veranstaltungen/").content.decode()
    assert "Stammtisch" in html and 'datetime="2027-12-01T19:00:00+01:00"' in html


def test_a_published_change_shows_at_once(client, events):
    """With the page cache on and not bypassed: the next request after a publish sees it."""
    urls = ["/veranstaltungen/", "/veranstaltungen/monat/2026-12/", "/veranstaltungen/feed.ics", "/begleitgremium/"]
    CommitteePageFactory(parent=events.get_parent(), slug="begleitgremium", meeting_category=EventPage.objects.first().category)
    with frozen_time(NOW):
        client.get("/")  # the first request creates the site's settings row, a content change
        for url in urls:
            assert client.get(url).status_code == 200
        assert all(client.get(url)["X-Page-Cache"] == "hit" for url in urls)
        cafe = EventPage.objects.get(title="Café")
        cafe.title = "Begegnungscafé"
        cafe.save_revision().publish()
        assert "Begegnungscafé" in client.get("/veranstaltungen/").content.decode()
        assert "Begegnungscafé" in client.get("/veranstaltungen/monat/2026-12/").content.decode()
        assert b"SUMMARY:Begegnungscaf" in client.get("/veranstaltungen/feed.ics").content
        assert "Begegnungscafé" in client.get("/begleitgremium/").content.decode()


def test_a_cached_feed_is_not_built_again_and_keeps_its_etag(client, events, page_cache_missed):
    with frozen_time(NOW):
        first = get(client, "/veranstaltungen/feed.ics")
        with CaptureQueriesContext(connection) as queries:
            second = get(client, "/veranstaltungen/feed.ics")
        assert second.content == first.content
        assert not [q for q in queries.captured_queries if "events_eventexception" in q["sql"]]
        assert client.get("/veranstaltungen/feed.ics", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_feed_covers_whole_days_back_to_a_year_ago(client, calendar_page):
    """Decided for subscribers: events that ended on the same calendar day a year ago or
    later stay in the feed all day (so that the feed can be built once a day)."""
    EventPageFactory(parent=calendar_page, title="Vor einem Jahr", start=berlin(2025, 11, 21, 7), end=berlin(2025, 11, 21, 8))
    EventPageFactory(parent=calendar_page, title="Vorgestern vor einem Jahr", start=berlin(2025, 11, 19, 7), end=berlin(2025, 11, 19, 8))
    with frozen_time(NOW):
        body = get(client, "/veranstaltungen/feed.ics").content.decode()
    assert "SUMMARY:Vor einem Jahr" in body and "Vorgestern" not in body


def test_the_feed_of_the_next_day_is_built_anew(client, calendar_page, page_cache_missed):
    EventPageFactory(parent=calendar_page, title="Vor einem Jahr", start=berlin(2025, 11, 21, 7), end=berlin(2025, 11, 21, 8))
    with frozen_time(NOW):
        assert b"SUMMARY:Vor einem Jahr" in get(client, "/veranstaltungen/feed.ics").content
    with frozen_time(NOW + datetime.timedelta(days=1)):
        assert b"SUMMARY:Vor einem Jahr" not in get(client, "/veranstaltungen/feed.ics").content


def test_committee_meetings_follow_the_clock(client, events, category, page_cache_missed):
    CommitteePageFactory(parent=events.get_parent(), slug="begleitgremium", meeting_category=category)
    with frozen_time(NOW):
        first = get(client, "/begleitgremium/").content.decode()
        again = get(client, "/begleitgremium/").content.decode()
    assert first == again and "Heute Vormittag" in first
    with frozen_time(NOW + datetime.timedelta(hours=2)):
        later = get(client, "/begleitgremium/").content.decode()
    assert "Heute Vormittag" not in later.split('id="sitzungen"')[1].split("Vergangene Sitzungen")[0]


def test_archive_grows_with_the_clock(client, events, page_cache_missed):
    with frozen_time(NOW):
        assert "Heute Vormittag" not in get(client, "/veranstaltungen/archiv/").content.decode()
    with frozen_time(NOW + datetime.timedelta(hours=2)):
        assert "Heute Vormittag" in get(client, "/veranstaltungen/archiv/").content.decode()


def test_a_month_grid_is_kept_per_filter(client, events, home_page, page_cache_missed):
    from events.factories import EventCategoryFactory

    other = EventCategoryFactory(slug="begegnung", name="Begegnung")
    EventPageFactory(parent=events, title="Nur Begegnung", category=other, start=berlin(2026, 12, 3, 10), end=berlin(2026, 12, 3, 11))
    with frozen_time(NOW):
        everything = get(client, "/veranstaltungen/monat/2026-12/").content.decode()
        filtered = get(client, "/veranstaltungen/monat/2026-12/?kategorie=sitzung-begleitgremium").content.decode()
    assert "Nur Begegnung" in everything and "Nur Begegnung" not in filtered


def test_the_home_pages_next_events_drop_what_has_ended_within_the_minute(client, events, page_cache_missed):
    """The home page's content is kept for minutes; its next events by the minute."""
    with frozen_time(NOW):
        html = get(client, "/").content.decode()
        assert "Heute Vormittag" in html and 'datetime="2026-11-21T08:00:00+01:00"' in html
        assert get(client, "/").content.decode() == html  # from the caches
    with frozen_time(NOW + datetime.timedelta(hours=1, minutes=1)):
        html = get(client, "/").content.decode()
    assert "Heute Vormittag" not in html and "Café" in html
    assert 'datetime="2026-11-21T08:00:00+01:00"' not in html and 'datetime="2026-11-28T08:00:00+01:00"' in html
