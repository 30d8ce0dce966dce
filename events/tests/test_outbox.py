"""A registration while the mail server is down: stored, answered normally, its e-mail
waiting in the outbox until the job runner can send it – once."""

import io
import socket

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from events.models import Registration
from events.registration import make_token
from moessingen_site import outbox
from moessingen_site.outbox import OutboxMessage

from .test_registration import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def mail_server_down(settings):
    """The SMTP backend pointed at a port where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_TIMEOUT = 2
    return settings


def test_a_registration_with_the_mail_server_down_is_answered_and_its_mail_waits(
    client, workshop, mail_server_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(workshop.url + "anmelden/", form_data())
    assert response.status_code == 302
    assert Registration.objects.count() == 1
    status_page = client.get(response["Location"])
    assert status_page.status_code == 200
    assert "E-Mail" in status_page.content.decode() and "folgt" in status_page.content.decode()
    (request_to_confirm,) = OutboxMessage.objects.all()
    assert request_to_confirm.subject == "Bitte bestätigen Sie Ihre Anmeldung: Workshop"
    # Followed below: the confirmation with its calendar file (the registrant confirmed by
    # the link; the request to confirm waits in the outbox the same way).
    request_to_confirm.delete()
    with django_capture_on_commit_callbacks(execute=True):
        registration = Registration.objects.get()
        client.post(registration.event.url + "anmeldung/" + make_token(registration) + "/", {"aktion": "bestaetigen"})
    (waiting,) = OutboxMessage.objects.all()
    assert waiting.to == ["ada@example.org"] and waiting.subject == "Anmeldung bestätigt: Workshop"
    assert waiting.attachments[0]["filename"].endswith(".ics") and waiting.language == "de"

    # The runner tries, fails, and keeps the message for later.
    assert outbox.send_due() == (0, 1)
    waiting.refresh_from_db()
    assert waiting.sent_at is None and waiting.attempts == 1 and waiting.last_error
    assert waiting.next_attempt_at > timezone.now()
    assert outbox.send_due() == (0, 0)  # not due again before its pause is over

    # The server is back and the pause over: one tick sends it, a second sends nothing more.
    mail_server_down.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    call_command("run_jobs", "--once", stdout=io.StringIO())
    call_command("run_jobs", "--once", stdout=io.StringIO())
    (message,) = mail.outbox
    assert message.to == ["ada@example.org"] and message.subject == "Anmeldung bestätigt: Workshop"
    (filename, content, mimetype) = message.attachments[0]
    assert filename.endswith(".ics") and mimetype == "text/calendar" and "BEGIN:VCALENDAR" in (content if isinstance(content, str) else content.decode())
    waiting.refresh_from_db()
    assert waiting.sent_at is not None and waiting.attempts == 2


def test_a_message_is_given_up_after_the_last_attempt(workshop, mail_server_down):
    from django.core.mail import EmailMessage

    outbox.enqueue(EmailMessage(subject="Test", body="Text", to=["a@example.org"]))
    for _attempt in range(outbox.MAX_ATTEMPTS):
        OutboxMessage.objects.update(next_attempt_at=timezone.now())
        outbox.send_due()
    message = OutboxMessage.objects.get()
    assert message.given_up and message.attempts == outbox.MAX_ATTEMPTS
    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    assert outbox.send_due() == (0, 0)


def test_retry_pauses_grow_and_are_bounded():
    assert [outbox.retry_delay(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert outbox.retry_delay(30) == outbox.LONGEST_RETRY


def test_a_message_claimed_by_one_runner_is_not_sent_by_another(workshop):
    from django.core.mail import EmailMessage

    outbox.enqueue(EmailMessage(subject="Test", body="Text", to=["a@example.org"]))
    now = timezone.now()
    assert len(outbox.claim_due(now, 10)) == 1
    assert outbox.claim_due(now, 10) == []  # a second runner at the same moment finds nothing
    assert outbox.send_due() == (0, 0) and mail.outbox == []


def test_the_outbox_backend_keeps_mail_the_site_does_not_write_itself(workshop, settings):
    """Wagtail's notifications and password resets send with Django's send_mail: with the
    outbox as EMAIL_BACKEND they wait in the outbox too, and are delivered by the runner."""
    from django.core.mail import send_mail

    settings.EMAIL_BACKEND = outbox.OUTBOX_BACKEND
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_mail("Workflow", "Eine Seite wartet auf Freigabe.", None, ["redaktion@example.org"])
    assert mail.outbox == [] and OutboxMessage.objects.get().to == ["redaktion@example.org"]
    assert outbox.send_due() == (1, 0)
    assert [message.subject for message in mail.outbox] == ["Workflow"]


def test_the_outbox_backend_never_delivers_into_itself(settings):
    settings.EMAIL_BACKEND = outbox.OUTBOX_BACKEND
    settings.OUTBOX_DELIVERY_BACKEND = None
    assert type(outbox.delivery_connection()).__module__ == "django.core.mail.backends.smtp"
