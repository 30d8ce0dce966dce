"""The demo content: status reports for the seed's measures, a progress page, idempotent."""

import datetime

import pytest
from django.core.management import call_command
from django.test import Client

from wagtail.models import Page, Workflow

from concept.models import MeasurePage, MeasureStatus, ProgressPage, StatusReport
from concept.reports import PAGE_WORKFLOW_NAME


class TestOnTheDemoSite:
    """On the demo site, loaded once for the class (conftest.demo_content)."""

    @pytest.mark.django_db
    def test_demo_reports_and_progress_page(self, demo_site):
        raumteiler = MeasurePage.objects.filter(locale__language_code="de").get(slug="raumteiler")
        first = StatusReport.objects.get(measure=raumteiler)
        assert (first.status, first.date, first.live) == (MeasureStatus.PLANNED, datetime.date(2020, 1, 28), True)
        assert "Gebäudemanagement, Integration und Öffentlichkeit" in first.note
        assert first.reported_by.username == "redaktion"
        assert first.meeting is not None and first.meeting.slug == "vorstellung-integrationskonzept-2020"
        assert (raumteiler.status, raumteiler.status_date) == (MeasureStatus.PLANNED, datetime.date(2020, 1, 28))
        progress = ProgressPage.objects.filter(locale__language_code="de").get()
        assert progress.get_parent().specific_class.__name__ == "ConceptPage"
        for url in (progress.url, raumteiler.url, progress.url + "offene-daten/"):
            assert Client().get(url).status_code == 200, url

        counts = StatusReport.objects.count()
        call_command("load_demo_content", verbosity=0)
        assert StatusReport.objects.count() == counts
        assert ProgressPage.objects.filter(locale__language_code="de").count() == 1

    @pytest.mark.django_db
    def test_demo_in_german_for_the_staff(self, demo_site):
        """After migrate and the demo loader: the page workflow has its German name, every
        address is ASCII (umlauts spelt out) and every demo report's date passes the rules."""
        assert set(Workflow.objects.values_list("name", flat=True)) == {PAGE_WORKFLOW_NAME, "Freigabe durch Redaktion"}
        assert not [slug for slug in Page.objects.values_list("slug", flat=True) if not slug.isascii()]
        for report in StatusReport.objects.all():
            report.full_clean()


