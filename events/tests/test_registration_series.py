"""Registration for one date of a series (issue 14): each date has its own places and
waitlist; the visitor picks the date; e-mails, links, waitlist and deletion per date. And the
addresses in e-mails, .ics files and JSON-LD come from the configured base URL (issue 13)."""

import datetime
import json
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from icalendar import Calendar

from events import registration as service
from events.factories import EventExceptionFactory, EventPageFactory, RegistrationFactory
from events.models import Registration
from moessingen_site.outbox import send_all_due

from .conftest import NOW, berlin, frozen_time
from .test_registration import confirm_by_link, form_data, status_path

pytestmark = pytest.mark.django_db
PUBLIC = "https://integration.moessingen.de"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def course(calendar_page, clock):
    """A weekly course on Tuesdays, 18:00–19:30, two places a date; 22 Dec left out, 29 Dec cancelled."""
    event = EventPageFactory(
        parent=calendar_page, title="Deutschkurs", slug="deutschkurs", start=berlin(2026, 12, 1, 18),
        end=berlin(2026, 12, 1, 19, 30), recurrence_frequency="WEEKLY", registration_enabled=True, capacity=2,
    )
    EventExceptionFactory(page=event, date=datetime.date(2026, 12, 22), show_as_cancelled=False)
    EventExceptionFactory(page=event, date=datetime.date(2026, 12, 29), show_as_cancelled=True, reason="Ferien")
    return event


def date_url(event, day, tail=""):
    return f"{event.url}termin/{day}/{tail}"


def test_a_series_takes_registrations_and_its_page_lists_each_date_with_its_state(client, course):
    RegistrationFactory(event=course, occurrence=datetime.date(2026, 12, 8), people=2)
    html = client.get(course.url).content.decode()
    assert "Anmeldungen sind nur für einzelne Termine möglich" not in html
    assert f'href="{date_url(course, "2026-12-01")}"' in html
    assert "noch 2 Plätze frei" in html and "ausgebucht" in html  # 1 Dec open, 8 Dec full
    assert date_url(course, "2026-12-22") not in html  # left out by an exception
    assert date_url(course, "2026-12-29") not in html and "fällt aus" in html
    assert 'name="consent"' not in html  # the form is on the date's page
    page = client.get(date_url(course, "2026-12-08")).content.decode()
    assert "Anmeldung für Di, 8. Dezember 2026, 18:00 bis 19:30 Uhr" in page
    assert "Alle Plätze sind vergeben." in page and 'name="consent"' in page
    assert f'action="{date_url(course, "2026-12-08", "anmelden/")}"' in page


@pytest.mark.parametrize("day", ["2026-12-02", "2026-12-22", "2026-13-45", "2026-11-24"])
def test_a_day_that_is_no_date_of_the_series_is_404(client, course, day):
    assert client.get(date_url(course, day)).status_code == 404
    assert client.post(date_url(course, day, "anmelden/"), form_data()).status_code == 404
    assert not Registration.objects.exists()


def test_a_cancelled_date_and_a_begun_date_take_no_registrations(client, course):
    response = client.post(date_url(course, "2026-12-29", "anmelden/"), form_data())
    assert response.status_code == 400 and "Dieser Termin fällt aus." in response.content.decode()
    with frozen_time(berlin(2026, 12, 1, 18, 1)):
        assert client.post(date_url(course, "2026-12-01", "anmelden/"), form_data()).status_code == 400
        assert client.post(date_url(course, "2026-12-08", "anmelden/"), form_data()).status_code == 302
    assert list(Registration.objects.values_list("occurrence", flat=True)) == [datetime.date(2026, 12, 8)]


