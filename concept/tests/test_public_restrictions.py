"""Nothing restricted reaches the public (issue 13): a page behind a login or a password,
a private document, a draft – its title and address appear in no public listing, feed,
export or sitemap, however they are linked (a status report naming a restricted meeting,
a measure or article behind a login, a committee's minutes in a private collection).

One tree holds a restricted twin of everything public; the test walks every public
place and looks for the secret titles and addresses.
"""

import datetime

import pytest
import wagtail_factories
from django.test import Client
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from committee.factories import CommitteePageFactory, MembershipFactory
from concept.factories import (
    ConceptPageFactory,
    FieldOfActionPageFactory,
    MeasurePageFactory,
    ProgressPageFactory,
    StatusReportFactory,
)
from concept.status import MeasureStatus
from events.factories import EventCategoryFactory, EventIndexPageFactory, EventPageFactory
from news.factories import NewsArticlePageFactory, NewsIndexPageFactory

SECRETS = [
    "Geschlossene Gremiumssitzung",  # a meeting behind a login, named by a published report
    "Passwortsitzung",  # a meeting behind a password, named by another report
    "Entwurfssitzung",  # a meeting that is a draft
    "Geheime Massnahme",  # a measure behind a login
    "Interne Nachricht",  # a news article behind a login
    "Internes Protokoll",  # the minutes of a public meeting, in a private collection
]


def restrict(page, kind="login"):
    if kind == "password":
        return PageViewRestriction.objects.create(page=page, restriction_type="password", password="geheim123")
    return PageViewRestriction.objects.create(page=page, restriction_type="login")


@pytest.fixture
def site(home_page):
    concept = ConceptPageFactory(parent=home_page)
    wohnen = FieldOfActionPageFactory(parent=concept, title="Wohnen", slug="wohnen")
    raumteiler = MeasurePageFactory(parent=wohnen, title="Raumteiler", slug="raumteiler")
    secret_measure = MeasurePageFactory(parent=wohnen, title="Geheime Massnahme", slug="geheime-massnahme")
    restrict(secret_measure)
    progress = ProgressPageFactory(parent=concept)

    calendar = EventIndexPageFactory(parent=home_page)
    category = EventCategoryFactory(slug="sitzung-begleitgremium", name="Sitzung Begleitgremium")
    past = timezone.now().replace(microsecond=0) - datetime.timedelta(days=30)

    def meeting(title, slug, **kwargs):
        return EventPageFactory(
            parent=calendar, title=title, slug=slug, category=category, start=past,
            end=past + datetime.timedelta(hours=2), **kwargs
        )

    private = Collection.get_first_root_node().add_child(name="Intern")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    internal_minutes = wagtail_factories.DocumentFactory(title="Internes Protokoll", collection=private)
    open_meeting = meeting("Offene Gremiumssitzung", "offene-sitzung", minutes=internal_minutes)
    closed = meeting("Geschlossene Gremiumssitzung", "geschlossene-sitzung")
    restrict(closed)
    protected = meeting("Passwortsitzung", "passwortsitzung")
    restrict(protected, "password")
    draft = meeting("Entwurfssitzung", "entwurfssitzung", live=False)

    for day, event in enumerate([open_meeting, closed, protected, draft], start=1):
        StatusReportFactory(
            measure=raumteiler, status=MeasureStatus.IN_PROGRESS, date=datetime.date(2024, 1, day),
            note=f"Beispiel {day}", meeting=event, published=True,
        )
    StatusReportFactory(measure=secret_measure, date=datetime.date(2024, 2, 1), published=True)

    committee = CommitteePageFactory(parent=home_page, slug="begleitgremium", meeting_category=category)
    MembershipFactory(page=committee)

    news = NewsIndexPageFactory(parent=home_page)
    NewsArticlePageFactory(parent=news, title="Offene Nachricht", slug="offene-nachricht")
    # A public article linking the internal minutes through a document block.
    with_document = NewsArticlePageFactory(parent=news, title="Nachricht mit Dokument", slug="nachricht-mit-dokument")
    with_document.body = [("document", {"document": internal_minutes, "title": ""})]
    with_document.save_revision().publish()
    restrict(NewsArticlePageFactory(parent=news, title="Interne Nachricht", slug="interne-nachricht"))
    return {
        "progress": progress, "open_meeting": open_meeting, "with_document": with_document, "raumteiler": raumteiler, "wohnen": wohnen, "committee": committee, "news": news,
        "secret_urls": [closed.url, protected.url, draft.url, secret_measure.url, internal_minutes.url,
                        "/aktuelles/interne-nachricht/"],
    }


def public_places(site):
    progress = site["progress"].url
    return {
        "measure page": site["raumteiler"].url,
        "field page": site["wohnen"].url,
        "home summary": "/",
        "progress page": progress,
        "progress page, filtered": progress + "?status=in_umsetzung",
        "feed": progress + "feed/",
        "field feed": progress + "feed/wohnen/",
        "measures CSV": progress + "offene-daten/massnahmen-csv/",
        "reports CSV": progress + "offene-daten/statusmeldungen-csv/",
        "JSON": progress + "offene-daten/massnahmen-json/",
        "open data page": progress + "offene-daten/",
        "committee page": site["committee"].url,
        "news list": site["news"].url,
        "the public meeting": site["open_meeting"].url,
        "an article with a document block": site["with_document"].url,
        "sitemap": "/sitemap.xml",
        "search (meeting)": "/suche/?q=Gremiumssitzung",
        "search (measure)": "/suche/?q=Massnahme",
        "search (news)": "/suche/?q=Nachricht",
    }


@pytest.mark.django_db
def test_no_public_place_names_a_restricted_page_or_document(site):
    client = Client()
    leaks = []
    for place, url in public_places(site).items():
        response = client.get(url)
        assert response.status_code == 200, (place, url, response.status_code)
        text = response.content.decode("utf-8-sig")
        leaks += [f"{place}: {secret}" for secret in SECRETS if secret in text]
        leaks += [f"{place}: {secret_url}" for secret_url in site["secret_urls"] if secret_url in text]
    assert leaks == []


@pytest.mark.django_db
def test_the_public_places_still_name_what_is_public(site):
    """The walk above looks at real content: the public meeting, measure, article and the
    places that name them."""
    client = Client()
    progress = site["progress"].url
    assert "Offene Gremiumssitzung" in client.get(site["raumteiler"].url).content.decode()
    assert "Offene Gremiumssitzung" in client.get(progress + "feed/").content.decode()
    assert "Offene Gremiumssitzung" in client.get(progress + "offene-daten/statusmeldungen-csv/").content.decode("utf-8-sig")
    assert "Offene Gremiumssitzung" in client.get(progress + "offene-daten/massnahmen-json/").content.decode()
    assert "Offene Gremiumssitzung" in client.get(site["committee"].url).content.decode()
    assert "Raumteiler" in client.get(progress).content.decode()
    assert "Offene Nachricht" in client.get(site["news"].url).content.decode()


@pytest.mark.django_db
def test_public_minutes_are_still_linked(site):
    """Only the private collection hides the minutes; in the public root they are listed."""
    from wagtail.documents import get_document_model

    get_document_model().objects.filter(title="Internes Protokoll").update(
        collection=Collection.get_first_root_node()
    )
    html = Client().get(site["committee"].url).content.decode()
    assert "Protokoll: Internes Protokoll" in html
