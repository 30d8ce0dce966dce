"""The demo calendar holds every date of the seeds, sample events are marked, and it all renders."""

import datetime

import pytest
from django.core.management import call_command

from events.models import EventCategory, EventPage
from events.recurrence import BERLIN

pytestmark = pytest.mark.django_db

SEED_DATES = {
    datetime.date(2018, 11, 24), datetime.date(2019, 2, 14), datetime.date(2019, 4, 11), datetime.date(2019, 5, 7),
    datetime.date(2019, 5, 28), datetime.date(2019, 6, 27), datetime.date(2019, 7, 5), datetime.date(2019, 7, 10),
    datetime.date(2019, 9, 11), datetime.date(2019, 9, 23), datetime.date(2019, 11, 12), datetime.date(2020, 1, 28),
}


class TestOnTheDemoSite:
    """On the demo site, loaded once for the class (conftest.demo_content)."""

    def test_seed_events_and_marked_samples(self, demo_site, client):
        events = list(EventPage.objects.select_related("place", "category"))
        seeds = [e for e in events if not e.title.endswith("(Beispiel)")]
        assert {e.local_start.date() for e in seeds} == SEED_DATES
        kickoff = next(e for e in seeds if e.local_start.date() == datetime.date(2018, 11, 24))
        assert (kickoff.local_start.time(), kickoff.local_end.time()) == (datetime.time(14), datetime.time(18, 30))
        assert kickoff.place.name == "Bürgersaal, Rathaus Mössingen" and kickoff.category.slug == "auftaktveranstaltung"
        assert kickoff.registration_enabled and kickoff.registration_closed
        assert kickoff.registration_deadline.astimezone(BERLIN).date() == datetime.date(2018, 11, 15)
        # The seeds give no other times: those dates are all-day events.
        assert all(e.all_day for e in seeds if e is not kickoff)
        assert {c.slug for c in EventCategory.objects.all()} >= {
            "sitzung-begleitgremium", "auftaktveranstaltung", "workshop-arbeitsgruppe", "sitzung-steuerungskreis", "begegnung"
        }
        assert EventPage.objects.filter(category__slug="sitzung-begleitgremium").exists()
        samples = [e for e in events if e.title.endswith("(Beispiel)")]
        assert any(e.is_recurring for e in samples)
        assert any(e.end > datetime.datetime.now(datetime.UTC) and e.category.slug == "sitzung-begleitgremium" for e in samples)

        upcoming = client.get("/veranstaltungen/").content.decode()
        assert "Begegnungscafé (Beispiel)" in upcoming and "Sitzung Begleitgremium (Beispiel)" in upcoming
        assert "Zusammenleben in Mössingen" in client.get("/veranstaltungen/archiv/").content.decode()
        for event in events:
            assert client.get(event.url).status_code == 200, event.url
            assert client.get(event.ics_url()).status_code == 200, event.url
        kickoff_page = client.get(kickoff.url).content.decode()
        assert "Die Anmeldung ist geschlossen" in kickoff_page and "integration@moessingen.de" in kickoff_page
        privacy = client.get("/datenschutz/").content.decode()
        assert "Anmeldungen zu Veranstaltungen" in privacy

    def test_loading_twice_changes_nothing(self, demo_site):
        before = sorted(EventPage.objects.values_list("slug", "start"))
        call_command("load_demo_content", verbosity=0)
        assert sorted(EventPage.objects.values_list("slug", "start")) == before