def test_each_date_has_its_own_places_waitlist_mails_and_links(client, course, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for email, day in [("a@example.org", "2026-12-08"), ("b@example.org", "2026-12-08"),
                           ("c@example.org", "2026-12-08"), ("a@example.org", "2026-12-15")]:
            response = client.post(date_url(course, day, "anmelden/"), form_data(email=email, people="1"))
            assert response.status_code == 302 and response["Location"] == date_url(course, day, "anmelden/gesendet/")
        for registration in Registration.objects.order_by("pk"):
            confirm_by_link(client, registration)
    by_date = {
        day: sorted(Registration.objects.filter(occurrence=day).values_list("email", "status"))
        for day in (datetime.date(2026, 12, 8), datetime.date(2026, 12, 15))
    }
    assert by_date == {
        datetime.date(2026, 12, 8): [("a@example.org", "bestaetigt"), ("b@example.org", "bestaetigt"), ("c@example.org", "warteliste")],
        datetime.date(2026, 12, 15): [("a@example.org", "bestaetigt")],
    }
    answer = client.get(date_url(course, "2026-12-08", "anmelden/gesendet/")).content.decode()
    assert "Wir schicken Ihnen eine E-Mail" in answer and "8. Dezember 2026" in answer
    send_all_due()
    confirmation = next(m for m in mail.outbox if m.to == ["a@example.org"] and m.subject.startswith("Anmeldung bestätigt")
                        and "15. Dezember" in m.body)
    (_name, content, _type) = confirmation.attachments[0]
    (vevent,) = Calendar.from_ical(content).walk("VEVENT")
    assert vevent.decoded("DTSTART") == berlin(2026, 12, 15, 18) and "RRULE" not in vevent
    # A place on 8 Dec frees up: the waitlist of that date moves up, 15 Dec is untouched.
    mail.outbox.clear()
    leaving = Registration.objects.get(email="a@example.org", occurrence=datetime.date(2026, 12, 8))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(status_path(leaving))
    assert Registration.objects.get(email="c@example.org").status == "bestaetigt"
    send_all_due()
    (moved_up,) = mail.outbox
    assert moved_up.to == ["c@example.org"] and "8. Dezember 2026" in moved_up.body
    # The link of the 8 Dec registration stops when that date is over; the 15 Dec one goes on.
    later = Registration.objects.get(email="a@example.org")
    staying = Registration.objects.get(email="b@example.org")
    with frozen_time(berlin(2026, 12, 8, 19, 31)):
        assert client.get(status_path(staying)).status_code == 404
        assert client.get(status_path(later)).status_code == 200


def test_the_daily_job_deletes_each_date_s_registrations_after_the_retention_period(course, settings):
    settings.EVENTS_REGISTRATION_RETENTION_DAYS = 30
    RegistrationFactory(event=course, occurrence=datetime.date(2026, 12, 1), email="old@example.org")
    RegistrationFactory(event=course, occurrence=datetime.date(2026, 12, 15), email="recent@example.org")
    with frozen_time(berlin(2027, 1, 5, 4)):  # 35 days after 1 Dec, 21 after 15 Dec
        call_command("delete_event_registrations", verbosity=0)
    assert list(Registration.objects.values_list("email", flat=True)) == ["recent@example.org"]


def test_registration_states_for_the_calendar_list_cost_one_query(course, calendar_page, django_assert_num_queries):
    RegistrationFactory(event=course, occurrence=datetime.date(2026, 12, 8), people=2)
    plain = EventPageFactory(parent=calendar_page, start=berlin(2026, 12, 2, 10), end=berlin(2026, 12, 2, 11))
    occurrences = service.recurrence.expand([course, plain], NOW, berlin(2027, 1, 1))
    with django_assert_num_queries(1):
        states = service.registration_states(occurrences)
    assert states[(course.pk, datetime.date(2026, 12, 1))] == service.RegistrationState("open", 2)
    assert states[(course.pk, datetime.date(2026, 12, 8))].kind == "full"
    assert states[(course.pk, datetime.date(2026, 12, 29))].kind == "closed"  # cancelled date
    assert states[(plain.pk, datetime.date(2026, 12, 2))] == service.NOT_NEEDED
    assert service.registration_state(course, berlin(2026, 12, 15, 18)).kind == "open"


def test_staff_may_not_turn_a_series_with_registrations_into_a_single_event(course):
    from django.core.exceptions import ValidationError

    RegistrationFactory(event=course, occurrence=datetime.date(2026, 12, 8))
    course.recurrence_frequency = ""
    with pytest.raises(ValidationError, match="schon Anmeldungen"):
        course.full_clean()


def test_a_moved_single_event_takes_its_registrations_along(workshop):
    registration = RegistrationFactory(event=workshop)
    workshop.start, workshop.end = berlin(2026, 12, 12, 18), berlin(2026, 12, 12, 20)
    workshop.registration_deadline = None
    workshop.save_revision().publish()
    registration.refresh_from_db()
    assert registration.occurrence == datetime.date(2026, 12, 12)


@override_settings(WAGTAILADMIN_BASE_URL=PUBLIC)
def test_e_mails_ics_and_json_ld_name_the_configured_address(client, course, django_capture_on_commit_callbacks):
    """Issue 13, „Links that leave the site“: never http://localhost/… or the request's host."""
    with django_capture_on_commit_callbacks(execute=True):
        client.post(date_url(course, "2026-12-08", "anmelden/"), form_data())
        confirm_by_link(client, Registration.objects.get())
    send_all_due()
    for message in mail.outbox:
        links = re.findall(r"https?://\S+", message.body)
        assert links and all(link.startswith(PUBLIC + "/veranstaltungen/deutschkurs/anmeldung/") for link in links)
    ics = Calendar.from_ical(mail.outbox[-1].attachments[0][1])
    assert str(ics.walk("VEVENT")[0]["URL"]) == PUBLIC + "/veranstaltungen/deutschkurs/"
    page = client.get(course.url).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["url"] == PUBLIC + "/veranstaltungen/deutschkurs/"
    feed = Calendar.from_ical(client.get("/veranstaltungen/feed.ics").content)
    assert {str(event["URL"]) for event in feed.walk("VEVENT") if "URL" in event} == {PUBLIC + "/veranstaltungen/deutschkurs/"}
    assert f'href="webcal://{PUBLIC.removeprefix("https://")}/veranstaltungen/feed.ics"' in client.get("/veranstaltungen/").content.decode()
