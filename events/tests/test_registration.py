"""Registration ("Rückmeldung"): deadline, capacity, waitlist, duplicates, spam defences, e-mail, cancellation."""

import datetime
import re
import threading

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections
from icalendar import Calendar

from events import registration as service
from events.factories import EventPageFactory, RegistrationFactory
from events.models import Registration
from moessingen_site.outbox import OutboxMessage, send_all_due

from .conftest import NOW, berlin, fresh_site, frozen_time

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def form_data(**changes):
    data = {"name": "Ada Muster", "email": "Ada@Example.org", "people": "1", "note": "", "consent": "on", "website": ""}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def post(client, event, **changes):
    return client.post(event.url + "anmelden/", form_data(**changes))


def test_form_is_shown_with_consent_and_privacy_link(client, workshop, home_page):
    from moessingen_site.factories import StandardPageFactory
    from moessingen_site.models import SiteSettings

    privacy = StandardPageFactory(parent=home_page, title="Datenschutz", slug="datenschutz")
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.privacy_page = privacy
    site_settings.save()
    html = client.get(workshop.url).content.decode()
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'name="consent"' in html and 'href="/datenschutz/"' in html
    assert "Noch 3 Plätze frei." in html
    assert 'class="honeypot"' in html
    # In another language the link keeps the visitor there (the page shown in German).
    html = client.get("/ar" + workshop.url).content.decode()
    assert 'href="/ar/datenschutz/"' in html


def status_path(registration):
    return registration.event.url + "anmeldung/" + service.make_token(registration) + "/"


def confirm_by_link(client, registration):
    """What the registrant does with the e-mailed link: open it, press „Anmeldung bestätigen“."""
    return client.post(status_path(registration), {"aktion": "bestaetigen"})


def test_registration_is_pending_until_confirmed_by_the_mailed_link(client, workshop, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, workshop, people="2", note="Mit Kinderwagen")
    registration = Registration.objects.get()
    assert (registration.email, registration.people, registration.status) == ("ada@example.org", 2, "unbestaetigt")
    assert registration.occurrence == datetime.date(2026, 12, 10)
    assert registration.confirm_before == NOW + datetime.timedelta(hours=24)
    assert response.status_code == 302 and response["Location"] == workshop.url + "anmelden/gesendet/"
    answer = client.get(response["Location"]).content.decode()
    assert "Wir schicken Ihnen eine E-Mail. Sie folgt in den nächsten Minuten." in answer
    assert "Noch 3 Plätze frei." in client.get(workshop.url).content.decode()  # a pending one takes no place
    send_all_due()  # the job runner's work: the e-mails wait in the outbox until then
    (request_mail,) = mail.outbox
    assert request_mail.to == ["ada@example.org"] and request_mail.subject == "Bitte bestätigen Sie Ihre Anmeldung: Workshop"
    assert not request_mail.attachments
    link = re.search(r"https?://\S+/anmeldung/\S+/\S+/", request_mail.body).group(0)
    assert link.endswith(status_path(registration))
    page = client.get(status_path(registration)).content.decode()
    assert "Bitte bestätigen Sie Ihre Anmeldung." in page and 'value="bestaetigen"' in page
    registration.refresh_from_db()
    assert registration.status == "unbestaetigt"  # opening the link (a mail scanner) confirms nothing
    confirmed = confirm_by_link(client, registration)
    assert "Ihre Anmeldung für 2 Personen ist bestätigt." in confirmed.content.decode()
    registration.refresh_from_db()
    assert registration.status == "bestaetigt" and registration.confirmed_at == NOW and registration.confirm_before is None
    assert "Noch 1 Platz frei." in client.get(workshop.url).content.decode()
    mail.outbox.clear()
    send_all_due()
    (message,) = mail.outbox
    assert message.subject == "Anmeldung bestätigt: Workshop" and status_path(registration) in message.body
    (filename, content, mimetype) = message.attachments[0]
    assert filename.endswith(".ics") and mimetype == "text/calendar"
    assert str(Calendar.from_ical(content).walk("VEVENT")[0]["SUMMARY"]) == "Workshop"
    # Confirming again changes nothing and mails nothing.
    confirm_by_link(client, registration)
    assert Registration.objects.get().status == "bestaetigt"


