"""The concept's public pages keep their listings, counts, rendered fragments and files for
the content version (``structure.memo``) while the page cache is on. Every change that
shows must still show at once, and every request parameter must get its own result."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from concept.factories import MeasurePageFactory, StatusReportFactory
from concept.models import MeasureStatus

pytestmark = pytest.mark.django_db

# With this header the page cache renders every request (no stored page is served), so
# what is tested here is the memoised data behind the page.
MISS = {"HTTP_X_BENCH_MISS": "1"}


@pytest.fixture(autouse=True)
def page_cache():
    cache.clear()
    with override_settings(MOESSINGEN_PAGE_CACHE=True, MOESSINGEN_PAGE_CACHE_BYPASS_HEADER="HTTP_X_BENCH_MISS"):
        yield
    cache.clear()


@pytest.fixture
def tree(concept_tree):
    from wagtail.models import Site

    from moessingen_site.models import SiteSettings

    # Created on the first request otherwise, which counts as a change.
    SiteSettings.for_site(Site.objects.get())
    StatusReportFactory(measure=concept_tree["raumteiler"], status=MeasureStatus.PLANNED,
                        date=datetime.date(2020, 1, 28), note="Erste Meldung.", published=True)
    return concept_tree


def get(url):
    response = Client().get(url, **MISS)
    assert response.status_code == 200, url
    return response.content.decode()


def urls(tree):
    progress = tree["progress"].url
    return [
        "/",
        tree["concept"].url,
        tree["wohnen"].url,
        tree["raumteiler"].url,
        progress,
        progress + "feed/",
        progress + "feed/wohnen/",
        progress + "offene-daten/massnahmen-csv/",
        progress + "offene-daten/statusmeldungen-csv/",
        progress + "offene-daten/massnahmen-json/",
    ]


def test_a_second_render_reads_the_memoised_data(tree):
    for url in urls(tree):
        get(url)
        with CaptureQueriesContext(connection) as captured:
            get(url)
        # The page itself and, for pages with editable relations, one more (goals).
        assert len(captured.captured_queries) <= 2, (url, [q["sql"] for q in captured.captured_queries])


def test_a_published_status_report_shows_everywhere_at_once(tree):
    before = {url: get(url) for url in urls(tree)}
    StatusReportFactory(measure=tree["raumteiler"], status=MeasureStatus.DONE, date=datetime.date(2024, 5, 2),
                        note="Ziel erreicht.", published=True)
    after = {url: get(url) for url in urls(tree)}
    for url in urls(tree):
        assert after[url] != before[url], url
    assert "Ziel erreicht." in after[tree["raumteiler"].url]
    assert "Ziel erreicht." in after[tree["progress"].url + "feed/"]
    assert "Ziel erreicht." in after[tree["progress"].url + "offene-daten/massnahmen-json/"]


def test_a_new_measure_shows_in_every_listing(tree):
    progress = tree["progress"].url
    for url in ("/", tree["concept"].url, tree["bildung"].url, progress, progress + "offene-daten/massnahmen-csv/"):
        get(url)
    MeasurePageFactory(parent=tree["bildung"], title="Lernpaten")
    assert "Lernpaten" in get(tree["bildung"].url)
    assert "Lernpaten" in get(progress)
    assert "Lernpaten" in get(progress + "offene-daten/massnahmen-csv/")
    assert get(tree["concept"].url).count('field-card__count">1 Maßnahme</p>') == 2
    assert "Es enthält 2 Maßnahmen." in get("/")


def test_every_filter_sort_and_page_has_its_own_list(tree):
    for i in range(25):
        MeasurePageFactory(parent=tree["bildung"], title=f"Weitere {i:02d}")
    progress = tree["progress"].url
    listing = {}
    for query in ("", "?seite=2", "?handlungsfeld=wohnen", "?sortierung=titel", "?sortierung=titel&seite=2"):
        html = get(progress + query)
        listing[query] = html.split('id="alle-massnahmen"')[1].split('id="verlauf"')[0]
    assert len(set(listing.values())) == len(listing)
    assert ">Raumteiler</a>" in listing["?handlungsfeld=wohnen"]
    assert ">Weitere 00</a>" not in listing["?handlungsfeld=wohnen"]
    assert "Seite 2 von 2" in listing["?seite=2"]


def test_the_chart_follows_the_date(tree, monkeypatch):
    from concept import progress

    progress_url = tree["progress"].url
    today = datetime.date(2024, 2, 10)
    monkeypatch.setattr(progress.timezone, "localdate", lambda: today)
    assert "(10.02.2024)" in get(progress_url)
    today = datetime.date(2024, 2, 11)
    assert "(11.02.2024)" in get(progress_url)


def test_a_preview_shows_its_own_goals_and_leaks_nothing(tree):
    from concept.models import FieldOfActionPage, Goal

    field = FieldOfActionPage.objects.get(pk=tree["wohnen"].pk)
    Goal.objects.create(field_of_action=field, title="Veröffentlichtes Ziel")
    assert "Veröffentlichtes Ziel" in get(field.url)

    draft = FieldOfActionPage.objects.get(pk=field.pk)
    draft.goals = [Goal(title="Ziel im Entwurf")]
    preview = draft.make_preview_request()
    preview.render()
    assert "Ziel im Entwurf" in preview.content.decode()
    public = get(field.url)
    assert "Veröffentlichtes Ziel" in public and "Ziel im Entwurf" not in public
