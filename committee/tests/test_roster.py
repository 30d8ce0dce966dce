"""The roster: current members grouped, former members apart, nothing deleted."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from committee.factories import CommitteePageFactory, MembershipFactory, PersonFactory
from committee.models import CommitteePage, Membership, MembershipGroup

TODAY = datetime.date(2026, 11, 21)


@pytest.fixture
def committee(home_page):
    return CommitteePageFactory(parent=home_page, slug="begleitgremium")


def names(memberships):
    return [m.person.name for m in memberships]


@pytest.mark.django_db
class TestRoster:
    def test_current_members_are_grouped_in_the_order_of_the_groups(self, committee):
        MembershipFactory(page=committee, person__name="Verwaltung A", group=MembershipGroup.VERWALTUNG)
        MembershipFactory(page=committee, person__name="Rat A", group=MembershipGroup.GEMEINDERAT)
        MembershipFactory(page=committee, person__name="Bürgerin A", group=MembershipGroup.BUERGERSCHAFT)
        MembershipFactory(page=committee, person__name="Rat B", group=MembershipGroup.GEMEINDERAT)

        roster = CommitteePage.objects.get(pk=committee.pk).roster(today=TODAY)
        groups, former = roster.groups, roster.former

        assert [(group, names(members)) for group, members in groups] == [
            (MembershipGroup.GEMEINDERAT, ["Rat A", "Rat B"]),
            (MembershipGroup.BUERGERSCHAFT, ["Bürgerin A"]),
            (MembershipGroup.VERWALTUNG, ["Verwaltung A"]),
        ]
        assert former == []

    def test_a_membership_that_ended_lists_the_person_as_former_member(self, committee):
        MembershipFactory(page=committee, person__name="Aktiv", member_since=datetime.date(2020, 1, 1))
        MembershipFactory(
            page=committee, person__name="Ausgeschieden 2022",
            member_since=datetime.date(2020, 1, 1), member_until=datetime.date(2022, 6, 30),
        )
        MembershipFactory(page=committee, person__name="Ausgeschieden 2024", member_until=datetime.date(2024, 3, 31))

        roster = committee.roster(today=TODAY)
        groups, former = roster.groups, roster.former

        assert [names(members) for _group, members in groups] == [["Aktiv"]]
        assert names(former) == ["Ausgeschieden 2024", "Ausgeschieden 2022"]  # most recent departure first

    def test_whoever_leaves_today_is_still_a_member_today(self, committee):
        membership = MembershipFactory(page=committee, member_until=TODAY)
        assert not membership.has_ended(TODAY)
        assert membership.has_ended(TODAY + datetime.timedelta(days=1))

    def test_a_person_can_leave_and_be_member_again(self, committee):
        person = PersonFactory(name="Wiedergewählt")
        MembershipFactory(page=committee, person=person, member_until=datetime.date(2021, 12, 31))
        MembershipFactory(page=committee, person=person, member_since=datetime.date(2023, 1, 1))
        roster = committee.roster(today=TODAY)
        groups, former = roster.groups, roster.former
        assert names(groups[0][1]) == ["Wiedergewählt"]
        assert names(former) == ["Wiedergewählt"]

    def test_an_empty_committee_has_an_empty_roster(self, committee):
        roster = committee.roster(today=TODAY)
        assert (roster.groups, roster.former) == ([], [])

    def test_role_falls_back_to_the_persons_function(self, committee):
        membership = MembershipFactory(page=committee, role="", person__function="Jugendreferentin")
        assert membership.role_label == "Jugendreferentin"


@pytest.mark.django_db
class TestValidation:
    def test_membership_cannot_end_before_it_began(self, committee):
        membership = MembershipFactory.build(
            page=committee, person=PersonFactory(),
            member_since=datetime.date(2022, 1, 1), member_until=datetime.date(2021, 1, 1),
        )
        with pytest.raises(ValidationError) as error:
            membership.full_clean()
        assert "member_until" in error.value.message_dict

    def test_committee_cannot_end_before_it_began(self, home_page):
        page = CommitteePage(
            title="Steuerungskreis", slug="steuerungskreis",
            active_from=datetime.date(2019, 11, 12), active_until=datetime.date(2019, 2, 14),
        )
        with pytest.raises(ValidationError) as error:
            page.clean()
        assert "active_until" in error.value.message_dict

    def test_a_person_with_a_committee_history_cannot_be_deleted(self, committee):
        from django.db.models import ProtectedError

        membership = MembershipFactory(page=committee, member_until=datetime.date(2022, 1, 1))
        with pytest.raises(ProtectedError):
            membership.person.delete()
        assert Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.django_db
def test_historic_committee(committee):
    committee.active_until = datetime.date(2019, 11, 12)
    assert committee.is_historic(TODAY)
    committee.active_until = None
    assert not committee.is_historic(TODAY)


@pytest.fixture
def fragments_on(client, home_page):
    """Page cache on, but every request rendered (as when its entry has expired): the roster
    comes from its fragment cache (wagtailpagecache in committee_page.html)."""
    from django.test import override_settings

    with override_settings(MOESSINGEN_PAGE_CACHE=True, MOESSINGEN_PAGE_CACHE_BYPASS_HEADER="HTTP_X_BENCH_MISS"):
        client.get("/")  # creates the site's settings row (a content change) before the test's requests
        yield


@pytest.mark.django_db
class TestRosterFragment:
    def test_a_preview_shows_unsaved_members_and_never_leaks_them(self, client, committee, fragments_on):
        MembershipFactory(page=committee, person__name="Gespeichert", group=MembershipGroup.GEMEINDERAT)
        assert "Gespeichert" in client.get("/begleitgremium/", HTTP_X_BENCH_MISS="1").content.decode()
        draft = CommitteePage.objects.get(pk=committee.pk)
        draft.memberships.add(Membership(person=PersonFactory(name="Nur im Entwurf"), group=MembershipGroup.VERWALTUNG))
        preview = draft.make_preview_request().content.decode()
        assert "Nur im Entwurf" in preview and "Gespeichert" in preview
        public = client.get("/begleitgremium/", HTTP_X_BENCH_MISS="1").content.decode()
        assert "Gespeichert" in public and "Nur im Entwurf" not in public

    def test_a_saved_change_shows_at_once(self, client, committee, fragments_on):
        MembershipFactory(page=committee, person__name="Erste", group=MembershipGroup.GEMEINDERAT)
        assert "Erste" in client.get("/begleitgremium/", HTTP_X_BENCH_MISS="1").content.decode()
        MembershipFactory(page=committee, person__name="Zweite", group=MembershipGroup.GEMEINDERAT)
        html = client.get("/begleitgremium/", HTTP_X_BENCH_MISS="1").content.decode()
        assert "Erste" in html and "Zweite" in html

    def test_a_member_who_left_yesterday_is_a_former_member_today(self, client, committee, fragments_on):
        """The roster depends on the date: its fragment is kept per day."""
        from unittest import mock

        from django.utils import timezone

        MembershipFactory(page=committee, person__name="Scheidet aus", member_until=datetime.date(2026, 6, 30))
        evening = timezone.make_aware(datetime.datetime(2026, 6, 30, 20, 0))
        with mock.patch("django.utils.timezone.now", return_value=evening):
            html = client.get("/begleitgremium/", HTTP_X_BENCH_MISS="1").content.decode()
        assert 'id="ehemalige"' not in html
        with mock.patch("django.utils.timezone.now", return_value=evening + datetime.timedelta(hours=5)):
            html = client.get("/begleitgremium/", HTTP_X_BENCH_MISS="1").content.decode()
        assert "Scheidet aus" in html[html.index('id="ehemalige"'):]
