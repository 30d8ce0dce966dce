"""The admin by role: staff see and export registrations, the committee does not; event form errors."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from events.factories import EventPageFactory, RegistrationFactory
from events.models import EventPage, Registration
from moessingen_site.roles import BEGLEITGREMIUM, REDAKTION

from .conftest import berlin

pytestmark = pytest.mark.django_db
REGISTRATIONS = "/admin/registrations/"


@pytest.fixture
def user_in(django_user_model):
    def make(group_name):
        user = django_user_model.objects.create_user(username=group_name.lower(), password="x" * 12)
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


@pytest.fixture
def registration(calendar_page):
    event = EventPageFactory(parent=calendar_page, title="Workshop", registration_enabled=True)
    return RegistrationFactory(event=event, name="Ada Muster", email="ada@example.org", people=2, note="Rollstuhl")


def test_anonymous_visitors_are_sent_to_the_login(client, registration):
    response = client.get(REGISTRATIONS)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_committee_members_see_no_registrations(client, registration, user_in):
    client.force_login(user_in(BEGLEITGREMIUM))
    for url in (REGISTRATIONS, f"{REGISTRATIONS}?export=csv", f"{REGISTRATIONS}inspect/{registration.pk}/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert b"ada@example.org" not in response.content
    assert client.post(f"{REGISTRATIONS}delete/{registration.pk}/").status_code in (302, 403)
    assert registration.__class__.objects.filter(pk=registration.pk).exists()


def test_staff_see_registrations_per_event_and_export_csv(client, registration, calendar_page, user_in):
    other = RegistrationFactory(event=EventPageFactory(parent=calendar_page, registration_enabled=True), name="Bea Anders")
    client.force_login(user_in(REDAKTION))
    listing = client.get(f"{REGISTRATIONS}?event={registration.event_id}")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Ada Muster" in html and "Bea Anders" not in html
    export = client.get(f"{REGISTRATIONS}?event={registration.event_id}&export=csv")
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    rows = b"".join(export.streaming_content if export.streaming else [export.content]).decode("utf-8-sig").splitlines()
    assert rows[0] == "Veranstaltung;Name;E-Mail;Personen;Status;Anmerkung;Angemeldet am;Termin"
    assert re.fullmatch(r"Workshop;Ada Muster;ada@example.org;2;bestätigt;Rollstuhl;\d\d\.\d\d\.\d{4} \d\d:\d\d;\d\d\.\d\d\.\d{4}", rows[1])
    assert len(rows) == 2 and other.name not in "".join(rows)
    assert client.get(f"{REGISTRATIONS}inspect/{registration.pk}/").status_code == 200
    # Registrations come from the public form only.
    assert client.get(f"{REGISTRATIONS}new/").status_code in (302, 403)


def test_staff_may_delete_a_registration(client, registration, user_in):
    client.force_login(user_in(REDAKTION))
    assert client.post(f"{REGISTRATIONS}delete/{registration.pk}/").status_code == 302
    assert not registration.__class__.objects.exists()


def test_staff_manage_categories_and_places_the_committee_does_not(client, user_in, category):
    client.force_login(user_in(BEGLEITGREMIUM))
    assert client.get("/admin/snippets/events/eventcategory/").status_code in (302, 403)
    client.force_login(user_in(REDAKTION))
    assert "Sitzung Begleitgremium" in client.get("/admin/snippets/events/eventcategory/").content.decode()
    assert client.get("/admin/snippets/events/place/add/").status_code == 200


def event_form(category, **changes):
    data = {
        "title": "Sitzung",
        "slug": "sitzung",
        "teaser": "Kurz",
        "start": "2027-03-02 17:00",
        "end": "2027-03-02 19:00",
        "category": category.pk,
        "recurrence_frequency": "",
        "recurrence_interval": "1",
        "recurrence_monthly_mode": "weekday",
        "body": streamfield([]),
        "exceptions": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data(data)


def test_end_before_start_is_a_form_error_and_a_valid_event_is_created(client, calendar_page, category, user_in):
    client.force_login(user_in(REDAKTION))
    url = f"/admin/pages/add/events/eventpage/{calendar_page.pk}/"
    response = client.post(url, event_form(category, end="2027-03-02 16:00"))
    assert response.status_code == 200
    assert "Das Ende darf nicht vor dem Beginn liegen." in response.content.decode()
    assert not EventPage.objects.exists()
    response = client.post(url, event_form(category))
    assert response.status_code == 302
    event = EventPage.objects.get()
    assert event.start == berlin(2027, 3, 2, 17)  # typed in Berlin time


def test_exception_must_be_a_date_of_the_series(client, calendar_page, category, user_in):
    client.force_login(user_in(REDAKTION))
    url = f"/admin/pages/add/events/eventpage/{calendar_page.pk}/"
    data = event_form(
        category, start="2027-01-13 15:00", end="2027-01-13 17:00", recurrence_frequency="MONTHLY",
        exceptions=inline_formset([{"date": "2027-02-11", "show_as_cancelled": "on", "reason": ""}]),
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "An diesem Tag findet kein Termin der Reihe statt." in response.content.decode()
    data = event_form(
        category, start="2027-01-13 15:00", end="2027-01-13 17:00", recurrence_frequency="MONTHLY",
        exceptions=inline_formset([{"date": "2027-02-10", "show_as_cancelled": "on", "reason": "Ferien"}]),
    )
    assert client.post(url, data).status_code == 302
    assert list(EventPage.objects.get().exceptions.values_list("reason", flat=True)) == ["Ferien"]


def test_page_listing_and_editor_offer_the_event_s_registrations_to_staff_only(client, registration, calendar_page, user_in):
    explorer = f"/admin/pages/{calendar_page.pk}/"
    link = f"{REGISTRATIONS}veranstaltung/{registration.event_id}/"
    client.force_login(user_in(REDAKTION))
    assert link in client.get(explorer).content.decode()
    assert link in client.get(f"/admin/pages/{registration.event_id}/edit/").content.decode()


@pytest.fixture
def course(calendar_page):
    """A weekly course with two places a date and registrations on two dates."""
    event = EventPageFactory(
        parent=calendar_page, title="Deutschkurs", start=berlin(2030, 1, 8, 18), end=berlin(2030, 1, 8, 19, 30),
        recurrence_frequency="WEEKLY", registration_enabled=True, capacity=2,
    )
    first, second = datetime.date(2030, 1, 8), datetime.date(2030, 1, 15)
    RegistrationFactory(event=event, occurrence=first, name="Ada", people=2)
    RegistrationFactory(event=event, occurrence=first, name="=HYPERLINK(1)", email="w1@example.org")
    RegistrationFactory(event=event, occurrence=first, name="Carla", email="w2@example.org")
    RegistrationFactory(event=event, occurrence=first, name="Dana", status="unbestaetigt", confirm_before=berlin(2030, 1, 1))
    RegistrationFactory(event=event, occurrence=second, name="Emil")
    for registration in Registration.objects.filter(name__in=["=HYPERLINK(1)", "Carla"]).order_by("pk"):
        registration.status = "warteliste"
        registration.save()
    return event


def test_staff_see_an_event_s_registrations_per_date_with_waitlist_positions(client, course, user_in):
    client.force_login(user_in(REDAKTION))
    url = f"{REGISTRATIONS}veranstaltung/{course.pk}/"
    html = client.get(url).content.decode()
    assert "Di, 8. Januar 2030, 18:00 bis 19:30 Uhr" in html and "Di, 15. Januar 2030" in html
    assert "Belegt: 2 von 2 Plätzen" in html and "Warteliste: 2" in html and "noch nicht bestätigt: 1" in html
    assert re.search(r"HYPERLINK\(1\)</td>.*?<td>Warteliste</td><td>1</td>", html, re.S)
    assert re.search(r"Carla</td>.*?<td>Warteliste</td><td>2</td>", html, re.S)
    assert html.index("Ada") < html.index("HYPERLINK") < html.index("Carla") < html.index("Dana") < html.index("Emil")
    one_date = client.get(url, {"termin": "2030-01-15"}).content.decode()
    assert "Emil" in one_date and "Ada" not in one_date
    assert client.get(url, {"termin": "kaputt"}).status_code == 404
    assert client.get(f"{REGISTRATIONS}veranstaltung/999999/").status_code == 404


def test_staff_export_an_event_s_registrations_as_csv_per_event_and_per_date(client, course, user_in):
    client.force_login(user_in(REDAKTION))
    url = f"{REGISTRATIONS}veranstaltung/{course.pk}/csv/"
    response = client.get(url)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())
    rows = body.decode("utf-8-sig").splitlines()
    assert rows[0] == "Termin;Name;E-Mail;Personen;Status;Platz auf der Warteliste;Anmerkung;Angemeldet am;Sprache"
    assert [row.split(";")[:6] for row in rows[1:]] == [
        ["08.01.2030", "Ada", rows[1].split(";")[2], "2", "bestätigt", ""],
        ["08.01.2030", "'=HYPERLINK(1)", "w1@example.org", "1", "Warteliste", "1"],
        ["08.01.2030", "Carla", "w2@example.org", "1", "Warteliste", "2"],
        ["08.01.2030", "Dana", rows[4].split(";")[2], "1", "noch nicht bestätigt", ""],
        ["15.01.2030", "Emil", rows[5].split(";")[2], "1", "bestätigt", ""],
    ]
    one_date = b"".join(client.get(url, {"termin": "2030-01-15"}).streaming_content).decode("utf-8-sig").splitlines()
    assert len(one_date) == 2 and "Emil" in one_date[1]


@pytest.mark.parametrize("tail", ["", "csv/", "?termin=2030-01-08", "csv/?termin=2030-01-08"])
def test_the_committee_and_visitors_do_not_reach_an_event_s_registrations(client, course, user_in, tail):
    url = f"{REGISTRATIONS}veranstaltung/{course.pk}/{tail}"
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    client.force_login(user_in(BEGLEITGREMIUM))
    response = client.get(url)
    assert response.status_code in (302, 403)
    content = response.content if not response.streaming else b"".join(response.streaming_content)
    assert b"Ada" not in content and b"example.org" not in content


def test_the_event_s_registrations_cost_the_same_queries_for_few_and_many(client, course, user_in, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(user_in(REDAKTION))
    url = f"{REGISTRATIONS}veranstaltung/{course.pk}/"

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
            b"".join(client.get(url + "csv/").streaming_content)
        return len(captured)

    few = queries()
    for n in range(40):
        RegistrationFactory(event=course, occurrence=datetime.date(2030, 1, 8 + 7 * (n % 4)), name=f"Person {n}")
    assert queries() == few


def test_staff_open_the_event_form_the_committee_may_not_add_events(client, calendar_page, user_in):
    url = f"/admin/pages/add/events/eventpage/{calendar_page.pk}/"
    client.force_login(user_in(BEGLEITGREMIUM))
    assert client.get(url).status_code in (302, 403)
    client.force_login(user_in(REDAKTION))
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Terminreihe" in html and "Anmeldeschluss" in html and "Protokoll" in html