def test_the_public_count_changes_only_on_confirmation_never_on_a_submitted_address(
    client, workshop, django_capture_on_commit_callbacks
):
    """Privacy (issue 13): a stranger who submits an address learns from the free places
    neither whether it was registered nor anything else; only the mailbox's owner moves them."""
    RegistrationFactory(event=workshop, email="ada@example.org", people=1)

    def places():
        cache.clear()  # the page cache would hide a change
        html = client.get(workshop.url).content.decode()
        return "0" if "Alle Plätze sind vergeben." in html else re.search(r"Noch (\d+) Pl", html).group(1)

    before = places()
    with django_capture_on_commit_callbacks(execute=True):
        registered = post(client, workshop, email="ada@example.org", people="2")
    after_registered = places()
    with django_capture_on_commit_callbacks(execute=True):
        new = post(client, workshop, email="bea@example.org", people="2")
    after_new = places()
    assert before == after_registered == after_new == "2"
    assert registered.status_code == new.status_code == 302 and registered["Location"] == new["Location"]
    confirm_by_link(client, Registration.objects.get(email="bea@example.org"))
    assert places() == "0"


def test_a_submission_leaves_the_cached_pages_and_their_etag_alone_until_confirmed(
    client, workshop, django_capture_on_commit_callbacks
):
    """Neither a stranger's submission nor its e-mail in the outbox changes the content
    version: the ETag of every page would otherwise tell that an address was new (a pending
    registration is written) – and each e-mail would retire every cached page."""
    from moessingen_site.cache import content_version

    RegistrationFactory(event=workshop, email="ada@example.org", people=1)
    before = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, workshop, email="ada@example.org", people="2")
        post(client, workshop, email="bea@example.org", people="2")
    call_command("run_jobs", "--once", verbosity=0)
    assert content_version() == before
    confirm_by_link(client, Registration.objects.get(email="bea@example.org"))
    assert content_version() != before


def test_an_unconfirmed_registration_expires_and_is_deleted_by_the_daily_job(client, workshop):
    post(client, workshop)
    registration = Registration.objects.get()
    with frozen_time(NOW + datetime.timedelta(hours=23, minutes=59)):
        assert client.get(status_path(registration)).status_code == 200
    with frozen_time(NOW + datetime.timedelta(hours=24, minutes=1)):
        assert client.get(status_path(registration)).status_code == 404
        assert confirm_by_link(client, registration).status_code == 404
        assert Registration.objects.get().status == "unbestaetigt"
        # The address may register again: the expired one makes room.
        cache.clear()
        assert post(client, workshop, name="Ada Neu").status_code == 302
        assert Registration.objects.get().name == "Ada Neu"
    with frozen_time(NOW + datetime.timedelta(days=3)):
        call_command("delete_event_registrations", verbosity=0)
    assert not Registration.objects.exists()


def test_the_link_to_confirm_expires_when_the_date_begins(client, calendar_page, clock):
    soon = EventPageFactory(
        parent=calendar_page, start=NOW + datetime.timedelta(hours=3), end=NOW + datetime.timedelta(hours=5),
        registration_enabled=True,
    )
    post(client, soon)
    registration = Registration.objects.get()
    assert registration.confirm_before == soon.start
    with frozen_time(soon.start + datetime.timedelta(minutes=1)):
        assert confirm_by_link(client, registration).status_code == 404


def test_the_registrant_may_delete_an_unconfirmed_registration_at_once(client, workshop):
    post(client, workshop)
    response = client.post(status_path(Registration.objects.get()), {"aktion": "loeschen"})
    assert "Ihre Anmeldung ist storniert" in response.content.decode()
    assert not Registration.objects.exists()


