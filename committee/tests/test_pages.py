"""The committee pages render from the demo content and from factories, with a constant query count."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from committee.factories import CommitteePageFactory, MembershipFactory, PersonFactory
from committee.models import CommitteePage, Person
from concept.factories import ConceptPageFactory, HistoryPageFactory
from concept.models import HistoryPage
from moessingen_site.demo import stream
from moessingen_site.models import HomePage

SEED_ROSTER = [
    ("Jürgen Wissenbach", "Gemeinderat"),
    ("Ulrike Hagemann", "Gemeinderätin"),
    ("Melissa Wach", "engagierte Bürgerin"),
    ("Klaus Conrad", "engagierter Bürger"),
    ("Boris Kühn", "Integrationsbeauftragter"),
    ("Dilek Aydin", "Mitarbeiterin Stabsstelle Integration"),
    ("Silvia Bürth", "Jugendreferat"),
    ("Alexander Zanellati", "Integrationsmanagement für Geflüchtete"),
]


def section(html, element_id):
    """The HTML of the <section> with this id."""
    start = html.index(f'id="{element_id}"')
    return html[start : html.index("</section>", start)]


@pytest.mark.django_db
class TestDemoContent:
    def test_begleitgremium_lists_the_eight_members_of_the_seed_in_their_groups(self, client, demo_site):
        response = client.get("/begleitgremium/")
        assert response.status_code == 200
        html = response.content.decode()
        members = section(html, "mitglieder")
        positions = [members.index(f'<p class="member__name">{name}</p>') for name, _role in SEED_ROSTER]
        assert positions == sorted(positions), "members appear in the seed's order"
        for name, role in SEED_ROSTER:
            entry = members[members.index(name) :]
            assert entry.index(f'<p class="member__role">{role}</p>') < entry.index("</li>")
        headings = [members.index(h) for h in (">Gemeinderat</h3>", ">Engagierte Bürgerinnen und Bürger</h3>", ">Verwaltung</h3>")]
        assert headings == sorted(headings)
        assert members.index(">Engagierte Bürgerinnen und Bürger</h3>") < members.index("Melissa Wach") < members.index(">Verwaltung</h3>")
        assert 'id="ehemalige"' not in html  # nobody has left
        assert "Demo-Gremiumsmitglied" not in html

    def test_no_invented_photos_contacts_or_dates(self, demo_site):
        names = [name for name, _role in SEED_ROSTER]
        people = Person.objects.filter(name__in=names)
        assert people.count() == 8
        for person in people:
            assert (person.photo_id, person.email, person.phone) == (None, "", "")
        page = CommitteePage.objects.filter(locale__language_code="de").get(slug="begleitgremium")
        assert {(m.member_since, m.member_until) for m in page.memberships.all()} == {(None, None)}

    def test_mandate_and_working_method_are_marked_as_sample_text(self, client, demo_site):
        html = client.get("/begleitgremium/").content.decode()
        for element_id in ("auftrag", "arbeitsweise"):
            assert "Beispielinhalt" in section(html, element_id)
        assert 'href="#auftrag"' in html and 'href="#arbeitsweise"' in html

    def test_begleitgremium_is_in_the_main_navigation(self, client, demo_site):
        html = client.get("/").content.decode()
        assert 'href="/begleitgremium/"' in html

    def test_history_page_shows_the_steuerungskreis_with_its_planning_group(self, client, demo_site):
        html = client.get("/integrationskonzept/entstehung/").content.decode()
        summary = html[html.index('class="section committee-summary"') :]
        assert "Steuerungskreis" in summary
        for name in ("Boris Kühn", "Dilek Aydin", "Barbara Schott", "Tanja Vo-Van"):
            assert name in summary
        assert "Tätig vom 14. Februar 2019 bis zum 12. November 2019" in summary
        assert 'href="/integrationskonzept/entstehung/steuerungskreis/"' in summary

    def test_steuerungskreis_page(self, client, demo_site):
        html = client.get("/integrationskonzept/entstehung/steuerungskreis/").content.decode()
        assert "Moderationstandem der Führungsakademie" in html
        assert "etwa 30 Personen" in html
        assert "Planungsgruppe, Koordinatorin für das Bürgerschaftliche Engagement" in html

    def test_begleitgremium_meetings_with_minutes(self, client, demo_site):
        html = client.get("/begleitgremium/").content.decode()
        meetings = section(html, "sitzungen")
        upcoming, past = meetings.split("Vergangene Sitzungen")
        assert "Sitzung Begleitgremium (Beispiel)" in upcoming
        assert "Sitzung Begleitgremium mit Protokoll (Beispiel)" in past
        assert "Protokoll: Protokoll der Sitzung des Begleitgremiums (Beispiel)" in past
        assert 'href="#sitzungen"' in html

    def test_steuerungskreis_meetings_from_the_calendar(self, client, demo_site):
        html = client.get("/integrationskonzept/entstehung/steuerungskreis/").content.decode()
        meetings = section(html, "sitzungen")
        assert "Nächste Sitzungen" not in meetings  # its work has ended
        assert meetings.count('<li class="meeting">') == 4
        assert meetings.index("12. November 2019") < meetings.index("14. Februar 2019")
        assert '<time datetime="2019-02-14">' in meetings

    def test_demo_account_is_linked_to_a_sample_person_outside_the_roster(self, demo_site):
        person = Person.objects.get(user__username="gremium")
        assert "Beispiel" in person.name
        assert not person.memberships.exists()

    def test_site_search_finds_the_committee_by_a_members_name(self, client, demo_site):
        html = client.get("/suche/", {"q": "Wissenbach"}).content.decode()
        assert 'href="/begleitgremium/"' in html[html.index('id="main"') :]

    def test_loading_twice_changes_nothing(self, demo_site):
        from django.core.management import call_command

        before = (Person.objects.count(), CommitteePage.objects.filter(locale__language_code="de").count(), sum(p.memberships.count() for p in CommitteePage.objects.filter(locale__language_code="de").all()))
        call_command("load_demo_content", verbosity=0)
        after = (Person.objects.count(), CommitteePage.objects.filter(locale__language_code="de").count(), sum(p.memberships.count() for p in CommitteePage.objects.filter(locale__language_code="de").all()))
        assert before == after == (12, 2, 13)


@pytest.mark.django_db
class TestFactoryPages:
    def test_committee_page_renders_current_and_former_members(self, client, home_page):
        page = CommitteePageFactory(
            parent=home_page, slug="begleitgremium",
            mandate=stream(("paragraph", "<p>Der Auftrag.</p>")),
        )
        MembershipFactory(page=page, person__name="Aktuelle Person", role="engagierte Bürgerin",
                          member_since=datetime.date(2020, 3, 1))
        MembershipFactory(page=page, person__name="Frühere Person", member_until=datetime.date(2021, 5, 31),
                          member_since=datetime.date(2020, 3, 1))
        html = client.get("/begleitgremium/").content.decode()
        assert "Aktuelle Person" in section(html, "mitglieder")
        assert "Mitglied seit März 2020" in section(html, "mitglieder")
        former = section(html, "ehemalige")
        assert "Frühere Person" in former and "Aktuelle Person" not in former
        assert "Mitglied von März 2020 bis Mai 2021" in former
        assert "Der Auftrag." in section(html, "auftrag")
        assert 'id="arbeitsweise"' not in html  # empty sections are left out

    def test_contact_data_only_when_the_person_agreed(self, client, home_page):
        page = CommitteePageFactory(parent=home_page, slug="begleitgremium")
        MembershipFactory(page=page, person__email="privat@example.org", person__phone="07473 1")
        MembershipFactory(page=page, person__email="oeffentlich@example.org", person__show_contact_publicly=True)
        html = client.get("/begleitgremium/").content.decode()
        assert "privat@example.org" not in html and "07473 1" not in html
        assert 'href="mailto:oeffentlich@example.org"' in html

    def test_photo_with_its_alt_text(self, client, home_page):
        import wagtail_factories

        page = CommitteePageFactory(parent=home_page, slug="begleitgremium")
        person = PersonFactory(photo=wagtail_factories.ImageFactory(), photo_alt_text="Porträt von Person X")
        MembershipFactory(page=page, person=person)
        html = client.get("/begleitgremium/").content.decode()
        assert 'alt="Porträt von Person X"' in html and 'class="member__photo"' in html

    def test_photo_needs_alt_text(self):
        import wagtail_factories
        from django.core.exceptions import ValidationError

        person = PersonFactory.build(photo=wagtail_factories.ImageFactory(), photo_alt_text=" ")
        with pytest.raises(ValidationError):
            person.clean()

    def test_draft_committee_is_not_shown_on_the_history_page(self, client, home_page):
        concept = ConceptPageFactory(parent=home_page)
        history = HistoryPageFactory(parent=concept, slug="entstehung")
        live = CommitteePageFactory(parent=history, title="Steuerungskreis", slug="steuerungskreis")
        MembershipFactory(page=live, person__name="Planerin")
        CommitteePageFactory(parent=history, title="Entwurfsgremium", slug="entwurf", live=False)
        html = client.get("/integrationskonzept/entstehung/").content.decode()
        assert "Steuerungskreis" in html and "Planerin" in html
        assert "Entwurfsgremium" not in html


class TestPageTreeRules:
    def test_committees_live_under_the_home_page_and_the_history_page(self):
        assert set(CommitteePage.allowed_parent_page_models()) == {HomePage, HistoryPage}
        assert CommitteePage in HomePage.allowed_subpage_models()
        assert HistoryPage.allowed_subpage_models() == [CommitteePage]
        assert CommitteePage.allowed_subpage_models() == []

    @pytest.mark.django_db
    def test_not_under_a_committee(self, home_page):
        page = CommitteePageFactory(parent=home_page)
        assert not CommitteePage.can_create_at(page)
        assert isinstance(Page.objects.get(pk=page.pk).specific, CommitteePage)


def count_queries(client, url):
    """(cold, warm): queries with nothing cached, and with the page cache bypassed (as when its
    entry has expired) but the shared caches filled (roster fragment, series of meetings)."""
    from django.core.cache import cache
    from django.test import override_settings

    client.get(url)  # what lives in the process (content types); renditions are created
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    cold = len(queries)  # now: the next request empties the connection's query log
    with override_settings(MOESSINGEN_PAGE_CACHE_BYPASS_HEADER="HTTP_X_BENCH_MISS"):
        client.get(url, HTTP_X_BENCH_MISS="1")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, HTTP_X_BENCH_MISS="1").status_code == 200
    return cold, len(queries)


@pytest.mark.django_db
def test_committee_page_query_count_does_not_grow_with_members(client, home_page):
    import wagtail_factories

    page = CommitteePageFactory(parent=home_page, slug="begleitgremium")
    photo = wagtail_factories.ImageFactory()

    def add_members(n):
        for i in range(n):
            MembershipFactory(
                page=page,
                person__photo=photo if i % 2 else None,
                person__photo_alt_text="Porträt",
                member_until=datetime.date(2022, 1, 1) if i % 4 == 0 else None,
            )

    add_members(8)
    small = count_queries(client, "/begleitgremium/")
    add_members(72)
    large = count_queries(client, "/begleitgremium/")
    assert small == large, f"{small} queries with 8 members, {large} with 80"
    assert large[0] <= 16 and large[1] <= 8, large  # warm: the roster from its fragment cache


@pytest.mark.django_db
def test_history_page_query_count_does_not_grow_with_committee_members(client, home_page):
    concept = ConceptPageFactory(parent=home_page)
    history = HistoryPageFactory(parent=concept, slug="entstehung")
    committee = CommitteePageFactory(parent=history, slug="steuerungskreis")
    for _ in range(5):
        MembershipFactory(page=committee)
    small = count_queries(client, "/integrationskonzept/entstehung/")
    for _ in range(30):
        MembershipFactory(page=committee)
    CommitteePageFactory(parent=history, slug="planungsgruppe")
    large = count_queries(client, "/integrationskonzept/entstehung/")
    assert small == large
