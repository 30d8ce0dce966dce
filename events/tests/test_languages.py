"""The calendar in the visitor's language: titles from the events' translations (else German,
marked lang="de"), the German events' facts on every language's page, feeds per language,
registrations for the German event and e-mails in the language of the page used."""

import datetime
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext, override
from icalendar import Calendar

from events.factories import EventPageFactory
from events.models import EventIndexPage, Registration
from events.registration import confirm
from moessingen_site.outbox import send_all_due
from moessingen_site.tests.test_languages import translate

from .conftest import NOW, berlin

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def events(calendar_page, clock):
    translated = EventPageFactory(
        parent=calendar_page, title="Begegnungscafé", slug="cafe", teaser="Kaffee und Gespräche.",
        start=berlin(2026, 12, 2, 15), end=berlin(2026, 12, 2, 17),
    )
    german_only = EventPageFactory(
        parent=calendar_page, title="Sprechstunde", slug="sprechstunde", teaser="Fragen zum Alltag.",
        start=berlin(2026, 12, 3, 10), end=berlin(2026, 12, 3, 12),
    )
    arabic = translate(translated, "ar", title="مقهى اللقاء")
    arabic.teaser = "قهوة وحديث."
    # A stale copy of a fact on the translation: the page must show the German one.
    arabic.start, arabic.end = berlin(2027, 3, 1, 9), berlin(2027, 3, 1, 10)
    arabic.save_revision().publish()
    return {"translated": translated, "german_only": german_only, "arabic": arabic}


def test_the_arabic_list_shows_translated_titles_and_marks_the_german_ones(client, events):
    html = client.get("/ar/veranstaltungen/").content.decode()
    assert '<a class="kern-link" href="/ar/veranstaltungen/cafe/">مقهى اللقاء</a>' in html
    assert "قهوة وحديث." in html
    assert re.search(r'<h3[^>]*lang="de"><a class="kern-link" href="/ar/veranstaltungen/sprechstunde/">Sprechstunde</a>', html)
    assert "Begegnungscafé" not in html
    german = client.get("/veranstaltungen/").content.decode()
    assert "Begegnungscafé" in german and "مقهى" not in german and 'lang="de"><a' not in german


def test_the_arabic_month_and_archive_show_translated_titles(client, events, calendar_page):
    month = client.get("/ar/veranstaltungen/monat/2026-12/").content.decode()
    assert "مقهى اللقاء" in month and 'href="/ar/veranstaltungen/sprechstunde/"' in month
    EventPageFactory(parent=calendar_page, title="Vorbei", slug="vorbei", start=berlin(2026, 11, 1, 10), end=berlin(2026, 11, 1, 12))
    archive = client.get("/ar/veranstaltungen/archiv/").content.decode()
    assert re.search(r'lang="de"><a class="kern-link" href="/ar/veranstaltungen/vorbei/">Vorbei</a>', archive)


def test_a_translated_event_page_shows_the_german_events_facts(client, events):
    html = client.get("/ar/veranstaltungen/cafe/").content.decode()
    assert "مقهى اللقاء" in html
    assert 'datetime="2026-12-02T15:00:00+01:00"' in html
    assert "2027-03-01" not in html
    assert 'href="/ar/veranstaltungen/cafe/termin.ics"' in html


def test_an_untranslated_event_page_stays_in_the_arabic_frame(client, events):
    events["german_only"].registration_enabled = True
    events["german_only"].capacity = 5
    events["german_only"].save_revision().publish()
    response = client.get("/ar/veranstaltungen/sprechstunde/")
    html = response.content.decode()
    assert response.status_code == 200 and "Sprechstunde" in html
    assert 'action="/ar/veranstaltungen/sprechstunde/anmelden/"' in html
    assert 'href="/ar/veranstaltungen/sprechstunde/termin.ics"' in html


def test_an_event_links_its_field_and_measures_in_the_visitors_language(client, events, home_page):
    from concept.factories import ConceptPageFactory, FieldOfActionPageFactory, MeasurePageFactory

    concept = ConceptPageFactory(parent=home_page, slug="integrationskonzept")
    field = FieldOfActionPageFactory(parent=concept, title="Wohnen", slug="wohnen")
    measure = MeasurePageFactory(parent=field, title="Raumteiler", slug="raumteiler")
    translate(concept, "ar")
    translate(field, "ar", title="السكن")
    event = events["german_only"]
    event.field_of_action = field
    event.related_measures = [measure]
    event.save_revision().publish()
    html = client.get("/ar/veranstaltungen/sprechstunde/").content.decode()
    assert '<a class="kern-link" href="/ar/integrationskonzept/wohnen/">السكن</a>' in html
    # No Arabic version: the German title, marked so, under the Arabic prefix.
    assert '<a class="kern-link" href="/ar/integrationskonzept/wohnen/raumteiler/" lang="de">Raumteiler</a>' in html
    german = client.get("/veranstaltungen/sprechstunde/").content.decode()
    assert '<a class="kern-link" href="/integrationskonzept/wohnen/">Wohnen</a>' in german