def test_full_event_puts_people_on_the_waitlist_and_a_freed_place_moves_the_first_up(
    client, workshop, django_capture_on_commit_callbacks
):
    RegistrationFactory(event=workshop, people=2)
    RegistrationFactory(event=workshop, people=1)
    assert "Alle Plätze sind vergeben." in client.get(workshop.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, workshop, email="first@example.org", people="1")
        post(client, workshop, email="second@example.org", people="1")
        first, second = Registration.objects.filter(email__in=["first@example.org", "second@example.org"]).order_by("pk")
        confirm_by_link(client, first)
        confirm_by_link(client, second)
    first.refresh_from_db(), second.refresh_from_db()
    assert first.status == second.status == "warteliste"
    assert (service.waitlist_position(first), service.waitlist_position(second)) == (1, 2)
    assert "Sie sind auf Platz 2 der Warteliste." in client.get(status_path(second)).content.decode()
    send_all_due()  # the job runner's work: the e-mails wait in the outbox until then
    assert [m.subject for m in mail.outbox if m.to == ["first@example.org"]] == [
        "Bitte bestätigen Sie Ihre Anmeldung: Workshop", "Auf der Warteliste: Workshop",
    ]
    mail.outbox.clear()
    # The person with two places cancels through the link in the e-mail: both waiting people move up.
    leaving = Registration.objects.get(people=2)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(status_path(leaving))
    assert "Ihre Anmeldung ist storniert" in response.content.decode()
    assert not Registration.objects.filter(pk=leaving.pk).exists()
    first.refresh_from_db(), second.refresh_from_db()
    assert first.status == second.status == "bestaetigt"
    send_all_due()
    assert sorted(m.to[0] for m in mail.outbox) == ["first@example.org", "second@example.org"]
    assert all(m.subject == "Sie haben einen Platz: Workshop" for m in mail.outbox)


def test_the_waitlist_is_in_the_order_of_confirmation_and_nobody_overtakes(workshop):
    RegistrationFactory(event=workshop, people=3)
    big = service.register(workshop, name="A", email="a@example.org", people=2)[0]
    small = service.register(workshop, name="B", email="b@example.org", people=1)[0]
    late = service.register(workshop, name="C", email="c@example.org", people=1)[0]
    late = service.confirm(late)  # submitted last, confirmed first: first in line
    with frozen_time(NOW + datetime.timedelta(minutes=1)):
        big, small = service.confirm(big), service.confirm(small)
    assert big.status == small.status == late.status == "warteliste"
    assert [service.waitlist_position(r) for r in (late, big, small)] == [1, 2, 3]
    # One place frees up: the first in line gets it; then the next needs two, so nobody overtakes them.
    only = Registration.objects.get(people=3)
    only.people = 2
    only.save()
    assert service.fill_from_waitlist(workshop.pk, only.occurrence) == [late.pk]
    only.delete()
    big.refresh_from_db(), small.refresh_from_db()
    assert (big.status, small.status, service.waitlist_position(small)) == ("bestaetigt", "warteliste", 1)


def test_deadline_passed_closes_the_form(client, workshop):
    with frozen_time(berlin(2026, 12, 8, 0, 1)):
        page = client.get(workshop.url).content.decode()
        assert "Die Anmeldung ist geschlossen" in page and 'name="consent"' not in page
        response = post(client, workshop)
    assert response.status_code == 400 and not Registration.objects.exists()


def test_cancelled_event_takes_no_registrations(client, workshop):
    workshop.cancelled, workshop.cancellation_reason = True, "Krank"
    workshop.save_revision().publish()
    assert post(client, workshop).status_code == 400 and not Registration.objects.exists()


def test_duplicate_submission_does_not_create_a_duplicate(client, workshop):
    post(client, workshop)
    post(client, workshop, email="ADA@example.org ")
    assert Registration.objects.count() == 1


