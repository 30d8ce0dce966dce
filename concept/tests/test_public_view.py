"""What a visitor sees of the concept (issue 14, and issue 13's links that leave the site):
the home page's counts lead to the list of those measures; a stale measure says so with
its one honest date; the open data page's breadcrumb; a measure's contact; every address
in the feeds and the open data from the configured base URL."""

import datetime
import json

import pytest
from dateutil.relativedelta import relativedelta
from django.test import Client, override_settings
from django.utils import timezone

from committee.factories import PersonFactory
from concept.factories import MeasurePageFactory, StatusReportFactory
from concept.status import MeasureStatus
from events.factories import EventIndexPageFactory, EventPageFactory
from moessingen_site.site_settings import SiteSettings

PUBLIC = "https://integration.moessingen.de"
STALE = "Seit über 12 Monaten keine neue Meldung"


def html(url, client=None, **extra):
    response = (client or Client()).get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode("utf-8-sig")


@pytest.fixture
def reported(concept_tree):
    """Raumteiler last reported three years ago; a second measure reported last month."""
    today = timezone.localdate()
    StatusReportFactory(measure=concept_tree["raumteiler"], status=MeasureStatus.IN_PROGRESS,
                        date=today - relativedelta(years=3), published=True)
    fresh = MeasurePageFactory(parent=concept_tree["bildung"], title="Lernpaten", slug="lernpaten")
    StatusReportFactory(measure=fresh, status=MeasureStatus.DONE, date=today - relativedelta(months=1), published=True)
    concept_tree["lernpaten"] = fresh
    return concept_tree


# „What has the town done?“ (issue 14)

@pytest.mark.django_db
def test_home_counts_link_to_the_list_filtered_by_their_status(reported):
    progress = reported["progress"].url
    page = html("/")
    for status in MeasureStatus:
        assert f'href="{progress}?status={status.value}#alle-massnahmen"' in page, status
    assert f'href="{progress}"' in page and "Zum Umsetzungsstand aller Maßnahmen" in page
    done = html(progress + "?status=umgesetzt")
    assert ">Lernpaten</a>" in done and ">Raumteiler</a>" not in done
    assert "1 Maßnahme gefunden" in done


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["?status=erfunden", "?status=%00", "?status=umgesetzt&status=x", "?seite=abc&status="])
def test_an_unknown_status_in_the_address_is_ignored(reported, query):
    page = html(reported["progress"].url + query)
    assert ">Lernpaten</a>" in page and ">Raumteiler</a>" in page


# Stale measures look current (issue 14)

@pytest.mark.django_db
def test_the_measure_page_shows_the_status_date_and_flags_an_old_one(reported):
    raumteiler = html(reported["raumteiler"].url)
    assert "Stand: " in raumteiler and STALE in raumteiler
    assert "Zuletzt aktualisiert" not in raumteiler  # the page's save date misled
    lernpaten = html(reported["lernpaten"].url)
    assert "Stand: " in lernpaten and "keine neue Meldung" not in lernpaten


@pytest.mark.django_db
def test_the_lists_flag_stale_measures(reported):
    for url in (reported["progress"].url, reported["wohnen"].url):
        page = html(url)
        assert page.count(STALE) == 1, url
    assert STALE not in html(reported["bildung"].url)


@pytest.mark.django_db
def test_the_staff_set_after_how_many_months_a_status_is_stale(reported, staff_client):
    html("/")  # creates the settings row
    settings = SiteSettings.objects.get()
    settings.stale_after_months = 48
    settings.save()
    assert "keine neue Meldung" not in html(reported["raumteiler"].url)
    settings.stale_after_months = 1
    settings.save()
    page = html(reported["progress"].url)
    assert page.count("Seit über 1 Monat keine neue Meldung") == 1  # Lernpaten: one month ago exactly
    assert "Hinweis auf veraltete Meldungen" in html(f"/admin/settings/moessingen_site/sitesettings/{settings.site_id}/",
                                                       client=staff_client)


# The Offene-Daten page's breadcrumb (issue 14)

@pytest.mark.django_db
def test_the_open_data_breadcrumb_leads_back_to_the_overview(concept_tree):
    progress = concept_tree["progress"].url
    overview = html(progress)  # its breadcrumb is cached first: the open data page must not reuse it
    assert '<span aria-current="page">Umsetzungsstand</span>' in overview
    page = html(progress + "offene-daten/")
    crumbs = page[page.index('class="breadcrumb'):page.index("</nav>", page.index('class="breadcrumb'))]
    assert f'<a class="kern-link" href="{progress}">Umsetzungsstand</a>' in crumbs
    assert '<span aria-current="page">Offene Daten</span>' in crumbs
    assert crumbs.index("Integrationskonzept") < crumbs.index("Umsetzungsstand") < crumbs.index("Offene Daten")


# Contact (issue 14)

@pytest.mark.django_db
def test_a_measures_contact_shows_the_office_email_and_phone(concept_tree):
    person = PersonFactory(name="Boris Kühn", function="Integrationsbeauftragter", email="privat@example.org",
                           office_email="integration@moessingen.de", office_phone="07473 370-0")
    measure = concept_tree["raumteiler"]
    measure.contact_person = person
    measure.save_revision().publish()
    page = html(measure.url)
    assert "Boris Kühn, Integrationsbeauftragter" in page
    assert 'href="mailto:integration@moessingen.de"' in page and 'href="tel:07473370-0"' in page
    assert "privat@example.org" not in page  # the person's own address only with consent
    person.show_contact_publicly = True
    person.save()
    assert 'href="mailto:privat@example.org"' in html(measure.url)


# Links that leave the site (issue 13)

@pytest.mark.django_db
@override_settings(WAGTAILADMIN_BASE_URL=PUBLIC)
def test_feeds_and_open_data_use_the_configured_base_url(reported):
    calendar = EventIndexPageFactory(parent=reported["concept"].get_parent())
    meeting = EventPageFactory(parent=calendar, title="Sitzung", slug="sitzung")
    StatusReportFactory(measure=reported["raumteiler"], date=datetime.date(2024, 1, 1), meeting=meeting, published=True)
    progress = reported["progress"].url
    client = Client()
    for path, address in (
        ("feed/", reported["raumteiler"].url), ("feed/wohnen/", reported["raumteiler"].url),
        ("offene-daten/massnahmen-csv/", reported["raumteiler"].url), ("offene-daten/statusmeldungen-csv/", meeting.url),
        ("offene-daten/massnahmen-json/", meeting.url),
    ):
        # Asked under another host name (a proxy's, an internal one): the addresses stay.
        text = html(progress + path, client, HTTP_HOST="localhost")
        assert PUBLIC + address in text, path
        assert "http://localhost" not in text and "testserver" not in text, path
    feed = html(progress + "feed/", client, HTTP_HOST="localhost")
    assert f'href="{PUBLIC}{progress}"' in feed  # the feed's own link
    assert f'href="{PUBLIC}{progress}feed/"' in feed  # rel="self"
    assert f"<id>{PUBLIC}{progress}</id>" in feed
    document = json.loads(html(progress + "offene-daten/massnahmen-json/", client))
    assert document["dokumentation"] == PUBLIC + progress + "offene-daten/"
    assert {measure["url"] for measure in document["massnahmen"]} == {
        PUBLIC + reported["raumteiler"].url, PUBLIC + reported["lernpaten"].url
    }
