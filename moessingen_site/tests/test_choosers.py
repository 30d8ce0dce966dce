"""The snippet choosers' „create“ URLs: a POST answered 500 (no creation form). Now staff
get a form error for bad input and a created snippet for good input; the committee is
refused and creates nothing (moessingen_site/choosers.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import ModelLogEntry

from committee.models import Person
from events.models import EventCategory, Place
from moessingen_site.roles import BEGLEITGREMIUM, REDAKTION

pytestmark = pytest.mark.django_db

# (chooser create URL, bad input, good input, model, lookup of the created object)
CASES = [
    ("/admin/snippets/choose/committee/person/create/", {"name": ""},
     {"name": "Beispiel Person", "function": "Integrationsbeauftragter", "email": "b@example.org"},
     Person, {"name": "Beispiel Person"}),
    ("/admin/snippets/choose/events/place/create/", {"name": ""},
     {"name": "Bürgersaal, Rathaus Mössingen", "address": "Am Rathaus"}, Place, {"name": "Bürgersaal, Rathaus Mössingen"}),
    ("/admin/snippets/choose/events/eventcategory/create/", {"name": "Workshop", "slug": "kein slug!"},
     {"name": "Begegnung", "slug": "begegnung"}, EventCategory, {"slug": "begegnung"}),
]


def client_in(group_name, username):
    user = get_user_model().objects.create_user(username, password="x" * 16)
    user.groups.add(Group.objects.get(name=group_name))
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.mark.parametrize(("url", "bad", "good", "model", "lookup"), CASES)
def test_staff_create_through_the_chooser(url, bad, good, model, lookup):
    staff = client_in(REDAKTION, "redaktion-chooser")
    response = staff.post(url, bad)
    assert response.status_code == 200, response.status_code
    assert response.json()["step"] == "reshow_creation_form"
    assert "error" in response.json()["htmlFragment"]
    assert not model.objects.exists()

    response = staff.post(url, good)
    assert response.status_code == 200, response.status_code
    assert response.json()["step"] == "chosen"
    created = model.objects.get(**lookup)
    assert ModelLogEntry.objects.filter(object_id=str(created.pk), action="wagtail.create").exists()


@pytest.mark.parametrize(("url", "bad", "good", "model", "lookup"), CASES)
def test_committee_cannot_create_through_the_chooser(url, bad, good, model, lookup):
    committee = client_in(BEGLEITGREMIUM, "gremium-chooser")
    response = committee.post(url, good)
    assert response.status_code in (302, 403), response.status_code
    assert not model.objects.exists()


def test_the_chooser_offers_the_creation_tab():
    staff = client_in(REDAKTION, "redaktion-chooser")
    response = staff.get("/admin/snippets/choose/events/place/")
    assert response.status_code == 200
    assert 'name="address"' in response.json()["html"]