def test_the_answer_is_the_same_whether_or_not_the_address_is_registered(
    client, workshop, django_capture_on_commit_callbacks
):
    """Whoever types somebody's address learns nothing and reaches no cancel button: the
    link to the registration goes to the mailbox only (issue 13, privacy of registrations)."""
    RegistrationFactory(event=workshop, email="ada@example.org", people=2)
    with django_capture_on_commit_callbacks(execute=True):
        registered = post(client, workshop, email="ADA@example.org")
        new = post(client, workshop, email="bea@example.org")
    assert registered.status_code == new.status_code == 302
    assert registered["Location"] == new["Location"] == workshop.url + "anmelden/gesendet/"
    assert "/anmeldung/" not in registered["Location"]
    answer = client.get(registered["Location"])
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "Wir schicken Ihnen eine E-Mail. Sie folgt in den nächsten Minuten." in html
    assert "anmeldung/" not in html and "stornieren</span></button>" not in html
    assert "2 Personen" not in html and "Warteliste</" not in html
    assert Registration.objects.count() == 2
    # The owner of the registered address gets the link again, by e-mail.
    send_all_due()
    sent = {message.to[0]: message.body for message in mail.outbox}
    registration = Registration.objects.get(email="ada@example.org")
    assert service.make_token(registration) in sent["ada@example.org"]


def test_cancel_links_expire_when_the_event_is_over(client, workshop):
    registration = RegistrationFactory(event=workshop)
    url = f"{workshop.url}anmeldung/{service.make_token(registration)}/"
    with frozen_time(berlin(2026, 12, 10, 19, 59)):
        assert client.get(url).status_code == 200
    with frozen_time(berlin(2026, 12, 10, 20, 1)):
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert Registration.objects.filter(pk=registration.pk).exists()


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"website": "http://spam.example"}, "Bitte lassen Sie dieses Feld leer."),
        ({"consent": None}, "Ohne Ihre Einwilligung"),
        ({"email": "keine-adresse"}, "gültige E-Mail-Adresse"),
        ({"people": "11"}, "kleiner oder gleich 10"),
        ({"people": "0"}, "größer oder gleich 1"),
        ({"name": ""}, "Dieses Feld muss ausgefüllt werden."),
    ],
)
def test_invalid_submissions_are_form_errors(client, workshop, changes, message):
    response = post(client, workshop, **changes)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Registration.objects.exists()


def test_rate_limit_per_address(client, workshop, settings):
    settings.EVENTS_REGISTRATION_RATE_LIMIT = (2, 600)
    assert post(client, workshop, email="a@example.org").status_code == 302
    assert post(client, workshop, email="b@example.org").status_code == 302
    response = post(client, workshop, email="c@example.org", name="Carla Beispiel", note="Mit Rollstuhl")
    assert response.status_code == 429 and "Zu viele Anmeldungen" in response.content.decode()
    # What the visitor typed is still in the form.
    html = response.content.decode()
    assert 'value="Carla Beispiel"' in html and 'value="c@example.org"' in html and "Mit Rollstuhl</textarea>" in html
    other = client.post(workshop.url + "anmelden/", form_data(email="d@example.org"), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302
    assert Registration.objects.count() == 3
    # Behind one trusted proxy the limit counts the visitor's address, not the proxy's.
    settings.TRUSTED_PROXY_COUNT = 1
    behind = client.post(workshop.url + "anmelden/", form_data(email="e@example.org"), HTTP_X_FORWARDED_FOR="192.0.2.7")
    assert behind.status_code == 302


def test_form_needs_csrf_token(workshop):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(workshop.url + "anmelden/", form_data())
    assert response.status_code == 403 and not Registration.objects.exists()


def test_get_on_the_form_address_redirects_to_the_event(client, workshop):
    assert client.get(workshop.url + "anmelden/")["Location"] == workshop.url


def test_events_without_registration_reject_posts(client, calendar_page, clock):
    event = EventPageFactory(parent=calendar_page)
    assert post(client, event).status_code == 404


@pytest.mark.parametrize("token", ["kaputt/kaputt", "eyJyIjoxLCJlIjoxfQ/xyz", "a:b"])
def test_bad_or_foreign_tokens_are_404(client, workshop, calendar_page, token):
    assert client.get(f"{workshop.url}anmeldung/{token}/").status_code == 404
    other = EventPageFactory(parent=calendar_page, registration_enabled=True)
    foreign = service.make_token(RegistrationFactory(event=other))
    assert client.get(f"{workshop.url}anmeldung/{foreign}/").status_code == 404
    assert client.post(f"{workshop.url}anmeldung/{foreign}/").status_code == 404
    assert Registration.objects.count() == 1


def test_retention_command_deletes_personal_data_after_the_period(calendar_page, settings):
    settings.EVENTS_REGISTRATION_RETENTION_DAYS = 30
    old = EventPageFactory(parent=calendar_page, start=NOW - datetime.timedelta(days=40), end=NOW - datetime.timedelta(days=31), registration_enabled=True)
    recent = EventPageFactory(parent=calendar_page, start=NOW - datetime.timedelta(days=10), end=NOW - datetime.timedelta(days=10), registration_enabled=True)
    RegistrationFactory(event=old), RegistrationFactory(event=old), RegistrationFactory(event=recent)
    with frozen_time(NOW):
        call_command("delete_event_registrations", "--dry-run", verbosity=0)
        assert Registration.objects.count() == 3
        call_command("delete_event_registrations", verbosity=0)
    assert list(Registration.objects.values_list("event_id", flat=True)) == [recent.pk]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Needs PostgreSQL: SQLite serialises writers and has no SELECT … FOR UPDATE to test.",
)
@pytest.mark.django_db(transaction=True)
def test_capacity_holds_under_concurrent_registrations():
    from events.factories import EventIndexPageFactory

    calendar = EventIndexPageFactory(parent=fresh_site())
    event = EventPageFactory(
        parent=calendar, start=berlin(2030, 1, 10, 18), end=berlin(2030, 1, 10, 20), registration_enabled=True,
        capacity=10,
    )
    barrier = threading.Barrier(50)
    errors = []

    def register(n):
        try:
            barrier.wait()
            registration, _created = service.register(event, name=f"Person {n}", email=f"p{n}@example.org", people=1)
            service.confirm(registration)
        except Exception as error:  # noqa: BLE001 — reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Registration.objects.filter(status="bestaetigt").count() == 10
    assert Registration.objects.filter(status="warteliste").count() == 40


