"""In Chromium, without JavaScript, at 320 px: register for an event (or one date of a series),
confirm through the link in the e-mail, cancel there."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from events.factories import EventIndexPageFactory, EventPageFactory
from events.models import Registration
from moessingen_site.outbox import send_all_due

from .conftest import fresh_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_and_cancel_without_javascript_on_a_small_screen(browser, live_server):
    calendar = EventIndexPageFactory(parent=fresh_site())
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)
    event = EventPageFactory(
        parent=calendar, title="Mitmach-Workshop", start=start, end=start + datetime.timedelta(hours=2),
        registration_enabled=True, capacity=1,
    )
    context = browser.new_context(viewport={"width": 320, "height": 800}, locale="de-DE", java_script_enabled=False)
    page = context.new_page()
    for url in (calendar.url, calendar.url + "monat/" + start.strftime("%Y-%m") + "/", event.url):
        page.goto(live_server.url + url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, url
    page.get_by_label("Name").fill("Ada Muster")
    page.get_by_label("E-Mail-Adresse").fill("ada@example.org")
    page.get_by_label("Anzahl Personen").fill("1")
    page.get_by_label("Ich bin einverstanden").check()
    honeypot = page.locator("#id_website").bounding_box()
    assert honeypot is None or honeypot["x"] + honeypot["width"] <= 0  # off screen for people
    page.get_by_role("button", name="Verbindlich anmelden").click()
    # The answer says nothing about the registration; the link to it comes by e-mail.
    expect(page.get_by_text("Wir schicken Ihnen eine E-Mail. Sie folgt in den nächsten Minuten.")).to_be_visible()
    assert Registration.objects.get().status == "unbestaetigt"
    send_all_due()  # the job runner's tick
    (message,) = mail.outbox
    link = re.search(r"https?://\S+?(/veranstaltungen/\S+/anmeldung/\S+/)", message.body).group(1)

    page.goto(live_server.url + event.url)
    assert page.get_by_text("Noch 1 Platz frei.").is_visible()  # unconfirmed: no place taken
    page.goto(live_server.url + link)
    page.get_by_role("button", name="Anmeldung bestätigen").click()
    expect(page.get_by_text("Ihre Anmeldung für 1 Person ist bestätigt.")).to_be_visible()
    page.goto(live_server.url + event.url)
    assert page.get_by_text("Alle Plätze sind vergeben.").is_visible()
    page.goto(live_server.url + link)
    page.get_by_role("button", name="Anmeldung stornieren").click()
    expect(page.get_by_text("Ihre Anmeldung ist storniert.")).to_be_visible()
    assert not Registration.objects.exists()
    context.close()


@pytest.mark.parametrize("language, width", [("de", 320), ("ar", 1280)])
def test_register_for_one_date_of_a_series_and_confirm_by_the_mailed_link(browser, live_server, language, width):
    """The visitor picks a date of a weekly course from the event page, registers for it,
    confirms through the e-mailed link; that date is then full, the next one still open.
    By selectors, not words: the Arabic page shows the interface in Arabic."""
    calendar = EventIndexPageFactory(parent=fresh_site())
    start = (timezone.now() + datetime.timedelta(days=2)).replace(hour=16, minute=0, second=0, microsecond=0)
    course = EventPageFactory(
        parent=calendar, title="Deutschkurs", slug="deutschkurs", start=start, end=start + datetime.timedelta(hours=1, minutes=30),
        recurrence_frequency="WEEKLY", registration_enabled=True, capacity=1,
    )
    prefix = "" if language == "de" else f"/{language}"
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="de-DE", java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + prefix + course.url)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate("document.documentElement.dir") == ("rtl" if language == "ar" else "ltr")
    with page.expect_navigation():
        page.locator(".event-dates--registration li").nth(0).locator("a").click()
    assert page.url.endswith(f"{prefix}{course.url}termin/{course.local_start.date().isoformat()}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.locator("#id_name").fill("Ada Muster")
    page.locator("#id_email").fill("ada@example.org")
    page.locator("#id_consent").check()
    with page.expect_navigation():
        page.locator(".registration-form button[type=submit]").click()
    assert page.url.endswith("anmelden/gesendet/")
    registration = Registration.objects.get()
    assert registration.occurrence == course.local_start.date() and registration.status == "unbestaetigt"
    send_all_due()
    (message,) = mail.outbox
    link = re.search(r"https?://\S+?(/\S*veranstaltungen/deutschkurs/anmeldung/\S+/)", message.body).group(1)
    assert link.startswith(f"{prefix}/veranstaltungen/")  # the e-mail leads back into the visitor's language
    page.goto(live_server.url + link)
    page.locator("button[value=bestaetigen]").click()
    # click() does not wait for the answer's page: wait for it before reading the database.
    expect(page.locator(".kern-alert--success")).to_be_visible()
    registration.refresh_from_db()
    assert registration.status == "bestaetigt"
    page.goto(live_server.url + prefix + course.url)
    dates = page.locator(".event-dates--registration li")
    # The first date is full (its link leads to the waitlist), the second still open.
    assert dates.nth(0).locator(".registration-state--full a").count() == 1
    assert dates.nth(1).locator(".registration-state--open a").count() == 1
    context.close()
