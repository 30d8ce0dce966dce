"""The admin: people searchable, filterable and exportable by the staff only; the roster's history is kept."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from committee.factories import CommitteePageFactory, MembershipFactory, PersonFactory
from committee.models import CommitteePage, MembershipGroup
from moessingen_site.roles import BEGLEITGREMIUM, REDAKTION

PEOPLE_URL = "/admin/snippets/committee/person/"


@pytest.fixture
def make_user(django_user_model):
    def make(group_name):
        user = django_user_model.objects.create_user(username=group_name.lower(), password="x" * 12)
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


@pytest.fixture
def staff(client, make_user):
    client.force_login(make_user(REDAKTION))
    return client


@pytest.fixture
def people(home_page):
    committee = CommitteePageFactory(parent=home_page, title="Begleitgremium", slug="begleitgremium")
    kuehn = PersonFactory(name="Boris Kühn", function="Integrationsbeauftragter", email="boris@example.org")
    wach = PersonFactory(name="Melissa Wach", function="", show_contact_publicly=True)
    PersonFactory(name="Oula Mahfouz", function="")
    MembershipFactory(page=committee, person=kuehn, group=MembershipGroup.VERWALTUNG)
    MembershipFactory(page=committee, person=wach, group=MembershipGroup.BUERGERSCHAFT)
    return committee


def listed_names(response):
    html = response.content.decode()
    return sorted(name for name in ("Boris Kühn", "Melissa Wach", "Oula Mahfouz") if name in html)


@pytest.mark.django_db
class TestPeopleListPermissions:
    @pytest.mark.parametrize("url", [PEOPLE_URL, PEOPLE_URL + "?export=csv", PEOPLE_URL + "?export=xlsx"])
    def test_anonymous_is_sent_to_the_login(self, client, people, url):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")

    @pytest.mark.parametrize("url", [PEOPLE_URL, PEOPLE_URL + "?export=csv", PEOPLE_URL + "add/"])
    def test_committee_member_cannot_see_or_export_people(self, client, make_user, people, url):
        client.force_login(make_user(BEGLEITGREMIUM))
        response = client.get(url)
        assert response.status_code == 302
        assert not response["Location"].startswith("/admin/login/")  # logged in, but refused
        assert "text/csv" not in response.get("Content-Type", "")
        assert b"boris@example.org" not in response.content

    def test_committee_member_cannot_edit_the_committee_page(self, client, make_user, people):
        client.force_login(make_user(BEGLEITGREMIUM))
        response = client.get(reverse("wagtailadmin_pages:edit", args=[people.pk]))
        assert response.status_code in (302, 403)

    def test_staff_exports_people_as_csv(self, staff, people):
        response = staff.get(PEOPLE_URL + "?export=csv")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        assert 'filename="personen.csv"' in response["Content-Disposition"]
        body = response.getvalue().decode("utf-8-sig")
        assert body.splitlines()[0].startswith("Name;Funktion;Organisation oder Bereich;E-Mail")
        assert "Boris Kühn;Integrationsbeauftragter;;boris@example.org" in body
        assert "Oula Mahfouz" in body


@pytest.mark.django_db
class TestPeopleSearchAndFilters:
    def test_search_by_name(self, staff, people):
        from django.core.management import call_command

        call_command("update_index", verbosity=0)
        response = staff.get(PEOPLE_URL, {"q": "Kühn"})
        assert response.status_code == 200
        assert listed_names(response) == ["Boris Kühn"]

    def test_filter_by_committee(self, staff, people):
        response = staff.get(PEOPLE_URL, {"committee": people.pk})
        assert listed_names(response) == ["Boris Kühn", "Melissa Wach"]

    def test_filter_by_group(self, staff, people):
        response = staff.get(PEOPLE_URL, {"group": MembershipGroup.BUERGERSCHAFT})
        assert listed_names(response) == ["Melissa Wach"]

    def test_filter_by_public_contact(self, staff, people):
        response = staff.get(PEOPLE_URL, {"show_contact_publicly": "true"})
        assert listed_names(response) == ["Melissa Wach"]

    def test_filter_by_account(self, staff, people, django_user_model):
        from committee.models import Person

        Person.objects.filter(name="Oula Mahfouz").update(user=django_user_model.objects.create_user("oula"))
        assert listed_names(staff.get(PEOPLE_URL, {"has_account": "true"})) == ["Oula Mahfouz"]
        assert listed_names(staff.get(PEOPLE_URL, {"has_account": "false"})) == ["Boris Kühn", "Melissa Wach"]

    def test_filtered_export(self, staff, people):
        body = staff.get(PEOPLE_URL, {"export": "csv", "committee": people.pk}).getvalue().decode()
        assert "Boris Kühn" in body and "Oula Mahfouz" not in body

    def test_malformed_filter_is_not_a_server_error(self, staff, people):
        for params in ({"committee": "abc"}, {"committee": "999999"}, {"group": "nope"}, {"export": "pdf"}):
            assert staff.get(PEOPLE_URL, params).status_code < 500, params


@pytest.mark.django_db
class TestRosterHistoryInTheAdmin:
    def edit_form(self, staff, page):
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        response = staff.get(url)
        assert response.status_code == 200
        data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
        # StreamFields are drawn by JavaScript; an empty stream is posted as its count.
        for name, value in nested_form_data({"mandate": streamfield([]), "working_method": streamfield([])}).items():
            data[name] = value
        return url, data

    def test_an_ended_membership_cannot_be_deleted(self, staff, people):
        former = MembershipFactory(page=people, person__name="Frühere Person", member_until=datetime.date(2022, 1, 31))
        people.save_revision().publish()
        url, data = self.edit_form(staff, people)
        index = next(i for i in range(3) if data.get(f"memberships-{i}-id") == str(former.pk))
        data[f"memberships-{index}-DELETE"] = "1"
        response = staff.post(url, data)
        assert response.status_code == 200  # the form comes back with the error
        assert "kann nicht gelöscht werden" in response.content.decode()
        assert CommitteePage.objects.get(pk=people.pk).memberships.filter(pk=former.pk).exists()

    def test_a_current_membership_entered_by_mistake_can_be_deleted(self, staff, people):
        people.save_revision().publish()
        url, data = self.edit_form(staff, people)
        data["memberships-0-DELETE"] = "1"
        data["action-publish"] = "action-publish"
        response = staff.post(url, data)
        assert response.status_code == 302
        assert CommitteePage.objects.get(pk=people.pk).memberships.count() == 1

    def test_end_date_before_start_is_a_form_error(self, staff, people):
        people.save_revision().publish()
        url, data = self.edit_form(staff, people)
        data["memberships-0-member_since"] = "2023-01-01"
        data["memberships-0-member_until"] = "2022-01-01"
        response = staff.post(url, data)
        assert response.status_code == 200
        assert "darf nicht vor „Mitglied seit“ liegen" in response.content.decode()