def test_rate_limit_holds_while_the_cache_is_down(client, workshop, settings):
    """The count lives in the database cache, not in Redis: an outage does not open it."""
    from moessingen_site.settings.base import RATE_LIMIT_CACHE

    settings.EVENTS_REGISTRATION_RATE_LIMIT = (2, 600)
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.1, "SOCKET_TIMEOUT": 0.1},
        },
        "ratelimit": RATE_LIMIT_CACHE,
    }
    assert post(client, workshop, email="a@example.org").status_code == 302
    assert post(client, workshop, email="b@example.org").status_code == 302
    response = post(client, workshop, email="c@example.org")
    assert response.status_code == 429
    assert Registration.objects.count() == 2


def test_a_class_registering_together_from_one_address_gets_through(client, calendar_page, clock):
    """A shelter's shared Wi-Fi or a school class: many registrations from one address in a
    few minutes, each with its own e-mail address, fit the default limits."""
    event = EventPageFactory(
        parent=calendar_page, start=berlin(2026, 12, 10, 18), end=berlin(2026, 12, 10, 20), registration_enabled=True,
    )
    responses = [post(client, event, email=f"schueler{n}@example.org").status_code for n in range(25)]
    assert responses == [302] * 25
    assert Registration.objects.count() == 25


def test_rate_limit_per_email_address_and_event(client, workshop, calendar_page):
    """Each submission mails its address: one address may send the form for one event a few times only."""
    for _ in range(3):
        assert post(client, workshop, email="ada@example.org").status_code == 302
    queued = OutboxMessage.objects.count()
    # Over the limit (also in another spelling of the same mailbox): the answer of an accepted
    # form, so nobody learns whether the address had sent it before, but no further mail.
    for spelling in ["ADA@example.org", "ada+x@example.org", '"ada"@example.org']:
        response = post(client, workshop, email=spelling, name="Ada Lovelace")
        assert response.status_code == 302 and response["Location"].endswith("/anmelden/gesendet/"), spelling
    assert OutboxMessage.objects.count() == queued
    # Another address, or the same address for another event, is not affected.
    assert post(client, workshop, email="bea@example.org").status_code == 302
    other = EventPageFactory(
        parent=calendar_page, start=berlin(2026, 12, 11, 18), end=berlin(2026, 12, 11, 20), registration_enabled=True,
    )
    assert post(client, other, email="ada@example.org").status_code == 302


