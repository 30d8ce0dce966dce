"""The everyday edit of the staff (Redaktion), as HTTP requests in the German admin: yes/no
in listings, the page workflow's German name, the message after approving a report, no
Gravatar, and the dates a status report may have."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from wagtail.models import Task, Workflow

from committee.factories import PersonFactory
from concept.factories import StatusReportFactory
from concept.models import StatusReport
from concept.reports import PAGE_TASK_NAME, PAGE_WORKFLOW_NAME, submit_report
from moessingen_site.factories import AccessibilityFeedbackFactory
from moessingen_site.roles import REDAKTION

pytestmark = pytest.mark.django_db


def cells(html):
    """The table cells' texts of an admin listing, whitespace collapsed."""
    import re

    return [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)]


@pytest.mark.parametrize(
    ("url", "make"),
    [
        ("/admin/snippets/committee/person/", lambda tree, user: PersonFactory(show_contact_publicly=True)),
        ("/admin/snippets/concept/statusreport/",
         lambda tree, user: StatusReportFactory(measure=tree["raumteiler"], published=True, reported_by=user)),
        ("/admin/rueckmeldungen-barrierefreiheit/", lambda tree, user: AccessibilityFeedbackFactory(handled=False)),
    ],
)
def test_listings_say_ja_and_nein_not_true_and_false(staff_client, staff_user, concept_tree, url, make):
    make(concept_tree, staff_user)
    response = staff_client.get(url)
    assert response.status_code == 200
    texts = cells(response.content.decode())
    assert not {"True", "False"} & set(texts), texts
    assert {"ja", "nein"} & set(texts), texts


def test_the_feedback_inspect_view_says_nein(staff_client, staff_user):
    feedback = AccessibilityFeedbackFactory(handled=False)
    response = staff_client.get(f"/admin/rueckmeldungen-barrierefreiheit/inspect/{feedback.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "False" not in html and "nein" in html


def test_person_export_says_ja(staff_client):
    PersonFactory(name="Beispiel Person", show_contact_publicly=True)
    response = staff_client.get("/admin/snippets/committee/person/?export=csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "True" not in body and ";ja" in body


def test_the_page_workflow_has_a_german_name(staff_client):
    """Migrations rename Wagtail's "Moderators approval" (the demo loader changes no workflow)."""
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()
    workflow = Workflow.objects.get(name=PAGE_WORKFLOW_NAME)
    task = workflow.tasks.get().specific
    assert task.name == PAGE_TASK_NAME
    assert REDAKTION in {group.name for group in task.groups.all()}
    html = staff_client.get("/admin/workflows/list/").content.decode()
    assert PAGE_WORKFLOW_NAME in html and "Moderators" not in html


def submitted_report(concept_tree, committee_user):
    report = StatusReport(measure=concept_tree["raumteiler"], status="in_umsetzung",
                          date=datetime.date(2026, 1, 15), note="Zwei Wohnungen wurden angemietet.")
    assert submit_report(report, committee_user) is True
    return report


def test_approving_in_the_editor_says_which_report_was_approved(staff_client, concept_tree, committee_user):
    report = submitted_report(concept_tree, committee_user)
    url = reverse("wagtailsnippets_concept_statusreport:edit", args=[report.pk])
    data = {
        "measure": report.measure_id, "status": report.status, "date": "2026-01-15", "note": report.note,
        "decision": "", "decision_url": "", "meeting": "",
        "action-workflow-action": "true", "workflow-action-name": "approve",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    report.refresh_from_db()
    assert report.live
    texts = [str(message) for message in get_messages(response.wsgi_request)]
    assert any(text.startswith("Statusmeldung für „Raumteiler“ freigegeben; sie ist jetzt öffentlich.") for text in texts), texts


def test_approving_from_the_dashboard_says_so_too(staff_client, concept_tree, committee_user):
    report = submitted_report(concept_tree, committee_user)
    url = reverse("wagtailsnippets_concept_statusreport:workflow_action",
                  args=[report.pk, "approve", report.current_workflow_task_state.pk])
    response = staff_client.post(url, {"comment": ""})
    assert response.status_code == 302
    texts = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("Statusmeldung für „Raumteiler“ freigegeben" in text for text in texts), texts


def test_no_gravatar_in_the_admin(staff_user, concept_tree):
    """Gravatar is a third party the admin's policy blocks: avatars showed as broken images."""
    staff_user.email = "rita@example.org"
    staff_user.save()
    client = Client()
    client.force_login(staff_user)
    html = client.get("/admin/").content.decode()
    assert "gravatar" not in html
    assert "default-user-avatar" in html


def test_the_admin_speaks_german_to_staff(staff_client):
    html = staff_client.get("/admin/").content.decode()
    assert '<html lang="de"' in html and "Abmelden" in html and "Log out" not in html


@pytest.mark.parametrize(
    ("date", "accepted"),
    [("1999-05-01", False), ("2019-12-01", False), ("2019-12-02", True), ("2026-01-15", True)],
)
def test_report_dates_in_the_staff_editor(staff_client, concept_tree, date, accepted):
    data = {"measure": concept_tree["raumteiler"].pk, "status": "in_umsetzung", "date": date,
            "note": "Beispielbegründung.", "decision": "", "decision_url": "", "meeting": ""}
    response = staff_client.post(reverse("wagtailsnippets_concept_statusreport:add"), data)
    if accepted:
        assert response.status_code == 302
        assert StatusReport.objects.filter(date=date).exists()
    else:
        assert response.status_code == 200
        errors = response.context["form"].errors["date"]
        assert "vor dem 2. Dezember 2019" in errors[0]
        assert not StatusReport.objects.exists()


def test_report_date_in_the_future_is_refused(staff_client, concept_tree):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    data = {"measure": concept_tree["raumteiler"].pk, "status": "in_umsetzung", "date": tomorrow.isoformat(),
            "note": "Beispielbegründung.", "decision": "", "decision_url": "", "meeting": ""}
    response = staff_client.post(reverse("wagtailsnippets_concept_statusreport:add"), data)
    assert response.status_code == 200 and "date" in response.context["form"].errors
