"""In Chromium, without JavaScript, at 320 px: register for an event, follow the link in the e-mail, cancel there."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

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
    assert page.get_by_text("Wir schicken Ihnen eine E-Mail. Sie folgt in den nächsten Minuten.").is_visible()
    assert Registration.objects.get().status == "bestaetigt"
    send_all_due()  # the job runner's tick
    (message,) = mail.outbox
    link = re.search(r"https?://\S+?(/veranstaltungen/\S+/anmeldung/\S+/)", message.body).group(1)

    page.goto(live_server.url + event.url)
    assert page.get_by_text("Alle Plätze sind vergeben.").is_visible()
    page.goto(live_server.url + link)
    assert page.get_by_text("Ihre Anmeldung für 1 Person ist bestätigt.").is_visible()
    page.get_by_role("button", name="Anmeldung stornieren").click()
    assert page.get_by_text("Ihre Anmeldung ist storniert.").is_visible()
    assert not Registration.objects.exists()
    context.close()
