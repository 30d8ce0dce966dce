"""„Umsetzungsstand melden“ as the committee member sees it: what happens after sending a
report, why a report was sent back and what to do next, and which dates a report may have."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from concept.factories import MeasurePageFactory
from concept.models import StatusReport

from .conftest import form_data, submit_url

pytestmark = pytest.mark.django_db

LIST_URL = reverse("concept_report_status")
REASON = "Bitte nennen Sie die Zahl der angemieteten Wohnungen."


def test_after_sending_the_committee_reads_what_happens_now(committee_client, concept_tree):
    measure = concept_tree["raumteiler"]
    response = committee_client.post(submit_url(measure), form_data(measure))
    assert response.status_code == 302
    texts = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("wartet jetzt auf Freigabe durch die Redaktion" in text for text in texts), texts
    html = committee_client.get(LIST_URL).content.decode()
    assert "wartet auf Freigabe durch die Redaktion" in html


def reject(report, staff_user, comment):
    staff = Client()
    staff.force_login(staff_user)
    url = reverse("wagtailsnippets_concept_statusreport:workflow_action",
                  args=[report.pk, "reject", report.current_workflow_task_state.pk])
    response = staff.post(url, {"comment": comment})
    assert response.status_code == 302
    return response


def test_a_rejected_report_shows_the_reason_and_what_to_do(committee_client, concept_tree, staff_user):
    measure = concept_tree["raumteiler"]
    committee_client.post(submit_url(measure), form_data(measure))
    reject(StatusReport.objects.get(), staff_user, REASON)
    html = committee_client.get(LIST_URL).content.decode()
    assert "von der Redaktion zurückgewiesen" in html
    assert REASON in html
    assert "Senden Sie unten eine neue Meldung mit den korrigierten Angaben" in html


def test_a_rejection_without_a_reason_says_whom_to_ask(committee_client, concept_tree, staff_user):
    measure = concept_tree["raumteiler"]
    committee_client.post(submit_url(measure), form_data(measure))
    reject(StatusReport.objects.get(), staff_user, "")
    html = committee_client.get(LIST_URL).content.decode()
    assert "Die Redaktion hat keinen Grund angegeben" in html


def test_the_staff_rejection_message_says_the_reporter_sees_the_comment(committee_client, concept_tree, staff_user):
    measure = concept_tree["raumteiler"]
    committee_client.post(submit_url(measure), form_data(measure))
    response = reject(StatusReport.objects.get(), staff_user, REASON)
    texts = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("Statusmeldung für „Raumteiler“ zurückgewiesen" in text for text in texts), texts


def test_the_reasons_cost_no_query_per_report(committee_client, committee_user, concept_tree, staff_user,
                                              django_assert_max_num_queries):
    """The rejection comments come with the pending reports: the same queries for 1 or 6
    rejected reports on as many measures."""

    def rejected_on(measure):
        committee_client.post(submit_url(measure), form_data(measure))
        reject(StatusReport.objects.filter(measure=measure).get(), staff_user, REASON)

    rejected_on(concept_tree["raumteiler"])
    with django_assert_max_num_queries(100) as small:
        committee_client.get(LIST_URL)
    small_count = len(small.captured_queries)  # read now: the next request resets Django's query log
    for number in range(5):
        rejected_on(MeasurePageFactory(parent=concept_tree["wohnen"], title=f"Maßnahme {number}"))
    with django_assert_max_num_queries(small_count):
        html = committee_client.get(LIST_URL).content.decode()
    assert html.count(REASON) == 6


@pytest.mark.parametrize(
    ("date", "accepted"),
    [("1999-05-01", False), ("2019-12-01", False), ("2019-12-02", True)],
)
def test_report_dates_in_the_committee_view(committee_client, concept_tree, date, accepted):
    measure = concept_tree["raumteiler"]
    response = committee_client.post(submit_url(measure), form_data(measure, date=date))
    if accepted:
        assert response.status_code == 302
        assert StatusReport.objects.get().date == datetime.date.fromisoformat(date)
    else:
        assert response.status_code == 400
        assert "vor dem 2. Dezember 2019" in response.content.decode()
        assert not StatusReport.objects.exists()
