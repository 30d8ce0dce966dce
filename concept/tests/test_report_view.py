"""The committee's "Umsetzungsstand melden" view and the approval by the staff."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry, Workflow

from concept.factories import MeasurePageFactory
from concept.models import MeasurePage, MeasureStatus, StatusReport
from moessingen_site.base_url import base_url

from .conftest import form_data, submit_url

pytestmark = pytest.mark.django_db

LIST_URL = reverse("concept_report_status")


def approve_url(report):
    task_state = report.current_workflow_task_state
    return reverse("wagtailsnippets_concept_statusreport:workflow_action", args=[report.pk, "approve", task_state.pk])


def test_committee_sees_measures_grouped_by_field(committee_client, concept_tree):
    response = committee_client.get(LIST_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wohnen und Wohnumfeld" in html and "Raumteiler" in html
    assert f'action="{submit_url(concept_tree["raumteiler"])}"' in html
    assert "Zur Freigabe senden" in html


def test_committee_report_goes_to_moderation_and_changes_nothing_public(committee_client, committee_user, concept_tree):
    measure = concept_tree["raumteiler"]
    response = committee_client.post(submit_url(measure), form_data(measure))
    assert response.status_code == 302
    report = StatusReport.objects.get()
    assert report.reported_by == committee_user
    assert not report.live
    assert report.workflow_in_progress
    assert report.current_workflow_task.name == "Freigabe durch Redaktion"
    assert MeasurePage.objects.get(pk=measure.pk).status == MeasureStatus.PLANNED
    actions = set(ModelLogEntry.objects.filter(object_id=str(report.pk)).values_list("action", flat=True))
    assert {"wagtail.create", "wagtail.workflow.start"} <= actions
    # The public page does not show the report before approval.
    assert "Zwei Wohnungen" not in Client().get(measure.url).content.decode()


def test_staff_approval_publishes_the_report(committee_client, concept_tree, staff_user):
    measure = concept_tree["raumteiler"]
    committee_client.post(submit_url(measure), form_data(measure))
    report = StatusReport.objects.get()
    staff = Client()
    staff.force_login(staff_user)
    response = staff.post(approve_url(report), {"comment": ""})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.live
    measure.refresh_from_db()
    assert (measure.status, measure.status_date) == (MeasureStatus.IN_PROGRESS, datetime.date(2026, 1, 15))
    assert ModelLogEntry.objects.filter(object_id=str(report.pk), action="wagtail.workflow.approve").exists()
    html = Client().get(measure.url).content.decode()
    assert "Zwei Wohnungen wurden angemietet." in html
    assert "Gemeldet von Gerd Gremium" in html


def test_committee_cannot_approve_its_own_report(committee_client, concept_tree):
    measure = concept_tree["raumteiler"]
    committee_client.post(submit_url(measure), form_data(measure))
    report = StatusReport.objects.get()
    response = committee_client.post(approve_url(report), {"comment": ""})
    assert response.status_code in (302, 403)
    report.refresh_from_db()
    assert not report.live


def test_staff_rejection_leaves_the_status(committee_client, concept_tree, staff_user):
    measure = concept_tree["raumteiler"]
    committee_client.post(submit_url(measure), form_data(measure))
    report = StatusReport.objects.get()
    staff = Client()
    staff.force_login(staff_user)
    url = reverse("wagtailsnippets_concept_statusreport:workflow_action",
                  args=[report.pk, "reject", report.current_workflow_task_state.pk])
    staff.post(url, {"comment": "Bitte genauer begründen."})
    report.refresh_from_db()
    assert not report.live
    assert MeasurePage.objects.get(pk=measure.pk).status == MeasureStatus.PLANNED
    assert ModelLogEntry.objects.filter(object_id=str(report.pk), action="wagtail.workflow.reject").exists()
    assert "von der Redaktion zurückgewiesen" in committee_client.get(LIST_URL).content.decode()


def test_crafted_post_changes_nothing_else(committee_client, committee_user, concept_tree, staff_user):
    measure = concept_tree["raumteiler"]
    other = MeasurePageFactory(parent=concept_tree["bildung"], title="Andere Maßnahme")
    data = form_data(measure)
    data.update({
        f"measure-{measure.pk}-reported_by": staff_user.pk,
        f"measure-{measure.pk}-measure": other.pk,
        f"measure-{measure.pk}-live": "on",
        f"measure-{measure.pk}-id": 999,
        "reported_by": staff_user.pk, "measure": other.pk, "live": "on", "is_superuser": "on",
        f"measure-{other.pk}-status": MeasureStatus.DONE,
    })
    committee_client.post(submit_url(measure), data)
    report = StatusReport.objects.get()
    assert (report.measure_id, report.reported_by_id, report.live) == (measure.pk, committee_user.pk, False)
    assert report.pk != 999
    committee_user.refresh_from_db()
    assert not committee_user.is_superuser
    assert MeasurePage.objects.get(pk=other.pk).status == MeasureStatus.PLANNED
    assert not StatusReport.objects.filter(measure=other).exists()


def test_invalid_report_shows_errors_and_saves_nothing(committee_client, concept_tree):
    measure = concept_tree["raumteiler"]
    response = committee_client.post(submit_url(measure), form_data(measure, note="", status="erfunden",
                                                                     date="2999-01-01"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Das Datum darf nicht in der Zukunft liegen." in html
    assert "erfunden ist keine gültige Auswahl" in html
    assert not StatusReport.objects.exists()


def test_double_submission_creates_one_report(committee_client, concept_tree):
    measure = concept_tree["raumteiler"]
    committee_client.post(submit_url(measure), form_data(measure))
    response = committee_client.post(submit_url(measure), form_data(measure), follow=True)
    assert StatusReport.objects.count() == 1
    assert "liegt bereits vor" in response.content.decode()


def test_unknown_or_draft_measure_is_404(committee_client, concept_tree):
    assert committee_client.post(reverse("concept_submit_status_report", args=[987654])).status_code == 404
    draft = MeasurePageFactory(parent=concept_tree["wohnen"], live=False)
    assert committee_client.post(submit_url(draft), form_data(draft)).status_code == 404


def test_get_on_the_submit_url_redirects_to_the_list(committee_client, concept_tree):
    response = committee_client.get(submit_url(concept_tree["raumteiler"]))
    assert response.status_code == 302 and response["Location"] == LIST_URL


def test_staff_report_is_published_at_once(staff_client, staff_user, concept_tree):
    measure = concept_tree["raumteiler"]
    response = staff_client.post(submit_url(measure), form_data(measure, status=MeasureStatus.DONE))
    assert response.status_code == 302
    report = StatusReport.objects.get()
    assert report.live and report.reported_by == staff_user
    assert MeasurePage.objects.get(pk=measure.pk).status == MeasureStatus.DONE


def test_without_active_workflow_committee_reports_are_published(committee_client, concept_tree, staff_user):
    Workflow.objects.get(name="Freigabe durch Redaktion").deactivate(user=staff_user)
    measure = concept_tree["raumteiler"]
    response = committee_client.post(submit_url(measure), form_data(measure))
    assert response.status_code == 302 and response["Location"].startswith("/admin/umsetzungsstand-melden/"), response["Location"]
    assert StatusReport.objects.get().live
    assert MeasurePage.objects.get(pk=measure.pk).status == MeasureStatus.IN_PROGRESS


def test_staff_switch_the_approval_off_in_the_workflow_settings(committee_client, concept_tree, staff_user):
    workflow = Workflow.objects.get(name="Freigabe durch Redaktion")
    url = reverse("wagtailadmin_workflows:disable", args=[workflow.pk])
    assert committee_client.post(url).status_code in (302, 403)
    workflow.refresh_from_db()
    assert workflow.active
    staff = Client()
    staff.force_login(staff_user)
    assert staff.post(url).status_code == 302
    workflow.refresh_from_db()
    assert not workflow.active
    measure = concept_tree["raumteiler"]
    committee_client.post(submit_url(measure), form_data(measure))
    assert StatusReport.objects.get().live


def test_staff_snippet_create_sets_the_reporter(staff_client, staff_user, concept_tree, committee_user):
    measure = concept_tree["raumteiler"]
    url = reverse("wagtailsnippets_concept_statusreport:add")
    response = staff_client.post(url, {
        "measure": measure.pk, "status": MeasureStatus.ONGOING, "date": "2025-02-02", "note": "Läuft dauerhaft.",
        "decision": "", "decision_url": "", "reported_by": committee_user.pk, "action-publish": "action-publish",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    report = StatusReport.objects.get()
    assert report.reported_by == staff_user and report.live
    assert MeasurePage.objects.get(pk=measure.pk).status == MeasureStatus.ONGOING


@pytest.mark.parametrize("size", [3, 30])
def test_report_view_query_count_is_constant(committee_client, concept_tree, django_assert_max_num_queries, size):
    for i in range(size):
        MeasurePageFactory(parent=concept_tree["bildung"], title=f"Maßnahme {i}")
    with django_assert_max_num_queries(25):
        assert committee_client.get(LIST_URL).status_code == 200


@pytest.fixture
def meeting(concept_tree):
    from django.utils import timezone

    from events.factories import EventIndexPageFactory, EventPageFactory

    calendar = EventIndexPageFactory(parent=concept_tree["concept"].get_parent())
    start = timezone.now().replace(microsecond=0) - datetime.timedelta(days=10)
    past = EventPageFactory(parent=calendar, title="Sitzung des Begleitgremiums", start=start,
                            end=start + datetime.timedelta(hours=2))
    future = EventPageFactory(parent=calendar, title="Fest im nächsten Jahr")
    return {"past": past, "future": future}


def test_committee_can_name_the_meeting_from_the_calendar(committee_client, concept_tree, meeting):
    measure = concept_tree["raumteiler"]
    html = committee_client.get(LIST_URL).content.decode()
    assert "Sitzung des Begleitgremiums" in html and "Fest im nächsten Jahr" not in html
    response = committee_client.post(submit_url(measure), form_data(measure, meeting=meeting["future"].pk))
    assert response.status_code == 400 and not StatusReport.objects.exists()
    committee_client.post(submit_url(measure), form_data(measure, meeting=meeting["past"].pk))
    report = StatusReport.objects.get()
    assert report.meeting_id == meeting["past"].pk
    report.save_revision().publish()
    public = Client()
    html = public.get(measure.url).content.decode()
    assert f'href="{meeting["past"].url}">Sitzung des Begleitgremiums</a>' in html
    csv_text = public.get(concept_tree["progress"].url + "offene-daten/statusmeldungen-csv/").content.decode()
    assert ";Sitzung des Begleitgremiums;" + base_url() + meeting["past"].url in csv_text
    assert "Sitzung des Begleitgremiums" in public.get(concept_tree["progress"].url + "feed/").content.decode()



@pytest.fixture
def pending_reports(concept_tree, committee_user, staff_user):
    """Unpublished reports on one measure: the member's own, another member's, a staff draft."""
    from concept.factories import StatusReportFactory
    from concept.tests.conftest import make_user
    from moessingen_site.roles import BEGLEITGREMIUM

    other_member = make_user("anderes-mitglied", BEGLEITGREMIUM)
    measure = concept_tree["raumteiler"]
    return {
        "own": StatusReportFactory(measure=measure, reported_by=committee_user, date=datetime.date(2021, 3, 1)),
        "other": StatusReportFactory(measure=measure, reported_by=other_member, date=datetime.date(2022, 4, 2)),
        "staff": StatusReportFactory(measure=measure, reported_by=staff_user, date=datetime.date(2023, 5, 3)),
    }


def test_committee_sees_only_its_own_unpublished_reports(committee_client, pending_reports):
    html = committee_client.get(LIST_URL).content.decode()
    assert "01.03.2021" in html
    for hidden in ("02.04.2022", "anderes-mitglied", "03.05.2023", "Rita Redakteurin", "redaktion-test"):
        assert hidden not in html, hidden


def test_staff_see_every_unpublished_report(staff_client, pending_reports):
    html = staff_client.get(LIST_URL).content.decode()
    for shown in ("01.03.2021", "02.04.2022", "anderes-mitglied", "03.05.2023", "Rita Redakteurin"):
        assert shown in html, shown


@pytest.mark.parametrize("restriction", ["password", "login"])
@pytest.mark.parametrize("restricted", ["measure", "field"])
def test_restricted_measures_are_neither_listed_nor_reportable(
    committee_user, staff_user, concept_tree, restriction, restricted
):
    from wagtail.models import PageViewRestriction

    measure = MeasurePageFactory(parent=concept_tree["bildung"], title="Vertrauliche Maßnahme")
    page = measure if restricted == "measure" else concept_tree["bildung"]
    PageViewRestriction.objects.create(page=page, restriction_type=restriction, password="geheim")
    for user in (committee_user, staff_user):
        client = Client()
        client.force_login(user)
        html = client.get(LIST_URL).content.decode()
        assert "Vertrauliche Maßnahme" not in html and "Raumteiler" in html
        assert client.post(submit_url(measure), form_data(measure)).status_code == 404
    assert not StatusReport.objects.exists()


def test_login_restricted_events_are_not_offered_as_meetings(committee_client, concept_tree, meeting):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=meeting["past"], restriction_type=PageViewRestriction.LOGIN)
    measure = concept_tree["raumteiler"]
    assert "Sitzung des Begleitgremiums" not in committee_client.get(LIST_URL).content.decode()
    committee_client.post(submit_url(measure), form_data(measure, meeting=meeting["past"].pk))
    assert not StatusReport.objects.filter(meeting_id=meeting["past"].pk).exists()
