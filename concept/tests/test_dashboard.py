"""The staff's dashboard panel: reports waiting for approval, measures waiting for a report."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse

from concept.factories import MeasurePageFactory, StatusReportFactory
from concept.models import MeasureStatus
from concept.reports import submit_report

pytestmark = pytest.mark.django_db


def panel(client):
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    if 'id="concept-progress-heading"' not in html:
        return None
    return html.split('id="concept-progress-heading"')[1].split("</section>")[0]


@pytest.fixture
def measures(concept_tree, committee_user):
    old = MeasurePageFactory(parent=concept_tree["bildung"], title="Lange still")
    StatusReportFactory(measure=old, status=MeasureStatus.IN_PROGRESS, date=datetime.date(2020, 5, 1), published=True)
    recent = MeasurePageFactory(parent=concept_tree["bildung"], title="Frisch gemeldet")
    StatusReportFactory(measure=recent, status=MeasureStatus.IN_PROGRESS, date=datetime.date.today(), published=True)
    done = MeasurePageFactory(parent=concept_tree["bildung"], title="Längst fertig")
    StatusReportFactory(measure=done, status=MeasureStatus.DONE, date=datetime.date(2020, 1, 1), published=True)
    report = StatusReportFactory.build(measure=concept_tree["raumteiler"], status=MeasureStatus.IN_PROGRESS,
                                       note="Bitte freigeben")
    submit_report(report, committee_user)
    return concept_tree


def test_staff_see_waiting_reports_and_overdue_measures_oldest_first(staff_client, measures):
    html = panel(staff_client)
    assert html is not None
    assert "1 Statusmeldung wartet auf Freigabe" in html
    assert "Raumteiler" in html and "Gerd Gremium" in html
    assert "seit mehr als 6 Monaten ohne Meldung" in html
    # Raumteiler has no published report at all, so it comes before the one from 2020.
    assert html.index("Raumteiler</a></td><td>geplant") < html.index("Lange still")
    assert "Frisch gemeldet" not in html and "Längst fertig" not in html


@override_settings(CONCEPT_STATUS_REPORT_OVERDUE_MONTHS=1000)
def test_overdue_months_are_configurable(staff_client, measures):
    html = panel(staff_client)
    assert "seit mehr als 1000 Monaten ohne Meldung" in html
    assert "Lange still" not in html


def test_committee_has_no_panel_and_no_links_to_the_snippet_editor(committee_client, measures):
    assert panel(committee_client) is None
    html = committee_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "/admin/snippets/" not in html
