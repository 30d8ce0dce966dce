"""Fixtures for the concept's tests: a small concept tree and one user per role."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from concept.factories import (
    ConceptPageFactory,
    FieldOfActionPageFactory,
    MeasurePageFactory,
    ProgressPageFactory,
)
from concept.status import MeasureStatus
from moessingen_site.roles import BEGLEITGREMIUM, REDAKTION

PASSWORD = "test-password-123"


@pytest.fixture
def concept_tree(home_page):
    concept = ConceptPageFactory(parent=home_page, adopted_on=datetime.date(2019, 12, 2))
    wohnen = FieldOfActionPageFactory(parent=concept, title="Wohnen und Wohnumfeld", slug="wohnen")
    bildung = FieldOfActionPageFactory(parent=concept, title="Bildung und Betreuung", slug="bildung")
    raumteiler = MeasurePageFactory(
        parent=wohnen, title="Raumteiler", slug="raumteiler", responsible_unit="Projekt-Team"
    )
    progress = ProgressPageFactory(parent=concept)
    return {
        "concept": concept,
        "wohnen": wohnen,
        "bildung": bildung,
        "raumteiler": raumteiler,
        "progress": progress,
    }


def make_user(username, group_name=None, **extra):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def staff_user(db):
    return make_user("redaktion-test", REDAKTION, first_name="Rita", last_name="Redakteurin")


@pytest.fixture
def committee_user(db):
    return make_user("gremium-test", BEGLEITGREMIUM, first_name="Gerd", last_name="Gremium")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def committee_client(client, committee_user):
    client.force_login(committee_user)
    return client


# The committee's „Umsetzungsstand melden“ form: where a report is sent, and its fields.

def submit_url(measure):
    return reverse("concept_submit_status_report", args=[measure.pk])


def form_data(measure, **values):
    data = {"status": MeasureStatus.IN_PROGRESS, "date": "2026-01-15", "note": "Zwei Wohnungen wurden angemietet.",
            "decision": "", "decision_url": ""}
    data.update(values)
    return {f"measure-{measure.pk}-{key}": value for key, value in data.items()}