def test_the_arabic_feed_is_named_and_written_in_arabic(client, events, calendar_page):
    arabic_calendar = translate(calendar_page, "ar")
    arabic_calendar.title = "التقويم"
    arabic_calendar.save_revision().publish()
    response = client.get("/ar/veranstaltungen/feed.ics")
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "التقويم"
    summaries = {str(event["SUMMARY"]): str(event["URL"]) for event in calendar.walk("VEVENT")}
    assert summaries == {
        "مقهى اللقاء": "http://127.0.0.1:8000/ar/veranstaltungen/cafe/",  # WAGTAILADMIN_BASE_URL
        "Sprechstunde": "http://127.0.0.1:8000/ar/veranstaltungen/sprechstunde/",
    }
    german = Calendar.from_ical(client.get("/veranstaltungen/feed.ics").content)
    assert {str(event["SUMMARY"]) for event in german.walk("VEVENT")} == {"Begegnungscafé", "Sprechstunde"}


@pytest.fixture
def workshop(calendar_page, clock):
    event = EventPageFactory(
        parent=calendar_page, title="Workshop", slug="workshop", start=berlin(2026, 12, 10, 18),
        end=berlin(2026, 12, 10, 20), registration_enabled=True, capacity=1,
    )
    translate(event, "uk", title="Семінар")
    return event


def form_data(email):
    return {"name": "Olena", "email": email, "people": "1", "note": "", "consent": "on", "website": ""}


