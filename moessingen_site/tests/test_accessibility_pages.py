"""The accessibility statement with its feedback form, the feedback in the admin (staff
only), and the Leichte Sprache / Gebärdensprache pages linked from every page."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from moessingen_site.accessibility import AccessibilityFeedback
from moessingen_site.factories import (
    AccessibilityFeedbackFactory,
    AccessibilityStatementPageFactory,
    EasyLanguagePageFactory,
    SignLanguagePageFactory,
    StandardPageFactory,
)
from moessingen_site.models import SiteSettings
from moessingen_site.outbox import send_all_due
from moessingen_site.roles import BEGLEITGREMIUM, REDAKTION

FEEDBACK_ADMIN = "/admin/rueckmeldungen-barrierefreiheit/"


@pytest.fixture
def statement(home_page):
    return AccessibilityStatementPageFactory(parent=home_page)


@pytest.fixture
def user_in(django_user_model):
    def make(group_name):
        user = django_user_model.objects.create_user(username=group_name.lower(), password="x" * 12)
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


@pytest.mark.django_db
def test_statement_shows_the_sections_of_the_model_statement(client, statement):
    html = client.get("/barrierefreiheit/").content.decode()
    for heading in (
        "Stand der Vereinbarkeit mit den Anforderungen",
        "Nicht barrierefreie Inhalte",
        "Erstellung dieser Erklärung zur Barrierefreiheit",
        "Feedback und Kontaktangaben",
        "Schlichtungsverfahren",
    ):
        assert heading in html
    assert "<strong>teilweise vereinbar</strong>" in html
    assert "Selbstbewertung" in html
    assert 'name="csrfmiddlewaretoken"' in html


@pytest.mark.django_db
def test_feedback_is_stored_and_mailed_to_the_staff(client, statement):
    SiteSettings.objects.create(site=statement.get_site(), email="integration@moessingen.de")
    response = client.post(
        "/barrierefreiheit/",
        {"message": "Das Diagramm hat keine Tabelle.", "page_url": "/umsetzungsstand/", "email": "a@example.org"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/barrierefreiheit/?gesendet=1#rueckmeldung"
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.page == statement and feedback.page_url == "/umsetzungsstand/"
    send_all_due()  # the job runner's work: the e-mails wait in the outbox until then
    staff, receipt = sorted(mail.outbox, key=lambda message: message.to != ["integration@moessingen.de"])
    assert staff.to == ["integration@moessingen.de"]
    assert staff.reply_to == ["a@example.org"]
    assert "Das Diagramm hat keine Tabelle." in staff.body
    assert receipt.to == ["a@example.org"] and "Das Diagramm" not in receipt.body
    assert "Vielen Dank für Ihre Rückmeldung" in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_double_submission_is_stored_once(client, statement):
    data = {"message": "Der Kontrast ist zu schwach."}
    client.post("/barrierefreiheit/", data)
    client.post("/barrierefreiheit/", data)
    assert AccessibilityFeedback.objects.count() == 1
    send_all_due()
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_invalid_feedback_shows_errors_next_to_the_fields(client, statement):
    response = client.post("/barrierefreiheit/", {"message": "", "email": "keine-adresse", "page_url": "x" * 600})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert 'id="id_message-error"' in html and 'aria-describedby="id_message-error"' in html
    assert 'aria-describedby="id_email-error"' in html
    assert not AccessibilityFeedback.objects.exists()


@pytest.mark.django_db
def test_feedback_needs_the_csrf_token(statement):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/barrierefreiheit/", {"message": "Test"}).status_code == 403
    assert not AccessibilityFeedback.objects.exists()


@pytest.mark.django_db
def test_mail_failure_does_not_lose_the_feedback(client, statement, settings):
    settings.EMAIL_BACKEND = "moessingen_site.tests.test_accessibility_pages.BrokenBackend"
    response = client.post("/barrierefreiheit/", {"message": "Vorlesefunktion fehlt."})
    assert response.status_code == 302
    assert AccessibilityFeedback.objects.count() == 1


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("no mail server")


@pytest.mark.django_db
def test_feedback_admin_is_for_the_staff_only(client, statement, user_in):
    feedback = AccessibilityFeedbackFactory(page=statement)
    assert client.get(FEEDBACK_ADMIN).status_code == 302  # to the login

    client.force_login(user_in(BEGLEITGREMIUM))
    assert client.get(FEEDBACK_ADMIN).status_code in (302, 403)
    assert client.get(f"{FEEDBACK_ADMIN}inspect/{feedback.pk}/").status_code in (302, 403)

    client.force_login(user_in(REDAKTION))
    response = client.get(FEEDBACK_ADMIN)
    assert response.status_code == 200
    assert feedback.message in response.content.decode()
    assert client.get(f"{FEEDBACK_ADMIN}inspect/{feedback.pk}/").status_code == 200
    # Marking as handled works; creating feedback in the admin does not.
    response = client.post(f"{FEEDBACK_ADMIN}edit/{feedback.pk}/", {"handled": "on", "staff_note": "Behoben"})
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.handled and feedback.staff_note == "Behoben"
    assert client.get(f"{FEEDBACK_ADMIN}new/").status_code in (302, 403)


@pytest.mark.django_db
def test_easy_and_sign_language_pages_are_linked_from_every_page(client, home_page):
    easy = EasyLanguagePageFactory(parent=home_page)
    sign = SignLanguagePageFactory(
        parent=home_page,
        videos=[("video", {"title": "Was steht hier?", "video": None, "transcript": "<p>Der Inhalt als Text.</p>"})],
    )
    other = StandardPageFactory(parent=home_page, slug="impressum")
    for url in ("/", other.url, easy.url, sign.url):
        html = client.get(url).content.decode()
        assert 'href="/leichte-sprache/"' in html and 'href="/gebaerdensprache/"' in html, url
    html = client.get(sign.url).content.decode()
    assert "Der Inhalt als Text." in html
    assert "<iframe" not in html and "<video" not in html  # no video yet: only the placeholder


@pytest.mark.django_db
def test_header_links_cost_the_same_queries_whatever_exists(client, home_page):
    EasyLanguagePageFactory(parent=home_page)
    for n in range(10):
        StandardPageFactory(parent=home_page, slug=f"seite-{n}")
    client.get("/")
    with CaptureQueriesContext(connection) as without_sign:
        client.get("/")
    SignLanguagePageFactory(parent=home_page)
    client.get("/")
    with CaptureQueriesContext(connection) as with_sign:
        client.get("/")
    assert len(with_sign) == len(without_sign)


@pytest.mark.django_db
def test_demo_site_has_the_statement_and_both_entry_pages(client, demo_site):
    from moessingen_site.accessibility import AccessibilityStatementPage

    statement = AccessibilityStatementPage.objects.get(locale=demo_site.locale)
    assert SiteSettings.for_site(demo_site.get_site()).accessibility_page_id == statement.pk
    html = client.get("/").content.decode()
    # The Leichte-Sprache entry is the de-x-ls home page (demo_translations).
    for url in ("/barrierefreiheit/", "/de-x-ls/", "/gebaerdensprache/", "/impressum/", "/datenschutz/"):
        assert f'href="{url}"' in html, url
    assert "Beispielinhalt" in client.get("/barrierefreiheit/").content.decode()
    assert "Beispiel-Übersetzung" in client.get("/de-x-ls/").content.decode()


@pytest.mark.django_db
def test_feedback_honeypot_stops_bots(client, statement):
    html = client.get("/barrierefreiheit/").content.decode()
    assert 'class="honeypot"' in html and 'name="website"' in html
    response = client.post("/barrierefreiheit/", {"message": "Billige Uhren", "website": "http://spam.example"})
    assert "Bitte lassen Sie dieses Feld leer." in response.content.decode()
    assert not AccessibilityFeedback.objects.exists() and not mail.outbox


@pytest.mark.django_db
def test_feedback_is_rate_limited_per_address_and_keeps_the_text(client, statement, settings):
    settings.ACCESSIBILITY_FEEDBACK_RATE_LIMIT = (2, 3600)
    assert client.post("/barrierefreiheit/", {"message": "Erste Barriere"}).status_code == 302
    assert client.post("/barrierefreiheit/", {"message": "Zweite Barriere"}).status_code == 302
    response = client.post("/barrierefreiheit/", {"message": "Dritte Barriere", "name": "Carla"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Zu viele Rückmeldungen" in html and "Dritte Barriere</textarea>" in html and 'value="Carla"' in html
    assert AccessibilityFeedback.objects.count() == 2
    other = client.post("/barrierefreiheit/", {"message": "Andere Adresse"}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


@pytest.mark.django_db
def test_a_60_mb_upload_is_refused_and_nothing_is_stored(client, statement):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("gross.bin", b"\0" * (60 * 1024 * 1024))
    response = client.post("/barrierefreiheit/", {"message": "Siehe Anhang", "anhang": upload})
    assert response.status_code == 413
    assert "Ihre Nachricht ist zu groß." in response.content.decode()
    assert not AccessibilityFeedback.objects.exists() and not mail.outbox