def test_the_email_limit_tells_no_stranger_whether_an_address_registered(client, workshop):
    """The owner's own submission counts toward the limit; a stranger trying the address
    must get the same answers whether or not the owner registered."""
    assert post(client, workshop, email="owner@example.org").status_code == 302
    url = workshop.url + "anmelden/"
    with_owner = [client.post(url, form_data(email="owner@example.org"), REMOTE_ADDR="10.0.0.66") for _ in range(3)]
    without_owner = [client.post(url, form_data(email="nobody@example.org"), REMOTE_ADDR="10.0.0.67") for _ in range(3)]
    assert [r.status_code for r in with_owner] == [r.status_code for r in without_owner] == [302] * 3
    assert [r["Location"] for r in with_owner] == [r["Location"] for r in without_owner]


def test_the_rate_limits_are_counted_in_the_shared_database_cache(client, workshop):
    """Every worker and instance reads the same counts: they live in the database cache."""
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache

    assert isinstance(caches["ratelimit"], DatabaseCache)
    post(client, workshop)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM moessingen_ratelimit")
        assert cursor.fetchone()[0] == 2  # the address's count and the e-mail address's


def test_a_locked_database_is_tried_again_and_the_registration_kept(client, workshop, monkeypatch):
    """SQLite with parallel writers: "database is locked" once costs a retry, not a 500."""
    from django.db import OperationalError

    real_lock = service.lock_event
    calls = []

    def lock_once(event_id):
        calls.append(event_id)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return real_lock(event_id)

    monkeypatch.setattr(service, "lock_event", lock_once)
    monkeypatch.setattr(service.time, "sleep", lambda seconds: None)
    response = post(client, workshop)
    assert response.status_code == 302 and len(calls) == 2
    assert Registration.objects.get().email == "ada@example.org"


def test_a_database_locked_for_long_is_a_503_with_the_form_kept(client, workshop, monkeypatch):
    from django.db import OperationalError

    def always_locked(event_id):
        raise OperationalError("database is locked")

    monkeypatch.setattr(service, "lock_event", always_locked)
    monkeypatch.setattr(service.time, "sleep", lambda seconds: None)
    response = post(client, workshop, name="Carla Beispiel")
    assert response.status_code == 503 and response["Retry-After"]
    html = response.content.decode()
    assert "noch nicht gespeichert" in html and 'value="Carla Beispiel"' in html
    assert not Registration.objects.exists()


PHISHING_NAME = "Ada\n\nIhr Konto wird gesperrt. Jetzt bestätigen: https://evil.example/login oder www.evil.example evil.example/x"


def test_the_confirmation_request_names_nobody(client, workshop):
    """It goes to whatever address was typed: a name in it would be text of a stranger's
    choosing mailed from the town's address."""
    post(client, workshop, name=PHISHING_NAME)
    send_all_due()
    (message,) = mail.outbox
    assert message.body.startswith("Guten Tag,\n")
    assert "evil" not in message.body and "gesperrt" not in message.body


def test_names_in_mails_are_one_plain_line_without_links(client, workshop):
    post(client, workshop, name=PHISHING_NAME)
    registration = Registration.objects.get()
    assert "\n" not in registration.name  # the form keeps one line
    send_all_due()  # the confirmation request
    confirm_by_link(client, registration)
    mail.outbox.clear()
    send_all_due()
    (message,) = mail.outbox
    greeting = message.body.split("\n", 1)[0]
    assert greeting.startswith("Guten Tag Ada Ihr Konto")
    assert "evil" not in message.body and "://" not in message.body.split(status_path(registration))[0].split("\n", 1)[0]


@pytest.mark.parametrize(
    "name, shown",
    [
        ("Ada Lovelace", "Ada Lovelace"),
        ("Dr. Ada Müller-Lüdenscheidt", "Dr. Ada Müller-Lüdenscheidt"),
        ("Ada\u202eevil", "Ada evil"),  # a bidi override is no character of a name
        ("Ada mail@evil.example", "Ada"),
        ("https://evil.example", ""),
    ],
)
def test_mail_name(name, shown):
    assert service.mail_name(name) == shown
