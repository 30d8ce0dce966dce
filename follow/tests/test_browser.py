"""Done when: a visitor follows Raumteiler in Ukrainian, confirms through the link in the
e-mail received over SMTP, staff approve a new report, the scheduler's command runs and the
Ukrainian e-mail arrives with the new status; the one-click unsubscribe stops the next one."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import override

from concept.models import MeasurePage, MeasureStatus, StatusReport
from concept.reports import submit_report
from follow.models import Follower
from moessingen_site.languages import page_address

from .conftest import body_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "olena@example.org"


def log_in(page, base_url, username, password):
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")


def tick():
    """One run of the scheduler, as cron starts it."""
    call_command("run_jobs", "--once", verbosity=0)


def report_from_the_committee(measure, status, note):
    user = get_user_model().objects.get(username="gremium")
    report = StatusReport(measure=measure, status=status, date=timezone.localdate(), note=note)
    submit_report(report, user)
    return report


def test_follow_raumteiler_in_ukrainian_confirm_approve_receive_unsubscribe(browser, live_server, smtp):
    call_command("load_demo_content", verbosity=0)
    base = live_server.url
    raumteiler = MeasurePage.objects.filter(locale__language_code="de").get(slug="raumteiler")
    address = page_address(raumteiler, "uk")
    assert address.startswith("/uk/")

    visitor = browser.new_context(viewport={"width": 320, "height": 800}, locale="uk-UA").new_page()
    visitor.goto(base + address)
    visitor.locator("#follow-email").fill(EMAIL)
    visitor.locator(".follow-form button[type=submit]").click()
    visitor.wait_for_url(base + "/uk/benachrichtigen/gesendet/")
    assert visitor.locator("[role=status]").is_visible()

    tick()
    (confirmation,) = smtp.to(EMAIL)
    assert confirmation["Content-Language"] == "uk"
    confirm_path = re.search(r"https?://[^/\s]+(/uk/benachrichtigen/bestaetigen/\S+/)", body_of(confirmation)).group(1)
    visitor.goto(base + confirm_path)
    with visitor.expect_navigation():  # the answer's page, before the database is read
        visitor.locator("main form button[type=submit]").click()
    assert Follower.objects.get(email=EMAIL).confirmed_at is not None

    # The committee reports, the staff approve in Wagtail's own review panel.
    note = "Zwei leerstehende Wohnungen wurden angemietet."
    report = report_from_the_committee(raumteiler, MeasureStatus.IN_PROGRESS, note)
    assert not report.live
    tick()
    assert len(smtp.to(EMAIL)) == 1  # nothing for a report awaiting approval
    staff = browser.new_context(locale="de-DE").new_page()
    log_in(staff, base, "redaktion", "redaktion-demo-2026")
    row = staff.locator("tr", has_text="Raumteiler: in Umsetzung")
    row.get_by_role("button", name="Aktionen").click()
    staff.locator("button:visible", has_text="Freigeben").first.click()
    staff.wait_for_load_state("networkidle")
    report.refresh_from_db()
    assert report.live

    tick()
    confirmation, message = smtp.to(EMAIL)
    assert message["Content-Language"] == "uk"
    with override("uk"):
        new_status = str(MeasureStatus.IN_PROGRESS.label)
    assert new_status != "in Umsetzung"  # the status in Ukrainian words
    text = body_of(message)
    assert new_status in text and note in text and "/uk/" in text
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # The mail client's one click: a POST without cookies to the header's address.
    unsubscribe = re.match(r"<https?://[^/]+(/\S+)>", str(message["List-Unsubscribe"]).strip()).group(1)
    answer = browser.new_context().request.post(
        base + unsubscribe, data="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert answer.ok
    assert not Follower.objects.filter(email=EMAIL).exists()

    staff_user = get_user_model().objects.get(username="redaktion")
    submit_report(
        StatusReport(measure=raumteiler, status=MeasureStatus.DONE, date=timezone.localdate(), note="Abgeschlossen."),
        staff_user, publish_directly=True,
    )
    tick()
    assert len(smtp.to(EMAIL)) == 2  # no third message
    visitor.context.close()
    staff.context.close()
