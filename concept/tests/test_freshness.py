"""With the page and fragment caches on, as in production, every change shows on the next
request – above all a measure's status, which is stored on the measure and refreshed from
its reports – and every request parameter gets its own result."""

import datetime
import re

import pytest
from django.test import Client
from wagtail.models import Site

from concept import reports
from concept.factories import MeasurePageFactory, StatusReportFactory
from concept.pages import FieldOfActionPage, Goal, MeasurePage
from concept.reports import StatusReport
from concept.status import MeasureStatus
from moessingen_site.models import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(concept_tree):
    # Created on the first request otherwise, which counts as a change.
    SiteSettings.for_site(Site.objects.get())
    StatusReportFactory(measure=concept_tree["raumteiler"], status=MeasureStatus.PLANNED,
                        date=datetime.date(2020, 1, 28), note="Erste Meldung.", published=True)
    return concept_tree


def get(url):
    response = Client().get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def current_status(tree):
    """The status the measure page's status box and the field's list show."""
    measure_page = get(tree["raumteiler"].url)
    box = re.search(r'class="status-box__current">(.*?)</p>', measure_page, re.S).group(1)
    field_page = get(tree["wohnen"].url)
    listing = field_page.split('class="measure-list"')[1].split("</ul>")[0]
    return re.findall(r"status--(\w+)", box), re.findall(r"status--(\w+)", listing)


@pytest.fixture
def done(tree):
    """Raumteiler "umgesetzt" by its newest report, both pages stored with that status."""
    report = StatusReportFactory(measure=tree["raumteiler"], status=MeasureStatus.DONE,
                                 date=datetime.date(2023, 5, 2), note="Ziel erreicht.", published=True)
    assert current_status(tree) == (["umgesetzt"], ["umgesetzt"])
    return report


@pytest.mark.parametrize("change", ["publish", "unpublish", "delete"])
def test_a_request_while_a_report_changes_never_keeps_the_old_status(
    tree, done, change, monkeypatch, django_capture_on_commit_callbacks
):
    """A visitor's request between the report's change (the cache's signal handlers have
    made the content version new) and the refresh of the measure's stored status renders
    the old status. It must not stay stored under the version the change leaves behind."""
    refresh = reports.refresh_measure_status

    def refresh_after_a_visit(measure_id):
        assert current_status(tree)  # renders, and stores, both pages now
        refresh(measure_id)

    monkeypatch.setattr(reports, "refresh_measure_status", refresh_after_a_visit)
    with django_capture_on_commit_callbacks(execute=True):
        if change == "publish":
            StatusReportFactory(measure=tree["raumteiler"], status=MeasureStatus.IN_PROGRESS,
                                date=datetime.date(2024, 1, 10), published=True)
        elif change == "unpublish":
            StatusReport.objects.get(pk=done.pk).unpublish()
        else:
            StatusReport.objects.get(pk=done.pk).delete()
    expected = "in_umsetzung" if change == "publish" else "geplant"
    assert current_status(tree) == ([expected], [expected])


def urls(tree):
    progress = tree["progress"].url
    return [
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
    for url in (tree["concept"].url, tree["bildung"].url, progress, progress + "offene-daten/massnahmen-csv/"):
        get(url)
    MeasurePageFactory(parent=tree["bildung"], title="Lernpaten")
    assert "Lernpaten" in get(tree["bildung"].url)
    assert "Lernpaten" in get(progress)
    assert "Lernpaten" in get(progress + "offene-daten/massnahmen-csv/")
    assert get(tree["concept"].url).count('field-card__count">1 Maßnahme</p>') == 2


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
    # Another address (a page-cache miss) with the same chart fragment: not yesterday's.
    assert "(11.02.2024)" in get(progress_url + "?seite=1")


def test_a_preview_shows_its_own_goals_and_leaks_nothing(tree):
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


def test_a_preview_never_reads_a_stored_fragment(tree):
    """The field's list of measures is kept as a fragment; a preview renders it anew."""
    field = FieldOfActionPage.objects.get(pk=tree["wohnen"].pk)
    assert ">Raumteiler</a>" in get(field.url)
    # Changed without any signal: the stored fragment (and page) still have the old title.
    MeasurePage.objects.filter(pk=tree["raumteiler"].pk).update(title="Raumteiler neu")
    preview = FieldOfActionPage.objects.get(pk=field.pk).make_preview_request()
    preview.render()
    assert ">Raumteiler neu</a>" in preview.content.decode()
