"""The .ics files: parse with icalendar, RFC 5545 basics (CRLF, folding), stable UIDs, series."""

import datetime

import pytest
from django.test import override_settings
from icalendar import Calendar

from events.factories import EventCategoryFactory, EventExceptionFactory, EventPageFactory

from .conftest import berlin

pytestmark = pytest.mark.django_db


def assert_rfc5545_basics(body):
    assert body.startswith(b"BEGIN:VCALENDAR\r\n")
    assert body.endswith(b"END:VCALENDAR\r\n")
    lines = body.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines), "bare LF or CR"
    assert max(len(line) for line in lines) <= 75, "content lines are folded at 75 octets"


@pytest.fixture
def cafe(calendar_page):
    event = EventPageFactory(
        parent=calendar_page, title="Begegnungscafé " + "mit einem sehr langen Titel " * 4,
        category=EventCategoryFactory(name="Begegnung", slug="begegnung"),
        start=berlin(2027, 1, 13, 15), end=berlin(2027, 1, 13, 17),
        recurrence_frequency="MONTHLY", recurrence_until=datetime.date(2027, 6, 30),
    )
    EventExceptionFactory(page=event, date=datetime.date(2027, 2, 10), show_as_cancelled=False)
    EventExceptionFactory(page=event, date=datetime.date(2027, 3, 10), show_as_cancelled=True, reason="Ferienpause")
    return event


def get_calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert_rfc5545_basics(response.content)
    return response.content, Calendar.from_ical(response.content)


@override_settings(WAGTAILADMIN_BASE_URL="https://integration.moessingen.de")
def test_series_feed_has_rrule_exdate_and_a_cancelled_override(client, calendar_page, cafe):
    body, calendar = get_calendar(client, "/veranstaltungen/feed.ics")
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    main, override = calendar.walk("VEVENT")
    assert main["UID"] == override["UID"]
    assert main.decoded("DTSTART") == berlin(2027, 1, 13, 15)
    assert str(main["DTSTART"].params["TZID"]) == "Europe/Berlin"
    rule = main["RRULE"]
    assert rule["FREQ"] == ["MONTHLY"] and rule["BYDAY"] == ["+2WE"]
    assert rule["UNTIL"][0] == datetime.datetime(2027, 6, 30, 21, 59, 59, tzinfo=datetime.UTC)
    assert [d.dt for d in main["EXDATE"].dts] == [berlin(2027, 2, 10, 15)]
    assert override.decoded("RECURRENCE-ID") == berlin(2027, 3, 10, 15)
    assert override["STATUS"] == "CANCELLED" and override["DESCRIPTION"] == "Ferienpause"
    assert "DTSTAMP" in main and "DTSTAMP" in override
    assert b"\r\n " in body  # the long title was folded
    # The configured public address, not the Site's "localhost" (issue 13).
    assert str(main["URL"]) == "https://integration.moessingen.de/veranstaltungen/" + cafe.slug + "/"


def test_uid_and_dtstamp_are_stable_across_requests(client, calendar_page, cafe):
    first = get_calendar(client, cafe.ics_url())[1].walk("VEVENT")[0]
    second = get_calendar(client, cafe.ics_url())[1].walk("VEVENT")[0]
    assert first["UID"] == second["UID"] == f"{cafe.translation_key}@zuhause-in-moessingen"
    assert first.decoded("DTSTAMP") == second.decoded("DTSTAMP")


def test_all_day_event_uses_dates_with_exclusive_end(client, calendar_page):
    event = EventPageFactory(
        parent=calendar_page, start=berlin(2019, 4, 11), end=berlin(2019, 4, 12), all_day=True,
    )
    vevent = get_calendar(client, event.ics_url())[1].walk("VEVENT")[0]
    assert vevent.decoded("DTSTART") == datetime.date(2019, 4, 11)
    assert vevent.decoded("DTEND") == datetime.date(2019, 4, 13)
    assert vevent["DTSTART"].params.get("VALUE") == "DATE"


def test_cancelled_event_has_status_cancelled(client, calendar_page):
    event = EventPageFactory(parent=calendar_page, cancelled=True, cancellation_reason="Krankheit")
    assert get_calendar(client, event.ics_url())[1].walk("VEVENT")[0]["STATUS"] == "CANCELLED"


def test_category_feed_holds_only_its_category(client, calendar_page, cafe, category):
    EventPageFactory(parent=calendar_page, title="Sitzung", category=category)
    _body, calendar = get_calendar(client, "/veranstaltungen/feed/sitzung-begleitgremium.ics")
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Sitzung"]
    assert client.get("/veranstaltungen/feed/gibt-es-nicht.ics").status_code == 404


@override_settings(WAGTAILADMIN_BASE_URL="https://integration.moessingen.de")
def test_index_offers_webcal_subscriptions(client, calendar_page, category):
    html = client.get("/veranstaltungen/").content.decode()
    assert 'href="webcal://integration.moessingen.de/veranstaltungen/feed.ics"' in html
    assert 'href="webcal://integration.moessingen.de/veranstaltungen/feed/sitzung-begleitgremium.ics"' in html


def test_unpublished_event_has_no_ics(client, calendar_page):
    event = EventPageFactory(parent=calendar_page, live=False)
    assert client.get(event.ics_url()).status_code == 404
