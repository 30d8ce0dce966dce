"""A measure's facts are the same in every language: the status and history of the German
page, shown on its translations at once, with no sync step."""

import pytest

from concept.factories import StatusReportFactory
from concept.status import MeasureStatus
from moessingen_site.tests.test_languages import translate


@pytest.mark.django_db
def test_an_approved_report_shows_on_the_german_and_the_arabic_page_and_feeds(client, concept_tree):
    raumteiler = concept_tree["raumteiler"]
    translate(raumteiler, "ar", title="رومتايلر")
    translate(concept_tree["progress"], "ar", title="حالة التنفيذ")
    before = client.get("/ar/integrationskonzept/wohnen/raumteiler/").content.decode()
    assert "رومتايلر" in before and 'class="status status--umgesetzt"' not in before

    StatusReportFactory(
        measure=raumteiler, status=MeasureStatus.DONE, note="Beispielbegründung für Arabisch", published=True
    )
    for url in ("/integrationskonzept/wohnen/raumteiler/", "/ar/integrationskonzept/wohnen/raumteiler/"):
        html = client.get(url).content.decode()
        assert "Beispielbegründung für Arabisch" in html, url
        assert 'class="status status--umgesetzt"' in html, url
    for feed in ("/integrationskonzept/umsetzungsstand/feed/", "/ar/integrationskonzept/umsetzungsstand/feed/"):
        response = client.get(feed)
        assert response.status_code == 200 and "Beispielbegründung für Arabisch" in response.content.decode(), feed


@pytest.mark.django_db
def test_translations_do_not_count_twice(client, concept_tree):
    """The overview counts each measure once, in every language."""
    translate(concept_tree["raumteiler"], "uk", title="Раумтайлер")
    translate(concept_tree["progress"], "uk", title="Стан виконання")
    german = client.get("/integrationskonzept/umsetzungsstand/").content.decode()
    ukrainian = client.get("/uk/integrationskonzept/umsetzungsstand/").content.decode()
    assert german.count("raumteiler/") == ukrainian.count("raumteiler/") >= 1
