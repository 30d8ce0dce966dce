"""Done when: the committee reports a new status for "Raumteiler" in a real browser, the
staff approve it, and the public page, the Atom feed and the CSV show it."""

import datetime

import pytest
from django.core.management import call_command

from concept.models import MeasurePage, MeasureStatus, StatusReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTE = "Zwei leerstehende Wohnungen wurden angemietet; vier Menschen sind aus der Unterkunft ausgezogen."


def log_in(page, base_url, username, password):
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")


def test_committee_reports_staff_approve_public_sees_it(browser, live_server):
    call_command("load_demo_content", verbosity=0)
    base = live_server.url
    raumteiler = MeasurePage.objects.filter(locale__language_code="de").get(slug="raumteiler")
    report_date = datetime.date.today() - datetime.timedelta(days=1)

    committee = browser.new_context(locale="de-DE").new_page()
    log_in(committee, base, "gremium", "gremium-demo-2026")
    committee.get_by_role("link", name="Umsetzungsstand melden").first.click()
    block = committee.locator(f"#measure-{raumteiler.pk}")
    block.locator("summary").click()
    block.get_by_label("Umsetzungsstand").select_option(MeasureStatus.IN_PROGRESS.value)
    block.get_by_label("Stand vom").fill(report_date.isoformat())
    block.get_by_label("Begründung").fill(NOTE)
    block.get_by_label("Beschluss / Sitzung", exact=True).fill("Sitzung des Begleitgremiums (Beispiel)")
    with committee.expect_navigation():
        block.get_by_role("button", name="Zur Freigabe senden").click()
    assert "wartet jetzt auf Freigabe durch die Redaktion" in committee.content()
    committee.screenshot(path="/tmp/h3-e2e-committee.png", full_page=True)

    report = StatusReport.objects.get(note=NOTE)
    assert not report.live and report.workflow_in_progress
    assert report.reported_by.username == "gremium"

    staff = browser.new_context(locale="de-DE").new_page()
    log_in(staff, base, "redaktion", "redaktion-demo-2026")
    # Wagtail's own "awaiting your review" panel: the row's action menu, then "Freigeben".
    row = staff.locator("tr", has_text="Raumteiler: in Umsetzung")
    row.get_by_role("button", name="Aktionen").click()
    staff.locator("button:visible", has_text="Freigeben").first.click()
    staff.wait_for_load_state("networkidle")
    report.refresh_from_db()
    assert report.live
    staff.screenshot(path="/tmp/h3-e2e-staff.png", full_page=True)

    public = browser.new_context(locale="de-DE").new_page()
    public.goto(base + raumteiler.url)
    status_box = public.locator(".status-box")
    assert "in Umsetzung" in status_box.inner_text()
    history = public.locator(f"#meldung-{report.pk}")
    assert NOTE in history.inner_text()
    assert "Sitzung des Begleitgremiums (Beispiel)" in history.inner_text()
    public.screenshot(path="/tmp/h3-e2e-public.png", full_page=True)

    progress_url = base + "/integrationskonzept/umsetzungsstand/"
    feed = public.request.get(progress_url + "feed/")
    assert feed.ok and "Raumteiler: in Umsetzung" in feed.text() and NOTE in feed.text()
    measures_csv = public.request.get(progress_url + "offene-daten/massnahmen-csv/")
    assert f";in_umsetzung;in Umsetzung;{report_date.isoformat()};2;" in measures_csv.text()
    reports_csv = public.request.get(progress_url + "offene-daten/statusmeldungen-csv/")
    assert NOTE in reports_csv.text()