def test_a_registration_on_the_ukrainian_page_is_for_the_german_event_and_mailed_in_ukrainian(
    client, workshop, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/uk/veranstaltungen/workshop/anmelden/", form_data("olena@example.org"))
    assert response.status_code == 302 and response["Location"] == "/uk/veranstaltungen/workshop/anmelden/gesendet/"
    registration = Registration.objects.get()
    assert registration.event_id == workshop.pk and registration.language == "uk"
    send_all_due()  # the job runner's work: the e-mails wait in the outbox until then
    message = mail.outbox[-1]
    assert message.extra_headers["Content-Language"] == "uk"
    with override("uk"):
        assert message.subject == gettext("Bitte bestätigen Sie Ihre Anmeldung: %(title)s") % {"title": "Семінар"}
    assert "/uk/veranstaltungen/workshop/anmeldung/" in message.body
    assert client.get(response["Location"]).status_code == 200


def test_a_place_from_the_waitlist_is_mailed_in_the_registrants_language(
    client, workshop, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/veranstaltungen/workshop/anmelden/", form_data("erste@example.org"))
        client.post("/uk/veranstaltungen/workshop/anmelden/", form_data("zweite@example.org"))
        for registration in Registration.objects.order_by("pk"):
            confirm(registration)  # each followed the e-mailed link
    first, second = Registration.objects.order_by("pk")
    assert (first.language, second.language, second.status) == ("de", "uk", Registration.Status.WAITLIST)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first.delete()  # a place is free: the Ukrainian registrant moves up
    send_all_due()
    message = mail.outbox[-1]
    assert message.to == ["zweite@example.org"] and message.extra_headers["Content-Language"] == "uk"
    with override("uk"):
        assert message.subject == gettext("Sie haben einen Platz: %(title)s") % {"title": "Семінар"}
    assert "/uk/veranstaltungen/workshop/anmeldung/" in message.body


def count_queries(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def add_events(calendar_page, first, last):
    """Events from the 3rd of December on; every other one translated into Arabic."""
    for n in range(first, last):
        event = EventPageFactory(
            parent=calendar_page, title=f"Termin {n}", slug=f"termin-{n}",
            start=NOW + datetime.timedelta(days=n + 12), end=NOW + datetime.timedelta(days=n + 12, hours=2),
        )
        if n % 2:
            translate(event, "ar", title=f"Termin {n} (ar)")


def test_the_lists_cost_the_same_queries_for_few_and_many_events_in_german_and_arabic(client, calendar_page, clock):
    """The translations of all events shown come in one query, whatever their number."""
    add_events(calendar_page, 0, 4)
    urls = [
        f"{prefix}/veranstaltungen/{tail}"
        for prefix in ("", "/ar")
        for tail in ("", "monat/2026-12/", "archiv/")
    ]
    for url in urls:
        count_queries(client, url)  # what lives in the process (content types)
    small = {url: count_queries(client, url) for url in urls}
    add_events(EventIndexPage.objects.get(pk=calendar_page.pk), 4, 40)
    large = {url: count_queries(client, url) for url in urls}
    assert large == small
    assert all(count <= 24 for count in small.values()), small
    arabic = client.get("/ar/veranstaltungen/monat/2026-12/").content.decode()
    assert "Termin 5 (ar)" in arabic and re.search(r'lang="de"><a class="kern-link" href="/ar/veranstaltungen/termin-4/">Termin 4<', arabic)
    german = client.get("/veranstaltungen/monat/2026-12/").content.decode()
    assert "Termin 5 (ar)" not in german and "Termin 5<" in german


def test_the_arabic_month_grid_runs_in_arabic_with_arabic_day_and_month_names(client, events, calendar_page):
    translate(calendar_page, "ar")
    html = client.get("/ar/veranstaltungen/monat/2026-12/").content.decode()
    assert re.search(r'<html[^>]*dir="rtl"', html)
    weekdays = re.findall(r"<span>([^<]+)</span>", re.search(r'month-grid__weekdays" aria-hidden="true">(.*?)</div>', html).group(1))
    assert len(weekdays) == 7 and weekdays != ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]
    assert all(re.search(r"[\u0600-\u06ff]", name) for name in weekdays)  # Django's own Arabic names
    with override("ar"):
        assert gettext("December") in html
    assert "Dezember" not in html.split("</form>")[1].split("event-feeds")[0]


def test_the_arabic_home_page_shows_the_next_events_in_arabic(client, events):
    html = client.get("/ar/").content.decode()
    section = re.search(r'<section class="section next-events".*?</section>', html, re.S).group(0)
    assert '<a class="kern-link" href="/ar/veranstaltungen/cafe/">مقهى اللقاء</a>' in section
    assert re.search(r'lang="de"><a class="kern-link" href="/ar/veranstaltungen/sprechstunde/">Sprechstunde</a>', section)
    assert 'href="/ar/veranstaltungen/"' in section
    german = client.get("/").content.decode()
    assert "Begegnungscafé" in german and "مقهى" not in german


def test_a_series_once_in_arabic_names_its_rule_and_dates_in_arabic(client, calendar_page, clock):
    EventPageFactory(
        parent=calendar_page, title="Sprachcafé", slug="sprachcafe", start=berlin(2026, 11, 24, 17),
        end=berlin(2026, 11, 24, 19), recurrence_frequency="WEEKLY",
    )
    translate(calendar_page, "ar")
    html = client.get("/ar/veranstaltungen/").content.decode()
    dates = re.search(r'<p class="event-item__dates">(.*?)</p>', html, re.S).group(1)
    assert re.findall(r'datetime="([^"]+)"', dates) == [
        "2026-11-24T17:00:00+01:00", "2026-12-01T17:00:00+01:00", "2026-12-08T17:00:00+01:00",
    ]
    assert "November" not in dates and "Dezember" not in dates  # Django's Arabic month names


# A day of the month view and a series' next dates as each language writes them: its own
# order and the month as named in a date (Ukrainian's genitive), not German's "29." with
# translated names.
DAY_HEADINGS = {
    "de": "Mittwoch, 2. Dezember",
    "de-x-ls": "Mittwoch, 2. Dezember",
    "en": "Wednesday, 2 December",
    "tr": "2 Aralık Çarşamba",
    "ar": "الأربعاء، 2 ديسمبر",
    "uk": "Середа, 2 грудня",
}
SERIES_DATES = {"de": "13. Januar", "de-x-ls": "13. Januar", "en": "January 13", "tr": "13 Ocak", "ar": "13 يناير", "uk": "13 січня"}


@pytest.mark.parametrize("language", list(DAY_HEADINGS))
def test_the_month_views_days_and_a_series_dates_read_as_the_visitors_language_writes_a_date(
    client, events, calendar_page, language
):
    from django.conf import settings

    assert set(DAY_HEADINGS) == set(dict(settings.LANGUAGES))
    prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
    month = client.get(f"{prefix}/veranstaltungen/monat/2026-12/").content.decode()
    headings = re.findall(r'<span class="month-day__long">([^<]+)</span>', month)
    assert headings[0] == DAY_HEADINGS[language], headings
    EventPageFactory(
        parent=calendar_page, title="Sprachcafé", slug="sprachcafe", start=berlin(2027, 1, 13, 17),
        end=berlin(2027, 1, 13, 19), recurrence_frequency="WEEKLY",
    )
    upcoming = client.get(f"{prefix}/veranstaltungen/").content.decode()
    dates = re.search(r'<p class="event-item__dates">(.*?)</p>', upcoming, re.S).group(1)
    first = re.search(r"<time[^>]*>([^<]+)</time>", dates).group(1)
    assert first == SERIES_DATES[language], first
