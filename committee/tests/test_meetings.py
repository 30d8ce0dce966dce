"""The committee's meetings: the calendar's events of its meeting category, with their minutes."""

import datetime

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from committee.factories import CommitteePageFactory, MembershipFactory
from events.factories import EventCategoryFactory, EventIndexPageFactory, EventPageFactory

DAY = datetime.timedelta(days=1)


def section(html, element_id):
    start = html.index(f'id="{element_id}"')
    return html[start : html.index("</section>", start)]


@pytest.fixture
def calendar(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def category(db):
    return EventCategoryFactory(slug="sitzung-begleitgremium", name="Sitzung Begleitgremium")


@pytest.fixture
def committee(home_page, category):
    page = CommitteePageFactory(parent=home_page, slug="begleitgremium", meeting_category=category)
    MembershipFactory(page=page)
    return page


def meeting(calendar, category, days, **kwargs):
    start = timezone.now().replace(microsecond=0) + days * DAY
    return EventPageFactory(parent=calendar, category=category, start=start, end=start + datetime.timedelta(hours=2), **kwargs)


@pytest.mark.django_db
class TestMeetings:
    def test_upcoming_and_past_meetings_with_minutes(self, client, calendar, category, committee):
        minutes = wagtail_factories.DocumentFactory(title="Protokoll März")
        meeting(calendar, category, 10, title="Nächste Sitzung")
        meeting(calendar, category, -30, title="Sitzung mit Protokoll", minutes=minutes)
        meeting(calendar, category, -60, title="Sitzung ohne Protokoll")
        meeting(calendar, EventCategoryFactory(slug="begegnung"), 5, title="Begegnungscafé")
        meeting(calendar, category, 20, title="Entwurf einer Sitzung", live=False)

        html = section(client.get("/begleitgremium/").content.decode(), "sitzungen")

        upcoming, past = html.split("Vergangene Sitzungen")
        assert "Nächste Sitzung" in upcoming and "Sitzung mit Protokoll" not in upcoming
        assert past.index("Sitzung mit Protokoll") < past.index("Sitzung ohne Protokoll")  # newest first
        assert f'href="{minutes.url}"' in past
        assert "Protokoll: Protokoll März" in past
        assert past.count("Protokoll:") == 1
        assert "Begegnungscafé" not in html and "Entwurf einer Sitzung" not in html
        assert 'href="/veranstaltungen/archiv/?kategorie=sitzung-begleitgremium"' in html

    def test_cancelled_meeting_says_so_in_words(self, client, calendar, category, committee):
        meeting(calendar, category, 3, title="Abgesagte Sitzung", cancelled=True, cancellation_reason="Krankheit")
        html = section(client.get("/begleitgremium/").content.decode(), "sitzungen")
        assert "<strong>Abgesagt</strong>: Krankheit" in html

    def test_no_upcoming_meeting(self, client, calendar, category, committee):
        meeting(calendar, category, -3)
        html = section(client.get("/begleitgremium/").content.decode(), "sitzungen")
        assert "Zurzeit ist keine Sitzung angekündigt." in html

    def test_a_series_of_meetings_shows_its_next_dates(self, committee, calendar, category):
        meeting(calendar, category, 7, title="Monatliche Sitzung", recurrence_frequency="MONTHLY")
        meetings = committee.meetings()
        assert [o.event.title for o in meetings.upcoming] == ["Monatliche Sitzung"] * committee.upcoming_meetings_shown
        assert meetings.past == []

    def test_only_the_newest_past_meetings_are_listed(self, committee, calendar, category):
        for days in range(1, 15):
            meeting(calendar, category, -days, title=f"vor {days} Tagen")
        past = committee.meetings().past
        assert [o.event.title for o in past] == [f"vor {days} Tagen" for days in range(1, committee.past_meetings_shown + 1)]

    def test_committee_without_meeting_category_has_no_meetings_section(self, client, home_page, calendar):
        CommitteePageFactory(parent=home_page, slug="ohne-sitzungen")
        html = client.get("/ohne-sitzungen/").content.decode()
        assert 'id="sitzungen"' not in html and 'href="#sitzungen"' not in html


def count_queries(client, url):
    """(cold, warm): queries with nothing cached, and with the page cache bypassed (as when its
    entry has expired) but the shared caches filled (roster fragment, series of meetings)."""
    from django.core.cache import cache
    from django.test import override_settings

    client.get(url)  # what lives in the process (content types); renditions are created
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    cold = len(queries)  # now: the next request empties the connection's query log
    with override_settings(MOESSINGEN_PAGE_CACHE_BYPASS_HEADER="HTTP_X_BENCH_MISS"):
        client.get(url, HTTP_X_BENCH_MISS="1")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, HTTP_X_BENCH_MISS="1").status_code == 200
    return cold, len(queries)


@pytest.mark.django_db
def test_query_count_does_not_grow_with_members_and_meetings(client, calendar, category, committee):
    photo = wagtail_factories.ImageFactory()

    def grow(members, meetings):
        for i in range(members):
            MembershipFactory(page=committee, person__photo=photo if i % 2 else None, person__photo_alt_text="Porträt")
        for i in range(meetings):
            minutes = wagtail_factories.DocumentFactory() if i % 2 else None
            meeting(calendar, category, (i + 1) * (1 if i % 3 else -1), minutes=minutes)
        meeting(calendar, category, 2, recurrence_frequency="WEEKLY")  # one more series each time

    grow(members=7, meetings=2)  # 8 members
    small = count_queries(client, "/begleitgremium/")
    grow(members=72, meetings=38)  # 80 members, 40 meetings and two series
    large = count_queries(client, "/begleitgremium/")
    assert small == large, f"{small} queries with 8 members and 2 meetings, {large} with 80 and 40"
    # Cold, about 15 are Wagtail's routing and the base template; warm, the roster and the
    # series of meetings come from the shared cache.
    assert large[0] <= 24 and large[1] <= 14, large
