"""The scheduler (manage.py run_jobs): scheduled pages go live after one tick, the daily
jobs run once a day, and the accessibility feedback's receipt goes out in the visitor's
language through the outbox."""

import datetime
import io
import socket
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import gettext, override

from moessingen_site import jobs
from moessingen_site.factories import AccessibilityStatementPageFactory, StandardPageFactory
from moessingen_site.models import SiteSettings, StandardPage
from moessingen_site.outbox import OutboxMessage, send_all_due

pytestmark = pytest.mark.django_db


def tick():
    output = io.StringIO()
    call_command("run_jobs", "--once", stdout=output)
    return output.getvalue()


def test_a_scheduled_page_is_live_after_one_tick(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Neu", slug="neu")
    page.unpublish()
    go_live = timezone.now() + datetime.timedelta(minutes=5)
    # As „Zur Veröffentlichung einplanen“ does: a revision approved to go live later.
    page.go_live_at = go_live
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live and page.latest_revision.approved_go_live_at == go_live
    assert client.get("/neu/").status_code == 404

    later = go_live + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert "publish_scheduled" in tick()
    assert StandardPage.objects.get(pk=page.pk).live
    assert client.get("/neu/").status_code == 200


def test_the_daily_jobs_run_once_a_day(home_page):
    now = timezone.now()
    first = jobs.tick(now)
    again = jobs.tick(now + datetime.timedelta(hours=1))
    next_day = jobs.tick(now + datetime.timedelta(days=1, minutes=1))
    every_tick = {"publish_scheduled", "follow_notifications", "outbox"}
    assert every_tick | {"delete_event_registrations", "delete_accessibility_feedback", "purge_outbox"} == set(first)
    assert set(again) == every_tick
    assert "delete_event_registrations" in next_day


def test_a_failing_job_does_not_stop_the_others(home_page):
    with mock.patch("moessingen_site.outbox.send_all_due", side_effect=RuntimeError("mail down")):
        done = jobs.tick()
    assert "publish_scheduled" in done and "outbox" not in done


def test_old_sent_messages_are_deleted(home_page):
    from django.core.mail import EmailMessage

    from moessingen_site import outbox

    outbox.enqueue(EmailMessage(subject="Alt", body="Text", to=["a@example.org"]))
    send_all_due()
    assert OutboxMessage.objects.get().sent_at is not None
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + datetime.timedelta(days=8)):
        assert outbox.purge_old() == 1
    assert not OutboxMessage.objects.exists()


@pytest.fixture
def statement(home_page):
    page = AccessibilityStatementPageFactory(parent=home_page)
    SiteSettings.objects.create(site=page.get_site(), email="integration@moessingen.de")
    return page


@pytest.mark.parametrize("language", ["en", "uk"])
def test_the_feedback_receipt_goes_out_in_the_language_of_the_page_used(client, statement, language):
    response = client.post(
        f"/{language}/barrierefreiheit/", {"message": "Kein Untertitel.", "email": "visitor@example.org"}
    )
    assert response.status_code == 302
    receipt = OutboxMessage.objects.get(to=["visitor@example.org"])
    assert receipt.language == language
    send_all_due()
    (message,) = [message for message in mail.outbox if message.to == ["visitor@example.org"]]
    with override(language):
        assert message.subject == gettext("Vielen Dank für Ihre Rückmeldung")
    assert message.extra_headers["Content-Language"] == language
    staff = [message for message in mail.outbox if message.to == ["integration@moessingen.de"]]
    assert staff[0].subject == "Rückmeldung zur Barrierefreiheit"  # the office reads German


def test_no_receipt_without_an_address(client, statement):
    client.post("/barrierefreiheit/", {"message": "Kein Untertitel."})
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == [["integration@moessingen.de"]]


def test_feedback_with_the_mail_server_down_is_stored_and_answered(client, statement, settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    response = client.post("/barrierefreiheit/", {"message": "Kein Untertitel.", "email": "visitor@example.org"})
    assert response.status_code == 302
    assert send_all_due() == (0, 2)
    assert OutboxMessage.objects.filter(sent_at=None).count() == 2


def test_the_daily_run_deletes_accessibility_feedback_as_the_form_promises(home_page):
    """„… löschen sie, wenn sie erledigt ist“: handled feedback goes at the next daily run,
    unhandled feedback once it is past its retention time."""
    from moessingen_site.accessibility import AccessibilityFeedback
    from moessingen_site.factories import AccessibilityFeedbackFactory

    now = timezone.now()
    handled = AccessibilityFeedbackFactory(handled=True)
    open_recent = AccessibilityFeedbackFactory(handled=False)
    open_old = AccessibilityFeedbackFactory(handled=False)
    AccessibilityFeedback.objects.filter(pk=open_old.pk).update(created_at=now - datetime.timedelta(days=181))
    assert "delete_accessibility_feedback" in jobs.tick(now)
    assert list(AccessibilityFeedback.objects.values_list("pk", flat=True)) == [open_recent.pk]
    assert handled.pk != open_recent.pk
